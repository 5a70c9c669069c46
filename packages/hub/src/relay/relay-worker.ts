import type { Logger } from "pino";
import type { Store } from "../store/store.js";
import { isStoreError } from "../store/store-errors.js";
import type { ClaimedDelivery, DeliveryOutcome } from "../store/store-records.js";
import { isPastMaxAge, type RandomSource } from "./backoff.js";
import type { CircuitState } from "./circuit-breaker.js";
import { ageFrom, expiredOutcome, outcomeOf } from "./delivery-outcome.js";
import type { SendResult } from "./destination.js";
import { encodeForDelivery } from "./encoder.js";
import { RelayError, relayReason } from "./relay-errors.js";
import { type RelayDestinationConfig, type RelayTarget, relayTargets } from "./relay-target.js";

/** Callbacks for metrics (prom-client counters and histograms live with the caller). */
export interface RelayMetrics {
  /** After an outcome is durably recorded; `latencyMs` counts from the message's receipt. */
  readonly onOutcome?: (destination: string, outcome: DeliveryOutcome["kind"], attempts: number, latencyMs: number) => void;
  readonly onCircuitState?: (destination: string, state: CircuitState) => void;
}

export interface RelayOptions {
  readonly store: Store;
  /** Keyed by destination id, the id routing writes into deliveries. The relay owns them: `stop()` closes them. */
  readonly destinations: ReadonlyMap<string, RelayDestinationConfig>;
  readonly hubId: string;
  readonly logger: Logger;
  /** How long a claim holds; must outlast the slowest send (a destination's timeout). Default 2 min. */
  readonly leaseMs?: number;
  /** Most deliveries claimed per destination per pass. Default 32. */
  readonly batchSize?: number;
  /** Sends in flight at once, across destinations; each is a different lane. Default 16. */
  readonly concurrency?: number;
  /** Wait between passes when nothing was due and no `notify()` came. Default 1 s. */
  readonly pollIntervalMs?: number;
  /** Whether a dead head of a lane holds the rest of its incident back (store default: true). */
  readonly deadBlocksLane?: boolean;
  /** How long `stop()` waits for sends in flight. Default 10 s. */
  readonly stopTimeoutMs?: number;
  /**
   * Before a pass, how long to let finished sends and commits gather while sends are in flight,
   * so one store transaction records and claims many (group commit for the outbox). Default
   * 2 ms; 0 only yields to pending I/O.
   */
  readonly gatherMs?: number;
  readonly clock?: () => Date;
  readonly random?: RandomSource;
  readonly metrics?: RelayMetrics;
}

/** A finished send whose outcome waits to be recorded with the next batch. */
interface Finished {
  readonly target: RelayTarget;
  readonly delivery: ClaimedDelivery;
  readonly outcome: DeliveryOutcome;
}

/**
 * The outbox workers (转发): claim due deliveries destination by destination, encode, send,
 * classify and record. Up to `concurrency` sends run at once, each on a different lane (the store
 * hands out one delivery per lane at a time, in report order), so one slow or failing incident
 * never holds back another. Outcomes that finish while a batch is being recorded are recorded
 * together in the next one: one durable commit for many sends.
 *
 * The loop claims again as soon as something finishes or `notify()` is called (the ingest path
 * calls it after each commit), and otherwise every `pollIntervalMs`; retry times are kept by the
 * store (`nextAttemptAt`), so a waiting retry costs nothing here.
 */
export class Relay {
  readonly #store: Store;
  readonly #targets: RelayTarget[];
  readonly #logger: Logger;
  readonly #clock: () => Date;
  readonly #random: RandomSource;
  readonly #metrics: RelayMetrics;
  readonly #leaseMs: number;
  readonly #batchSize: number;
  readonly #concurrency: number;
  readonly #pollIntervalMs: number;
  readonly #deadBlocksLane: boolean;
  readonly #stopTimeoutMs: number;
  readonly #gatherMs: number;
  readonly #inFlight = new Map<number, { readonly controller: AbortController; readonly done: Promise<void> }>();
  #finished: Finished[] = [];
  #running = false;
  #abandoned = false;
  #stopping: Promise<void> | undefined;
  #loop: Promise<void> | undefined;
  #wakeRequested = false;
  #wake: (() => void) | undefined;
  #cursor = 0;
  /** Earliest retry time this relay recorded and has not reached yet: the loop wakes for it. */
  #nextRetryAt: number | undefined;
  #storeFailing = false;

  constructor(options: RelayOptions) {
    this.#store = options.store;
    this.#logger = options.logger.child({ component: "relay" });
    this.#clock = options.clock ?? (() => new Date());
    this.#random = options.random ?? Math.random;
    this.#metrics = options.metrics ?? {};
    this.#leaseMs = whole(options.leaseMs, 120_000, "leaseMs");
    this.#batchSize = whole(options.batchSize, 32, "batchSize");
    this.#concurrency = whole(options.concurrency, 16, "concurrency");
    this.#pollIntervalMs = whole(options.pollIntervalMs, 1000, "pollIntervalMs");
    this.#stopTimeoutMs = whole(options.stopTimeoutMs, 10_000, "stopTimeoutMs");
    this.#gatherMs = options.gatherMs ?? 2;
    if (!Number.isFinite(this.#gatherMs) || this.#gatherMs < 0)
      throw new RelayError("EIX_RELAY_INVALID_OPTIONS", { detail: `gatherMs must be ≥ 0, not ${options.gatherMs}` });
    this.#deadBlocksLane = options.deadBlocksLane ?? true;
    const onCircuitState = this.#metrics.onCircuitState;
    this.#targets = relayTargets(options.destinations, {
      logger: this.#logger,
      clock: this.#clock,
      ...(onCircuitState ? { onCircuitState } : {}),
    });
  }

  start(): void {
    if (this.#stopping) throw new RelayError("EIX_RELAY_INVALID_OPTIONS", { detail: "a stopped relay cannot be started again" });
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Something may be due now (a commit, a replay): claim without waiting for the poll interval. */
  notify(): void {
    this.#wakeRequested = true;
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /** Each destination's circuit, for health and metrics. */
  circuits(): Record<string, CircuitState> {
    return Object.fromEntries(this.#targets.map((target) => [target.id, target.breaker.state]));
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  /**
   * Stops claiming, waits up to `timeoutMs` for the sends in flight and records their outcomes,
   * then closes the destinations. Sends still running after that are aborted and their claims left
   * to lapse: another worker (or this hub after a restart) takes them when the lease ends.
   */
  stop(timeoutMs = this.#stopTimeoutMs): Promise<void> {
    this.#stopping ??= this.#shutDown(timeoutMs);
    return this.#stopping;
  }

  async #shutDown(timeoutMs: number): Promise<void> {
    this.#running = false;
    this.notify();
    await this.#loop;
    const sends = Promise.allSettled([...this.#inFlight.values()].map((send) => send.done));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      sends.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      this.#abandoned = true;
      this.#logger.warn({ inFlight: this.#inFlight.size }, "relay stopping: sends still running are abandoned to lease expiry");
      for (const send of this.#inFlight.values()) send.controller.abort(new Error("relay stopped"));
      await sends;
    }
    await this.#flush().catch((error: unknown) => this.#storeFailed(error, "record outcomes at stop"));
    await Promise.allSettled(this.#targets.map((target) => target.destination.close()));
  }

  async #run(): Promise<void> {
    while (this.#running) {
      await this.#gather();
      this.#wakeRequested = false;
      let busy = false;
      try {
        const recorded = await this.#flush();
        const claimed = await this.#claimAndSend();
        busy = recorded > 0 || claimed > 0;
        this.#storeRecovered();
      } catch (error) {
        this.#storeFailed(error, "claim or record");
      }
      if (!busy) await this.#idle();
    }
  }

  async #claimAndSend(): Promise<number> {
    let free = this.#concurrency - this.#inFlight.size - this.#finished.length;
    let total = 0;
    const start = this.#cursor++ % Math.max(1, this.#targets.length);
    const order = [...this.#targets.slice(start), ...this.#targets.slice(0, start)];
    for (const target of order) {
      if (free <= 0 || !this.#running) break;
      const admission = target.breaker.admit(Math.min(free, this.#batchSize));
      if (admission.count === 0) continue;
      let claimed: ClaimedDelivery[];
      try {
        claimed = await this.#store.claimDue({
          destination: target.id,
          now: this.#clock(),
          limit: admission.count,
          leaseMs: this.#leaseMs,
          deadBlocksLane: this.#deadBlocksLane,
        });
      } catch (error) {
        if (admission.probe) target.breaker.cancelProbe();
        throw error;
      }
      if (claimed.length === 0 && admission.probe) target.breaker.cancelProbe();
      for (const delivery of claimed) this.#startSend(target, delivery, admission.probe);
      free -= claimed.length;
      total += claimed.length;
    }
    return total;
  }

  #startSend(target: RelayTarget, delivery: ClaimedDelivery, probe: boolean): void {
    const controller = new AbortController();
    const done = this.#deliver(target, delivery, probe, controller.signal)
      .then((outcome) => {
        if (outcome && !this.#abandoned) this.#finished.push({ target, delivery, outcome });
      })
      .catch((error: unknown) => {
        // #deliver turns every send failure into an outcome; reaching here is a bug, and the lease covers it.
        this.#logger.error({ ...logFields(delivery), err: error }, "relay send failed unexpectedly");
      })
      .finally(() => {
        this.#inFlight.delete(delivery.deliveryId);
        this.notify();
      });
    this.#inFlight.set(delivery.deliveryId, { controller, done });
  }

  /** The outcome to record, or undefined when the relay stopped waiting for this send. */
  async #deliver(target: RelayTarget, delivery: ClaimedDelivery, probe: boolean, signal: AbortSignal) {
    const { policy, breaker } = target;
    if (isPastMaxAge(ageFrom(delivery), this.#clock(), policy.retry)) {
      if (probe) breaker.cancelProbe();
      return expiredOutcome(delivery, policy, this.#clock());
    }
    const encoded = encodeForDelivery(target.encode, delivery.envelope);
    if (!encoded.ok) {
      if (probe) breaker.cancelProbe();
      return { kind: "dead", reason: encoded.reason, at: this.#clock() } satisfies DeliveryOutcome;
    }
    let result: SendResult;
    try {
      result = await target.destination.send(delivery, encoded.body, signal);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      result = { kind: "retryable", reason: relayReason("EIX_RELAY_SEND_FAILED", { detail }) };
    }
    if (this.#abandoned) return undefined;
    breaker.record(result.kind === "delivered" || result.kind === "permanent" ? "success" : "failure", probe);
    return outcomeOf(delivery, result, policy, this.#clock(), this.#random);
  }

  /**
   * Lets pending I/O in before a pass: sends that finished and commits that notified meanwhile
   * join this pass instead of each costing a pass of its own. The store calls of a pass may
   * never give way to I/O (better-sqlite3 answers synchronously), so without this a busy relay
   * would record and claim one delivery per transaction. While sends are in flight and fewer
   * than a batch have finished, it also waits up to `gatherMs`.
   */
  async #gather(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.#gatherMs === 0 || this.#inFlight.size === 0 || this.#finished.length >= this.#batchSize) return;
    await new Promise<void>((resolve) => setTimeout(resolve, this.#gatherMs));
  }

  /** Records every finished outcome in one call; returns how many were recorded. */
  async #flush(): Promise<number> {
    if (this.#finished.length === 0) return 0;
    const batch = this.#finished;
    this.#finished = [];
    let recorded: boolean[];
    try {
      recorded = await this.#store.recordOutcomes(
        batch.map(({ delivery, outcome }) => ({ deliveryId: delivery.deliveryId, outcome, leaseId: delivery.leaseId })),
      );
    } catch (error) {
      // Kept for the next pass: the claims stay held meanwhile, so nothing else sends these lanes.
      this.#finished = [...batch, ...this.#finished];
      throw error;
    }
    for (const [i, entry] of batch.entries()) this.#report(entry, recorded[i] === true);
    return batch.length;
  }

  #report({ target, delivery, outcome }: Finished, recorded: boolean): void {
    const fields = { ...logFields(delivery), outcome: outcome.kind };
    if (!recorded) {
      this.#logger.warn(fields, "relay outcome not recorded: the claim had lapsed and was taken again (a resend may follow)");
      return;
    }
    const latencyMs = (outcome.at ?? this.#clock()).getTime() - delivery.createdAt.getTime();
    this.#metrics.onOutcome?.(target.id, outcome.kind, delivery.attempts, latencyMs);
    const status = outcome.response?.status;
    const withStatus = status === undefined ? fields : { ...fields, status };
    if (outcome.kind === "delivered") this.#logger.debug({ ...withStatus, latencyMs }, "relay delivered");
    else if (outcome.kind === "retry") {
      const at = outcome.nextAttemptAt.getTime();
      if (this.#nextRetryAt === undefined || at < this.#nextRetryAt) this.#nextRetryAt = at;
      this.#logger.info({ ...withStatus, reason: outcome.error, nextAttemptAt: outcome.nextAttemptAt }, "relay will retry");
    } else this.#logger.warn({ ...withStatus, reason: outcome.reason }, "relay gave up: dead letter");
  }

  /**
   * Waits for a `notify()`, the poll interval, or the earliest moment something this relay knows
   * of falls due — a retry it recorded, a circuit ready for its probe — whichever comes first, so
   * a 1 s Retry-After is kept to about 1 s, not rounded up to the next poll. Deliveries made due
   * by others (another hub instance, a restart) are found by the poll.
   */
  async #idle(): Promise<void> {
    if (this.#wakeRequested || !this.#running) return;
    const now = this.#clock().getTime();
    if (this.#nextRetryAt !== undefined && this.#nextRetryAt <= now) this.#nextRetryAt = undefined;
    const dueTimes = [this.#nextRetryAt, ...this.#targets.map((target) => target.breaker.probeAt)].filter(
      (at): at is number => at !== undefined && at > now,
    );
    const delay = Math.min(this.#pollIntervalMs, ...dueTimes.map((at) => at - now + 1));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.notify(), delay);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** One warn line when the store starts failing, debug while it keeps failing, one info when it is back. */
  #storeFailed(error: unknown, during: string): void {
    const code = isStoreError(error) ? error.code : undefined;
    const fields = { during, code, err: error };
    if (this.#storeFailing) this.#logger.debug(fields, "relay store call failed again");
    else this.#logger.warn(fields, "relay store call failed; retrying every poll interval");
    this.#storeFailing = true;
  }

  #storeRecovered(): void {
    if (!this.#storeFailing) return;
    this.#storeFailing = false;
    this.#logger.info("relay store calls succeed again");
  }
}

/** What identifies a delivery in a log line: never the payload, never a credential. */
function logFields(delivery: ClaimedDelivery): Record<string, unknown> {
  const { envelope } = delivery;
  const incidentId = envelope.kind === "incident" ? envelope.payload.incidentId : undefined;
  return {
    messageId: delivery.messageId,
    unitId: delivery.unitId,
    ...(incidentId === undefined ? {} : { incidentId }),
    destination: delivery.destination,
    deliveryId: delivery.deliveryId,
    attempts: delivery.attempts,
  };
}

function whole(value: number | undefined, fallback: number, name: string): number {
  const resolved = value ?? fallback;
  if (!(Number.isInteger(resolved) && resolved > 0)) {
    throw new RelayError("EIX_RELAY_INVALID_OPTIONS", { detail: `relay: ${name} must be a whole number > 0` });
  }
  return resolved;
}
