// Contract part: ingest, receipts, deduplication, batches and group commit, message queries.
import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { GroupCommitter } from "../../src/store/group-committer.js";
import { isStoreError } from "../../src/store/store-errors.js";
import type { ContractContext } from "./contract-context.js";
import { at, checkin, incident, item, newId, provenance, T0 } from "./store-fixtures.js";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function ingestContract(ctx: ContractContext): void {
  describe("ingest", () => {
    test("commits the message with its raw bytes, digest, provenance and one pending delivery per destination", async () => {
      const store = await ctx.open();
      const envelope = incident({ incidentId: "330110-20260314-0001", sequence: 1 });
      const routed = item(envelope, ["national", "city", "national"], at(5));
      const receipt = await store.ingest(routed);

      expect(receipt).toEqual({
        receiptId: expect.stringMatching(UUID_V7),
        messageId: envelope.id,
        unitId: "330110-YJJ-ZBS",
        receivedAt: at(5),
        duplicate: false,
      });
      const stored = await store.getMessage(envelope.id);
      expect(stored?.receiptId).toBe(receipt.receiptId);
      expect(Buffer.from(stored?.raw ?? []).equals(Buffer.from(routed.raw))).toBe(true);
      expect(stored?.rawSha256).toBe(createHash("sha256").update(routed.raw).digest("hex"));
      expect(stored?.envelope).toEqual(envelope);
      expect(stored?.provenance).toEqual(provenance);
      expect(stored?.deliveries.map((d) => [d.destination, d.state, d.attempts, d.laneKey])).toEqual([
        ["national", "pending", 0, "national|330110-20260314-0001"],
        ["city", "pending", 0, "city|330110-20260314-0001"],
      ]);
      expect(stored?.deliveries[0]?.nextAttemptAt).toEqual(at(5));
      expect(store.counters()).toMatchObject({ ingestTransactions: 1, ingestedMessages: 1 });
    });

    test("a message outside any incident is a lane of its own, keyed by its id", async () => {
      const store = await ctx.open();
      const envelope = checkin();
      await store.ingest(item(envelope, ["national"]));
      const stored = await store.getMessage(envelope.id, "330110-YJJ-ZBS");
      expect(stored?.deliveries[0]?.laneKey).toBe(`national|${envelope.id}`);
      expect(await store.incidentChain(envelope.id)).toEqual([]);
    });

    test("a resend of the same (unitId, id) gets the original receipt and stores nothing new", async () => {
      const store = await ctx.open();
      const envelope = checkin();
      const first = await store.ingest(item(envelope, ["national"], at(0)));
      const resend = { ...item(envelope, ["national", "city"], at(60_000)), raw: new TextEncoder().encode("resent bytes") };
      const second = await store.ingest(resend);

      expect(second).toEqual({ ...first, duplicate: true });
      const stored = await store.getMessage(envelope.id);
      expect(new TextDecoder().decode(stored?.raw)).toBe(JSON.stringify(envelope));
      expect(stored?.deliveries).toHaveLength(1);
      expect(store.counters()).toMatchObject({ ingestedMessages: 1, duplicates: 1 });
    });

    test("the same id from another unit is another message", async () => {
      const store = await ctx.open();
      const id = newId();
      const a = await store.ingest(item(checkin({ id, unitId: "330110-A" })));
      const b = await store.ingest(item(checkin({ id, unitId: "330110-B" })));
      expect(b.duplicate).toBe(false);
      expect(b.receiptId).not.toBe(a.receiptId);
      expect((await store.getMessage(id, "330110-B"))?.receiptId).toBe(b.receiptId);
      expect((await store.getMessage(id))?.receiptId).toBe(a.receiptId);
    });

    test("items the store cannot take are refused with EIX_STORE_INVALID_ITEM", async () => {
      const store = await ctx.open();
      const noId = { ...checkin(), id: "" };
      const pipe = item(checkin(), ["nat|ional"]);
      const noIncident = incident({ incidentId: "", sequence: 1 });
      for (const bad of [item(noId), pipe, item(noIncident)]) {
        await expect(store.ingest(bad)).rejects.toMatchObject({ code: "EIX_STORE_INVALID_ITEM", retryable: false });
      }
      expect(store.counters().ingestTransactions).toBe(0);
    });

    test("in a batch, an invalid item and one the database refuses fail alone; the others commit", async () => {
      const db = await ctx.database();
      const store = await ctx.open();
      const refused = checkin();
      await db.failIngestOf(refused.id);
      const good1 = checkin();
      const good2 = incident({ incidentId: newId("i"), sequence: 1 });
      const circular: Record<string, unknown> = { ...checkin() };
      circular.self = circular;
      const unwritable = { ...item(checkin()), envelope: circular as never };

      const results = await store.ingestBatch([item(good1), unwritable, item(refused), item(good2, ["national", "city"])]);
      expect(results.map((r) => (r.ok ? "ok" : r.error.code))).toEqual([
        "ok",
        "EIX_STORE_INVALID_ITEM",
        "EIX_STORE_WRITE_FAILED",
        "ok",
      ]);
      expect(await store.getMessage(good1.id)).toBeDefined();
      expect((await store.getMessage(good2.id))?.deliveries).toHaveLength(2);
      expect(await store.getMessage(refused.id)).toBeUndefined();
      expect(await store.listDeliveries()).toHaveLength(3);
    });

    test("concurrent ingests through the group committer share transactions, each with its own receipt", async () => {
      const store = await ctx.open();
      const committer = new GroupCommitter(store, { maxBatch: 32, maxDelayMs: 2 });
      const envelopes = Array.from({ length: 100 }, () => checkin());
      const receipts = await Promise.all(envelopes.map((envelope) => committer.ingest(item(envelope))));

      expect(receipts.map((r) => r.messageId)).toEqual(envelopes.map((e) => e.id));
      expect(new Set(receipts.map((r) => r.receiptId)).size).toBe(100);
      expect(committer.stats).toMatchObject({ calls: 100, largestBatch: 32 });
      expect(committer.stats.batches).toBeLessThanOrEqual(10);
      expect(store.counters().ingestTransactions).toBe(committer.stats.batches);
      expect(await store.listDeliveries({ limit: 1000 })).toHaveLength(100);
    });

    test("through the group committer, a bad item fails its own caller only, and a duplicate in the same batch gets the first receipt", async () => {
      const db = await ctx.database();
      const store = await ctx.open();
      const committer = new GroupCommitter(store, { maxDelayMs: 5 });
      const refused = checkin();
      await db.failIngestOf(refused.id);
      const twice = checkin();
      const outcomes = await Promise.allSettled([
        committer.ingest(item(checkin())),
        committer.ingest(item(refused)),
        committer.ingest(item(twice)),
        committer.ingest(item(twice)),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
      const rejected = outcomes[1] as PromiseRejectedResult;
      expect(isStoreError(rejected.reason) && rejected.reason.code).toBe("EIX_STORE_WRITE_FAILED");
      const [third, fourth] = [outcomes[2], outcomes[3]].map(
        (o) => (o as PromiseFulfilledResult<{ receiptId: string; duplicate: boolean }>).value,
      );
      expect(fourth).toMatchObject({ receiptId: third?.receiptId, duplicate: true });
      expect(committer.stats.batches).toBe(1);
    });

    test("the incident chain comes back in report sequence whatever the arrival order", async () => {
      const store = await ctx.open();
      const incidentId = newId("330110-20260314");
      const update = incident({ incidentId, sequence: 2 });
      const initial = incident({ incidentId, sequence: 1 });
      const final = incident({ incidentId, sequence: 3, stage: "final" });
      await store.ingest(item(update, [], at(1)));
      await store.ingest(item(final, [], at(2)));
      await store.ingest(item(initial, [], at(3)));
      const chain = await store.incidentChain(incidentId);
      expect(chain.map((link) => [link.sequence, link.stage, link.messageId])).toEqual([
        [1, "initial", initial.id],
        [2, "update", update.id],
        [3, "final", final.id],
      ]);
      expect(chain[0]?.envelope).toEqual(initial);
      expect(chain[0]?.receivedAt).toEqual(at(3));
      expect(await store.getMessage("no-such-id")).toBeUndefined();
    });

    test("times default to the store's clock", async () => {
      const store = await ctx.open();
      ctx.clock.now = at(42_000);
      const { raw, envelope } = item(checkin());
      const receipt = await store.ingest({ raw, envelope, provenance, destinations: ["national"] });
      expect(receipt.receivedAt).toEqual(at(42_000));
      expect(T0.getTime()).toBeLessThan(receipt.receivedAt.getTime());
    });
  });
}
