// HL7 v2 throughput (msgs/s and MB/s per core) on a typical ADT^A01 (~1 KB, 9 segments) and a
// small one (~230 B, 4 segments), against a bare `text.split(/\r\n|\r|\n/).map((s) =>
// s.split("|"))` of the same bytes in the same run: the parse alone, and the whole
// `health.hl7v2` decode (parse, mapping, canonical validation, provenance). The real typical
// ADT carries no notifiable diagnosis (decode files it as not reportable); the "case" variant
// is the same message with DG1-3 a typhoid diagnosis (A01.0), so decode builds an incident.
// Run: pnpm exec tsx --conditions=@eix/source bench/hl7-decode.mjs
import { readFileSync } from "node:fs";
import { healthHl7v2Adapter, parseHl7, serializeHl7 } from "@eix/adapters";
import { machineLine, median, opsPerSecond, RUN_MS, RUNS } from "./measure.mjs";

const corpus = (name) => new Uint8Array(readFileSync(new URL(`../test/corpus/hl7v2/${name}`, import.meta.url)));

// Typical: a real ADT^A01 with PID, PD1, NK1, PV1, PV2, DG1, IN1 (repetitions, components).
// Small: a real ADT^A01 with only EVN, PID, PV1.
const typical = corpus("rethink-adt-a01-full.hl7");
const typicalCase = new TextEncoder().encode(
  new TextDecoder()
    .decode(typical)
    .replace("DG1|1||R07.9^Chest pain, unspecified^ICD10|||A", "DG1|1||A01.0^Typhoid fever^I10|||A"),
);
const inputs = {
  "typical ADT^A01": typical,
  "typical ADT^A01, notifiable case": typicalCase,
  "small ADT^A01": corpus("rethink-adt-a01-basic.hl7"),
};
const ctx = {
  sender: { unitId: "HOSP-A", name: "Hospital A", department: "health", level: "municipal", regionCode: "330100" },
  hubId: "eix-hub-330000",
};
for (const [name, bytes] of Object.entries(inputs)) {
  const result = parseHl7(bytes);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  const decoded = healthHl7v2Adapter.decode(bytes, ctx);
  if (!decoded.ok) throw new Error(`${name}: ${decoded.error.code} ${decoded.error.message}`);
  if (name.includes("case") !== (decoded.messages.length === 1)) throw new Error(`${name}: ${decoded.messages.length} messages`);
}

const decoder = new TextDecoder();

console.log(machineLine());
console.log(`${RUNS} runs of ${RUN_MS} ms; medians; aim: the whole decode >= 20,000 msgs/s per core for a typical ADT\n`);
for (const [name, bytes] of Object.entries(inputs)) {
  const parsed = parseHl7(bytes);
  const message = parsed.ok ? parsed.messages[0] : undefined;
  const cases = {
    "bare split (decode + split)": () =>
      decoder
        .decode(bytes)
        .split(/\r\n|\r|\n/)
        .map((s) => s.split("|")).length > 0,
    "parseHl7 (charset, escapes, checks)": () => parseHl7(bytes).ok,
    "serializeHl7 (of the parsed message)": () => serializeHl7(message).length > 0,
    "health.hl7v2 decode (whole)": () => healthHl7v2Adapter.decode(bytes, ctx).ok,
  };
  for (const fn of Object.values(cases)) opsPerSecond(fn);
  const results = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let run = 0; run < RUNS; run++) for (const [k, fn] of Object.entries(cases)) results[k].push(opsPerSecond(fn));
  const baseline = median(results["bare split (decode + split)"]);
  console.log(`${name}: ${bytes.byteLength} B, ${message.segments.length} segments`);
  for (const [k, xs] of Object.entries(results)) {
    const m = median(xs);
    const mbs = (m * bytes.byteLength) / 1024 / 1024;
    console.log(
      `  ${k.padEnd(38)} ${Math.round(m).toLocaleString("en-US").padStart(9)} msgs/s ${mbs.toFixed(1).padStart(7)} MB/s  ${(baseline / m).toFixed(2)}x the bare split's time`,
    );
  }
}
