// Full validation (JSON Schema + semantic rules) of a typical incident report, against
// JSON.parse of the same document measured in the same run as the baseline.
// Run: pnpm bench   (prints medians of several runs; not a test, asserts nothing)
import { readFileSync } from "node:fs";
import os from "node:os";
import { parseJsonInput, validate } from "@eix/schema";

const file = new URL("../packages/schema/examples/valid/incident-110-fire-initial.json", import.meta.url);
const text = readFileSync(file, "utf8");
const bytes = new TextEncoder().encode(text);
const doc = JSON.parse(text);
if (!validate(doc).valid) throw new Error("benchmark document must be valid");

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const RUN_MS = Number(process.env.BENCH_RUN_MS ?? 500);

let sink = 0;
function opsPerSecond(fn) {
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(RUN_MS) * 1_000_000n;
  let n = 0;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 200; i++) sink ^= fn() ? 1 : 0;
    n += 200;
    now = process.hrtime.bigint();
  }
  return n / (Number(now - start) / 1e9);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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

for (const fn of Object.values(cases)) opsPerSecond(fn); // warm-up: JIT and schema compilation
const results = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
// Interleave the cases so machine noise hits all of them alike.
for (let run = 0; run < RUNS; run++) for (const [name, fn] of Object.entries(cases)) results[name].push(opsPerSecond(fn));

const baseline = median(results["JSON.parse (baseline)"]);
console.log(
  `node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"} x${os.cpus().length}, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(`document: ${bytes.byteLength} bytes; ${RUNS} runs of ${RUN_MS} ms; medians\n`);
for (const [name, xs] of Object.entries(results)) {
  const m = median(xs);
  console.log(
    `${name.padEnd(28)} ${Math.round(m).toLocaleString("en-US").padStart(10)} ops/s   ${(m / baseline).toFixed(2)}x baseline`,
  );
}
if (sink === 2) console.log("");
