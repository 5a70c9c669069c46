// From "how the send went" to "what the store records": the relay's retry and give-up rules.
import type { ClaimedDelivery, DeliveryOutcome, DeliveryResponse } from "../store/store-records.js";
import { planRetry, type RandomSource, type RetryPolicy } from "./backoff.js";
import type { SendResult } from "./destination.js";
import { relayReason } from "./relay-errors.js";

/**
 * What to do when a request was sent but not answered. "retry" (default): at-least-once — send
 * again, the receiver deduplicates on X-EIX-Unit-Id + X-EIX-Message-Id. "dead": at-most-once for
 * receivers that cannot deduplicate — an operator checks with the receiver and replays if needed.
 */
export type AmbiguousTimeoutPolicy = "retry" | "dead";

export interface OutcomePolicy {
  readonly retry: RetryPolicy;
  readonly onAmbiguousTimeout: AmbiguousTimeoutPolicy;
}

/** The time a delivery's age counts from: its replay, else its creation. */
export function ageFrom(delivery: ClaimedDelivery): Date {
  return delivery.replayedAt ?? delivery.createdAt;
}

/** The store outcome for one send. */
export function outcomeOf(
  delivery: ClaimedDelivery,
  result: SendResult,
  policy: OutcomePolicy,
  now: Date,
  random: RandomSource,
): DeliveryOutcome {
  const response = withResponse(result.response);
  if (result.kind === "delivered") return { kind: "delivered", at: now, ...response };
  if (result.kind === "permanent" || (result.kind === "ambiguous" && policy.onAmbiguousTimeout === "dead")) {
    return { kind: "dead", reason: result.reason, at: now, ...response };
  }
  const retryAfterMs = result.kind === "retryable" ? result.retryAfterMs : undefined;
  const plan = planRetry({ attempts: delivery.attempts, ageFrom: ageFrom(delivery), now, retryAfterMs }, policy.retry, random);
  if (plan.kind === "retry")
    return { kind: "retry", nextAttemptAt: plan.nextAttemptAt, error: result.reason, at: now, ...response };
  const reason =
    plan.code === "EIX_RELAY_MAX_ATTEMPTS"
      ? relayReason(plan.code, {
          value: String(delivery.attempts),
          limit: String(policy.retry.maxAttempts),
          detail: result.reason,
        })
      : relayReason(plan.code, { limit: duration(policy.retry.maxAgeMs), detail: result.reason });
  return { kind: "dead", reason, at: now, ...response };
}

/** A delivery that waited past its age limit before it could even be sent (outage, open circuit). */
export function expiredOutcome(delivery: ClaimedDelivery, policy: OutcomePolicy, now: Date): DeliveryOutcome {
  const detail = delivery.lastError ?? "none";
  return { kind: "dead", reason: relayReason("EIX_RELAY_MAX_AGE", { limit: duration(policy.retry.maxAgeMs), detail }), at: now };
}

function withResponse(response: DeliveryResponse | undefined): { response?: DeliveryResponse } {
  return response === undefined ? {} : { response };
}

/** "24 h", "90 min", "45 s": limits as an operator configured them. */
export function duration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}
