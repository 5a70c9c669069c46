import { createHash } from "node:crypto";

/**
 * Batch.digest as eix.proto defines it: SHA-256 over, for each encoded envelope in order, its
 * length as 4 bytes unsigned big-endian, then its bytes. The lengths keep envelope boundaries
 * in the hash (AB + C and A + BC differ); no concatenated copy of the envelopes is made.
 */
export function envelopesDigest(envelopes: readonly Uint8Array[]): Uint8Array {
  const hash = createHash("sha256");
  const length = new Uint8Array(4);
  const view = new DataView(length.buffer);
  for (const envelope of envelopes) {
    view.setUint32(0, envelope.byteLength, false);
    hash.update(length);
    hash.update(envelope);
  }
  return hash.digest();
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
