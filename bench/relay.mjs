// HTTP ingest → durable store → relay to a loopback receiver, on SQLite and on PostgreSQL:
// sustained throughput (closed loop), ingest-to-delivery latency at fixed offered rates (open
// loop), memory, and what the hub answers when offered more than it can take — against a bare
// undici POST loop to the same receiver in the same run (the machine's ceiling).
// Run: pnpm exec tsx --conditions=@eix/source bench/relay.mjs [--quick] [--store sqlite|postgres|both]
//   other options (flag or BENCH_<NAME> env): --count-sqlite N --count-postgres N (default: what the
//   warm-up rate sends in --sustained-seconds, 15) --rate-seconds S
//   --workers N --batch N --dest-connections N --phases sustained,latency,overload
//   --overload-delivery 1 (also wait until the overload's accepted messages are delivered).
//   PostgreSQL: EIX_TEST_PG_URL (default below).
// Prints figures; asserts nothing. Hub, load generator and receiver share this one process.
import os from "node:os";
import { countingLogger, postgresServer, startBenchHub, versionOf } from "./relay/bench-hub.mjs";
import { startReceiver } from "./relay/loopback-receiver.mjs";
import { messageBodies } from "./relay/message-bodies.mjs";
import { atRate, bareUndici, sustained, warmUp } from "./relay/phases.mjs";
import { int, median, startRssSampler } from "./relay/process-meters.mjs";
import { printStore, printSummary } from "./relay/report.mjs";

const argv = process.argv.slice(2);
function option(name, fallback) {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0 && argv[i + 1] !== undefined) return argv[i + 1];
  return process.env[`BENCH_${name.toUpperCase().replaceAll("-", "_")}`] ?? fallback;
}
const QUICK = argv.includes("--quick") || process.env.BENCH_QUICK === "1";
const STORE = option("store", "both");
if (!["sqlite", "postgres", "both"].includes(STORE)) throw new Error(`--store must be sqlite, postgres or both, not ${STORE}`);
const PHASES = new Set(option("phases", "sustained,latency,overload").split(","));
const PG_URL = process.env.EIX_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const settings = {
  bodyBytes: 1536,
  connections: 16,
  baseline: { runs: 3, count: QUICK ? 5000 : 15_000 },
  warmUp: QUICK ? 300 : 1000,
  // Unless given, the sustained count is what the warm-up rate would send in this many seconds.
  sustainedSeconds: Number(option("sustained-seconds", QUICK ? 5 : 15)),
  count: { sqlite: option("count-sqlite"), postgres: option("count-postgres") },
  rates: [250, 500, 1000],
  rateSeconds: Number(option("rate-seconds", QUICK ? 3 : 10)),
  overload: { rate: 4000, connections: 256, seconds: 2 },
  // 64 sends in flight let a PostgreSQL claim (~15 ms of round trips) take ~17 deliveries and
  // keep the 16 destination connections busy; with 16 the relay fell behind ingest there. On
  // SQLite workers 4–256 and batchSize 32–256 measured the same (claims are of ~1 delivery).
  relay: {
    workers: Number(option("workers", 64)),
    batchSize: Number(option("batch", 64)),
    connections: Number(option("dest-connections", 16)),
  },
};

const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const loadAtStart = loadavg();
const bodies = messageBodies(settings.bodyBytes);
const rss = startRssSampler(100);
const receiver = await startReceiver();
const cleanups = new Set();
process.once("SIGINT", async () => {
  for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  process.exit(130);
});

console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"} x${os.cpus().length}, load ${loadAtStart}`);
console.log(
  `undici ${versionOf("undici")}, fastify ${versionOf("fastify")}, better-sqlite3 ${versionOf("better-sqlite3")}, pg ${versionOf("pg")}${QUICK ? "; --quick run" : ""}`,
);
console.log(
  `bodies: ${settings.bodyBytes} B incident reports (each its own message id and incident id); load: undici Pool, ${settings.connections} connections`,
);
console.log(
  `hub: in-process startHub, 1 unit, 1 HTTP destination, 1 route; relay workers ${settings.relay.workers} (sends in flight), batchSize ${settings.relay.batchSize}, destination connections ${settings.relay.connections}, relayPollMs default 1 s (the relay is woken by notify() after each commit and each finished send; the poll only matters when idle); http maxInFlight 256, maxInFlightPerUnit 64, retryAfterSeconds 5 (defaults)`,
);
console.log("one process holds hub + load generator + receiver: RSS and CPU figures cover all three\n");

const baselineRuns = await bareUndici({ receiver, bodies, connections: settings.connections, ...settings.baseline });
const bare = median(baselineRuns);
console.log(
  `bare undici → receiver (${settings.baseline.runs} runs of ${int(settings.baseline.count)}): ${baselineRuns.map(int).join(", ")} msgs/s; median ${int(bare)} msgs/s\n`,
);

async function measureStore(kind) {
  let storeConfig = { kind: "sqlite" };
  let label = "SQLite (temp file, WAL, synchronous=FULL)";
  let server;
  if (kind === "postgres") {
    server = await postgresServer(PG_URL);
    if (server.unreachable) {
      console.log(`PostgreSQL: unreachable at ${PG_URL} (${server.unreachable}); skipped\n`);
      return undefined;
    }
    storeConfig = { kind: "postgres", url: server.url, schema: server.schema };
    label = `PostgreSQL ${server.version} (schema ${server.schema}, dropped afterwards)`;
    cleanups.add(server.drop);
  }
  const { logger, sink } = countingLogger();
  const bench = await startBenchHub({ store: storeConfig, receiverUrl: receiver.url, relay: settings.relay, logger });
  cleanups.add(bench.close);
  try {
    const common = { bench, receiver, bodies, rss };
    const warmRate = await warmUp({ ...common, connections: settings.connections, count: settings.warmUp });
    const result = { kind, label, loadAtStart: loadavg(), warmRate };
    const count = Number(
      settings.count[kind] ?? Math.min(60_000, Math.max(2000, Math.round((warmRate * settings.sustainedSeconds) / 1000) * 1000)),
    );
    if (PHASES.has("sustained")) result.sustained = await sustained({ ...common, connections: settings.connections, count });
    result.rates = [];
    // A rate well above what the sustained phase delivered only builds a backlog, and latency is
    // then the time spent queueing, which grows with the phase: 3 s show that as well as 10.
    const capacity = result.sustained?.deliveredPerSecond ?? Number.POSITIVE_INFINITY;
    if (PHASES.has("latency"))
      for (const rate of settings.rates) {
        const seconds = rate > 1.25 * capacity ? Math.min(3, settings.rateSeconds) : settings.rateSeconds;
        result.rates.push(await atRate({ ...common, connections: settings.connections, rate, seconds }));
      }
    if (PHASES.has("overload"))
      result.overload = await atRate({ ...common, ...settings.overload, awaitDelivery: option("overload-delivery") === "1" });
    result.loadAtEnd = loadavg();
    result.logLines = sink.lines;
    result.lastLogLine = sink.last;
    printStore(result, bare);
    return result;
  } finally {
    await bench.close();
    cleanups.delete(bench.close);
    if (server) {
      await server.drop();
      cleanups.delete(server.drop);
    }
  }
}

const results = [];
for (const kind of STORE === "both" ? ["sqlite", "postgres"] : [STORE]) {
  const result = await measureStore(kind);
  if (result) results.push(result);
}

const endRuns = await bareUndici({ receiver, bodies, connections: settings.connections, ...settings.baseline, runs: 1 });
console.log(`bare undici again at the end: ${int(endRuns[0])} msgs/s (machine noise check)`);
printSummary(results, bare, { loadAtStart, loadAtEnd: loadavg(), peakRssMb: rss.peakMb });
rss.stop();
await receiver.close();
