// Contract part: outcomes, replay, delivery listings and outbox figures.
import { describe, expect, test } from "vitest";
import type { Store } from "../../src/store/store.js";
import type { ContractContext } from "./contract-context.js";
import { at, checkin, item } from "./store-fixtures.js";

/** Claims everything due for `destination` and records it dead at `when`. */
async function killAll(store: Store, destination: string, when: Date, reason = "HTTP 400"): Promise<number[]> {
  const claimed = await store.claimDue({ destination, now: when, limit: 100, leaseMs: 10_000 });
  for (const d of claimed) await store.recordOutcome(d.deliveryId, { kind: "dead", reason, at: when }, d.leaseId);
  return claimed.map((d) => d.deliveryId);
}

export function deliveryContract(ctx: ContractContext): void {
  describe("deliveries", () => {
    test("an outcome needs a live claim", async () => {
      const store = await ctx.open();
      const envelope = checkin();
      await store.ingest(item(envelope, ["national"], at(0)));
      const [pending] = await store.listDeliveries();
      expect(await store.recordOutcome(pending?.deliveryId ?? 0, { kind: "delivered" })).toBe(false);
      expect(await store.recordOutcome(987_654, { kind: "delivered" })).toBe(false);
      const [claimed] = await store.claimDue({ now: at(0), limit: 1, leaseMs: 1000 });
      expect(await store.recordOutcome(claimed?.deliveryId ?? 0, { kind: "delivered", at: at(5) })).toBe(true);
      const [delivered] = (await store.getMessage(envelope.id))?.deliveries ?? [];
      expect(delivered).toMatchObject({ state: "delivered", deliveredAt: at(5), attempts: 1 });
      expect(delivered?.claimedUntil).toBeUndefined();
    });

    test("a worker's batch of outcomes is recorded at once, each entry judged on its own lease", async () => {
      const store = await ctx.open();
      for (let i = 0; i < 3; i++) await store.ingest(item(checkin(), ["national"], at(i)));
      const [d1, d2, d3] = await store.claimDue({ now: at(10), limit: 10, leaseMs: 1000 });
      const applied = await store.recordOutcomes([
        { deliveryId: d3?.deliveryId ?? 0, outcome: { kind: "dead", reason: "HTTP 410" }, leaseId: "someone-else" },
        {
          deliveryId: d1?.deliveryId ?? 0,
          outcome: { kind: "delivered", at: at(20), response: { status: 202 } },
          leaseId: d1?.leaseId ?? "",
        },
        { deliveryId: d2?.deliveryId ?? 0, outcome: { kind: "retry", nextAttemptAt: at(5000), error: "timeout", at: at(20) } },
      ]);
      expect(applied).toEqual([false, true, true]);
      expect((await store.listDeliveries()).map((d) => [d.state, d.nextAttemptAt, d.lastError, d.lastResponse])).toEqual([
        ["delivered", at(0), undefined, { status: 202 }],
        ["pending", at(5000), "timeout", undefined],
        ["claimed", at(2), undefined, undefined],
      ]);
      expect(await store.recordOutcomes([])).toEqual([]);
    });

    test("dead deliveries keep their reason and response; replay filters by destination, message and time", async () => {
      const store = await ctx.open();
      const [a, b, c] = [checkin(), checkin(), checkin()];
      for (const envelope of [a, b, c]) await store.ingest(item(envelope, ["national", "city"], at(0)));
      await killAll(store, "national", at(10));
      await killAll(store, "city", at(20), "HTTP 404");

      const dead = await store.listDeliveries({ state: "dead", destination: "city" });
      expect(dead.map((d) => [d.messageId, d.lastError, d.deadAt])).toEqual([
        [a.id, "HTTP 404", at(20)],
        [b.id, "HTTP 404", at(20)],
        [c.id, "HTTP 404", at(20)],
      ]);

      await expect(store.replay({})).rejects.toMatchObject({ code: "EIX_STORE_REPLAY_FILTER" });
      expect(await store.replay({ messageId: a.id, destination: "national", now: at(30) })).toBe(1);
      expect(await store.replay({ destination: "national", since: at(15), now: at(30) })).toBe(0);
      expect(await store.replay({ destination: "city", since: at(15), now: at(30) })).toBe(3);
      expect(await store.replay({ destination: "city", now: at(30) })).toBe(0);

      const pending = await store.listDeliveries({ state: "pending" });
      expect(pending).toHaveLength(4);
      expect(
        pending.every((d) => d.attempts === 0 && d.replayedAt?.getTime() === at(30).getTime() && d.deadAt === undefined),
      ).toBe(true);
      expect(await store.claimDue({ now: at(30), limit: 100, leaseMs: 1000 })).toHaveLength(4);
    });

    test("listings page by id and filter by state and destination", async () => {
      const store = await ctx.open();
      for (let i = 0; i < 5; i++) await store.ingest(item(checkin(), ["national", "city"], at(i)));
      const firstPage = await store.listDeliveries({ destination: "national", limit: 2 });
      expect(firstPage.map((d) => d.destination)).toEqual(["national", "national"]);
      const secondPage = await store.listDeliveries({
        destination: "national",
        limit: 10,
        afterId: firstPage[1]?.deliveryId ?? 0,
      });
      expect(secondPage).toHaveLength(3);
      expect(await store.listDeliveries({ state: "delivered" })).toEqual([]);
      expect(await store.listDeliveries({ limit: 1000 })).toHaveLength(10);
    });

    test("outbox figures give depth, dead letters and the oldest pending age per destination", async () => {
      const store = await ctx.open();
      await store.ingest(item(checkin(), ["national", "city"], at(0)));
      await store.ingest(item(checkin(), ["national"], at(5_000)));
      await store.ingest(item(checkin(), ["city"], at(6_000)));
      await store.claimDue({ destination: "national", now: at(7_000), limit: 1, leaseMs: 60_000 });
      await killAll(store, "city", at(8_000));

      expect(await store.outboxStats(at(10_000))).toEqual([
        { destination: "city", pending: 0, claimed: 0, dead: 2, oldestPendingAgeMs: 0 },
        { destination: "national", pending: 1, claimed: 1, dead: 0, oldestPendingAgeMs: 10_000 },
      ]);
    });
  });
}
