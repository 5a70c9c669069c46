// FIRMS hotspot throughput (rows/s per core) and memory: the whole `forestry.hotspots` decode
// (CSV read, clustering, canonical messages, validation) of 100,000 synthetic MODIS rows —
// fires of 1–8 hotspots scattered over China and a day, a tenth of rows low-confidence —
// against the bare CSV read of the same bytes in the same run.
// Run: pnpm exec tsx --conditions=@eix/source bench/hotspots.mjs
// Imports the adapter by path until it is exported from @eix/adapters (then: from "@eix/adapters").
import os from "node:os";
import { forestryHotspotsAdapter } from "@eix/adapters";
import { readCsv } from "../packages/adapters/src/public-security/cad110/csv.ts";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const header = "latitude,longitude,brightness,scan,track,acq_date,acq_time,satellite,confidence,version,bright_t31,frp,daynight";
let seed = 12345;
const random = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; // 32-bit LCG: exact in integer arithmetic
  return seed / 2 ** 32;
};
const lines = [header];
while (lines.length <= ROWS) {
  const lat = 20 + random() * 25;
  const lon = 95 + random() * 30;
  const minute = Math.floor(random() * 1440);
  for (let n = 1 + Math.floor(random() * 8); n > 0 && lines.length <= ROWS; n--) {
    const t = Math.min(1439, minute + Math.floor(random() * 120));
    const hhmm = String(Math.floor(t / 60) * 100 + (t % 60)); // unpadded, as some exports write it
    const confidence = random() < 0.1 ? Math.floor(random() * 30) : 30 + Math.floor(random() * 71);
    lines.push(
      `${(lat + (random() - 0.5) * 0.02).toFixed(4)},${(lon + (random() - 0.5) * 0.02).toFixed(4)},320.1,1.0,1.0,2024-03-01,${hhmm},T,${confidence},6.1NRT,295.0,${(random() * 50).toFixed(1)},D`,
    );
  }
}
const bytes = new TextEncoder().encode(`${lines.join("\n")}\n`);
const ctx = {
  sender: {
    unitId: "100000-LCJ-WXRD",
    name: "国家林草局卫星热点监测",
    department: "forestry",
    level: "national",
    regionCode: "100000",
  },
  limits: { maxBytes: 64 * 1024 * 1024 },
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function timed(fn) {
  const start = process.hrtime.bigint();
  const out = fn();
  return { out, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

console.log(
  `node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"} x${os.cpus().length}, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(`${ROWS.toLocaleString("en-US")} rows, ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; ${RUNS} runs; medians\n`);

global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const rssBefore = process.memoryUsage().rss;
const first = timed(() => forestryHotspotsAdapter.decode(bytes, ctx));
const heapAfter = process.memoryUsage().heapUsed;
const rssAfter = process.memoryUsage().rss;
if (!first.out.ok) throw new Error(`${first.out.error.code}: ${first.out.error.message}`);
const fires = first.out.messages.length;

const bare = [];
const whole = [];
for (let run = 0; run < RUNS; run++) {
  bare.push(timed(() => readCsv(new TextDecoder().decode(bytes))).seconds);
  whole.push(timed(() => forestryHotspotsAdapter.decode(bytes, ctx)).seconds);
}
const base = median(bare);
for (const [name, xs] of [
  ["bare CSV read (decode + readCsv)", bare],
  ["forestry.hotspots decode (whole)", whole],
]) {
  const m = median(xs);
  console.log(
    `  ${name.padEnd(34)} ${Math.round(ROWS / m)
      .toLocaleString("en-US")
      .padStart(10)} rows/s  ${(m * 1000).toFixed(0).padStart(6)} ms  ${(m / base).toFixed(2)}x the bare read's time`,
  );
}
console.log(`\n  candidate fires: ${fires.toLocaleString("en-US")} messages`);
console.log(
  `  memory, first decode: heapUsed +${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MB (messages held), rss +${(
    (rssAfter - rssBefore) / 1024 / 1024
  ).toFixed(1)} MB, rss now ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`,
);
