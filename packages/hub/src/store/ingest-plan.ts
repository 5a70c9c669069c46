import { createHash } from "node:crypto";
import { laneKey, laneOrder } from "./delivery-lane.js";
import { type NearFootprint, nearFootprintOf } from "./near-footprint.js";
import { newReceiptId } from "./receipt-id.js";
import { StoreError } from "./store-errors.js";
import type { IngestItem } from "./store-records.js";

/** The rows one ingest writes, worked out before the transaction so a bad item fails alone, early. */
export interface IngestPlan {
  readonly unitId: string;
  readonly messageId: string;
  readonly kind: string;
  /** Used only if the message turns out not to be a duplicate. */
  readonly receiptId: string;
  readonly receivedAt: Date;
  readonly raw: Uint8Array;
  readonly rawSha256: string;
  readonly canonical: string;
  readonly provenance: string;
  readonly incident?: { readonly incidentId: string; readonly stage: string; readonly sequence: number };
  /** For an acknowledgement (回执): the id of the message it answers, so a directive finds its acks. */
  readonly ackOf?: string;
  /** For a report marked `extensions.eix.near`: its time span and box, so later reports find it by place. */
  readonly near?: NearFootprint;
  readonly laneOrder: number;
  readonly destinations: readonly string[];
  readonly laneKeys: readonly string[];
}

const MAX_ID_LENGTH = 200;
const STAGES = new Set(["initial", "update", "final"]);

function invalid(detail: string): StoreError {
  return new StoreError("EIX_STORE_INVALID_ITEM", { detail });
}

function requireId(value: unknown, what: string): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_ID_LENGTH) {
    throw invalid(`${what} must be a string of 1 to ${MAX_ID_LENGTH} characters`);
  }
  return value;
}

function incidentOf(payload: unknown): IngestPlan["incident"] {
  const p = (payload ?? {}) as { incidentId?: unknown; stage?: unknown; sequence?: unknown };
  const incidentId = requireId(p.incidentId, "payload.incidentId");
  if (typeof p.stage !== "string" || !STAGES.has(p.stage)) throw invalid("payload.stage must be initial, update or final");
  if (typeof p.sequence !== "number" || !Number.isSafeInteger(p.sequence) || p.sequence < 0) {
    throw invalid("payload.sequence must be a non-negative integer");
  }
  return { incidentId, stage: p.stage, sequence: p.sequence };
}

function destinationsOf(destinations: unknown): string[] {
  if (!Array.isArray(destinations)) throw invalid("destinations must be an array");
  for (const destination of destinations) {
    // "|" separates the destination from the incident in the lane key; allowing it would let two lanes collide.
    if (typeof destination !== "string" || destination.includes("|"))
      throw invalid("a destination id must be a string without '|'");
    requireId(destination, "a destination id");
  }
  return [...new Set(destinations as string[])];
}

/** Checks an item and derives its rows; throws `EIX_STORE_INVALID_ITEM`. */
export function planIngest(item: IngestItem, now: Date): IngestPlan {
  if (!(item.raw instanceof Uint8Array)) throw invalid("raw must be a Uint8Array");
  const envelope = item.envelope as unknown as { id?: unknown; kind?: unknown; sender?: { unitId?: unknown }; payload?: unknown };
  if (typeof envelope !== "object" || envelope === null) throw invalid("envelope must be an object");
  const messageId = requireId(envelope.id, "envelope.id");
  const unitId = requireId(envelope.sender?.unitId, "envelope.sender.unitId");
  const kind = requireId(envelope.kind, "envelope.kind");
  const incident = kind === "incident" ? incidentOf(envelope.payload) : undefined;
  const ackOf = kind === "ack" ? requireId((envelope.payload as { of?: unknown } | undefined)?.of, "payload.of") : undefined;
  const near = kind === "incident" ? nearFootprintOf(item.envelope) : undefined;
  const receivedAt = item.receivedAt ?? now;
  if (Number.isNaN(receivedAt.getTime())) throw invalid("receivedAt is not a valid time");
  const destinations = destinationsOf(item.destinations);
  let canonical: string;
  let provenance: string;
  try {
    canonical = JSON.stringify(item.envelope);
    provenance = JSON.stringify(item.provenance ?? {});
  } catch (error) {
    throw invalid(`the envelope or provenance cannot be written as JSON (${error instanceof Error ? error.message : error})`);
  }
  return {
    unitId,
    messageId,
    kind,
    receiptId: newReceiptId(receivedAt),
    receivedAt,
    raw: item.raw,
    rawSha256: createHash("sha256").update(item.raw).digest("hex"),
    canonical,
    provenance,
    ...(incident ? { incident } : {}),
    ...(ackOf === undefined ? {} : { ackOf }),
    ...(near === undefined ? {} : { near }),
    laneOrder: laneOrder(incident?.sequence),
    destinations,
    laneKeys: destinations.map((destination) => laneKey(destination, incident?.incidentId, messageId)),
  };
}

/** Dedup-key order, so concurrent batches lock keys in the same order and cannot deadlock. */
export function compareDedupKeys(a: IngestPlan, b: IngestPlan): number {
  if (a.unitId !== b.unitId) return a.unitId < b.unitId ? -1 : 1;
  if (a.messageId !== b.messageId) return a.messageId < b.messageId ? -1 : 1;
  return 0;
}
