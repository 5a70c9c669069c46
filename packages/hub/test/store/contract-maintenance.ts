// Contract part: retention, quarantine, locks for scheduled jobs, migrations, health.
import { describe, expect, test } from "vitest";
import type { Store } from "../../src/store/store.js";
import type { ContractContext } from "./contract-context.js";
import { at, checkin, incident, item, newId } from "./store-fixtures.js";

const DAY = 86_400_000;

/** Claims `messageId`'s delivery to `destination` and records `kind` for it at `when`. */
async function settle(store: Store, destination: string, kind: "delivered" | "dead", when: Date): Promise<void> {
  const [d] = await store.claimDue({ destination, now: when, limit: 1, leaseMs: 1000 });
  if (!d) throw new Error(`nothing due for ${destination}`);
  const outcome = kind === "delivered" ? ({ kind, at: when } as const) : ({ kind, reason: "HTTP 400", at: when } as const);
  await store.recordOutcome(d.deliveryId, outcome, d.leaseId);
}

export function maintenanceContract(ctx: ContractContext): void {
  describe("retention", () => {
    test("prune removes old fully delivered messages only, never one with a pending, claimed or dead delivery", async () => {
      const store = await ctx.open();
      const incidentId = newId("incident");
      const delivered = incident({ incidentId, sequence: 1 });
      const partly = checkin();
      const claimed = checkin();
      const dead = checkin();
      const recent = checkin();
      const unrouted = checkin();
      await store.ingest(item(delivered, ["a"], at(0)));
      await store.ingest(item(partly, ["b", "c"], at(0)));
      await store.ingest(item(claimed, ["d"], at(0)));
      await store.ingest(item(dead, ["e"], at(0)));
      await store.ingest(item(recent, ["f"], at(0)));
      await store.ingest(item(unrouted, [], at(0)));
      await settle(store, "a", "delivered", at(1000));
      await settle(store, "b", "delivered", at(1000));
      await store.claimDue({ destination: "d", now: at(1000), limit: 1, leaseMs: 60_000 });
      await settle(store, "e", "dead", at(1000));
      await settle(store, "f", "delivered", at(2 * DAY));

      const counts = await store.prune(at(DAY));
      expect(counts).toEqual({ messages: 2, deliveries: 1, incidentEntries: 1, dedupKeys: 0, quarantined: 0 });
      expect(await store.getMessage(delivered.id)).toBeUndefined();
      expect(await store.getMessage(unrouted.id)).toBeUndefined();
      expect(await store.incidentChain(incidentId)).toEqual([]);
      for (const kept of [partly, claimed, dead, recent]) expect(await store.getMessage(kept.id)).toBeDefined();
      expect(await store.prune(at(DAY))).toMatchObject({ messages: 0 });
    });

    test("after a prune a resend still gets its original receipt, until the dedup keys are pruned too", async () => {
      const store = await ctx.open();
      const envelope = checkin();
      const original = await store.ingest(item(envelope, [], at(0)));
      await store.prune(at(DAY));
      expect(await store.ingest(item(envelope, ["national"], at(2 * DAY)))).toEqual({ ...original, duplicate: true });

      expect(await store.prune(at(DAY), { dedupKeysOlderThan: at(DAY) })).toMatchObject({ dedupKeys: 1 });
      const again = await store.ingest(item(envelope, ["national"], at(2 * DAY)));
      expect(again.duplicate).toBe(false);
      expect(again.receiptId).not.toBe(original.receiptId);
    });
  });

  describe("quarantine", () => {
    test("keeps rejected payloads capped in size, queryable by time range, unit and source", async () => {
      const store = await ctx.open({ quarantineMaxBytes: 8 });
      const issues = [{ code: "EIX_SCHEMA_REQUIRED", path: "/sender", message: { "zh-CN": "缺少字段", en: "missing" } }];
      const big = new TextEncoder().encode("0123456789abcdef");
      const { quarantineId } = await store.quarantine({
        raw: big,
        source: "http",
        unitId: "330110-A",
        reasonCodes: ["EIX_SCHEMA_REQUIRED"],
        issues,
        detail: { remoteAddress: "10.0.0.7" },
        receivedAt: at(3 * 3_600_000),
      });
      await store.quarantine({
        raw: new Uint8Array([1, 2]),
        source: "file:drop",
        reasonCodes: ["EIX_ADAPTER_NO_MATCH"],
        issues: [],
        receivedAt: at(0),
      });
      await store.quarantine({
        raw: new Uint8Array([3]),
        source: "http",
        unitId: "330110-B",
        reasonCodes: ["X"],
        issues: [],
        receivedAt: at(4 * 3_600_000),
      });

      const night = await store.listQuarantine({ from: at(3 * 3_600_000), to: at(4 * 3_600_000) });
      expect(night).toEqual([
        {
          quarantineId,
          receivedAt: at(3 * 3_600_000),
          source: "http",
          unitId: "330110-A",
          reasonCodes: ["EIX_SCHEMA_REQUIRED"],
          issues,
          detail: { remoteAddress: "10.0.0.7" },
          raw: new TextEncoder().encode("01234567"),
          rawSize: 16,
          rawSha256: "9f9f5111f7b27a781f1f1ddde5ebc2dd2b796bfc7365c9c28b548e564176929f",
          truncated: true,
        },
      ]);
      expect((await store.listQuarantine({ unitId: "330110-B" })).map((q) => q.reasonCodes)).toEqual([["X"]]);
      expect((await store.listQuarantine({ source: "file:drop" }))[0]).toMatchObject({ truncated: false, rawSize: 2 });
      expect((await store.listQuarantine()).map((q) => q.receivedAt)).toEqual([at(0), at(3 * 3_600_000), at(4 * 3_600_000)]);
      expect((await store.listQuarantine({ limit: 1 })).length).toBe(1);
      expect(await store.prune(at(DAY), { quarantineOlderThan: at(3 * 3_600_000 + 1) })).toMatchObject({ quarantined: 2 });
      expect(await store.listQuarantine()).toHaveLength(1);
    });
  });

  describe("locks", () => {
    test("one owner at a time; the owner renews; an expired lock passes on; only the owner unlocks", async () => {
      const one = await ctx.open();
      const two = await ctx.open();
      expect(await one.tryLock("monthly-bulletin", "hub-1", 10_000, at(0))).toBe(true);
      expect(await two.tryLock("monthly-bulletin", "hub-2", 10_000, at(1000))).toBe(false);
      expect(await two.tryLock("daily-checkin", "hub-2", 10_000, at(1000))).toBe(true);
      expect(await one.tryLock("monthly-bulletin", "hub-1", 10_000, at(5000))).toBe(true);
      expect(await two.tryLock("monthly-bulletin", "hub-2", 10_000, at(14_999))).toBe(false);
      expect(await two.tryLock("monthly-bulletin", "hub-2", 10_000, at(15_000))).toBe(true);
      expect(await one.unlock("monthly-bulletin", "hub-1")).toBe(false);
      expect(await two.unlock("monthly-bulletin", "hub-2")).toBe(true);
      expect(await one.tryLock("monthly-bulletin", "hub-1", 10_000, at(16_000))).toBe(true);
    });

    test("of many simultaneous attempts exactly one wins", async () => {
      const stores = [await ctx.open(), await ctx.open()];
      const attempts = Array.from({ length: 10 }, (_, i) => stores[i % 2]?.tryLock("prune", `hub-${i}`, 60_000, at(0)));
      expect((await Promise.all(attempts)).filter(Boolean)).toHaveLength(1);
    });
  });

  describe("lifecycle", () => {
    test("migrations run once: reopening keeps the version, the rows and the data", async () => {
      const db = await ctx.database();
      const first = await ctx.open();
      const version = await first.schemaVersion();
      expect(version).toBeGreaterThanOrEqual(1);
      const rows = await db.migrationRows();
      const envelope = checkin();
      await first.ingest(item(envelope));
      await first.close();

      const second = await ctx.open();
      expect(await second.schemaVersion()).toBe(version);
      expect(await db.migrationRows()).toBe(rows);
      expect((await second.getMessage(envelope.id))?.envelope).toEqual(envelope);
      await second.ping();
    });

    test("a database migrated by a newer hub is refused", async () => {
      const db = await ctx.database();
      await (await ctx.open()).close();
      await db.addFutureMigration();
      await expect(ctx.open()).rejects.toMatchObject({ code: "EIX_STORE_MIGRATION", retryable: false });
    });

    test("a closed store refuses calls with EIX_STORE_CLOSED", async () => {
      const store = await ctx.open();
      await store.close();
      await expect(store.ingest(item(checkin()))).rejects.toMatchObject({ code: "EIX_STORE_CLOSED" });
      await expect(store.ping()).rejects.toMatchObject({ code: "EIX_STORE_CLOSED" });
      await store.close();
    });
  });
}
