// The relay (转发): destinations, outcome classification, backoff, circuit breaker, outbox workers.
// What the rest of the hub uses; the package door (src/index.ts) re-exports from here.

export {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  isPastMaxAge,
  planRetry,
  type RandomSource,
  type RetryInput,
  type RetryPlan,
  type RetryPolicy,
  resolveRetryPolicy,
} from "./backoff.js";
export {
  type Admission,
  CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitState,
  DEFAULT_CIRCUIT_BREAKER,
  type SendHealth,
} from "./circuit-breaker.js";
export { type AmbiguousTimeoutPolicy, type OutcomePolicy, outcomeOf } from "./delivery-outcome.js";
export type { Destination, EncodedBody, SendResult, SendResultKind } from "./destination.js";
export { DirectoryDestination, type DirectoryDestinationOptions } from "./directory-destination.js";
export {
  adapterEncoder,
  canonicalJsonEncoder,
  type EncodeFailure,
  type Encoder,
  encodeForDelivery,
  extensionFor,
} from "./encoder.js";
export { HttpDestination, type HttpDestinationOptions, type HttpDestinationTls } from "./http-destination.js";
export {
  isRelayError,
  RelayError,
  type RelayErrorCode,
  type RelayErrorParams,
  relayErrors,
  relayMessage,
  relayReason,
} from "./relay-errors.js";
export type { RelayDestinationConfig } from "./relay-target.js";
export { Relay, type RelayMetrics, type RelayOptions } from "./relay-worker.js";
export { MAX_RETRY_AFTER_MS, parseHttpDate, parseRetryAfter, type RetryAfterOptions } from "./retry-after.js";
