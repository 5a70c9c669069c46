import { describe, expect, test } from "vitest";
import { resolveRetryPolicy } from "../../src/relay/backoff.js";
import { expiredOutcome, type OutcomePolicy, outcomeOf } from "../../src/relay/delivery-outcome.js";
import { T0 } from "../store/store-fixtures.js";
import { claimedDelivery } from "./relay-fixtures.js";

const retry = resolveRetryPolicy({ initialDelayMs: 1000, maxDelayMs: 10_000, maxAttempts: 5, maxAgeMs: 3_600_000 });
const retrying: OutcomePolicy = { retry, onAmbiguousTimeout: "retry" };
const atMostOnce: OutcomePolicy = { retry, onAmbiguousTimeout: "dead" };
const now = new Date(T0.getTime() + 60_000);
const half = () => 0.5;

describe("delivery outcome", () => {
  test("delivered keeps the response", () => {
    const response = { status: 202, body: "ok" };
    expect(outcomeOf(claimedDelivery(), { kind: "delivered", response }, retrying, now, half)).toEqual({
      kind: "delivered",
      at: now,
      response,
    });
  });

  test("permanent goes straight to the dead letters with its reason", () => {
    const result = { kind: "permanent", reason: "EIX_RELAY_HTTP_REJECTED: 400", response: { status: 400 } } as const;
    expect(outcomeOf(claimedDelivery(), result, retrying, now, half)).toEqual({
      kind: "dead",
      reason: result.reason,
      at: now,
      response: { status: 400 },
    });
  });

  test("retryable is scheduled with backoff, or with Retry-After when that is later", () => {
    const plain = outcomeOf(claimedDelivery({ attempts: 2 }), { kind: "retryable", reason: "503" }, retrying, now, half);
    expect(plain).toEqual({ kind: "retry", error: "503", at: now, nextAttemptAt: new Date(now.getTime() + 1500) });
    const hinted = { kind: "retryable", reason: "429", retryAfterMs: 30_000 } as const;
    expect(outcomeOf(claimedDelivery({ attempts: 2 }), hinted, retrying, now, half)).toMatchObject({
      kind: "retry",
      nextAttemptAt: new Date(now.getTime() + 30_000),
    });
  });

  test("an ambiguous timeout is retried or given up as the destination's policy says", () => {
    const result = { kind: "ambiguous", reason: "EIX_RELAY_AMBIGUOUS_TIMEOUT: no answer" } as const;
    expect(outcomeOf(claimedDelivery(), result, retrying, now, half)).toMatchObject({ kind: "retry", error: result.reason });
    expect(outcomeOf(claimedDelivery(), result, atMostOnce, now, half)).toEqual({ kind: "dead", reason: result.reason, at: now });
  });

  test("the last allowed attempt ends in the dead letters, naming the count and the last error", () => {
    const outcome = outcomeOf(claimedDelivery({ attempts: 5 }), { kind: "retryable", reason: "HTTP 503" }, retrying, now, half);
    expect(outcome).toMatchObject({ kind: "dead" });
    expect(outcome.kind === "dead" && outcome.reason).toBe(
      "EIX_RELAY_MAX_ATTEMPTS: Gave up after 5 attempts (limit 5); last error: HTTP 503",
    );
  });

  test("age counts from the replay when there was one", () => {
    const old = new Date(now.getTime() - 2 * 3_600_000);
    const replayed = claimedDelivery({ createdAt: old, replayedAt: new Date(now.getTime() - 60_000) });
    expect(outcomeOf(replayed, { kind: "retryable", reason: "x" }, retrying, now, half)).toMatchObject({ kind: "retry" });
    const notReplayed = claimedDelivery({ createdAt: old });
    const outcome = outcomeOf(notReplayed, { kind: "retryable", reason: "x" }, retrying, now, half);
    expect(outcome.kind === "dead" && outcome.reason).toMatch(/^EIX_RELAY_MAX_AGE: .*\(1 h\); last error: x$/);
    expect(expiredOutcome(claimedDelivery({ lastError: "HTTP 502" }), retrying, now)).toEqual({
      kind: "dead",
      reason: "EIX_RELAY_MAX_AGE: The delivery is past its age limit (1 h); last error: HTTP 502",
      at: now,
    });
  });
});
