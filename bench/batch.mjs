// national.batch throughput (envelopes/s and MB/s per core) for one batch of 1,000 envelopes
// built from packages/schema/examples/valid (every example in turn), against JSON.stringify /
// JSON.parse of the same 1,000 envelopes (one JSON array) in the same run. Encode: the whole
// encodeBatch (encodeEnvelope of each, digest, Batch message, frame), and encodeEnvelope alone
// to show what the batch adds. Decode: decodeBatch (frame, protobuf, count, digest, conversion;
// no validation), the adapter's whole decode (plus validation of every envelope and a provenance
// hop), and JSON's equivalent of the latter (JSON.parse + validate each). MB/s are of each
// format's own bytes (the framed batch; the JSON text as UTF-8).
// Run: pnpm exec tsx --conditions=@eix/source bench/batch.mjs
import { readdirSync, readFileSync } from "node:fs";
// Deep import until packages/adapters/src/index.ts exports the batch adapter; then "@eix/adapters".
import { decodeBatch, encodeBatch, nationalBatchAdapter } from "@eix/adapters";
import { encodeEnvelope, tryDecodeEnvelope, validate } from "@eix/schema";
import { machineLine, median, opsPerSecond, RUN_MS, RUNS } from "./measure.mjs";

const ENVELOPES = 1000;

const validDir = new URL("../packages/schema/examples/valid/", import.meta.url);
const examples = readdirSync(validDir)
  .filter((name) => name.endsWith(".json") && !name.endsWith(".expected.json"))
  .sort()
  .map((name) => JSON.parse(readFileSync(new URL(name, validDir), "utf8")));
const envelopes = Array.from({ length: ENVELOPES }, (_, i) => structuredClone(examples[i % examples.length]));
const options = { hubId: "eix-hub-330000", batchId: "bench", now: () => new Date("2026-11-22T08:00:00Z") };
const ctx = { hubId: "eix-hub-110000" };

const batch = encodeBatch(envelopes, options);
const jsonText = JSON.stringify(envelopes);
const jsonBytes = Buffer.byteLength(jsonText);
// Plain Uint8Arrays, as decodeBatch hands each envelope to the codec (views into the batch;
// protobufjs reads a Node Buffer with another reader), and results kept, as decodeBatch keeps them.
const encodedEach = envelopes.map((envelope) => new Uint8Array(encodeEnvelope(envelope)));
{
  const result = nationalBatchAdapter.decode(batch, ctx);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  if (result.messages.length !== ENVELOPES) throw new Error(`${result.messages.length} messages`);
}

const groups = {
  encode: {
    baseline: "JSON.stringify (baseline)",
    cases: {
      "JSON.stringify (baseline)": [jsonBytes, () => JSON.stringify(envelopes).length > 0],
      "encodeEnvelope x1000 (no batch)": [batch.byteLength, () => envelopes.map(encodeEnvelope).length > 0],
      "encodeBatch (whole)": [batch.byteLength, () => encodeBatch(envelopes, options).byteLength > 0],
    },
  },
  decode: {
    baseline: "JSON.parse (baseline)",
    cases: {
      "JSON.parse (baseline)": [jsonBytes, () => JSON.parse(jsonText).length > 0],
      "JSON.parse + validate each": [jsonBytes, () => JSON.parse(jsonText).every((doc) => validate(doc).valid)],
      "tryDecodeEnvelope x1000 (no batch)": [batch.byteLength, () => encodedEach.map(tryDecodeEnvelope).length > 0],
      decodeBatch: [batch.byteLength, () => decodeBatch(batch).ok],
      "national.batch decode (whole)": [batch.byteLength, () => nationalBatchAdapter.decode(batch, ctx).ok],
    },
  },
};

console.log(machineLine());
console.log(
  `${RUNS} runs of ${RUN_MS} ms, interleaved; medians. ${ENVELOPES} envelopes from ${examples.length} examples: ` +
    `batch ${batch.byteLength.toLocaleString("en-US")} B, JSON ${jsonBytes.toLocaleString("en-US")} B\n`,
);
for (const [name, group] of Object.entries(groups)) {
  const cases = Object.entries(group.cases);
  for (const [, [, fn]] of cases) opsPerSecond(fn);
  const results = Object.fromEntries(cases.map(([k]) => [k, []]));
  for (let run = 0; run < RUNS; run++) for (const [k, [, fn]] of cases) results[k].push(opsPerSecond(fn));
  const baseline = median(results[group.baseline]);
  console.log(name);
  for (const [k, [bytes]] of cases) {
    const m = median(results[k]);
    const mbs = (m * bytes) / 1024 / 1024;
    console.log(
      `  ${k.padEnd(36)} ${Math.round(m * ENVELOPES)
        .toLocaleString("en-US")
        .padStart(9)} envelopes/s ${mbs.toFixed(1).padStart(7)} MB/s  ${(baseline / m).toFixed(2)}x the baseline's time`,
    );
  }
}
