import { StoreError } from "./store-errors.js";

/** One forward-only schema step; versions only grow, and an applied step is never edited. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The steps still to apply, in order. A database that has a version this hub does not know
 * was migrated by a newer hub: refusing it beats writing rows the newer schema does not expect.
 */
export function pendingMigrations(migrations: readonly Migration[], applied: readonly number[]): Migration[] {
  const known = new Set(migrations.map((migration) => migration.version));
  const unknown = applied.filter((version) => !known.has(version));
  if (unknown.length > 0) {
    throw new StoreError("EIX_STORE_MIGRATION", {
      detail: `the database has schema version ${Math.max(...unknown)}, newer than this hub knows (${Math.max(0, ...known)})`,
    });
  }
  const done = new Set(applied);
  return migrations.filter((migration) => !done.has(migration.version)).sort((a, b) => a.version - b.version);
}
