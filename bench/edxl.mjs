// national.edxl and national.batch throughput (msgs/s and MB/s per core), each against a baseline
// measured in the same run. Decode: the corpus's EDXL-DE 1.0 bushfire distribution (seven CAP
// alerts, 26 KB) and EIX's synthetic DE 2.0 files (an incident as canonical JSON with size and
// digest, a GB18030 12379 warning as CAP, a directive in SAMU-Hub's JSON form), against a bare
// fast-xml-parser parse of the same bytes (the JSON form: TextDecoder + JSON.parse), the kit's
// charset + hardened parse alone (`readXmlBytes`), and for canonical JSON content JSON.parse +
// validate of the carried envelope (the content's cost floor). Encode: an incident and a warning
// example to DE 2.0 XML, against JSON.stringify of the envelope (and weather.cap encode, for the
// warning's CAP). Batch: encodeBatch / decodeBatch of 1,000 envelopes built from the valid
// examples, as bench/batch.mjs, against JSON.stringify / JSON.parse of the same envelopes.
// MB/s are of each case's own input (decode) or output (encode) bytes.
// Run: pnpm exec tsx --conditions=@eix/source bench/edxl.mjs
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import {
  decodeBatch,
  encodeBatch,
  nationalBatchAdapter,
  nationalEdxlAdapter,
  readXmlBytes,
  weatherCapAdapter,
} from "@eix/adapters";
import { validate } from "@eix/schema";
import { XMLParser } from "fast-xml-parser";
import { machineLine, median, opsPerSecond, RUN_MS, RUNS } from "./measure.mjs";

const ENVELOPES = 1000;

const corpus = (name) => new Uint8Array(readFileSync(new URL(`../test/corpus/edxl/${name}`, import.meta.url)));
const validDir = new URL("../packages/schema/examples/valid/", import.meta.url);
const example = (name) => JSON.parse(readFileSync(new URL(name, validDir), "utf8"));
const utf8 = (text) => Buffer.byteLength(text);

// The context test/conformance/cases.ts passes for DE 1.0 with CAP (no EIX sender roles inside);
// the synthetic files name their sender, and decode the same with or without it.
const relayedFeed = {
  sender: {
    unitId: "FOREIGN-EDXL-FEED",
    name: "境外应急信息接收",
    department: "emergency-office",
    level: "national",
    regionCode: "110000",
  },
};

const bare = new XMLParser({ ignoreAttributes: false });
const utf8Decoder = new TextDecoder();
const gbDecoder = new TextDecoder("gb18030");

function decodeGroup(label, file, messages, { decoder = utf8Decoder, json = false, carried } = {}) {
  const bytes = corpus(file);
  const check = nationalEdxlAdapter.decode(bytes, relayedFeed);
  if (!check.ok) throw new Error(`${file}: ${check.error.code} ${check.error.message}`);
  if (check.messages.length !== messages) throw new Error(`${file}: ${check.messages.length} messages`);
  const cases = json
    ? { "bare TextDecoder + JSON.parse": [bytes.byteLength, () => JSON.parse(decoder.decode(bytes)) !== undefined] }
    : {
        "bare fast-xml-parser parse": [bytes.byteLength, () => bare.parse(decoder.decode(bytes)) !== undefined],
        "kit readXmlBytes (charset, hardened)": [bytes.byteLength, () => readXmlBytes(bytes).ok],
      };
  if (carried) cases["carried envelope: JSON.parse + validate"] = [utf8(carried), () => validate(JSON.parse(carried)).valid];
  cases["national.edxl decode (whole)"] = [bytes.byteLength, () => nationalEdxlAdapter.decode(bytes, relayedFeed).ok];
  return { title: `${label}: ${bytes.byteLength.toLocaleString("en-US")} B, ${messages} message(s)`, cases, unit: "msgs/s" };
}

// The incident's content: canonical JSON, base64 in <contentData>. The directive's: customContent.
const incidentXml = utf8Decoder.decode(corpus("eix-synthetic-incident-2.0.xml"));
const incidentContent = Buffer.from(/<contentData>([^<]*)</.exec(incidentXml)[1], "base64").toString("utf8");
const directiveJson = JSON.parse(utf8Decoder.decode(corpus("eix-synthetic-directive-2.0.json")));
const directiveContent = JSON.stringify(directiveJson.content[0].jsonContent.embeddedJsonContent.message.customContent);

function encodeGroup(label, name) {
  const envelope = example(name);
  const xml = nationalEdxlAdapter.encode(envelope);
  const cases = {
    "JSON.stringify (baseline)": [utf8(JSON.stringify(envelope)), () => JSON.stringify(envelope).length > 0],
  };
  if (envelope.kind === "warning") {
    const cap = weatherCapAdapter.encode(envelope);
    cases["weather.cap encode (CAP 1.2)"] = [cap.byteLength, () => weatherCapAdapter.encode(envelope).byteLength > 0];
  }
  cases["national.edxl encode (XML)"] = [xml.byteLength, () => nationalEdxlAdapter.encode(envelope).byteLength > 0];
  const jsonForm = nationalEdxlAdapter.encode(envelope, { options: { form: "json" } });
  cases["national.edxl encode (JSON form)"] = [
    jsonForm.byteLength,
    () => nationalEdxlAdapter.encode(envelope, { options: { form: "json" } }).byteLength > 0,
  ];
  return { title: `${label}: ${name}`, cases, unit: "msgs/s" };
}

// 1,000 envelopes, every valid example in turn (as bench/batch.mjs, which exports no helper).
const examples = readdirSync(validDir)
  .filter((name) => name.endsWith(".json") && !name.endsWith(".expected.json"))
  .sort()
  .map(example);
const envelopes = Array.from({ length: ENVELOPES }, (_, i) => structuredClone(examples[i % examples.length]));
const batchOptions = { hubId: "eix-hub-330000", batchId: "bench", now: () => new Date("2026-11-22T08:00:00Z") };
const batch = encodeBatch(envelopes, batchOptions);
const jsonText = JSON.stringify(envelopes);
const batchCtx = { hubId: "eix-hub-110000" };
{
  const result = nationalBatchAdapter.decode(batch, batchCtx);
  if (!result.ok || result.messages.length !== ENVELOPES)
    throw new Error(`batch: ${result.error?.code ?? result.messages.length}`);
}

const groups = [
  decodeGroup("decode DE 1.0 bushfire, 7 CAP alerts", "google-bushfire_valid.edxlde", 7),
  decodeGroup("decode DE 2.0 incident, canonical JSON + digest", "eix-synthetic-incident-2.0.xml", 1, {
    carried: incidentContent,
  }),
  decodeGroup("decode DE 2.0 12379 warning, GB18030, CAP", "eix-synthetic-12379-gale-gb18030-2.0.xml", 1, {
    decoder: gbDecoder,
  }),
  decodeGroup("decode DE 2.0 directive, JSON form", "eix-synthetic-directive-2.0.json", 1, {
    json: true,
    carried: directiveContent,
  }),
  encodeGroup("encode incident", "incident-110-fire-initial.json"),
  encodeGroup("encode warning", "warning-12379-gale-blue-henan.json"),
  {
    title: `batch encode: ${ENVELOPES} envelopes, batch ${batch.byteLength.toLocaleString("en-US")} B, JSON ${utf8(jsonText).toLocaleString("en-US")} B`,
    unit: "envelopes/s",
    cases: {
      "JSON.stringify (baseline)": [utf8(jsonText), () => JSON.stringify(envelopes).length > 0],
      encodeBatch: [batch.byteLength, () => encodeBatch(envelopes, batchOptions).byteLength > 0],
    },
  },
  {
    title: `batch decode: ${ENVELOPES} envelopes`,
    unit: "envelopes/s",
    cases: {
      "JSON.parse (baseline)": [utf8(jsonText), () => JSON.parse(jsonText).length > 0],
      decodeBatch: [batch.byteLength, () => decodeBatch(batch).ok],
      "national.batch decode (+ validation)": [batch.byteLength, () => nationalBatchAdapter.decode(batch, batchCtx).ok],
    },
  },
];

console.log(machineLine());
const fxp = JSON.parse(readFileSync(new URL("../node_modules/fast-xml-parser/package.json", import.meta.url), "utf8")).version;
console.log(
  `fast-xml-parser ${fxp}; ${RUNS} runs of ${RUN_MS} ms, interleaved per group; medians; ratios against each group's first case\n`,
);
for (const { title, cases, unit } of groups) {
  const entries = Object.entries(cases);
  for (const [, [, fn]] of entries) opsPerSecond(fn);
  const results = Object.fromEntries(entries.map(([k]) => [k, []]));
  for (let run = 0; run < RUNS; run++) for (const [k, [, fn]] of entries) results[k].push(opsPerSecond(fn));
  const baseline = median(results[entries[0][0]]);
  const scale = unit === "envelopes/s" ? ENVELOPES : 1;
  console.log(title);
  for (const [k, [bytes]] of entries) {
    const m = median(results[k]);
    console.log(
      `  ${k.padEnd(40)} ${Math.round(m * scale)
        .toLocaleString("en-US")
        .padStart(
          9,
        )} ${unit.padEnd(11)} ${((m * bytes) / 1024 / 1024).toFixed(1).padStart(6)} MB/s  ${(baseline / m).toFixed(2)}x the baseline's time`,
    );
  }
}
console.log(
  `load at the end ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
