import { describe, expect, test } from "vitest";
import { MAX_RETRY_AFTER_MS, parseHttpDate, parseRetryAfter } from "../../src/relay/retry-after.js";

const now = new Date("2026-03-14T08:00:00.000Z");

describe("Retry-After", () => {
  test("delay-seconds", () => {
    expect(parseRetryAfter("120", { now })).toBe(120_000);
    expect(parseRetryAfter(" 0 ", { now })).toBe(0);
  });

  test("an HTTP-date in all three forms RFC 9110 names", () => {
    const later = { now: new Date("1994-11-06T08:48:37.000Z") };
    expect(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", later)).toBe(60_000);
    expect(parseRetryAfter("Sunday, 06-Nov-94 08:49:37 GMT", later)).toBe(60_000);
    // asctime carries no zone and means GMT, whatever the machine's time zone.
    expect(parseRetryAfter("Sun Nov  6 08:49:37 1994", later)).toBe(60_000);
  });

  test("a date is measured against the response's Date header when there is one", () => {
    const skewed = new Date("2026-03-14T09:30:00.000Z");
    const value = "Sat, 14 Mar 2026 08:02:00 GMT";
    expect(parseRetryAfter(value, { now: skewed, responseDate: "Sat, 14 Mar 2026 08:00:00 GMT" })).toBe(120_000);
    expect(parseRetryAfter(value, { now })).toBe(120_000);
    expect(parseRetryAfter(value, { now: skewed, responseDate: "not a date" })).toBe(0);
  });

  test("a date in the past means now; negative numbers are not delay-seconds", () => {
    expect(parseRetryAfter("Sat, 14 Mar 2026 07:00:00 GMT", { now })).toBe(0);
    expect(parseRetryAfter("-5", { now })).toBeUndefined();
  });

  test("absurd waits are clamped", () => {
    expect(parseRetryAfter("31536000", { now })).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter("9".repeat(400), { now })).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter("Fri, 01 Jan 2100 00:00:00 GMT", { now })).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter("7200", { now, maxMs: 60_000 })).toBe(60_000);
  });

  test("absent or unreadable values give no hint", () => {
    for (const value of [null, undefined, "", "soon", "1.5", "12 seconds", "2026-03-14T08:02:00Z", "Sat, 14 Mar 2026 08:02:00"]) {
      expect(parseRetryAfter(value, { now })).toBeUndefined();
    }
    expect(parseHttpDate("Sat, 14 Mar 2026 25:61:00 GMT")).toBeUndefined();
  });
});
