// The store contract against the real PostgreSQL server (.ci/run starts it). Every database of
// this run is a schema eix_test_<run>_<n>, dropped afterwards, so concurrent runs never collide.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openPostgresStore } from "../../src/store/postgres-store.js";
import type { StoreError } from "../../src/store/store-errors.js";
import { type StoreHarness, storeContract, type TestDatabase } from "./store-contract.js";
import { at, checkin, item } from "./store-fixtures.js";

const server = process.env.EIX_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const run = `eix_test_${randomBytes(4).toString("hex")}`;
let connectionString = server;
let admin: pg.Pool;
let schemas = 0;

beforeAll(async () => {
  admin = new pg.Pool({ connectionString, max: 2 });
  admin.on("error", () => undefined);
  try {
    await admin.query("SELECT 1");
  } catch (error) {
    // A fresh server may lack the `test` database; the default one will do.
    if ((error as { code?: string }).code !== "3D000") throw error;
    await admin.end();
    connectionString = server.replace(/\/[^/]*$/, "/postgres");
    admin = new pg.Pool({ connectionString, max: 2 });
    admin.on("error", () => undefined);
  }
});

afterAll(async () => {
  const left = await admin.query<{ name: string }>("SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1", [`${run}%`]);
  for (const { name } of left.rows) await admin.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  await admin.end();
});

const harness: StoreHarness = {
  async createDatabase(): Promise<TestDatabase> {
    const schema = `${run}_${++schemas}`;
    const s = `"${schema}"`;
    return {
      open: (options = {}) =>
        openPostgresStore({ ...options, connectionString, schema, pool: { max: 4, application_name: run } }),
      async failIngestOf(messageId) {
        await admin.query(`
          CREATE TABLE IF NOT EXISTS ${s}.test_refused (message_id text PRIMARY KEY);
          CREATE OR REPLACE FUNCTION ${s}.test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF EXISTS (SELECT 1 FROM ${s}.test_refused r WHERE r.message_id = NEW.message_id) THEN
              RAISE EXCEPTION 'refused by the test';
            END IF;
            RETURN NEW;
          END $$;
          DROP TRIGGER IF EXISTS test_refuse ON ${s}.messages;
          CREATE TRIGGER test_refuse BEFORE INSERT ON ${s}.messages FOR EACH ROW EXECUTE FUNCTION ${s}.test_refuse();`);
        await admin.query(`INSERT INTO ${s}.test_refused VALUES ($1)`, [messageId]);
      },
      async addFutureMigration() {
        await admin.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES (999, 'future')`);
      },
      async migrationRows() {
        return (await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${s}.schema_migrations`)).rows[0]?.n ?? 0;
      },
      async drop() {
        await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      },
    };
  },
};

storeContract("PostgreSQL", harness);

describe("PostgreSQL store", () => {
  test("an unreachable server is EIX_STORE_UNAVAILABLE, retryable (the HTTP layer answers 503)", async () => {
    const opening = openPostgresStore({
      connectionString: "postgres://postgres@127.0.0.1:1/test",
      schema: `${run}_unreachable`,
      pool: { connectionTimeoutMillis: 1000 },
    });
    await expect(opening).rejects.toMatchObject({ code: "EIX_STORE_UNAVAILABLE", retryable: true });
  });

  test("a schema name that is not a plain identifier is refused", async () => {
    await expect(openPostgresStore({ connectionString, schema: 'x"; DROP TABLE y; --' })).rejects.toMatchObject({
      code: "EIX_STORE_CONFIG",
    });
  });

  test("stores in different schemas of one database do not see each other", async () => {
    const [a, b] = [await harness.createDatabase(), await harness.createDatabase()];
    const [one, two] = [await a.open(), await b.open()];
    const envelope = checkin();
    await one.ingest(item(envelope, ["national"], at(0)));
    expect(await two.getMessage(envelope.id)).toBeUndefined();
    expect(await two.claimDue({ now: at(1), limit: 10, leaseMs: 1000 })).toEqual([]);
    expect((await two.ingest(item(envelope))).duplicate).toBe(false);
    await Promise.all([one.close(), two.close()]);
    await Promise.all([a.drop(), b.drop()]);
  });

  test("when the server drops the pool's connections, the error is reported and the next call reconnects", async () => {
    const db = await harness.createDatabase();
    const errors: StoreError[] = [];
    const store = await openPostgresStore({
      connectionString,
      schema: `${run}_${++schemas}`,
      pool: { max: 2, application_name: `${run}_victim` },
      onPoolError: (error) => errors.push(error),
    });
    await store.ping();
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [`${run}_victim`]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(errors.map((e) => [e.code, e.retryable])).toEqual([["EIX_STORE_UNAVAILABLE", true]]);
    await store.ping();
    await store.close();
    await db.drop();
  });
});
