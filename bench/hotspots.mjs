// Satellite hotspot throughput (rows/s per core) and memory: the whole `forestry.hotspots` decode
// (read, clustering, region lookup, canonical messages, validation) of 100,000 synthetic rows —
// fires of 1–8 hotspots scattered over China and a day, a tenth of rows low-confidence — in both
// layouts: NASA FIRMS MODIS CSV, and the Chinese bulletin (卫星林火监测热点通报) with blank counties,
// so every fire's region comes from the county-seat table. Each against the bare CSV read of the
// same bytes in the same run. Run: pnpm exec tsx --conditions=@eix/source bench/hotspots.mjs
import { forestryHotspotsAdapter } from "@eix/adapters";
import { readCsv } from "../packages/adapters/src/public-security/cad110/csv.ts";
import { machineLine, median } from "./measure.mjs";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
let seed = 12345;
const random = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; // 32-bit LCG: exact in integer arithmetic
  return seed / 2 ** 32;
};

/** ROWS hotspots in fires of 1–8, as `row(lat, lon, minuteOfDay, lowConfidence)` writes them. */
function synthetic(header, row) {
  seed = 12345;
  const lines = [header];
  while (lines.length <= ROWS) {
    const lat = 20 + random() * 25;
    const lon = 95 + random() * 30;
    const minute = Math.floor(random() * 1440);
    for (let n = 1 + Math.floor(random() * 8); n > 0 && lines.length <= ROWS; n--) {
      const t = Math.min(1439, minute + Math.floor(random() * 120));
      lines.push(row(lat + (random() - 0.5) * 0.02, lon + (random() - 0.5) * 0.02, t, random() < 0.1, lines.length));
    }
  }
  return new TextEncoder().encode(`${lines.join("\n")}\n`);
}

const firms = synthetic(
  "latitude,longitude,brightness,scan,track,acq_date,acq_time,satellite,confidence,version,bright_t31,frp,daynight",
  (lat, lon, t, low) => {
    const hhmm = String(Math.floor(t / 60) * 100 + (t % 60)); // unpadded, as some exports write it
    const confidence = low ? Math.floor(random() * 30) : 30 + Math.floor(random() * 71);
    return `${lat.toFixed(4)},${lon.toFixed(4)},320.1,1.0,1.0,2024-03-01,${hhmm},T,${confidence},6.1NRT,295.0,${(random() * 50).toFixed(1)},D`;
  },
);
const pad = (n) => String(n).padStart(2, "0");
const bulletin = synthetic("热点编号,卫星,观测时间,经度,纬度,省,县,像元数,地类,是否连续,核查结果", (lat, lon, t, low, n) => {
  const time = `2024-03-01 ${pad(Math.floor(t / 60))}:${pad(t % 60)}`;
  // Low confidence: a lone unconfirmed farmland pixel (an observation under the defaults).
  const [pixels, land] = low ? [1, "农田"] : [1 + Math.floor(random() * 6), random() < 0.7 ? "林地" : "草地"];
  return `RD${n},FY-3D,${time},${lon.toFixed(4)},${lat.toFixed(4)},,,${pixels},${land},否,`;
});

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

function timed(fn) {
  const start = process.hrtime.bigint();
  const out = fn();
  return { out, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

console.log(machineLine());
console.log(`${ROWS.toLocaleString("en-US")} rows per layout; ${RUNS} runs; medians`);

for (const [layout, bytes] of [
  ["NASA FIRMS MODIS CSV", firms],
  ["Chinese bulletin CSV (regions from county seats)", bulletin],
]) {
  console.log(`\n${layout}, ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB`);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const first = timed(() => forestryHotspotsAdapter.decode(bytes, ctx));
  const heapAfter = process.memoryUsage().heapUsed;
  const rssAfter = process.memoryUsage().rss;
  if (!first.out.ok) throw new Error(`${first.out.error.code}: ${first.out.error.message}`);
  const messages = first.out.messages;
  first.out = undefined;

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
  const from = {};
  for (const message of messages) {
    const source = message.payload.extensions.forestry.region.from;
    from[source] = (from[source] ?? 0) + 1;
  }
  console.log(`  candidate fires: ${messages.length.toLocaleString("en-US")} messages; regions from ${JSON.stringify(from)}`);
  console.log(
    `  memory, first decode: heapUsed +${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MB (messages held), rss +${(
      (rssAfter - rssBefore) / 1024 / 1024
    ).toFixed(1)} MB, rss now ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`,
  );
}
