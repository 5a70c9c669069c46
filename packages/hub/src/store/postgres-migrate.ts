import type pg from "pg";
import { pendingMigrations } from "./migration.js";
import { postgresStoreError } from "./postgres-error-map.js";
import { postgresMigrations } from "./postgres-migrations.js";
import { StoreError } from "./store-errors.js";

/**
 * Creates the schema if needed and applies the missing migrations in one transaction. An advisory
 * lock keyed by the schema makes hub instances that start together take turns: the first
 * migrates, the others then find nothing to do.
 */
export async function migratePostgres(client: pg.PoolClient, schema: string): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`eix.migrate.${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`SET LOCAL search_path TO "${schema}"`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer     PRIMARY KEY,
      name       text        NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = await client.query<{ version: number }>("SELECT version FROM schema_migrations");
    for (const migration of pendingMigrations(
      postgresMigrations,
      applied.rows.map((row) => row.version),
    )) {
      try {
        await client.query(migration.sql);
      } catch (error) {
        // A lost connection is not a broken migration: it stays retryable.
        if (postgresStoreError(error).retryable) throw error;
        throw new StoreError(
          "EIX_STORE_MIGRATION",
          { detail: `version ${migration.version}: ${error instanceof Error ? error.message : error}` },
          { cause: error },
        );
      }
      await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [migration.version, migration.name]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
