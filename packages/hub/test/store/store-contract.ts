// The store contract: every Store implementation runs these same tests (STYLE §3). A backend's
// test file supplies a harness that makes empty databases; the parts below register the tests.

import { afterEach, describe } from "vitest";
import type { Store } from "../../src/store/store.js";
import { acknowledgementContract } from "./contract-acknowledgements.js";
import type { ContractContext, StoreHarness, TestDatabase } from "./contract-context.js";
import { deliveryContract } from "./contract-deliveries.js";
import { ingestContract } from "./contract-ingest.js";
import { laneContract } from "./contract-lanes.js";
import { maintenanceContract } from "./contract-maintenance.js";
import { nearContract } from "./contract-near.js";
import { T0 } from "./store-fixtures.js";

export type { StoreHarness, TestDatabase } from "./contract-context.js";

export function storeContract(name: string, harness: StoreHarness): void {
  let database: Promise<TestDatabase> | undefined;
  let stores: Store[] = [];
  const context: ContractContext = {
    clock: { now: T0 },
    database: () => {
      database ??= harness.createDatabase();
      return database;
    },
    async open(options = {}) {
      const store = await (await context.database()).open({ now: () => context.clock.now, ...options });
      stores.push(store);
      return store;
    },
  };

  afterEach(async () => {
    await Promise.all(stores.map((store) => store.close()));
    stores = [];
    const db = database;
    database = undefined;
    context.clock.now = T0;
    await (await db)?.drop();
  });

  describe(`${name} store contract`, () => {
    ingestContract(context);
    laneContract(context);
    deliveryContract(context);
    maintenanceContract(context);
    acknowledgementContract(context);
    nearContract(context);
  });
}
