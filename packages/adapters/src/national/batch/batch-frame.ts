// The EIX batch frame around an eix.v1.Batch message (README.md, "Framing"). protobuf cannot
// tell a truncated message from a shorter valid one, nor notice bytes appended after it, so the
// frame states the payload's length up front: a cut-off transfer or trailing garbage is refused
// from the 9-byte header alone, before any protobuf parsing, and so is a payload over the limit.
//
//   offset 0  4 bytes  magic "EIXB" (45 49 58 42)
//   offset 4  1 byte   frame version (1)
//   offset 5  4 bytes  N, payload length, unsigned big-endian
//   offset 9  N bytes  eix.v1.Batch; nothing may follow
import { AdapterError } from "../../errors.js";
import { batchError } from "./batch-errors.js";

/** "EIXB": ASCII, so a hex dump or `head -c4` of a batch file says what it is. */
export const BATCH_MAGIC: Readonly<Uint8Array> = Uint8Array.of(0x45, 0x49, 0x58, 0x42);
export const BATCH_FRAME_VERSION = 1;
export const BATCH_HEADER_BYTES = 9;
/** The length field is 32 bits wide: a payload of at most 4 GiB − 1. */
const MAX_PAYLOAD_BYTES = 0xffff_ffff;

export type FrameReading =
  | { readonly ok: true; readonly payload: Uint8Array }
  | { readonly ok: false; readonly error: AdapterError };

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(" ");

/** True when the input starts with the magic (the whole of it, or all of an input shorter than it). */
export function startsWithBatchMagic(bytes: Uint8Array): boolean {
  const seen = Math.min(bytes.byteLength, BATCH_MAGIC.length);
  for (let i = 0; i < seen; i++) if (bytes[i] !== BATCH_MAGIC[i]) return false;
  return true;
}

/**
 * The payload of a frame that fills `bytes` exactly. Checks run in the order that names the
 * real problem: too large, not a batch, unknown version, truncated, trailing bytes. An input
 * that stops inside the magic (the empty input too) is truncated, not foreign.
 */
export function readBatchFrame(bytes: Uint8Array, maxBytes: number): FrameReading {
  if (bytes.byteLength > maxBytes)
    return {
      ok: false,
      error: new AdapterError("EIX_ADAPTER_TOO_LARGE", { value: String(bytes.byteLength), limit: String(maxBytes) }),
    };
  if (!startsWithBatchMagic(bytes))
    return { ok: false, error: batchError("EIX_BATCH_BAD_MAGIC", { value: hex(bytes.subarray(0, BATCH_MAGIC.length)) }) };
  const version = bytes[BATCH_MAGIC.length];
  if (version !== undefined && version !== BATCH_FRAME_VERSION)
    return {
      ok: false,
      error: batchError("EIX_BATCH_VERSION_UNSUPPORTED", { value: String(version), expected: String(BATCH_FRAME_VERSION) }),
    };
  if (bytes.byteLength < BATCH_HEADER_BYTES) return truncated(bytes.byteLength, BATCH_HEADER_BYTES);
  const length = new DataView(bytes.buffer, bytes.byteOffset, BATCH_HEADER_BYTES).getUint32(5, false);
  const total = BATCH_HEADER_BYTES + length;
  // Refused on the header's word, before waiting for (or buffering) the rest.
  if (total > maxBytes)
    return { ok: false, error: new AdapterError("EIX_ADAPTER_TOO_LARGE", { value: String(total), limit: String(maxBytes) }) };
  if (bytes.byteLength < total) return truncated(bytes.byteLength, total);
  if (bytes.byteLength > total)
    return {
      ok: false,
      error: batchError("EIX_BATCH_TRAILING_BYTES", { value: String(bytes.byteLength - total), expected: String(total) }),
    };
  return { ok: true, payload: bytes.subarray(BATCH_HEADER_BYTES) };
}

function truncated(have: number, expected: number): FrameReading {
  return { ok: false, error: batchError("EIX_BATCH_TRUNCATED", { value: String(have), expected: String(expected) }) };
}

/** Header + payload; throws EIX_ADAPTER_TOO_LARGE for a payload the length field cannot state. */
export function writeBatchFrame(payload: Uint8Array): Uint8Array {
  if (payload.byteLength > MAX_PAYLOAD_BYTES)
    throw new AdapterError("EIX_ADAPTER_TOO_LARGE", { value: String(payload.byteLength), limit: String(MAX_PAYLOAD_BYTES) });
  const frame = new Uint8Array(BATCH_HEADER_BYTES + payload.byteLength);
  frame.set(BATCH_MAGIC);
  frame[BATCH_MAGIC.length] = BATCH_FRAME_VERSION;
  new DataView(frame.buffer).setUint32(5, payload.byteLength, false);
  frame.set(payload, BATCH_HEADER_BYTES);
  return frame;
}
