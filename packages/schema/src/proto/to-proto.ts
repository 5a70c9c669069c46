// JSON document → the plain object protobufjs `fromObject` takes, following the mapping plan.
// Encoding refuses what protobuf could not give back (an unknown property, a value of the wrong
// type, an integer outside uint64, a lone UTF-16 surrogate): silently altering it would break
// the lossless promise. Only the last can occur in a schema-valid document (JSON may escape
// "\ud800"; UTF-8, and so a protobuf string, cannot hold it); the rest catch a caller passing
// something that is not an envelope.

import { isJsonObject } from "./json-object.js";
import type { FieldMapping, MessageMapping, ValueMapping } from "./mapping.js";

/** Thrown by encodeEnvelope when the document cannot be represented in eix.proto. */
export class EixProtoEncodeError extends Error {
  readonly code = "EIX_PROTO_ENCODE";
  readonly pointer: string;

  constructor(pointer: string, problem: string) {
    super(`encodeEnvelope: ${pointer || "/"}: ${problem}`);
    this.name = "EixProtoEncodeError";
    this.pointer = pointer;
  }
}

const UINT64_LIMIT = 2 ** 64;
const loneSurrogate = /\p{Cs}/u;

/**
 * Converts one object. `empties` collects the pointers of optional arrays and extensions that
 * are present but empty, which protobuf alone cannot tell from absent ones.
 */
export function messageToProto(
  mapping: MessageMapping,
  value: unknown,
  at: string,
  empties: string[],
  ignore: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  if (!isJsonObject(value)) throw new EixProtoEncodeError(at, `expected an object (${mapping.type.name})`);
  for (const key of Object.keys(value))
    if (!mapping.names.has(key) && !ignore.has(key)) throw new EixProtoEncodeError(`${at}/${key}`, "not a property of the model");
  const out: Record<string, unknown> = {};
  for (const field of mapping.fields) {
    const pointer = `${at}/${field.name}`;
    const item = value[field.name];
    if (item === undefined) {
      if (field.required) throw new EixProtoEncodeError(pointer, "required property is missing");
      continue;
    }
    out[field.name] = fieldToProto(field, item, pointer, empties);
  }
  return out;
}

function fieldToProto(field: FieldMapping, value: unknown, at: string, empties: string[]): unknown {
  switch (field.container) {
    case "json-map": {
      if (!isJsonObject(value)) throw new EixProtoEncodeError(at, "expected an object of objects");
      const entries = Object.entries(value);
      if (entries.length === 0 && !field.required) empties.push(at);
      const text: Record<string, string> = {};
      for (const [key, entry] of entries) {
        if (loneSurrogate.test(key)) throw new EixProtoEncodeError(at, "key has a lone UTF-16 surrogate");
        if (!isJsonObject(entry)) throw new EixProtoEncodeError(`${at}/${key}`, "an extension value must be an object");
        text[key] = JSON.stringify(entry);
      }
      return text;
    }
    case "repeated": {
      if (!Array.isArray(value)) throw new EixProtoEncodeError(at, "expected an array");
      if (value.length === 0 && !field.required) empties.push(at);
      return value.map((item, index) => valueToProto(field.value, item, `${at}/${index}`, empties));
    }
    case "single":
      return valueToProto(field.value, value, at, empties);
  }
}

function valueToProto(mapping: ValueMapping, value: unknown, at: string, empties: string[]): unknown {
  switch (mapping.shape) {
    case "scalar":
      return scalarToProto(mapping.type, value, at);
    case "enum": {
      const name = typeof value === "string" ? mapping.toProto.get(value) : undefined;
      if (name === undefined)
        throw new EixProtoEncodeError(at, `${JSON.stringify(value)} is not a ${mapping.protoEnum.name} value`);
      return name;
    }
    case "message":
      return messageToProto(mapping.message, value, at, empties);
    case "array-message": {
      if (!Array.isArray(value)) throw new EixProtoEncodeError(at, `expected an array (${mapping.type.name})`);
      return { [mapping.itemsField]: value.map((item, index) => valueToProto(mapping.item, item, `${at}/${index}`, empties)) };
    }
  }
}

function scalarToProto(type: "string" | "double" | "uint64" | "bool", value: unknown, at: string): unknown {
  switch (type) {
    case "string":
      if (typeof value !== "string") throw new EixProtoEncodeError(at, "expected a string");
      // protobuf strings are UTF-8; a lone surrogate (possible via a JSON \u escape) has no form.
      if (loneSurrogate.test(value)) throw new EixProtoEncodeError(at, "string has a lone UTF-16 surrogate");
      return value;
    case "double":
      if (typeof value !== "number" || !Number.isFinite(value)) throw new EixProtoEncodeError(at, "expected a finite number");
      return value;
    case "uint64":
      // protobufjs turns the number into a Long (unsigned) itself; above 2^64 it would clamp.
      if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value >= UINT64_LIMIT)
        throw new EixProtoEncodeError(at, "expected an integer from 0 to 2^64-1");
      return value;
    case "bool":
      if (typeof value !== "boolean") throw new EixProtoEncodeError(at, "expected true or false");
      return value;
  }
}
