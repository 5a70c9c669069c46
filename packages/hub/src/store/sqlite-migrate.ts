import type Database from "better-sqlite3";
import { pendingMigrations } from "./migration.js";
import { sqliteMigrations } from "./sqlite-migrations.js";
import { StoreError } from "./store-errors.js";

/**
 * Brings the file to this hub's schema version. Each step commits with its version row, in an
 * IMMEDIATE transaction so two processes opening the same file at once apply it only once.
 */
export function migrateSqlite(db: Database.Database, now: Date): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at INTEGER NOT NULL)`);
  const applied = () =>
    db
      .prepare<[], { version: number }>("SELECT version FROM schema_migrations")
      .all()
      .map((r) => r.version);
  const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  const step = db.transaction(() => {
    // Read again inside the lock: another process may have migrated while this one waited.
    const next = pendingMigrations(sqliteMigrations, applied())[0];
    if (next === undefined) return false;
    try {
      db.exec(next.sql);
    } catch (error) {
      throw new StoreError(
        "EIX_STORE_MIGRATION",
        { detail: `version ${next.version}: ${error instanceof Error ? error.message : error}` },
        { cause: error },
      );
    }
    record.run(next.version, next.name, now.getTime());
    return true;
  });
  let more = true;
  while (more) more = step.immediate();
}
