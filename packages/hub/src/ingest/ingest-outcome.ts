import type { Envelope } from "@eix/schema";
import type { StoreError } from "../store/store-errors.js";
import type { ReportedIssue } from "./reported-issue.js";

/**
 * Why a payload was refused. The HTTP layer maps each to one status: unsupported 415,
 * malformed 400, too-large 413, invalid 422, forbidden 403, store-failed 503 (retryable) or 500.
 */
export type RefusalKind = "unsupported" | "malformed" | "too-large" | "invalid" | "forbidden" | "store-failed";

export interface IngestRefusal {
  readonly ok: false;
  readonly kind: RefusalKind;
  /** Every issue found, errors and warnings, in the order found. */
  readonly issues: readonly ReportedIssue[];
  /** The decoder, once one was chosen. */
  readonly adapterId?: string;
  /** Set for `store-failed`. */
  readonly storeError?: StoreError;
  /** Set when the payload was kept in quarantine (隔离区). */
  readonly quarantineId?: number;
}

/** The answer for one message of the payload. */
export interface MessageReceipt {
  readonly messageId: string;
  readonly unitId: string;
  /** The store's receipt; the original one for a duplicate. Absent for a loop (nothing stored). */
  readonly receiptId?: string;
  readonly receivedAt?: Date;
  /** A resend of a stored (unitId, id): nothing was stored or relayed again. */
  readonly duplicate: boolean;
  /** This hub was already on the message's path: acknowledged, dropped, not relayed. */
  readonly loop?: true;
  /** Deliveries created (none for a duplicate or a loop). */
  readonly destinations: readonly string[];
  /** Destinations a rule matched but policy refused, recorded with the message. */
  readonly withheld: readonly { readonly destination: string; readonly reason: string }[];
}

export interface IngestAccepted {
  readonly ok: true;
  readonly receipts: readonly MessageReceipt[];
  /** Warnings (decoding notes, loop notes). */
  readonly issues: readonly ReportedIssue[];
  readonly adapterId: string;
}

export type IngestOutcome = IngestAccepted | IngestRefusal;

export interface ValidateAccepted {
  readonly ok: true;
  /** The canonical messages, as decoded (no hop of this hub: nothing was received for real). */
  readonly messages: readonly Envelope[];
  readonly issues: readonly ReportedIssue[];
  readonly adapterId: string;
}

export type ValidateOutcome = ValidateAccepted | IngestRefusal;

/** Every message a resend of stored ones: the answer is the original receipts (HTTP 200, not 202). */
export const onlyDuplicates = (outcome: IngestAccepted): boolean =>
  outcome.receipts.length > 0 && outcome.receipts.every((receipt) => receipt.duplicate);
