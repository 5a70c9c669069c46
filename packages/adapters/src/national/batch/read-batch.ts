// Bytes → the envelopes of one batch, as the sender encoded them. Every check that can refuse
// the batch runs before any envelope is converted, cheapest first: frame (size, magic, version,
// length), protobuf, header fields, envelope count, digest. A batch is all or nothing: one
// envelope that does not convert refuses it, naming the envelope.
import { type Envelope, tryDecodeBatchMessage, tryDecodeEnvelope } from "@eix/schema";
import type { AdapterIssue, AdapterLimits } from "../../contract.js";
import { AdapterError } from "../../errors.js";
import { envelopesDigest, sameBytes, toHex } from "./batch-digest.js";
import { batchError, batchMessage } from "./batch-errors.js";
import { readBatchFrame } from "./batch-frame.js";
import { headerProblem } from "./batch-header.js";

/** Default `limits.maxBytes`: 32 MiB, about 29,000 envelopes of the examples' 1.1 KB average. */
export const DEFAULT_MAX_BATCH_BYTES = 32 * 1024 * 1024;
/** Default `limits.maxMessages`. */
export const DEFAULT_MAX_BATCH_ENVELOPES = 10_000;

/** A batch that passed every check; `envelopes` are converted but not yet validated. */
export interface DecodedBatch {
  readonly batchId: string;
  /** The sending hub. */
  readonly hubId: string;
  readonly createdAt: string;
  /** Batch.digest as lowercase hex, verified against the envelopes. */
  readonly digest: string;
  readonly envelopes: Envelope[];
}

export type DecodeBatchResult =
  | { readonly ok: true; readonly batch: DecodedBatch; readonly issues: AdapterIssue[] }
  | { readonly ok: false; readonly error: AdapterError; readonly issues: AdapterIssue[] };

const refuse = (error: AdapterError, issues: AdapterIssue[] = []): DecodeBatchResult => ({ ok: false, error, issues });

/**
 * Reads one framed eix.v1.Batch. Never throws: every problem is a coded error. The envelopes
 * are returned as sent (no provenance hop added) and not validated, so a bulk caller can
 * choose its own policy per envelope; the adapter's `decode` validates them all.
 */
export function decodeBatch(bytes: Uint8Array, limits: AdapterLimits = {}): DecodeBatchResult {
  try {
    return readBatch(bytes, limits);
  } catch (error) {
    return refuse(
      new AdapterError("EIX_ADAPTER_INTERNAL", { detail: String((error as Error)?.message ?? error) }, { cause: error }),
    );
  }
}

function readBatch(bytes: Uint8Array, limits: AdapterLimits): DecodeBatchResult {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BATCH_BYTES;
  const maxEnvelopes = limits.maxMessages ?? DEFAULT_MAX_BATCH_ENVELOPES;
  const frame = readBatchFrame(bytes, maxBytes);
  if (!frame.ok) return refuse(frame.error);

  const message = tryDecodeBatchMessage(frame.payload);
  if (!message.ok)
    return refuse(batchError("EIX_BATCH_PROTOBUF", { detail: message.error.message.en }), [
      { code: message.error.code, severity: "error", message: message.error.message },
    ]);
  const { batch } = message;
  const header = headerProblem(batch);
  if (header) return refuse(header);

  const carried = batch.envelopes.length;
  if (carried > maxEnvelopes || batch.count > maxEnvelopes)
    return refuse(
      batchError("EIX_BATCH_TOO_MANY_ENVELOPES", { value: String(Math.max(carried, batch.count)), limit: String(maxEnvelopes) }),
    );
  if (batch.count !== carried)
    return refuse(batchError("EIX_BATCH_COUNT_MISMATCH", { value: String(carried), expected: String(batch.count) }));
  const digest = envelopesDigest(batch.envelopes);
  if (!sameBytes(digest, batch.digest))
    return refuse(batchError("EIX_BATCH_DIGEST_MISMATCH", { value: toHex(digest), expected: toHex(batch.digest) }));

  const envelopes: Envelope[] = [];
  for (const [index, encoded] of batch.envelopes.entries()) {
    const converted = tryDecodeEnvelope(encoded);
    if (!converted.ok) {
      const position = { at: `/envelopes/${index}` };
      return refuse(
        batchError("EIX_BATCH_ENVELOPE_DECODE", { value: String(index), detail: converted.error.message.en }, { position }),
        [{ code: converted.error.code, severity: "error", message: converted.error.message, position }],
      );
    }
    envelopes.push(converted.envelope);
  }
  const issues: AdapterIssue[] =
    carried === 0
      ? [{ code: "EIX_BATCH_EMPTY", severity: "warning", message: batchMessage("EIX_BATCH_EMPTY", { value: batch.batchId }) }]
      : [];
  return {
    ok: true,
    batch: { batchId: batch.batchId, hubId: batch.hubId, createdAt: batch.createdAt, digest: toHex(digest), envelopes },
    issues,
  };
}
