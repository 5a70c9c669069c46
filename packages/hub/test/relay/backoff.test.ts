import { describe, expect, test } from "vitest";
import { backoffDelay, isPastMaxAge, planRetry, type RetryPolicy, resolveRetryPolicy } from "../../src/relay/backoff.js";
import { seededRandom } from "./relay-fixtures.js";

const policy: RetryPolicy = resolveRetryPolicy({
  initialDelayMs: 1000,
  maxDelayMs: 60_000,
  maxAttempts: 10,
  maxAgeMs: 3_600_000,
});
const now = new Date("2026-03-14T08:00:00.000Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe("backoff", () => {
  test("waits stay between the initial delay and the exponential ceiling, capped by maxDelay", () => {
    const random = seededRandom(42);
    for (let attempts = 1; attempts <= 12; attempts++) {
      const ceiling = Math.min(60_000, 1000 * 2 ** (attempts - 1));
      const waits = Array.from({ length: 500 }, () => backoffDelay(attempts, policy, random));
      expect(Math.min(...waits)).toBeGreaterThanOrEqual(1000);
      expect(Math.max(...waits)).toBeLessThanOrEqual(ceiling);
      if (ceiling >= 8000) {
        // Full jitter: the waits really spread over the range instead of bunching at one end.
        const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
        expect(mean).toBeGreaterThan(1000 + (ceiling - 1000) * 0.4);
        expect(mean).toBeLessThan(1000 + (ceiling - 1000) * 0.6);
      }
    }
  });

  test("the extremes of the random source give exactly the bounds", () => {
    expect(backoffDelay(1, policy, () => 0.999_999)).toBe(1000);
    expect(backoffDelay(4, policy, () => 0)).toBe(1000);
    expect(backoffDelay(4, policy, () => 0.999_999_99)).toBe(8000);
    expect(backoffDelay(500, policy, () => 0.999_999_99)).toBe(60_000);
  });

  test("the same seed gives the same waits", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const waits = (random: () => number) => [1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy, random));
    expect(waits(a)).toEqual(waits(b));
  });

  test("a Retry-After longer than the backoff wins, even beyond maxDelay", () => {
    const plan = planRetry({ attempts: 1, ageFrom: now, now, retryAfterMs: 120_000 }, policy, () => 0.5);
    expect(plan).toEqual({ kind: "retry", nextAttemptAt: new Date(now.getTime() + 120_000), delayMs: 120_000 });
    const shorter = planRetry({ attempts: 6, ageFrom: now, now, retryAfterMs: 10 }, policy, () => 0.5);
    expect(shorter).toMatchObject({ kind: "retry", delayMs: backoffDelay(6, policy, () => 0.5) });
  });

  test("gives up after maxAttempts", () => {
    expect(planRetry({ attempts: 9, ageFrom: now, now }, policy, () => 0)).toMatchObject({ kind: "retry" });
    expect(planRetry({ attempts: 10, ageFrom: now, now }, policy, () => 0)).toEqual({
      kind: "give-up",
      code: "EIX_RELAY_MAX_ATTEMPTS",
    });
  });

  test("gives up when the next attempt would fall after the age limit", () => {
    expect(planRetry({ attempts: 2, ageFrom: minutesAgo(50), now }, policy, () => 0)).toMatchObject({ kind: "retry" });
    expect(planRetry({ attempts: 2, ageFrom: minutesAgo(59.99), now }, policy, () => 0)).toEqual({
      kind: "give-up",
      code: "EIX_RELAY_MAX_AGE",
    });
    // A Retry-After that reaches past the limit ends it now rather than sending a stale message later.
    expect(planRetry({ attempts: 2, ageFrom: minutesAgo(30), now, retryAfterMs: 40 * 60_000 }, policy, () => 0)).toMatchObject({
      kind: "give-up",
      code: "EIX_RELAY_MAX_AGE",
    });
    expect(isPastMaxAge(minutesAgo(61), now, policy)).toBe(true);
    expect(isPastMaxAge(minutesAgo(59), now, policy)).toBe(false);
  });

  test("a policy that makes no sense is refused at configuration time", () => {
    expect(() => resolveRetryPolicy({ initialDelayMs: 5000, maxDelayMs: 1000 })).toThrow(
      expect.objectContaining({ code: "EIX_RELAY_INVALID_OPTIONS" }),
    );
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(/maxAttempts/);
    expect(() => resolveRetryPolicy({ multiplier: 0.5 })).toThrow(/multiplier/);
    expect(resolveRetryPolicy({ maxAttempts: 3 })).toMatchObject({ maxAttempts: 3, initialDelayMs: 1000, maxDelayMs: 300_000 });
  });
});
