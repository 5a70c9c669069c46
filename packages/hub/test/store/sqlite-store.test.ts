import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, test } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { type StoreHarness, storeContract, type TestDatabase } from "./store-contract.js";
import { at, checkin, item } from "./store-fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "eix-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;

/** A test-side connection to the file, for what the store itself must not offer (triggers, fake versions). */
function withFile<T>(path: string, work: (db: Database.Database) => T): T {
  const db = new Database(path);
  try {
    return work(db);
  } finally {
    db.close();
  }
}

const harness: StoreHarness = {
  async createDatabase(): Promise<TestDatabase> {
    const path = join(dir, `store-${++files}.sqlite`);
    let triggers = 0;
    return {
      open: (options = {}) => openSqliteStore({ ...options, path }),
      async failIngestOf(messageId) {
        withFile(path, (db) =>
          db.exec(`CREATE TRIGGER refuse_${++triggers} BEFORE INSERT ON messages WHEN NEW.message_id = '${messageId}'
            BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`),
        );
      },
      async addFutureMigration() {
        withFile(path, (db) =>
          db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)").run(),
        );
      },
      async migrationRows() {
        return withFile(path, (db) => (db.prepare("SELECT count(*) AS n FROM schema_migrations").get() as { n: number }).n);
      },
      async drop() {
        for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
      },
    };
  },
};

storeContract("SQLite", harness);

describe("SQLite store", () => {
  test("the file is in WAL mode and everything survives close and reopen", async () => {
    const path = join(dir, "durable.sqlite");
    const store = await openSqliteStore({ path });
    const envelope = checkin();
    const receipt = await store.ingest(item(envelope, ["national"], at(0)));
    await store.close();

    withFile(path, (db) => {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    });
    const reopened = await openSqliteStore({ path });
    expect((await reopened.getMessage(envelope.id))?.receiptId).toBe(receipt.receiptId);
    expect(await reopened.ingest(item(envelope))).toEqual({ ...receipt, duplicate: true });
    const [claimed] = await reopened.claimDue({ now: at(1), limit: 5, leaseMs: 1000 });
    expect(claimed?.messageId).toBe(envelope.id);
    await reopened.close();
  });

  test(":memory: works for tests and tools", async () => {
    const store = await openSqliteStore({ path: ":memory:" });
    await store.ingest(item(checkin()));
    expect(await store.listDeliveries()).toHaveLength(1);
    await store.close();
  });

  test("a file that cannot be opened is EIX_STORE_UNAVAILABLE, retryable", async () => {
    await expect(openSqliteStore({ path: join(dir, "no", "such", "dir", "x.sqlite") })).rejects.toMatchObject({
      code: "EIX_STORE_UNAVAILABLE",
      retryable: true,
    });
  });

  test("a file that is not a database is EIX_STORE_CORRUPT", async () => {
    const path = join(dir, "not-a-db.sqlite");
    writeFileSync(path, "this is not a database file, just some text that is long enough to have a header".repeat(20));
    await expect(openSqliteStore({ path })).rejects.toMatchObject({ code: "EIX_STORE_CORRUPT", retryable: false });
  });
});
