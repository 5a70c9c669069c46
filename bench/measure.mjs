// The measuring the decode benchmarks share: throughput of a function over timed runs, medians,
// and the machine line every figure is quoted with (2 shared cores: load matters).
import os from "node:os";

export const RUNS = Number(process.env.BENCH_RUNS ?? 7);
export const RUN_MS = Number(process.env.BENCH_RUN_MS ?? 500);

// Every result feeds this, so the engine cannot drop a call whose value is never used.
let sink = 0;

/**
 * Calls per second of `fn` over one run of RUN_MS. `batch` calls go between clock reads, for
 * functions so fast that reading the clock would dominate.
 */
export function opsPerSecond(fn, batch = 1) {
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(RUN_MS) * 1_000_000n;
  let n = 0;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < batch; i++) sink ^= fn() ? 1 : 0;
    n += batch;
    now = process.hrtime.bigint();
  }
  if (sink === 2) process.stdout.write("");
  return n / (Number(now - start) / 1e9);
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Node version, CPU, core count and load average. */
export function machineLine() {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  return `node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"} x${os.cpus().length}, load ${load}`;
}
