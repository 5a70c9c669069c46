// Envelope ⇄ protobuf bytes (eix.v1.Envelope). protobufjs does the wire format through
// fromObject/toObject; the mapping plan does what protobufjs cannot know: enum names ⇄ JSON
// strings, extensions as JSON text, polygons as messages, `payload` ⇄ the oneof member `kind`
// names, and present-but-empty collections.
//
// Decoding never trusts the bytes: tryDecodeEnvelope returns a typed failure for malformed wire
// data and for messages with no JSON form, and decodeEnvelope throws that failure as an
// EixProtoDecodeError. A decoded envelope has the shape its type promises; whether it obeys the
// model's rules is still validate()'s call, exactly as for JSON input.
import type protobuf from "protobufjs";
import type { Envelope } from "../model.js";
import { decodeFailure, EixProtoDecodeError, type ProtoDecodeFailure, ProtoShapeProblem } from "./decode-failure.js";
import { messageFromProto } from "./from-proto.js";
import { isJsonObject } from "./json-object.js";
import { type EnvelopeMapping, envelopeMapping } from "./mapping.js";
import { EixProtoEncodeError, messageToProto } from "./to-proto.js";

export type ProtoDecodeResult =
  | { readonly ok: true; readonly envelope: Envelope }
  | { readonly ok: false; readonly error: ProtoDecodeFailure };

// Only fields present on the wire, 64-bit integers as numbers, enums by name, no virtual oneof
// properties: the JSON walk decides defaults and presence itself.
const TO_OBJECT_OPTIONS: protobuf.IConversionOptions = { longs: Number, enums: String, defaults: false, oneofs: false };

/**
 * Encodes an envelope as eix.v1.Envelope bytes. Lossless for every valid document; throws an
 * EixProtoEncodeError for a value eix.proto cannot hold (which no valid document has).
 */
export function encodeEnvelope(envelope: Envelope): Uint8Array {
  const plan = envelopeMapping();
  const doc: unknown = envelope;
  if (!isJsonObject(doc)) throw new EixProtoEncodeError("", "expected an envelope object");
  const empties: string[] = [];
  const object = messageToProto(plan.common, doc, "", empties, new Set([plan.payloadName]));
  const payload = plan.payloads.get(doc.kind as string);
  if (!payload) throw new EixProtoEncodeError("/kind", "no payload type for this kind");
  if (doc[plan.payloadName] === undefined) throw new EixProtoEncodeError(`/${plan.payloadName}`, "required property is missing");
  object[payload.field] = messageToProto(payload.message, doc[plan.payloadName], `/${plan.payloadName}`, empties);
  if (empties.length > 0) object[plan.emptyCollectionsField] = empties;
  return plan.type.encode(plan.type.fromObject(object)).finish();
}

/** Decodes eix.v1.Envelope bytes; never throws for bad input (see ProtoDecodeResult). */
export function tryDecodeEnvelope(bytes: Uint8Array): ProtoDecodeResult {
  // Outside the try: a plan that does not build is a defect of this package, not of the bytes.
  const plan = envelopeMapping();
  try {
    if (!(bytes instanceof Uint8Array))
      throw new ProtoShapeProblem("", "expected bytes (Uint8Array)", "应为字节数组 (Uint8Array)");
    const object = plan.type.toObject(plan.type.decode(bytes), TO_OBJECT_OPTIONS);
    return { ok: true, envelope: envelopeFromObject(plan, object) };
  } catch (error) {
    // protobufjs reports truncation and bad wire types with RangeError/Error; deep garbage
    // nesting can even exhaust the stack. All of it is a property of the input.
    return { ok: false, error: decodeFailure(error) };
  }
}

/** Decodes eix.v1.Envelope bytes; throws an EixProtoDecodeError (code EIX_PROTO_DECODE) on bad input. */
export function decodeEnvelope(bytes: Uint8Array): Envelope {
  const result = tryDecodeEnvelope(bytes);
  if (!result.ok) throw new EixProtoDecodeError(result.error);
  return result.envelope;
}

function envelopeFromObject(plan: EnvelopeMapping, object: Record<string, unknown>): Envelope {
  const listed = object[plan.emptyCollectionsField] ?? [];
  if (!Array.isArray(listed) || !listed.every((p): p is string => typeof p === "string"))
    throw new ProtoShapeProblem("", "empty_collections must be a list of strings", "empty_collections 应为字符串列表");
  // Pointers that name nothing this version knows are ignored, as unknown fields are.
  const empties = new Set(listed);
  const common = messageFromProto(plan.common, object, "", empties);
  const at = `/${plan.payloadName}`;
  const present = [...plan.payloads.values()].filter((p) => object[p.field] !== undefined);
  const [carried] = present;
  if (!carried) throw new ProtoShapeProblem(at, "no payload is set", "未携带消息内容");
  if (present.length > 1) throw new ProtoShapeProblem(at, "more than one payload is set", "携带了多个消息内容");
  const expected = plan.payloads.get(String(common.kind));
  if (carried !== expected)
    throw new ProtoShapeProblem(
      at,
      `kind is "${String(common.kind)}" but the payload is ${carried.field}`,
      `消息类别为 "${String(common.kind)}"，但消息内容为 ${carried.field}`,
    );
  const payload = messageFromProto(carried.message, object[carried.field], at, empties);
  return { ...common, [plan.payloadName]: payload } as unknown as Envelope;
}
