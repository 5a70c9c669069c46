// The hub's join of satellite fires seen again (packages/hub/src/ingest/near-join.ts), on SQLite:
// a FIRMS payload of 10,000 synthetic rows (about 2,400 candidate fires over China) decoded,
// joined, placed and committed into an empty store; then a second pass two hours later over the
// same fires, shifted a few hundred metres, whose every fire starts under a new id and joins.
// Time per step and per fire, against the commit of the same messages in the same run.
// Run: pnpm exec tsx --conditions=@eix/source bench/near-join.mjs
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { forestryHotspotsAdapter } from "@eix/adapters";
import { placeInChains } from "../packages/hub/src/ingest/chain-placement.ts";
import { joinKnownIncidents } from "../packages/hub/src/ingest/near-join.ts";
import { openSqliteStore } from "../packages/hub/src/store/sqlite-store.ts";
import { machineLine } from "./measure.mjs";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
let seed = 7;
const random = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
};

/** The same fires each time (same seed); `hours` later and a little further north. */
function pass(hours) {
  seed = 7;
  const lines = [
    "latitude,longitude,brightness,scan,track,acq_date,acq_time,satellite,confidence,version,bright_t31,frp,daynight",
  ];
  while (lines.length <= ROWS) {
    const lat = 20 + random() * 25;
    const lon = 95 + random() * 30;
    const minute = Math.floor(random() * 600);
    for (let n = 1 + Math.floor(random() * 8); n > 0 && lines.length <= ROWS; n--) {
      const t = minute + hours * 60 + Math.floor(random() * 60);
      const hhmm = Math.floor(t / 60) * 100 + (t % 60);
      const north = lat + (random() - 0.5) * 0.02 + hours * 0.004;
      lines.push(
        `${north.toFixed(4)},${(lon + (random() - 0.5) * 0.02).toFixed(4)},320.1,1.0,1.0,2024-03-01,${hhmm},T,60,6.1NRT,295.0,1.0,D`,
      );
    }
  }
  return new TextEncoder().encode(`${lines.join("\n")}\n`);
}

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
const dir = mkdtempSync(join(tmpdir(), "eix-near-join-bench-"));
const store = await openSqliteStore({ path: join(dir, "hub.db") });
console.log(machineLine());
console.log(`${ROWS.toLocaleString("en-US")} FIRMS rows per pass, SQLite (WAL, synchronous=FULL)\n`);
for (const [name, hours] of [
  ["first pass, empty store", 0],
  ["second pass, every fire joins", 2],
]) {
  const decoded = forestryHotspotsAdapter.decode(pass(hours), ctx);
  if (!decoded.ok) throw new Error(`${decoded.error.code}: ${decoded.error.message}`);
  const fires = decoded.messages.length;
  let start = performance.now();
  const joined = await joinKnownIncidents(decoded.messages, store);
  const joinMs = performance.now() - start;
  start = performance.now();
  const placed = await placeInChains(joined.messages, (id) => store.incidentChain(id));
  const placeMs = performance.now() - start;
  start = performance.now();
  const results = await store.ingestBatch(
    placed.messages.map((envelope) => ({
      raw: new Uint8Array([1]),
      envelope,
      provenance: { source: "bench" },
      destinations: [],
    })),
  );
  const commitMs = performance.now() - start;
  if (!results.every((r) => r.ok)) throw new Error("a commit failed");
  const per = (ms) => `${((ms / fires) * 1000).toFixed(0).padStart(4)} µs/fire`;
  console.log(`${name}: ${fires.toLocaleString("en-US")} fires, ${joined.issues.length.toLocaleString("en-US")} joined`);
  console.log(`  join   ${joinMs.toFixed(0).padStart(6)} ms  ${per(joinMs)}  ${(joinMs / commitMs).toFixed(2)}x the commit`);
  console.log(`  place  ${placeMs.toFixed(0).padStart(6)} ms  ${per(placeMs)}`);
  console.log(`  commit ${commitMs.toFixed(0).padStart(6)} ms  ${per(commitMs)}\n`);
}
await store.close();
rmSync(dir, { recursive: true, force: true });
