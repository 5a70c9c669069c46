// The hub under benchmark: one unit, one HTTP destination (the loopback receiver), one route
// matching everything, on a temporary SQLite file or a PostgreSQL schema of its own. Store calls
// are timed by wrapping the store object's methods (the relay and the ingest pipeline call them
// through that object): with SQLite the driver is synchronous, so that time is time the single
// JS thread could do nothing else.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseHubConfig, startHub } from "@eix/hub";
import { SENDER } from "./message-bodies.mjs";

// undici, pino and pg are dependencies of @eix/hub, not of the workspace root.
export const hubRequire = createRequire(new URL("../../packages/hub/package.json", import.meta.url));
const { pino } = hubRequire("pino");
const pg = hubRequire("pg");

export const versionOf = (name) => hubRequire(`${name}/package.json`).version;

/** Counts log lines (level warn and above) instead of writing them anywhere. */
export function countingLogger() {
  const sink = {
    lines: 0,
    last: "",
    write(line) {
      this.lines++;
      this.last = line;
    },
  };
  return { logger: pino({ level: "warn" }, sink), sink };
}

const TIMED = ["ingestBatch", "claimDue", "recordOutcomes"];

function timeStoreCalls(store) {
  const stats = Object.fromEntries(TIMED.map((name) => [name, { calls: 0, items: 0, syncMs: 0, totalMs: 0 }]));
  for (const name of TIMED) {
    const original = store[name].bind(store);
    store[name] = (...args) => {
      const s = stats[name];
      const t0 = performance.now();
      const promise = original(...args);
      s.syncMs += performance.now() - t0;
      s.calls++;
      if (name !== "claimDue") s.items += args[0].length;
      return promise.then((value) => {
        s.totalMs += performance.now() - t0;
        if (name === "claimDue") s.items += value.length;
        return value;
      });
    };
  }
  return {
    /** Counts from now on. */
    snapshot() {
      const before = structuredClone(stats);
      return () =>
        Object.fromEntries(
          TIMED.map((name) => {
            const [a, b] = [stats[name], before[name]];
            return [
              name,
              { calls: a.calls - b.calls, items: a.items - b.items, syncMs: a.syncMs - b.syncMs, totalMs: a.totalMs - b.totalMs },
            ];
          }),
        );
    },
  };
}

/**
 * Starts the hub in this process. `store`: { kind: "sqlite" } (a temp file, removed at close)
 * or { kind: "postgres", url, schema }. `relay`: { workers, batchSize, connections }.
 */
export async function startBenchHub({ store, receiverUrl, relay, logger }) {
  const token = randomBytes(24).toString("hex");
  const dir = store.kind === "sqlite" ? mkdtempSync(join(tmpdir(), "eix-bench-relay-")) : undefined;
  const doc = {
    hubId: "eix-bench-hub",
    store: dir ? { kind: "sqlite", path: join(dir, "hub.db") } : store,
    // The shipped defaults: 503 above 256 requests in progress, 429 above 64 of one unit.
    http: { host: "127.0.0.1", port: 0, maxInFlight: 256, maxInFlightPerUnit: 64, retryAfterSeconds: 5 },
    units: [{ ...SENDER, tokenEnv: "EIX_BENCH_TOKEN" }],
    destinations: [{ id: "receiver", kind: "http", url: `${receiverUrl}/v1/messages`, connections: relay.connections }],
    routes: [{ name: "everything", match: {}, to: ["receiver"] }],
    relay: { workers: relay.workers, batchSize: relay.batchSize },
    log: { level: "warn" },
  };
  const config = parseHubConfig(JSON.stringify(doc), { file: "bench-hub.json", env: { EIX_BENCH_TOKEN: token } });
  const hub = await startHub(config, { port: 0, logger });
  const timing = timeStoreCalls(hub.store);
  return {
    hub,
    url: `${hub.url}/v1/messages`,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    timing,
    async close() {
      await hub.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * An admin connection to the PostgreSQL server (the `test` database, else the default one, as
 * the store tests do), or `{ unreachable }` with the reason.
 */
export async function postgresServer(url) {
  for (const candidate of [url, url.replace(/\/[^/]*$/, "/postgres")]) {
    const admin = new pg.Pool({ connectionString: candidate, max: 1, connectionTimeoutMillis: 3000 });
    admin.on("error", () => undefined);
    try {
      const { rows } = await admin.query("SHOW server_version");
      const schema = `eix_bench_${randomBytes(4).toString("hex")}`;
      return {
        url: candidate,
        version: rows[0].server_version,
        schema,
        async drop() {
          await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await admin.end();
        },
      };
    } catch (error) {
      await admin.end().catch(() => undefined);
      if (error?.code === "3D000" && candidate === url) continue; // no `test` database: try the default one
      return { unreachable: error?.message || error?.code || String(error) };
    }
  }
  return { unreachable: "no database" };
}
