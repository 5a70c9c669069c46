// 110 dispatch record throughput (records/s per core) for a CSV and an XML export of 500
// records each, UTF-8 and GB18030, against a bare parse of the same bytes in the same run:
// `TextDecoder` + `split` for CSV, fast-xml-parser's XMLParser for XML. Measured: the record
// reader alone (charset, shape, RFC 4180 / hardened XML) and the whole `public-security.cad110`
// decode (mapping, masking, coordinates, canonical validation). The records repeat the corpus
// fixtures with fresh record numbers: a fire with GCJ-02 coordinates and free text to mask.
// "mixed" is 1 reportable record in 4 (the rest thefts and complaints, as a real CAD day is).
// Run: pnpm exec tsx --conditions=@eix/source bench/cad110.mjs
import { createRequire } from "node:module";
import { encodeCad110Batch, publicSecurityCad110Adapter, readCad110Records } from "@eix/adapters";
import { machineLine, median, opsPerSecond, RUN_MS, RUNS } from "./measure.mjs";

// iconv-lite and fast-xml-parser are dependencies of the adapters package, not of the root.
const require = createRequire(new URL("../packages/adapters/package.json", import.meta.url));
const iconv = require("iconv-lite");
const { XMLParser } = require("fast-xml-parser");

const RECORDS = 500;

const fire = {
  XZQHBH: "330106",
  JJDWBH: "330106110000",
  JJDWMC: "杭州市公安局西湖区分局110指挥中心",
  JJYBH: "J0317",
  JJYXM: "陈晓燕",
  BJSJ: "2026-03-14 21:05:33",
  JJSJ: "2026-03-14 21:05:48",
  BJDH: "13957112345",
  BJRXM: "王建国",
  BJRXB: "1",
  LXDH: "13957112345",
  SFDZ: "西湖区文三路某小区7幢2单元",
  BJNR: "报警人王建国称：7幢2单元5楼一户人家厨房起火，浓烟很大，楼上有老人被困，请速派消防。回拨电话13957112345，身份证330106198807150031。",
  BJLB: "40",
  BJLX: "400100",
  ZDDWXZB: "120.1306",
  ZDDWYZB: "30.2792",
  YWBKRY: "1",
  BKRS: "2",
  SSRS: "1",
  SWRS: "0",
  JQJB: "2",
  AFSJ: "2026-03-14 21:00:00",
  AJZT: "01",
};
const ordinary = (n) => ({
  ...fire,
  BJLB: n % 2 ? "10" : "95",
  BJLX: n % 2 ? "100100" : "950100",
  BJNR: "电动车电瓶被盗，价值约800元。",
});
const recordsOf = (mixed) =>
  Array.from({ length: RECORDS }, (_, n) => ({
    ...(mixed && n % 4 !== 0 ? ordinary(n) : fire),
    JJDBH: `33010620260314${String(n).padStart(5, "0")}`,
  }));

// The exports as a CAD writes them: one column per field, one row (CSV line, XML <ROW>) per record.
const ctx = { options: { datum: "gcj02", personalData: "mask" } };
function exportOf(records, shape, charset) {
  const text = ["JJDBH", ...Object.keys(fire)].join(",");
  const csv = `${text}\r\n${records.map((r) => [r.JJDBH, ...Object.keys(fire).map((k) => r[k])].join(",")).join("\r\n")}\r\n`;
  if (shape === "csv") return new Uint8Array(charset === "gb18030" ? iconv.encode(csv, "gb18030") : Buffer.from(csv));
  const rows = records
    .map(
      (r) =>
        `  <ROW>\n${Object.entries(r)
          .map(([k, v]) => `    <${k}>${v}</${k}>\n`)
          .join("")}  </ROW>\n`,
    )
    .join("");
  const xml = `<?xml version="1.0" encoding="${charset === "gb18030" ? "GB18030" : "UTF-8"}"?>\n<BF_110>\n${rows}</BF_110>\n`;
  return new Uint8Array(charset === "gb18030" ? iconv.encode(xml, "gb18030") : Buffer.from(xml));
}

const inputs = {};
for (const shape of ["csv", "xml"])
  for (const charset of ["utf-8", "gb18030"])
    for (const mixed of [false, true])
      inputs[`${shape.toUpperCase()} ${charset}${mixed ? ", mixed" : ""}`] = {
        shape,
        charset,
        mixed,
        bytes: exportOf(recordsOf(mixed), shape, charset),
      };

for (const [name, { bytes, mixed }] of Object.entries(inputs)) {
  const result = publicSecurityCad110Adapter.decode(bytes, ctx);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  if (result.messages.length !== (mixed ? RECORDS / 4 : RECORDS)) throw new Error(`${name}: ${result.messages.length} messages`);
  if (JSON.stringify(result.messages).includes("王建国")) throw new Error(`${name}: unmasked name`);
}
// The encoder is exercised once so the figures below describe a working round trip.
encodeCad110Batch(publicSecurityCad110Adapter.decode(inputs["CSV utf-8"].bytes, ctx).messages.slice(0, 2), { shape: "xml" });

const xmlParser = new XMLParser();

console.log(machineLine());
console.log(`${RUNS} runs of ${RUN_MS} ms; medians; ${RECORDS} records per payload; records/s per core\n`);
for (const [name, { shape, charset, bytes }] of Object.entries(inputs)) {
  const decoder = new TextDecoder(charset);
  const cases = {
    [shape === "csv" ? "bare parse (decode + split)" : "bare parse (fast-xml-parser)"]:
      shape === "csv"
        ? () =>
            decoder
              .decode(bytes)
              .split("\r\n")
              .map((line) => line.split(",")).length > 0
        : () => xmlParser.parse(decoder.decode(bytes)) !== undefined,
    "readCad110Records (charset, shape, parse)": () => readCad110Records(bytes).ok,
    "public-security.cad110 decode (whole)": () => publicSecurityCad110Adapter.decode(bytes, ctx).ok,
  };
  for (const fn of Object.values(cases)) opsPerSecond(fn);
  const results = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let run = 0; run < RUNS; run++) for (const [k, fn] of Object.entries(cases)) results[k].push(opsPerSecond(fn));
  const baseline = median(Object.values(results)[0]);
  console.log(`${name}: ${bytes.byteLength} B`);
  for (const [k, xs] of Object.entries(results)) {
    const m = median(xs);
    const mbs = (m * bytes.byteLength) / 1024 / 1024;
    console.log(
      `  ${k.padEnd(42)} ${Math.round(m * RECORDS)
        .toLocaleString("en-US")
        .padStart(10)} records/s ${mbs.toFixed(1).padStart(6)} MB/s  ${(baseline / m).toFixed(2)}x the bare parse's time`,
    );
  }
}
