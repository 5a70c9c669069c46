import { BATCH_FRAME_VERSION, BATCH_MAGIC, startsWithBatchMagic } from "./batch-frame.js";

/**
 * 1 for the magic "EIXB" followed by a version this adapter reads; 0.8 for the magic with
 * another version (still ours, so decode can name the version problem); 0 otherwise.
 */
export function sniffBatch(bytes: Uint8Array): number {
  if (bytes.byteLength < BATCH_MAGIC.length || !startsWithBatchMagic(bytes)) return 0;
  return bytes[BATCH_MAGIC.length] === BATCH_FRAME_VERSION ? 1 : 0.8;
}
