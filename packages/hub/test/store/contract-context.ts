// The types a backend's test file implements to run the store contract, and what each part gets.
import type { Store, StoreOptions } from "../../src/store/store.js";

/** One empty database (a file, a PostgreSQL schema) that several stores may open at once. */
export interface TestDatabase {
  open(options?: StoreOptions): Promise<Store>;
  /** Makes the database itself refuse to store the message with this id (a trigger). */
  failIngestOf(messageId: string): Promise<void>;
  /** Records a schema version no hub knows, as a newer hub would have. */
  addFutureMigration(): Promise<void>;
  /** Rows in schema_migrations. */
  migrationRows(): Promise<number>;
  drop(): Promise<void>;
}

export interface StoreHarness {
  createDatabase(): Promise<TestDatabase>;
}

/** What each contract test gets: a clock it may move, and stores on a database of its own. */
export interface ContractContext {
  readonly clock: { now: Date };
  /** The test's database, created on first use and dropped after the test. */
  database(): Promise<TestDatabase>;
  /** A store on the test's database, using the test clock; closed after the test. */
  open(options?: StoreOptions): Promise<Store>;
}
