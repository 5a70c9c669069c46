// eix.v1.Batch ⇄ protobuf bytes, with every envelope kept as its encoded bytes. A batch reader
// hashes the envelopes exactly as they arrived (Batch.digest) and converts each one on its own,
// so a bad envelope is reported by its index; decoding them as part of the Batch message would
// lose both. A `repeated Envelope` field and a `repeated bytes` field with the same number are
// the same on the wire (length-delimited), so the codec reads and writes Batch through a twin
// type whose `envelopes` are bytes, derived from eix.proto so that field numbers have one source.
import protobuf from "protobufjs";
import { decodeFailure, type ProtoDecodeFailure, ProtoShapeProblem } from "./decode-failure.js";
import { batchProtoType } from "./proto-root.js";

/** The fields of eix.v1.Batch, envelopes as encoded eix.v1.Envelope bytes (see eix.proto). */
export interface BatchMessage {
  readonly batchId: string;
  readonly hubId: string;
  readonly createdAt: string;
  readonly count: number;
  readonly digest: Uint8Array;
  readonly envelopes: readonly Uint8Array[];
}

export type BatchDecodeResult =
  | { readonly ok: true; readonly batch: BatchMessage }
  | { readonly ok: false; readonly error: ProtoDecodeFailure };

const ENVELOPES = "envelopes";
const EMPTY = new Uint8Array(0);

let wireType: protobuf.Type | undefined;

/** eix.v1.Batch with `envelopes` as `repeated bytes`; every other field as declared. */
function batchWireType(): protobuf.Type {
  if (wireType) return wireType;
  const batch = batchProtoType();
  const twin = new protobuf.Type("BatchWire");
  for (const field of batch.fieldsArray) {
    if (field.map || (field.name !== ENVELOPES && field.resolvedType !== null))
      throw new Error(`eix.v1.Batch.${field.name}: the batch codec expects scalar header fields`);
    const type = field.name === ENVELOPES ? "bytes" : field.type;
    twin.add(new protobuf.Field(field.name, field.id, type, field.repeated ? "repeated" : undefined));
  }
  if (!twin.fields[ENVELOPES]?.repeated) throw new Error("eix.v1.Batch lacks repeated envelopes");
  new protobuf.Root().add(twin).resolveAll();
  wireType = twin;
  return twin;
}

/** Encodes a Batch whose envelopes are already encoded (encodeEnvelope). */
export function encodeBatchMessage(batch: BatchMessage): Uint8Array {
  const type = batchWireType();
  return type.encode(type.fromObject({ ...batch, envelopes: [...batch.envelopes] })).finish();
}

/**
 * Decodes eix.v1.Batch bytes without converting the envelopes; never throws for bad input.
 * The envelopes are views into `bytes`, not copies (plain Uint8Arrays, even for a Buffer). Absent proto3 fields read as their zero
 * values ("", 0, empty bytes): whether those are acceptable is the caller's decision.
 */
export function tryDecodeBatchMessage(bytes: Uint8Array): BatchDecodeResult {
  const type = batchWireType();
  try {
    if (!(bytes instanceof Uint8Array))
      throw new ProtoShapeProblem("", "expected bytes (Uint8Array)", "应为字节数组 (Uint8Array)");
    // protobufjs reads a Node Buffer with a BufferReader whose string() clamps a length that
    // runs past the end instead of failing; a plain Uint8Array view (no copy) gets the reader
    // that checks bounds on every field.
    const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const raw = type.decode(view) as unknown as Partial<Record<keyof BatchMessage, unknown>>;
    const batch: BatchMessage = {
      batchId: typeof raw.batchId === "string" ? raw.batchId : "",
      hubId: typeof raw.hubId === "string" ? raw.hubId : "",
      createdAt: typeof raw.createdAt === "string" ? raw.createdAt : "",
      count: typeof raw.count === "number" ? raw.count : 0,
      digest: raw.digest instanceof Uint8Array ? raw.digest : EMPTY,
      envelopes: Array.isArray(raw.envelopes) ? (raw.envelopes as Uint8Array[]) : [],
    };
    return { ok: true, batch };
  } catch (error) {
    // Truncated or garbage wire data: protobufjs throws RangeError/Error, deep groups can
    // exhaust the stack. All of it is a property of the input.
    return { ok: false, error: decodeFailure(error) };
  }
}
