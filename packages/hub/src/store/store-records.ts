// What goes into the store and what comes out of it, shared by both backends.
import type { Envelope } from "@eix/schema";
import type { StoreError } from "./store-errors.js";

/** How the hub came to hold a message, kept beside it for operators (not the envelope's own hops). */
export interface IngestProvenance {
  /** Configured source the bytes arrived through: "http", "file:drop", "mllp:ward-3". */
  readonly source: string;
  readonly adapter?: { readonly id: string; readonly version: string };
  readonly sourceFormat?: string;
  readonly charset?: string;
  readonly remoteAddress?: string;
  /** Unit whose credential authenticated the request. */
  readonly authenticatedUnitId?: string;
  /**
   * Destinations a route matched but policy kept the message from (classification above the
   * destination's clearance, exercise/test traffic to a live-only destination): recorded here so
   * nothing is dropped silently, and never turned into deliveries.
   */
  readonly withheld?: readonly { readonly destination: string; readonly reason: string }[];
  /** Units the message was addressed to (a directive's targets, an ack's original sender). */
  readonly addressedTo?: readonly string[];
}

/** One decoded, validated and routed message, ready to be committed with its deliveries. */
export interface IngestItem {
  /** The source bytes as received; the store keeps them and their SHA-256. */
  readonly raw: Uint8Array;
  readonly envelope: Envelope;
  readonly provenance: IngestProvenance;
  /** Routed destination ids; one delivery row each (duplicates are ignored). */
  readonly destinations: readonly string[];
  /** Defaults to the store's clock. */
  readonly receivedAt?: Date;
}

/** The acknowledgement a sender gets; a resend of the same (unitId, id) gets the original one. */
export interface Receipt {
  readonly receiptId: string;
  readonly messageId: string;
  readonly unitId: string;
  readonly receivedAt: Date;
  readonly duplicate: boolean;
}

/** Per item of a batch: each caller gets its own receipt or its own error. */
export type IngestResult = { readonly ok: true; readonly receipt: Receipt } | { readonly ok: false; readonly error: StoreError };

/** A payload that failed decoding, validation or authorisation (隔离区). */
export interface QuarantineEntry {
  readonly raw: Uint8Array;
  readonly source: string;
  /** The claimed or authenticated unit, when known. */
  readonly unitId?: string;
  /** Issue or error codes, for filtering: ["EIX_SCHEMA_REQUIRED", …]. */
  readonly reasonCodes: readonly string[];
  /** The full issues as JSON (code, path, message in both languages). */
  readonly issues: readonly unknown[];
  /** Anything else worth keeping: remote address, content type, adapter. */
  readonly detail?: Readonly<Record<string, unknown>>;
  readonly receivedAt?: Date;
}

export interface QuarantineRecord {
  readonly quarantineId: number;
  readonly receivedAt: Date;
  readonly source: string;
  readonly unitId?: string;
  readonly reasonCodes: string[];
  readonly issues: unknown[];
  readonly detail?: Record<string, unknown>;
  /** At most the store's `quarantineMaxBytes`; `rawSize` and `rawSha256` describe the whole payload. */
  readonly raw: Uint8Array;
  readonly rawSize: number;
  readonly rawSha256: string;
  readonly truncated: boolean;
}

export interface QuarantineQuery {
  /** Inclusive. */
  readonly from?: Date;
  /** Exclusive. */
  readonly to?: Date;
  readonly unitId?: string;
  readonly source?: string;
  /** Default 100, at most 1,000. */
  readonly limit?: number;
}

/**
 * `pending` waits for its attempt time; `claimed` is held by a relay worker until `claimedUntil`
 * (after which another worker may take it); `delivered` and `dead` (死信) are final until replay.
 */
export type DeliveryState = "pending" | "claimed" | "delivered" | "dead";

/** What the destination answered, kept for operators; the relay trims bodies before handing them over. */
export interface DeliveryResponse {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The reply read with the destination's format (an EDXL-DE Ack or Error distribution, an ack envelope). */
  readonly reply?: DeliveryReply;
}

/** A destination's acknowledgement of a delivery, as its format says it. */
export interface DeliveryReply {
  /** As a canonical ack's type: received, read, done, or rejected. */
  readonly type: "received" | "read" | "done" | "rejected";
  /** The message the reply names, when it names one. */
  readonly of?: string;
  readonly note?: string;
  /** The adapter that read it, or "canonical". */
  readonly format: string;
}

export interface DeliveryRecord {
  readonly deliveryId: number;
  readonly receiptId: string;
  readonly messageId: string;
  readonly unitId: string;
  readonly destination: string;
  readonly laneKey: string;
  readonly state: DeliveryState;
  /** Claims so far, including one that is still running or whose worker crashed. */
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly claimedUntil?: Date;
  readonly lastError?: string;
  readonly lastResponse?: DeliveryResponse;
  readonly deliveredAt?: Date;
  readonly deadAt?: Date;
  /** Set by replay; the relay's age cap counts from here rather than from `createdAt`. */
  readonly replayedAt?: Date;
}

export interface ClaimedDelivery extends DeliveryRecord {
  /** Identifies this claim; an outcome recorded with an older lease is ignored. */
  readonly leaseId: string;
  readonly claimedUntil: Date;
  readonly envelope: Envelope;
}

export interface ClaimRequest {
  /** Only this destination's deliveries; all destinations when absent. */
  readonly destination?: string;
  readonly now: Date;
  readonly limit: number;
  /** How long the claim holds; after it a crashed worker's delivery becomes claimable again. */
  readonly leaseMs: number;
  /**
   * Whether a dead (死信) delivery at the head of its lane holds back the rest of the lane until it
   * is replayed. Default true: order per incident is kept, as Camel's and Mirth's ordered queues
   * do, so a 续报 never overtakes a dead 初报. False lets the lane move on past dead letters.
   */
  readonly deadBlocksLane?: boolean;
}

export type DeliveryOutcome =
  | { readonly kind: "delivered"; readonly response?: DeliveryResponse; readonly at?: Date }
  | {
      readonly kind: "retry";
      readonly nextAttemptAt: Date;
      readonly error: string;
      readonly response?: DeliveryResponse;
      readonly at?: Date;
    }
  | { readonly kind: "dead"; readonly reason: string; readonly response?: DeliveryResponse; readonly at?: Date };

/** One outcome of a batch (`recordOutcomes`); one entry per delivery. */
export interface OutcomeEntry {
  readonly deliveryId: number;
  readonly outcome: DeliveryOutcome;
  readonly leaseId?: string;
}

/** Which dead deliveries to put back to pending; at least one of deliveryId, destination, messageId. */
export interface ReplayFilter {
  readonly deliveryId?: number;
  readonly destination?: string;
  readonly messageId?: string;
  readonly unitId?: string;
  /** Only deliveries that went dead at or after this time. */
  readonly since?: Date;
  readonly now?: Date;
}

export interface DeliveryQuery {
  readonly state?: DeliveryState;
  readonly destination?: string;
  /** Deliveries with a larger id than this, for paging. */
  readonly afterId?: number;
  /** Default 100, at most 1,000. */
  readonly limit?: number;
}

export interface StoredMessage {
  readonly receiptId: string;
  readonly messageId: string;
  readonly unitId: string;
  readonly receivedAt: Date;
  readonly raw: Uint8Array;
  readonly rawSha256: string;
  readonly envelope: Envelope;
  readonly provenance: IngestProvenance;
  readonly deliveries: DeliveryRecord[];
}

/** An acknowledgement (回执) as stored: who sent it, when it arrived, the ack itself. */
export interface AcknowledgementEntry {
  readonly receiptId: string;
  readonly messageId: string;
  readonly unitId: string;
  readonly receivedAt: Date;
  readonly envelope: Envelope;
}

/**
 * Reports marked `extensions.eix.near` whose points fall in a time span and a box (both already
 * widened by the reach the caller wants). Longitudes are not wrapped: a box across the
 * antimeridian asks -180..180.
 */
export interface NearQuery {
  readonly from: Date;
  readonly to: Date;
  readonly south: number;
  readonly north: number;
  readonly west: number;
  readonly east: number;
  /** Default 100, at most 1,000. */
  readonly limit?: number;
}

/** One link of an incident's report chain (初报/续报/终报). */
export interface IncidentChainEntry {
  readonly incidentId: string;
  readonly stage: "initial" | "update" | "final";
  readonly sequence: number;
  readonly receiptId: string;
  readonly messageId: string;
  readonly unitId: string;
  readonly receivedAt: Date;
  readonly envelope: Envelope;
}

export interface DestinationOutboxStats {
  readonly destination: string;
  readonly pending: number;
  readonly claimed: number;
  readonly dead: number;
  /** Age of the oldest pending or claimed delivery; 0 when there is none. */
  readonly oldestPendingAgeMs: number;
}

export interface PruneOptions {
  /**
   * Dedup keys (the original receipts) older than this are dropped too, once their message is
   * gone. Kept when absent: a late resend must still get its original receipt, not a second relay.
   */
  readonly dedupKeysOlderThan?: Date;
  /** Quarantined payloads older than this are dropped; kept when absent. */
  readonly quarantineOlderThan?: Date;
}

export interface PruneCounts {
  readonly messages: number;
  readonly deliveries: number;
  readonly incidentEntries: number;
  readonly dedupKeys: number;
  readonly quarantined: number;
}

/** Running totals since the store was opened, for metrics and the group-commit test. */
export interface StoreCounters {
  /** Transactions that committed ingested messages (one per batch). */
  readonly ingestTransactions: number;
  readonly ingestedMessages: number;
  readonly duplicates: number;
  readonly failedItems: number;
}
