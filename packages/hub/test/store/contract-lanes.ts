// Contract part: claims keep order per (destination, incident) lane; leases; concurrent claimers.
import { describe, expect, test } from "vitest";
import type { Store } from "../../src/store/store.js";
import type { ClaimedDelivery } from "../../src/store/store-records.js";
import type { ContractContext } from "./contract-context.js";
import { at, checkin, incident, item, newId } from "./store-fixtures.js";

const LEASE = 30_000;

/** Claims at `now` and returns "messageId@destination" for each claimed delivery. */
async function claimNames(store: Store, now: Date, more: { destination?: string; deadBlocksLane?: boolean } = {}) {
  const claimed = await store.claimDue({ now, limit: 100, leaseMs: LEASE, ...more });
  return { claimed, names: claimed.map((d) => `${d.messageId}@${d.destination}`) };
}

async function deliver(store: Store, delivery: ClaimedDelivery | undefined, when: Date): Promise<void> {
  if (!delivery) throw new Error("nothing was claimed");
  expect(await store.recordOutcome(delivery.deliveryId, { kind: "delivered", at: when }, delivery.leaseId)).toBe(true);
}

export function laneContract(ctx: ContractContext): void {
  describe("lanes", () => {
    test("a 续报 is not claimable before its 初报 is delivered; another incident is unaffected", async () => {
      const store = await ctx.open();
      const a = newId("incident-a");
      const initialA = incident({ incidentId: a, sequence: 1 });
      const updateA = incident({ incidentId: a, sequence: 2 });
      const initialB = incident({ incidentId: newId("incident-b"), sequence: 1 });
      await store.ingest(item(initialA, ["national"], at(0)));
      await store.ingest(item(updateA, ["national"], at(1)));
      await store.ingest(item(initialB, ["national"], at(2)));

      const first = await claimNames(store, at(10));
      expect(first.names).toEqual([`${initialA.id}@national`, `${initialB.id}@national`]);
      expect(first.claimed[0]?.envelope).toEqual(initialA);
      expect((await claimNames(store, at(20))).names).toEqual([]);

      await deliver(store, first.claimed[0], at(30));
      expect((await claimNames(store, at(40))).names).toEqual([`${updateA.id}@national`]);
    });

    test("lanes are per destination: a slow destination does not hold back another", async () => {
      const store = await ctx.open();
      const incidentId = newId("incident");
      const initial = incident({ incidentId, sequence: 1 });
      const update = incident({ incidentId, sequence: 2 });
      await store.ingest(item(initial, ["national", "city"], at(0)));
      await store.ingest(item(update, ["national", "city"], at(1)));
      const first = await claimNames(store, at(10), { destination: "city" });
      expect(first.names).toEqual([`${initial.id}@city`]);
      await deliver(store, first.claimed[0], at(11));
      expect((await claimNames(store, at(12), { destination: "city" })).names).toEqual([`${update.id}@city`]);
      expect((await claimNames(store, at(13))).names).toEqual([`${initial.id}@national`]);
    });

    test("a late 初报 still goes before a 续报 that arrived first, while neither has been sent", async () => {
      const store = await ctx.open();
      const incidentId = newId("incident");
      const update = incident({ incidentId, sequence: 2 });
      const initial = incident({ incidentId, sequence: 1 });
      await store.ingest(item(update, ["national"], at(0)));
      await store.ingest(item(initial, ["national"], at(1)));
      const first = await claimNames(store, at(10));
      expect(first.names).toEqual([`${initial.id}@national`]);
      await deliver(store, first.claimed[0], at(11));
      expect((await claimNames(store, at(12))).names).toEqual([`${update.id}@national`]);
    });

    test("a retry waits for its time, counts attempts, and holds back only its own lane", async () => {
      const store = await ctx.open();
      const incidentId = newId("incident");
      const initial = incident({ incidentId, sequence: 1 });
      const update = incident({ incidentId, sequence: 2 });
      const other = checkin();
      await store.ingest(item(initial, ["national"], at(0)));
      await store.ingest(item(update, ["national"], at(0)));
      const [head] = (await claimNames(store, at(10))).claimed;
      const retry = { kind: "retry", nextAttemptAt: at(60_000), error: "HTTP 503", response: { status: 503 } } as const;
      expect(await store.recordOutcome(head?.deliveryId ?? 0, retry, head?.leaseId)).toBe(true);
      await store.ingest(item(other, ["national"], at(20)));

      const meanwhile = await claimNames(store, at(30_000));
      expect(meanwhile.names).toEqual([`${other.id}@national`]);
      await deliver(store, meanwhile.claimed[0], at(30_001));
      const again = await claimNames(store, at(60_000));
      expect(again.names).toEqual([`${initial.id}@national`]);
      expect(again.claimed[0]).toMatchObject({ attempts: 2, lastError: "HTTP 503", lastResponse: { status: 503 } });
    });

    test("a dead head blocks its lane by default; deadBlocksLane: false moves past it; replay unblocks", async () => {
      const store = await ctx.open();
      const incidentId = newId("incident");
      const initial = incident({ incidentId, sequence: 1 });
      const update = incident({ incidentId, sequence: 2 });
      await store.ingest(item(initial, ["national"], at(0)));
      await store.ingest(item(update, ["national"], at(0)));
      const [head] = (await claimNames(store, at(10))).claimed;
      const dead = { kind: "dead", reason: "HTTP 400: unknown region", response: { status: 400, body: "bad" } } as const;
      expect(await store.recordOutcome(head?.deliveryId ?? 0, dead, head?.leaseId)).toBe(true);

      expect((await claimNames(store, at(20))).names).toEqual([]);
      const past = await claimNames(store, at(20), { deadBlocksLane: false });
      expect(past.names).toEqual([`${update.id}@national`]);
      await deliver(store, past.claimed[0], at(21));

      expect(await store.replay({ deliveryId: head?.deliveryId ?? 0, now: at(30) })).toBe(1);
      const replayed = await claimNames(store, at(30));
      expect(replayed.names).toEqual([`${initial.id}@national`]);
      expect(replayed.claimed[0]).toMatchObject({ attempts: 1, replayedAt: at(30), lastError: dead.reason });
    });

    test("a lapsed lease makes the claim claimable again; the old lease can no longer record an outcome", async () => {
      const store = await ctx.open();
      await store.ingest(item(checkin(), ["national"], at(0)));
      const [first] = await store.claimDue({ now: at(0), limit: 10, leaseMs: 1000 });
      expect(first).toMatchObject({ state: "claimed", attempts: 1, claimedUntil: at(1000) });
      expect(await store.claimDue({ now: at(999), limit: 10, leaseMs: 1000 })).toEqual([]);

      const [second] = await store.claimDue({ now: at(1000), limit: 10, leaseMs: 1000 });
      expect(second).toMatchObject({ deliveryId: first?.deliveryId, attempts: 2, claimedUntil: at(2000) });
      expect(second?.leaseId).not.toBe(first?.leaseId);
      expect(await store.recordOutcome(first?.deliveryId ?? 0, { kind: "delivered" }, first?.leaseId)).toBe(false);
      expect(await store.recordOutcome(second?.deliveryId ?? 0, { kind: "delivered" }, second?.leaseId)).toBe(true);
      expect(await store.recordOutcome(second?.deliveryId ?? 0, { kind: "delivered" }, second?.leaseId)).toBe(false);
    });

    test("two claimers on separate connections never get the same delivery, and lanes stay in order", async () => {
      const one = await ctx.open();
      const two = await ctx.open();
      const incidents = Array.from({ length: 8 }, () => newId("incident"));
      for (const sequence of [1, 2, 3]) {
        for (const incidentId of incidents) {
          await one.ingest(item(incident({ incidentId, sequence }), ["national"], at(sequence)));
        }
      }
      for (let i = 0; i < 16; i++) await one.ingest(item(checkin(), ["national"], at(0)));

      const seen = new Set<number>();
      const inFlight = new Set<string>();
      const lastSequence = new Map<string, number>();
      let violations = 0;
      const worker = async (store: Store) => {
        for (let idle = 0; idle < 3; ) {
          const claimed = await store.claimDue({ now: at(100), limit: 3, leaseMs: LEASE });
          idle = claimed.length === 0 ? idle + 1 : 0;
          for (const d of claimed) {
            if (seen.has(d.deliveryId) || inFlight.has(d.laneKey)) violations++;
            seen.add(d.deliveryId);
            inFlight.add(d.laneKey);
          }
          await new Promise((resolve) => setImmediate(resolve));
          for (const d of claimed) {
            const sequence = d.envelope.kind === "incident" ? d.envelope.payload.sequence : 0;
            if (sequence < (lastSequence.get(d.laneKey) ?? 0)) violations++;
            lastSequence.set(d.laneKey, sequence);
            inFlight.delete(d.laneKey);
            await store.recordOutcome(d.deliveryId, { kind: "delivered", at: at(100) }, d.leaseId);
          }
        }
      };
      await Promise.all([worker(one), worker(two)]);
      expect(violations).toBe(0);
      expect(seen.size).toBe(8 * 3 + 16);
      expect(await one.listDeliveries({ state: "delivered", limit: 1000 })).toHaveLength(40);
    });
  });
}
