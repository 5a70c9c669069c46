// Full validation (JSON Schema + semantic rules) of a typical incident report, against
// JSON.parse of the same document measured in the same run as the baseline.
// Run: pnpm bench   (prints medians of several runs; not a test, asserts nothing)
import { readFileSync } from "node:fs";
import { parseJsonInput, validate } from "@eix/schema";
import { machineLine, median, opsPerSecond, RUN_MS, RUNS } from "./measure.mjs";

const file = new URL("../packages/schema/examples/valid/incident-110-fire-initial.json", import.meta.url);
const text = readFileSync(file, "utf8");
const bytes = new TextEncoder().encode(text);
const doc = JSON.parse(text);
if (!validate(doc).valid) throw new Error("benchmark document must be valid");

const utf8 = new TextDecoder("utf-8", { fatal: true });
const cases = {
  "JSON.parse (baseline)": () => JSON.parse(text) !== null,
  "UTF-8 decode + JSON.parse": () => JSON.parse(utf8.decode(bytes)) !== null,
  "validate(doc)": () => validate(doc).valid,
  "parseJsonInput + validate": () => {
    const parsed = parseJsonInput(bytes);
    return parsed.ok && validate(parsed.value).valid;
  },
};

for (const fn of Object.values(cases)) opsPerSecond(fn, 200); // warm-up: JIT and schema compilation
const results = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
// Interleave the cases so machine noise hits all of them alike.
for (let run = 0; run < RUNS; run++) for (const [name, fn] of Object.entries(cases)) results[name].push(opsPerSecond(fn, 200));

const baseline = median(results["JSON.parse (baseline)"]);
console.log(machineLine());
console.log(`document: ${bytes.byteLength} bytes; ${RUNS} runs of ${RUN_MS} ms; medians\n`);
for (const [name, xs] of Object.entries(results)) {
  const m = median(xs);
  console.log(
    `${name.padEnd(28)} ${Math.round(m).toLocaleString("en-US").padStart(10)} ops/s   ${(m / baseline).toFixed(2)}x baseline`,
  );
}
