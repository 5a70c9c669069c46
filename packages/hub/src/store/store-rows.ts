// Rows as both drivers return them — SQLite keeps times as epoch milliseconds and ids as numbers,
// PostgreSQL as timestamptz (Date) and bigint (string) — turned into the store's records.
import type { Envelope } from "@eix/schema";
import type {
  AcknowledgementEntry,
  ClaimedDelivery,
  DeliveryRecord,
  DeliveryResponse,
  DeliveryState,
  IncidentChainEntry,
  IngestProvenance,
  QuarantineRecord,
  Receipt,
  StoredMessage,
} from "./store-records.js";

type Time = number | string | Date;
type Id = number | string;

export interface DeliveryRow {
  readonly id: Id;
  readonly receipt_id: string;
  readonly message_id: string;
  readonly unit_id: string;
  readonly destination: string;
  readonly lane_key: string;
  readonly state: string;
  readonly attempts: Id;
  readonly next_attempt_at: Time;
  readonly created_at: Time;
  readonly updated_at: Time;
  readonly claimed_until: Time | null;
  readonly lease_id: string | null;
  readonly last_error: string | null;
  readonly last_response: string | null;
  readonly delivered_at: Time | null;
  readonly dead_at: Time | null;
  readonly replayed_at: Time | null;
}

export interface ClaimedRow extends DeliveryRow {
  readonly canonical: string;
}

export interface MessageRow {
  readonly receipt_id: string;
  readonly message_id: string;
  readonly unit_id: string;
  readonly received_at: Time;
  readonly raw: Uint8Array;
  readonly raw_sha256: string;
  readonly canonical: string;
  readonly provenance: string;
}

export interface ChainRow {
  readonly incident_id: string;
  readonly stage: string;
  readonly sequence: Id;
  readonly receipt_id: string;
  readonly message_id: string;
  readonly unit_id: string;
  readonly received_at: Time;
  readonly canonical: string;
}

export interface QuarantineRow {
  readonly id: Id;
  readonly received_at: Time;
  readonly source: string;
  readonly unit_id: string | null;
  readonly reason_codes: string;
  readonly issues: string;
  readonly detail: string | null;
  readonly raw: Uint8Array;
  readonly raw_size: Id;
  readonly raw_sha256: string;
}

export interface ReceiptRow {
  readonly receipt_id: string;
  readonly received_at: Time;
}

export function toDate(value: Time): Date {
  return value instanceof Date ? value : new Date(typeof value === "string" ? Number(value) : value);
}

function optionalDate<K extends string>(key: K, value: Time | null): { [P in K]?: Date } {
  return (value === null ? {} : { [key]: toDate(value) }) as { [P in K]?: Date };
}

export function toDeliveryRecord(row: DeliveryRow): DeliveryRecord {
  return {
    deliveryId: Number(row.id),
    receiptId: row.receipt_id,
    messageId: row.message_id,
    unitId: row.unit_id,
    destination: row.destination,
    laneKey: row.lane_key,
    state: row.state as DeliveryState,
    attempts: Number(row.attempts),
    nextAttemptAt: toDate(row.next_attempt_at),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    ...optionalDate("claimedUntil", row.claimed_until),
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    ...(row.last_response === null ? {} : { lastResponse: JSON.parse(row.last_response) as DeliveryResponse }),
    ...optionalDate("deliveredAt", row.delivered_at),
    ...optionalDate("deadAt", row.dead_at),
    ...optionalDate("replayedAt", row.replayed_at),
  };
}

export function toClaimedDelivery(row: ClaimedRow): ClaimedDelivery {
  return {
    ...toDeliveryRecord(row),
    leaseId: row.lease_id ?? "",
    claimedUntil: toDate(row.claimed_until ?? 0),
    envelope: JSON.parse(row.canonical) as Envelope,
  };
}

export function toStoredMessage(row: MessageRow, deliveries: DeliveryRow[]): StoredMessage {
  return {
    receiptId: row.receipt_id,
    messageId: row.message_id,
    unitId: row.unit_id,
    receivedAt: toDate(row.received_at),
    // Copied out of the driver's Buffer so callers get a plain Uint8Array they may keep.
    raw: new Uint8Array(row.raw),
    rawSha256: row.raw_sha256,
    envelope: JSON.parse(row.canonical) as Envelope,
    provenance: JSON.parse(row.provenance) as IngestProvenance,
    deliveries: deliveries.map(toDeliveryRecord),
  };
}

export type AckRow = Omit<ChainRow, "incident_id" | "stage" | "sequence">;

export function toAckEntry(row: AckRow): AcknowledgementEntry {
  return {
    receiptId: row.receipt_id,
    messageId: row.message_id,
    unitId: row.unit_id,
    receivedAt: toDate(row.received_at),
    envelope: JSON.parse(row.canonical) as Envelope,
  };
}

export function toChainEntry(row: ChainRow): IncidentChainEntry {
  return {
    incidentId: row.incident_id,
    stage: row.stage as IncidentChainEntry["stage"],
    sequence: Number(row.sequence),
    receiptId: row.receipt_id,
    messageId: row.message_id,
    unitId: row.unit_id,
    receivedAt: toDate(row.received_at),
    envelope: JSON.parse(row.canonical) as Envelope,
  };
}

export function toQuarantineRecord(row: QuarantineRow): QuarantineRecord {
  const rawSize = Number(row.raw_size);
  return {
    quarantineId: Number(row.id),
    receivedAt: toDate(row.received_at),
    source: row.source,
    ...(row.unit_id === null ? {} : { unitId: row.unit_id }),
    reasonCodes: JSON.parse(row.reason_codes) as string[],
    issues: JSON.parse(row.issues) as unknown[],
    ...(row.detail === null ? {} : { detail: JSON.parse(row.detail) as Record<string, unknown> }),
    raw: new Uint8Array(row.raw),
    rawSize,
    rawSha256: row.raw_sha256,
    truncated: row.raw.byteLength < rawSize,
  };
}

export function toReceipt(row: ReceiptRow, plan: { unitId: string; messageId: string }, duplicate: boolean): Receipt {
  return {
    receiptId: row.receipt_id,
    messageId: plan.messageId,
    unitId: plan.unitId,
    receivedAt: toDate(row.received_at),
    duplicate,
  };
}

/** The query limit callers may ask for: default 100, at most 1,000, at least 1. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return 100;
  return Math.min(1000, Math.max(1, Math.trunc(limit)));
}
