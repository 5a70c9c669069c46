import type { Envelope } from "@eix/schema";
import { type DecodeContext, defineAdapter, type EncodeContext } from "../../contract.js";
import { runDecode } from "../../kit/decode-frame.js";
import { BATCH_FRAME_VERSION } from "./batch-frame.js";
import { decodeBatch } from "./read-batch.js";
import { sniffBatch } from "./sniff.js";
import { encodeSingleBatch } from "./write-batch.js";

export { type BatchErrorCode, batchErrors } from "./batch-errors.js";
export { BATCH_FRAME_VERSION, BATCH_HEADER_BYTES } from "./batch-frame.js";
export {
  DEFAULT_MAX_BATCH_BYTES,
  DEFAULT_MAX_BATCH_ENVELOPES,
  type DecodeBatchResult,
  type DecodedBatch,
  decodeBatch,
} from "./read-batch.js";
export { type EncodeBatchOptions, encodeBatch } from "./write-batch.js";

export const BATCH_MEDIA_TYPE = "application/vnd.eix.batch+protobuf";

const ref = { id: "national.batch", version: "0.1.0" } as const;

/**
 * A batch of canonical envelopes (eix.v1.Batch in the EIX batch frame) for bulk
 * synchronisation between hubs, e.g. after a link outage (枢纽间批量同步). See README.md.
 */
export const nationalBatchAdapter = defineAdapter({
  ...ref,
  // The hubs' own network belongs to the emergency offices (应急管理部门) that run it.
  department: "emergency-office",
  title: { "zh-CN": "枢纽间批量同步包", en: "Hub-to-hub batch of canonical envelopes" },
  mediaTypes: [BATCH_MEDIA_TYPE],
  schemaRange: "^1.0.0",
  sniff: sniffBatch,
  decode: (bytes: Uint8Array, ctx: DecodeContext = {}) =>
    runDecode(ref, bytes, ctx, () => {
      const read = decodeBatch(bytes, ctx.limits);
      if (!read.ok) return read;
      return { ok: true, messages: read.batch.envelopes, issues: read.issues, sourceFormat: `EIX batch v${BATCH_FRAME_VERSION}` };
    }),
  encode: (message: Envelope, ctx?: EncodeContext) => encodeSingleBatch(message, ctx),
});
