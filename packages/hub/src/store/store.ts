import type {
  AcknowledgementEntry,
  ClaimedDelivery,
  ClaimRequest,
  DeliveryOutcome,
  DeliveryQuery,
  DeliveryRecord,
  DestinationOutboxStats,
  IncidentChainEntry,
  IngestItem,
  IngestResult,
  NearQuery,
  OutcomeEntry,
  PruneCounts,
  PruneOptions,
  QuarantineEntry,
  QuarantineQuery,
  QuarantineRecord,
  Receipt,
  ReplayFilter,
  StoreCounters,
  StoredMessage,
} from "./store-records.js";

/**
 * The hub's durable state, one interface for the embedded SQLite file and for a PostgreSQL
 * database shared by several hub instances. Every method is async so both fit; failures reject
 * with a `StoreError` (`retryable` tells the HTTP layer to answer 503).
 *
 * Delivery order (lanes): each delivery belongs to the lane `${destination}|${incidentId ?? messageId}`
 * and a lane is served one delivery at a time, in report sequence (报告序号) then arrival order.
 * Only the head of a lane — its first delivery not yet delivered — is claimable, and only while
 * no other delivery of the lane is held by a live claim. A head waiting for its retry time holds
 * back only its own lane.
 */
export interface Store {
  readonly backend: "sqlite" | "postgres";

  /**
   * Commits the message, its raw bytes, dedup key, incident chain entry and one pending delivery
   * per destination in one transaction. A resend of the same (sender.unitId, id) stores nothing
   * and returns the original receipt with `duplicate: true`.
   */
  ingest(item: IngestItem): Promise<Receipt>;
  /** Several items in one transaction; one bad item fails alone (see `GroupCommitter`). */
  ingestBatch(items: readonly IngestItem[]): Promise<IngestResult[]>;

  /** Keeps a rejected payload, capped at the store's `quarantineMaxBytes`. */
  quarantine(entry: QuarantineEntry): Promise<{ readonly quarantineId: number }>;
  /** Oldest first. */
  listQuarantine(query?: QuarantineQuery): Promise<QuarantineRecord[]>;

  /** Claims due lane heads (see above), oldest due first, and leases them for `leaseMs`. */
  claimDue(request: ClaimRequest): Promise<ClaimedDelivery[]>;
  /**
   * Records how a claimed delivery went. Returns false, changing nothing, when the delivery is
   * not claimed or (with `leaseId`) was claimed again by another worker after this lease expired.
   */
  recordOutcome(deliveryId: number, outcome: DeliveryOutcome, leaseId?: string): Promise<boolean>;
  /**
   * Several outcomes in one transaction — one durable commit for a worker's whole batch of
   * sends; each entry's boolean as `recordOutcome` would return it.
   */
  recordOutcomes(entries: readonly OutcomeEntry[]): Promise<boolean[]>;
  /** Puts matching dead deliveries back to pending, due now, attempts reset; returns how many. */
  replay(filter: ReplayFilter): Promise<number>;

  /** Without `unitId`, the earliest received message with that id. */
  getMessage(messageId: string, unitId?: string): Promise<StoredMessage | undefined>;
  /** The report chain in sequence order, then arrival order. */
  incidentChain(incidentId: string): Promise<IncidentChainEntry[]>;
  /** Incident reports marked `extensions.eix.near` whose span and box meet the query's, in arrival order. */
  incidentsNear(query: NearQuery): Promise<IncidentChainEntry[]>;
  /** Acknowledgements (回执) whose `of` is this message id, in arrival order. */
  acknowledgementsOf(messageId: string): Promise<AcknowledgementEntry[]>;
  /** In delivery id order. */
  listDeliveries(query?: DeliveryQuery): Promise<DeliveryRecord[]>;
  /** Destinations with undelivered (pending, claimed or dead) deliveries. */
  outboxStats(now?: Date): Promise<DestinationOutboxStats[]>;

  /**
   * Deletes messages received before `olderThan` whose deliveries were all delivered before it;
   * never one with a pending, claimed or dead delivery.
   */
  prune(olderThan: Date, options?: PruneOptions): Promise<PruneCounts>;

  /**
   * Takes or renews the named lock for `ttlMs`, for scheduled jobs that must run once across
   * hub instances. True when `owner` holds it afterwards.
   */
  tryLock(name: string, owner: string, ttlMs: number, now?: Date): Promise<boolean>;
  /** Releases the lock if `owner` holds it. */
  unlock(name: string, owner: string): Promise<boolean>;

  /** Resolves when the database answers; for `/readyz`. */
  ping(): Promise<void>;
  /** Highest applied migration version. */
  schemaVersion(): Promise<number>;
  counters(): StoreCounters;
  close(): Promise<void>;
}

/** Settings both backends understand. */
export interface StoreOptions {
  /** Quarantined payloads are cut to this many bytes. Default 256 KiB. */
  readonly quarantineMaxBytes?: number;
  /** Clock for times the caller does not pass; tests pass a fixed one. */
  readonly now?: () => Date;
}

export const DEFAULT_QUARANTINE_MAX_BYTES = 256 * 1024;
