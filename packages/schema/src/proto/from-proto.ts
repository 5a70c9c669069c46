// The plain object protobufjs `toObject` returns → JSON document, following the mapping plan.
// toObject runs with `defaults: false`, so only fields present on the wire appear; proto3
// semantics then decide the rest: a required scalar that is absent has its zero value (a writer
// may omit lat 0), an optional one stays absent. Whatever has no JSON form (a missing required
// message, an UNSPECIFIED or unknown enum, extension text that is not an object) is a
// ProtoShapeProblem, never a wrong document.
import { ProtoShapeProblem } from "./decode-failure.js";
import { isJsonObject } from "./json-object.js";
import type { FieldMapping, MessageMapping, ScalarType, ValueMapping } from "./mapping.js";

const zeroValues: Readonly<Record<ScalarType, string | number | boolean>> = { string: "", double: 0, uint64: 0, bool: false };

/** Converts one message; `empties` holds the pointers listed in Envelope.empty_collections. */
export function messageFromProto(
  mapping: MessageMapping,
  value: unknown,
  at: string,
  empties: ReadonlySet<string>,
): Record<string, unknown> {
  if (!isJsonObject(value))
    throw new ProtoShapeProblem(at, `expected a ${mapping.type.name} message`, `应为 ${mapping.type.name} 消息`);
  const out: Record<string, unknown> = {};
  for (const field of mapping.fields) {
    const pointer = `${at}/${field.name}`;
    const converted = fieldFromProto(field, value[field.name], pointer, empties);
    if (converted !== undefined) out[field.name] = converted;
  }
  return out;
}

function missing(at: string): ProtoShapeProblem {
  return new ProtoShapeProblem(at, "required field is missing", "缺少必填字段");
}

function fieldFromProto(field: FieldMapping, value: unknown, at: string, empties: ReadonlySet<string>): unknown {
  switch (field.container) {
    case "json-map": {
      if (value === undefined) return field.required || empties.has(at) ? {} : undefined;
      if (!isJsonObject(value)) throw new ProtoShapeProblem(at, "expected a map", "应为映射表");
      const out: Record<string, unknown> = {};
      for (const [key, text] of Object.entries(value)) out[key] = extensionFromText(text, `${at}/${key}`);
      return out;
    }
    case "repeated": {
      if (value === undefined) return field.required || empties.has(at) ? [] : undefined;
      if (!Array.isArray(value)) throw new ProtoShapeProblem(at, "expected a list", "应为列表");
      return value.map((item, index) => {
        const converted = valueFromProto(field.value, item, `${at}/${index}`, empties);
        if (converted === undefined) throw missing(`${at}/${index}`);
        return converted;
      });
    }
    case "single": {
      if (value === undefined) {
        if (!field.required) return undefined;
        if (field.value.shape === "scalar") return zeroValues[field.value.type];
        throw missing(at);
      }
      const converted = valueFromProto(field.value, value, at, empties);
      if (converted === undefined && field.required) throw missing(at);
      return converted;
    }
  }
}

/** One value; undefined for an UNSPECIFIED enum, which means "absent". */
function valueFromProto(mapping: ValueMapping, value: unknown, at: string, empties: ReadonlySet<string>): unknown {
  switch (mapping.shape) {
    case "scalar":
      return scalarFromProto(mapping.type, value, at);
    case "enum": {
      if (value === mapping.unspecified) return undefined;
      const json = typeof value === "string" ? mapping.fromProto.get(value) : undefined;
      if (json === undefined)
        throw new ProtoShapeProblem(
          at,
          `unknown ${mapping.protoEnum.name} value ${String(value)}`,
          `未知的 ${mapping.protoEnum.name} 枚举值 ${String(value)}`,
        );
      return json;
    }
    case "message":
      return messageFromProto(mapping.message, value, at, empties);
    case "array-message": {
      if (!isJsonObject(value))
        throw new ProtoShapeProblem(at, `expected a ${mapping.type.name} message`, `应为 ${mapping.type.name} 消息`);
      const items = value[mapping.itemsField] ?? [];
      if (!Array.isArray(items)) throw new ProtoShapeProblem(at, "expected a list", "应为列表");
      return items.map((item, index) => {
        const converted = valueFromProto(mapping.item, item, `${at}/${index}`, empties);
        if (converted === undefined) throw missing(`${at}/${index}`);
        return converted;
      });
    }
  }
}

function scalarFromProto(type: ScalarType, value: unknown, at: string): unknown {
  const expected = type === "string" ? "string" : type === "bool" ? "boolean" : "number";
  // toObject already produced JS types (longs: Number); this only guards the plan's assumptions.
  if (typeof value !== expected) throw new ProtoShapeProblem(at, `expected a ${type}`, `应为 ${type} 类型`);
  return value;
}

function extensionFromText(text: unknown, at: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = typeof text === "string" ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!isJsonObject(parsed))
    throw new ProtoShapeProblem(at, "extension value is not the JSON text of an object", "扩展字段值不是 JSON 对象文本");
  return parsed;
}
