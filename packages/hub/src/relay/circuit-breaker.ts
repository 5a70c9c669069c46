import type { Logger } from "pino";
import { RelayError } from "./relay-errors.js";

export interface CircuitBreakerOptions {
  /** Consecutive retryable failures (and ambiguous timeouts) that open the circuit. Default 5. */
  readonly failureThreshold: number;
  /** How long an open circuit sends nothing before one probe is let through. Default 30 s. */
  readonly openMs: number;
}

export const DEFAULT_CIRCUIT_BREAKER: CircuitBreakerOptions = { failureThreshold: 5, openMs: 30_000 };

export type CircuitState = "closed" | "open" | "half-open";

/** How many deliveries the relay may claim now, and whether the one it claims is the probe. */
export interface Admission {
  readonly count: number;
  readonly probe: boolean;
}

/** `success`: the destination answered, even with a refusal (4xx); `failure`: it did not, or said "later". */
export type SendHealth = "success" | "failure";

/**
 * A circuit breaker for one destination. While it is open the relay claims none of that
 * destination's deliveries, so they wait in the store (not in memory) and nothing is logged per
 * message. After `openMs` one probe is let through: success closes the circuit, failure opens it
 * again for another `openMs`.
 *
 * Logging: one warn line when an outage begins and one info line when it ends. A failed probe
 * re-opens the circuit within the same outage and logs only at debug level, so a destination down
 * for a day costs two lines, not one per probe.
 */
export class CircuitBreaker {
  readonly destination: string;
  readonly #options: CircuitBreakerOptions;
  readonly #logger: Logger;
  readonly #clock: () => Date;
  readonly #onStateChange: ((state: CircuitState) => void) | undefined;
  #state: CircuitState = "closed";
  #failures = 0;
  #openedAt = 0;
  #outageStartedAt = 0;
  #probeOut = false;

  constructor(
    destination: string,
    options: Partial<CircuitBreakerOptions>,
    context: {
      readonly logger: Logger;
      readonly clock?: () => Date;
      readonly onStateChange?: (state: CircuitState) => void;
    },
  ) {
    this.destination = destination;
    this.#options = resolveBreakerOptions(options);
    this.#logger = context.logger;
    this.#clock = context.clock ?? (() => new Date());
    this.#onStateChange = context.onStateChange;
  }

  /** The state now; an open circuit whose `openMs` has passed reads as half-open. */
  /** When an open circuit lets its probe through (ms since the epoch); undefined unless open. */
  get probeAt(): number | undefined {
    return this.#state === "open" ? this.#openedAt + this.#options.openMs : undefined;
  }

  get state(): CircuitState {
    if (this.#state === "open" && this.#now() - this.#openedAt >= this.#options.openMs) this.#enter("half-open");
    return this.#state;
  }

  /**
   * How many of `wanted` deliveries may be claimed now: all while closed, none while open, and one
   * (the probe) when half-open with no probe out yet. A probe admitted but not claimed (nothing was
   * due) must be handed back with `cancelProbe`.
   */
  admit(wanted: number): Admission {
    const state = this.state;
    if (state === "closed") return { count: wanted, probe: false };
    if (state === "open" || this.#probeOut || wanted < 1) return { count: 0, probe: false };
    this.#probeOut = true;
    return { count: 1, probe: true };
  }

  cancelProbe(): void {
    this.#probeOut = false;
  }

  /**
   * Records how a send went. Results of sends started before the circuit opened (still in flight
   * when it did) change nothing: only the probe decides while the circuit is not closed.
   */
  record(health: SendHealth, probe: boolean): void {
    if (probe) {
      this.#probeOut = false;
      if (health === "success") this.#close();
      else this.#open(true);
      return;
    }
    if (this.#state !== "closed") return;
    if (health === "success") {
      this.#failures = 0;
      return;
    }
    this.#failures += 1;
    if (this.#failures >= this.#options.failureThreshold) this.#open(false);
  }

  #open(reopen: boolean): void {
    const now = this.#now();
    this.#openedAt = now;
    if (reopen) {
      this.#logger.debug(
        { destination: this.destination, openMs: this.#options.openMs },
        "relay circuit probe failed, open again",
      );
    } else {
      this.#outageStartedAt = now;
      this.#logger.warn(
        { destination: this.destination, failures: this.#failures, openMs: this.#options.openMs },
        "relay circuit opened: destination failing, sends paused",
      );
    }
    this.#enter("open");
  }

  #close(): void {
    this.#failures = 0;
    this.#logger.info(
      { destination: this.destination, outageMs: this.#now() - this.#outageStartedAt },
      "relay circuit closed: destination answers again, sends resume",
    );
    this.#enter("closed");
  }

  #enter(state: CircuitState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#onStateChange?.(state);
  }

  #now(): number {
    return this.#clock().getTime();
  }
}

export function resolveBreakerOptions(overrides: Partial<CircuitBreakerOptions>): CircuitBreakerOptions {
  const options = {
    failureThreshold: overrides.failureThreshold ?? DEFAULT_CIRCUIT_BREAKER.failureThreshold,
    openMs: overrides.openMs ?? DEFAULT_CIRCUIT_BREAKER.openMs,
  };
  if (!(Number.isInteger(options.failureThreshold) && options.failureThreshold >= 1) || !(options.openMs >= 0)) {
    throw new RelayError("EIX_RELAY_INVALID_OPTIONS", {
      detail: "circuit breaker: failureThreshold must be a whole number ≥ 1 and openMs ≥ 0",
    });
  }
  return options;
}
