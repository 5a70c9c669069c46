// Envelopes → one framed eix.v1.Batch. Each envelope is encoded once; the digest is taken over
// those very bytes, which the Batch then carries unchanged (eix.proto, Batch.digest).
import { randomUUID } from "node:crypto";
import { EixProtoEncodeError, type Envelope, encodeBatchMessage, encodeEnvelope } from "@eix/schema";
import type { EncodeContext } from "../../contract.js";
import { AdapterError } from "../../errors.js";
import { envelopesDigest } from "./batch-digest.js";
import { batchError } from "./batch-errors.js";
import { writeBatchFrame } from "./batch-frame.js";
import { idProblem } from "./batch-header.js";

export interface EncodeBatchOptions {
  /** The sending hub (Batch.hub_id), as it names itself in provenance. */
  readonly hubId: string;
  /** Batch.batch_id; a random UUID by default. Keep it when resending the same batch. */
  readonly batchId?: string;
  /** Clock for Batch.created_at; tests pass a fixed one. */
  readonly now?: () => Date;
}

/**
 * Encodes the envelopes, in order, as one framed batch. Throws an AdapterError for a bad
 * hub or batch id and for an envelope with no protobuf form (EIX_BATCH_ENVELOPE_ENCODE). It
 * does not validate: pass envelopes that passed `validate` (a hub's store holds only those),
 * since the receiving adapter refuses the whole batch for one invalid envelope.
 */
export function encodeBatch(envelopes: readonly Envelope[], options: EncodeBatchOptions): Uint8Array {
  const batchId = options.batchId ?? randomUUID();
  const problem = idProblem("hub_id", options.hubId) ?? idProblem("batch_id", batchId);
  if (problem) throw problem;
  const encoded = envelopes.map((envelope, index) => {
    try {
      return encodeEnvelope(envelope);
    } catch (error) {
      if (!(error instanceof EixProtoEncodeError)) throw error;
      throw batchError("EIX_BATCH_ENVELOPE_ENCODE", { value: String(index), detail: error.message }, { cause: error });
    }
  });
  const payload = encodeBatchMessage({
    batchId,
    hubId: options.hubId,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    count: encoded.length,
    digest: envelopesDigest(encoded),
    envelopes: encoded,
  });
  return writeBatchFrame(payload);
}

/**
 * The adapter contract encodes one message: a batch of one. The sending hub is
 * `options.hubId`, else the last hub in the message's provenance — the hub that received it
 * is the one passing it on. `options.batchId` is used when given.
 */
export function encodeSingleBatch(message: Envelope, ctx: EncodeContext = {}): Uint8Array {
  const option = (name: string) => (typeof ctx.options?.[name] === "string" ? (ctx.options[name] as string) : undefined);
  const hubId = option("hubId") ?? message.provenance?.at(-1)?.hubId;
  if (hubId === undefined)
    throw new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: "hubId" }, { position: { field: "hub_id" } });
  const batchId = option("batchId");
  return encodeBatch([message], batchId === undefined ? { hubId } : { hubId, batchId });
}
