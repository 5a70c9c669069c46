import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { StoreConfig } from "../config/config-model.js";
import { openPostgresStore } from "../store/postgres-store.js";
import { openSqliteStore } from "../store/sqlite-store.js";
import type { Store } from "../store/store.js";

/** Opens the configured store: the embedded SQLite file (its directory created) or PostgreSQL. */
export async function openConfiguredStore(config: StoreConfig): Promise<Store> {
  if (config.kind === "postgres")
    return openPostgresStore({ connectionString: config.url, ...(config.schema ? { schema: config.schema } : {}) });
  if (config.path !== ":memory:") await mkdir(dirname(config.path), { recursive: true });
  return openSqliteStore({ path: config.path });
}
