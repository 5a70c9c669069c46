import type { Logger } from "pino";
import { type RetryPolicy, resolveRetryPolicy } from "./backoff.js";
import { CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from "./circuit-breaker.js";
import type { AmbiguousTimeoutPolicy, OutcomePolicy } from "./delivery-outcome.js";
import type { Destination } from "./destination.js";
import type { Encoder } from "./encoder.js";
import { RelayError } from "./relay-errors.js";

/** One destination as the relay is given it: where to send, how to encode, and its policies. */
export interface RelayDestinationConfig {
  readonly destination: Destination;
  readonly encode: Encoder;
  readonly retry?: Partial<RetryPolicy>;
  /** Default "retry" (at-least-once; the receiver deduplicates on X-EIX-Message-Id). */
  readonly onAmbiguousTimeout?: AmbiguousTimeoutPolicy;
  readonly breaker?: Partial<CircuitBreakerOptions>;
}

/** A configured destination with its resolved policy and its live circuit breaker. */
export interface RelayTarget {
  readonly id: string;
  readonly destination: Destination;
  readonly encode: Encoder;
  readonly policy: OutcomePolicy;
  readonly breaker: CircuitBreaker;
}

/** Checks and resolves every destination's settings up front, so a bad policy fails at start-up, not at the first retry. */
export function relayTargets(
  destinations: ReadonlyMap<string, RelayDestinationConfig>,
  context: {
    readonly logger: Logger;
    readonly clock: () => Date;
    readonly onCircuitState?: (destination: string, state: CircuitState) => void;
  },
): RelayTarget[] {
  return [...destinations].map(([id, config]) => {
    if (config.destination.id !== id) {
      throw new RelayError("EIX_RELAY_INVALID_OPTIONS", {
        detail: `destination listed as "${id}" calls itself "${config.destination.id}"`,
      });
    }
    const onStateChange = context.onCircuitState;
    const breaker = new CircuitBreaker(id, config.breaker ?? {}, {
      logger: context.logger,
      clock: context.clock,
      ...(onStateChange ? { onStateChange: (state: CircuitState) => onStateChange(id, state) } : {}),
    });
    const policy: OutcomePolicy = {
      retry: resolveRetryPolicy(config.retry),
      onAmbiguousTimeout: config.onAmbiguousTimeout ?? "retry",
    };
    return { id, destination: config.destination, encode: config.encode, policy, breaker };
  });
}
