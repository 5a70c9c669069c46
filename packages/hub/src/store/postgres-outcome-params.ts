import type { OutcomeEntry } from "./store-records.js";

/** State each outcome leaves the delivery in: a retry waits as pending for its next attempt. */
const STATE = { delivered: "delivered", retry: "pending", dead: "dead" } as const;

/** The parameters of `outcomes`: one array per column, in delivery id order (a stable lock order). */
export function outcomeParams(entries: readonly OutcomeEntry[], now: Date): unknown[] {
  const sorted = [...entries].sort((a, b) => a.deliveryId - b.deliveryId);
  return [
    sorted.map((e) => e.deliveryId),
    sorted.map((e) => STATE[e.outcome.kind]),
    sorted.map((e) => e.outcome.at ?? now),
    sorted.map((e) => e.leaseId ?? null),
    sorted.map((e) => (e.outcome.response === undefined ? null : JSON.stringify(e.outcome.response))),
    sorted.map((e) => (e.outcome.kind === "retry" ? e.outcome.nextAttemptAt : null)),
    sorted.map((e) => (e.outcome.kind === "retry" ? e.outcome.error : e.outcome.kind === "dead" ? e.outcome.reason : null)),
  ];
}
