import { RelayError } from "./relay-errors.js";

/** When a failed delivery is tried again, and when the relay gives up on it (死信). */
export interface RetryPolicy {
  /** Shortest wait before another attempt. Default 1 s. */
  readonly initialDelayMs: number;
  /** Longest wait backoff alone produces. Default 5 min. A longer `Retry-After` is still honoured. */
  readonly maxDelayMs: number;
  /** Growth of the wait ceiling per attempt. Default 2. */
  readonly multiplier: number;
  /** Attempts (claims, as the store counts them) after which a failure is final. Default 20. */
  readonly maxAttempts: number;
  /**
   * Age after which a delivery is given up, counted from its creation or, once replayed, from
   * the replay — an operator's replay gives a message a fresh window. Default 24 h.
   */
  readonly maxAgeMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  initialDelayMs: 1000,
  maxDelayMs: 5 * 60 * 1000,
  multiplier: 2,
  maxAttempts: 20,
  maxAgeMs: 24 * 60 * 60 * 1000,
};

/** A random number in [0, 1); injectable so tests get the same waits every run. */
export type RandomSource = () => number;

/** The policy with defaults filled in; throws `EIX_RELAY_INVALID_OPTIONS` for values that make no sense. */
export function resolveRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...definedOnly(overrides) };
  const problems: string[] = [];
  if (!(policy.initialDelayMs >= 0)) problems.push("initialDelayMs must be ≥ 0");
  if (!(policy.maxDelayMs >= policy.initialDelayMs)) problems.push("maxDelayMs must be ≥ initialDelayMs");
  if (!(policy.multiplier >= 1)) problems.push("multiplier must be ≥ 1");
  if (!(Number.isInteger(policy.maxAttempts) && policy.maxAttempts >= 1)) problems.push("maxAttempts must be a whole number ≥ 1");
  if (!(policy.maxAgeMs > 0)) problems.push("maxAgeMs must be > 0");
  if (problems.length > 0) throw new RelayError("EIX_RELAY_INVALID_OPTIONS", { detail: `retry policy: ${problems.join("; ")}` });
  return policy;
}

/**
 * The wait after the `attempts`-th failed attempt: exponential backoff with full jitter (AWS
 * Architecture Blog, "Exponential Backoff and Jitter"), kept above `initialDelayMs` so a
 * destination never sees a burst of instant resends. The ceiling is
 * `min(maxDelayMs, initialDelayMs × multiplier^(attempts−1))` and the wait is uniform between
 * `initialDelayMs` and that ceiling, which spreads the retries of many deliveries that failed
 * together instead of having them return in lockstep.
 */
export function backoffDelay(attempts: number, policy: RetryPolicy, random: RandomSource = Math.random): number {
  const exponent = Math.max(0, attempts - 1);
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** exponent);
  const spread = Math.max(0, ceiling - policy.initialDelayMs);
  return Math.round(policy.initialDelayMs + random() * spread);
}

/** What to do after a failed attempt that may be retried. */
export type RetryPlan =
  | { readonly kind: "retry"; readonly nextAttemptAt: Date; readonly delayMs: number }
  | { readonly kind: "give-up"; readonly code: "EIX_RELAY_MAX_ATTEMPTS" | "EIX_RELAY_MAX_AGE" };

export interface RetryInput {
  /** Attempts so far, including the one that just failed (the store counts each claim). */
  readonly attempts: number;
  /** Creation of the delivery, or its replay. */
  readonly ageFrom: Date;
  readonly now: Date;
  /** The destination's `Retry-After`, already clamped by the parser. */
  readonly retryAfterMs?: number | undefined;
}

/**
 * Next attempt time = now + max(backoff, Retry-After). A `Retry-After` above `maxDelayMs` is
 * honoured, not cut down: the receiver said when it can take the message, and an earlier resend
 * would only be refused again (the parser already clamps absurd values). The delivery is given up
 * when it has used `maxAttempts`, or when the next attempt would fall after its age limit — it is
 * sent to the dead letters now rather than sent stale later.
 */
export function planRetry(input: RetryInput, policy: RetryPolicy, random: RandomSource = Math.random): RetryPlan {
  if (input.attempts >= policy.maxAttempts) return { kind: "give-up", code: "EIX_RELAY_MAX_ATTEMPTS" };
  const delayMs = Math.max(backoffDelay(input.attempts, policy, random), input.retryAfterMs ?? 0);
  const nextAttemptAt = new Date(input.now.getTime() + delayMs);
  if (nextAttemptAt.getTime() - input.ageFrom.getTime() > policy.maxAgeMs) return { kind: "give-up", code: "EIX_RELAY_MAX_AGE" };
  return { kind: "retry", nextAttemptAt, delayMs };
}

/** Whether a delivery is already past its age limit, so it is given up without being sent. */
export function isPastMaxAge(ageFrom: Date, now: Date, policy: RetryPolicy): boolean {
  return now.getTime() - ageFrom.getTime() > policy.maxAgeMs;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
