// The group committer's batching rules, against a stand-in store that records each batch.
import { describe, expect, test } from "vitest";
import { GroupCommitter } from "../../src/store/group-committer.js";
import type { Store } from "../../src/store/store.js";
import { StoreError } from "../../src/store/store-errors.js";
import type { IngestItem, IngestResult } from "../../src/store/store-records.js";
import { checkin, item, T0 } from "./store-fixtures.js";

/** Commits by echoing a receipt per item; `gate` holds a commit open until released. */
function standIn(options: { fail?: (item: IngestItem) => boolean; reject?: unknown } = {}) {
  const batches: number[] = [];
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const store: Pick<Store, "ingestBatch"> = {
    async ingestBatch(items) {
      batches.push(items.length);
      if (gate) await gate;
      if (options.reject) throw options.reject;
      return items.map(
        (it): IngestResult =>
          options.fail?.(it)
            ? { ok: false, error: new StoreError("EIX_STORE_WRITE_FAILED", { detail: "refused" }) }
            : {
                ok: true,
                receipt: {
                  receiptId: `r-${it.envelope.id}`,
                  messageId: it.envelope.id,
                  unitId: "u",
                  receivedAt: T0,
                  duplicate: false,
                },
              },
      );
    },
  };
  return {
    store,
    batches,
    hold() {
      gate = new Promise((resolve) => {
        release = resolve;
      });
    },
    open() {
      gate = undefined;
      release?.();
    },
  };
}

describe("GroupCommitter", () => {
  test("ingests in the same tick share one batch; a full batch goes at once without waiting for the timer", async () => {
    const fake = standIn();
    const committer = new GroupCommitter(fake.store, { maxBatch: 4, maxDelayMs: 10_000 });
    const receipts = await Promise.all(Array.from({ length: 8 }, () => committer.ingest(item(checkin()))));
    expect(receipts).toHaveLength(8);
    expect(fake.batches).toEqual([4, 4]);
    expect(committer.stats).toEqual({ calls: 8, batches: 2, largestBatch: 4, queued: 0 });
  });

  test("a lone ingest waits at most maxDelayMs", async () => {
    const fake = standIn();
    const committer = new GroupCommitter(fake.store, { maxDelayMs: 0 });
    const started = performance.now();
    await committer.ingest(item(checkin()));
    expect(performance.now() - started).toBeLessThan(50);
    expect(fake.batches).toEqual([1]);
  });

  test("while one batch commits the next one fills, and goes as soon as the first is done", async () => {
    const fake = standIn();
    const committer = new GroupCommitter(fake.store, { maxBatch: 100, maxDelayMs: 0 });
    fake.hold();
    const first = committer.ingest(item(checkin()));
    await new Promise((resolve) => setImmediate(resolve));
    const later = Array.from({ length: 5 }, () => committer.ingest(item(checkin())));
    expect(committer.stats.queued).toBe(5);
    fake.open();
    await Promise.all([first, ...later]);
    expect(fake.batches).toEqual([1, 5]);
  });

  test("each caller gets its own error; a failed batch fails its callers only", async () => {
    const bad = checkin();
    const fake = standIn({ fail: (it) => it.envelope.id === bad.id });
    const committer = new GroupCommitter(fake.store);
    const outcomes = await Promise.allSettled([committer.ingest(item(checkin())), committer.ingest(item(bad))]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected"]);

    const down = new StoreError("EIX_STORE_UNAVAILABLE", { detail: "ECONNREFUSED" });
    const broken = new GroupCommitter(standIn({ reject: down }).store);
    const failures = await Promise.allSettled([broken.ingest(item(checkin())), broken.ingest(item(checkin()))]);
    expect(failures.map((o) => o.status === "rejected" && o.reason)).toEqual([down, down]);
  });

  test("beyond maxQueue an ingest is refused at once with EIX_STORE_OVERLOADED, retryable", async () => {
    const fake = standIn();
    const committer = new GroupCommitter(fake.store, { maxQueue: 2, maxDelayMs: 10_000 });
    const accepted = [committer.ingest(item(checkin())), committer.ingest(item(checkin()))];
    await expect(committer.ingest(item(checkin()))).rejects.toMatchObject({ code: "EIX_STORE_OVERLOADED", retryable: true });
    await committer.drain();
    await Promise.all(accepted);
    expect(fake.batches).toEqual([2]);
  });
});
