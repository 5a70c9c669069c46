// weather.cap decode throughput (msgs/s and MB/s per core) on a small (~2 KB) and a large
// (~140 KB) CAP message, against a bare fast-xml-parser parse of the same bytes in the same run.
// Run: pnpm exec tsx --conditions=@eix/source bench/cap-decode.mjs
import { readFileSync } from "node:fs";
import { createRegistry, parseXml } from "@eix/adapters";
import { XMLParser } from "fast-xml-parser";
import { machineLine, median, opsPerSecond, RUN_MS, RUNS } from "./measure.mjs";

const corpus = (name) => readFileSync(new URL(`../test/corpus/cap/${name}`, import.meta.url));

const adapter = createRegistry().get("weather.cap");
const sender = {
  unitId: "US-NWS-FEED",
  name: "Foreign CAP feed",
  department: "weather",
  level: "national",
  regionCode: "110000",
};
const ctx = { sender };

// Small: a real 1.8 KB alert with a polygon. Large: the same alert with its polygon repeated
// until ~140 KB, the size of a warning that lists every township outline of a province.
const small = new Uint8Array(corpus("google-thunderstorm.cap"));
const smallText = new TextDecoder().decode(small);
const polygonStart = smallText.indexOf("<polygon>");
const polygonEnd = smallText.indexOf("</polygon>") + "</polygon>".length;
const polygon = `\n      ${smallText.slice(polygonStart, polygonEnd)}`;
const copies = Math.ceil((140 * 1024 - smallText.length) / polygon.length);
const large = new TextEncoder().encode(smallText.slice(0, polygonEnd) + polygon.repeat(copies) + smallText.slice(polygonEnd));

for (const [name, bytes] of [
  ["small", small],
  ["large", large],
]) {
  const result = adapter.decode(bytes, ctx);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
}

const bare = new XMLParser({ ignoreAttributes: false });
const decoder = new TextDecoder();

console.log(machineLine());
console.log(
  `fast-xml-parser ${JSON.parse(readFileSync(new URL("../node_modules/fast-xml-parser/package.json", import.meta.url), "utf8")).version}; ${RUNS} runs of ${RUN_MS} ms; medians\n`,
);
for (const [name, bytes] of [
  ["small", small],
  ["large", large],
]) {
  const cases = {
    "bare fast-xml-parser parse": () => bare.parse(decoder.decode(bytes)) !== undefined,
    "kit parseXml (hardened, no mapping)": () => parseXml(decoder.decode(bytes)).ok,
    "weather.cap decode (+ validation)": () => adapter.decode(bytes, ctx).ok,
  };
  for (const fn of Object.values(cases)) opsPerSecond(fn);
  const results = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let run = 0; run < RUNS; run++) for (const [k, fn] of Object.entries(cases)) results[k].push(opsPerSecond(fn));
  const baseline = median(results["bare fast-xml-parser parse"]);
  const hardened = median(results["kit parseXml (hardened, no mapping)"]);
  console.log(`${name}: ${(bytes.byteLength / 1024).toFixed(1)} KB`);
  for (const [k, xs] of Object.entries(results)) {
    const m = median(xs);
    const mbs = (m * bytes.byteLength) / 1024 / 1024;
    console.log(
      `  ${k.padEnd(36)} ${Math.round(m).toLocaleString("en-US").padStart(8)} msgs/s ${mbs.toFixed(1).padStart(7)} MB/s  ${(baseline / m).toFixed(2)}x the bare parse's time`,
    );
  }
  const decode = median(results["weather.cap decode (+ validation)"]);
  console.log(`  mapping + validation add ${((hardened / decode - 1) * 100).toFixed(0)}% to the hardened parse`);
}
