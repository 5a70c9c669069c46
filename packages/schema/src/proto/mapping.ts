// The correspondence between the JSON Schema and eix.proto, built once by walking both side by
// side: every JSON property is matched to the proto field of the same (camelCase) name and told
// how its values convert. The codec only follows this plan, so the schemas stay the single
// source of the enum lists and of which fields are required; any disagreement between the two
// files throws here, on first use, instead of silently dropping data.
import protobuf from "protobufjs";
import { deref, type SchemaNode } from "../internal/schema-walk.js";
import { schemaDocuments } from "../schemas.js";
import { protoEnumUnspecifiedName, protoEnumValueName } from "./enum-names.js";
import { isJsonObject } from "./json-object.js";
import { envelopeProtoType } from "./proto-root.js";

/** Proto scalar types the model uses, with the JSON Schema type each stands for. */
const scalarJsonTypes = { string: "string", double: "number", uint64: "integer", bool: "boolean" } as const;
export type ScalarType = keyof typeof scalarJsonTypes;

export interface EnumMapping {
  readonly shape: "enum";
  readonly protoEnum: protobuf.Enum;
  /** JSON string → proto value name. */
  readonly toProto: ReadonlyMap<string, string>;
  /** Proto value name → JSON string (the UNSPECIFIED name is absent: it means "no value"). */
  readonly fromProto: ReadonlyMap<string, string>;
  readonly unspecified: string;
}

/** How one JSON value converts. */
export type ValueMapping =
  | { readonly shape: "scalar"; readonly type: ScalarType }
  | EnumMapping
  | { readonly shape: "message"; readonly message: MessageMapping }
  /** A JSON array that is a message with one repeated field in proto (Polygon → points). */
  | { readonly shape: "array-message"; readonly type: protobuf.Type; readonly itemsField: string; readonly item: ValueMapping };

interface FieldCommon {
  /** The JSON property name, which is also the protobufjs field name. */
  readonly name: string;
  /** Listed in the schema's `required`: always present in JSON, so always produced on decode. */
  readonly required: boolean;
}

export type FieldMapping = FieldCommon &
  (
    | { readonly container: "single"; readonly value: ValueMapping }
    | { readonly container: "repeated"; readonly value: ValueMapping }
    /** key → JSON object in the schema, map<string, string> of JSON text in proto (`extensions`). */
    | { readonly container: "json-map" }
  );

export interface MessageMapping {
  readonly type: protobuf.Type;
  /** In the order of the schema's `properties`. */
  readonly fields: readonly FieldMapping[];
  readonly names: ReadonlySet<string>;
}

export interface PayloadMapping {
  /** Name of the `payload` oneof member (incident, warning, directive, ack, checkIn). */
  readonly field: string;
  readonly message: MessageMapping;
}

export interface EnvelopeMapping {
  readonly type: protobuf.Type;
  /** Every envelope property except `payload`. */
  readonly common: MessageMapping;
  readonly kind: EnumMapping;
  /** `kind` JSON value → the oneof member that carries its payload (from envelope.json's if/then). */
  readonly payloads: ReadonlyMap<string, PayloadMapping>;
  /** Name of the oneof in proto and of the property in JSON. */
  readonly payloadName: string;
  /** The proto-only field listing present-but-empty optional collections. */
  readonly emptyCollectionsField: string;
}

interface Located {
  readonly node: SchemaNode;
  readonly file: string;
}

class MappingDrift extends Error {
  constructor(detail: string) {
    super(`eix.proto and the JSON Schema disagree: ${detail}`);
    this.name = "MappingDrift";
  }
}

function located(file: string, node: SchemaNode): Located {
  const target = deref(file, node);
  if (typeof target.node.$ref === "string") throw new MappingDrift(`unresolvable $ref ${target.node.$ref} in ${target.file}`);
  return target;
}

function enumMapping(protoEnum: protobuf.Enum, values: unknown, where: string): EnumMapping {
  if (!Array.isArray(values) || !values.every((v): v is string => typeof v === "string"))
    throw new MappingDrift(`${where}: enum ${protoEnum.name} needs a schema enum of strings`);
  const unspecified = protoEnumUnspecifiedName(protoEnum.name);
  if (protoEnum.values[unspecified] !== 0) throw new MappingDrift(`${protoEnum.name} lacks ${unspecified} = 0`);
  const toProto = new Map<string, string>();
  const fromProto = new Map<string, string>();
  for (const value of values) {
    const name = protoEnumValueName(protoEnum.name, value);
    if (protoEnum.values[name] === undefined) throw new MappingDrift(`${where}: "${value}" has no ${name} in ${protoEnum.name}`);
    if (fromProto.has(name)) throw new MappingDrift(`${where}: "${value}" and "${fromProto.get(name)}" both name ${name}`);
    toProto.set(value, name);
    fromProto.set(name, value);
  }
  const extra = Object.keys(protoEnum.values).filter((name) => name !== unspecified && !fromProto.has(name));
  if (extra.length > 0) throw new MappingDrift(`${where}: ${protoEnum.name} has values the schema lacks: ${extra.join(", ")}`);
  return { shape: "enum", protoEnum, toProto, fromProto, unspecified };
}

function scalarMapping(field: protobuf.Field, target: Located, where: string): ValueMapping {
  const type = field.type as ScalarType;
  const jsonType = scalarJsonTypes[type];
  if (jsonType === undefined) throw new MappingDrift(`${where}: proto type ${field.type} is not one the model uses`);
  const schemaType = target.node.type ?? (typeof target.node.const === "string" ? "string" : undefined);
  if (schemaType !== jsonType)
    throw new MappingDrift(`${where}: proto ${type} needs JSON type ${jsonType}, schema has ${String(schemaType)}`);
  return { shape: "scalar", type };
}

/** One JSON value (a property, or an array's item) against a proto field's element type. */
function valueMapping(field: protobuf.Field, target: Located, where: string): ValueMapping {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) return enumMapping(resolved, target.node.enum, where);
  if (resolved instanceof protobuf.Type) {
    if (target.node.type !== "array") return { shape: "message", message: messageMapping(target, resolved, where) };
    checkTitle(target, resolved, where);
    const inner = resolved.fieldsArray;
    const only = inner[0];
    if (inner.length !== 1 || !only?.repeated || only.map || !target.node.items)
      throw new MappingDrift(`${where}: a JSON array needs a message with one repeated field, ${resolved.name} is not`);
    const item = valueMapping(only, located(target.file, target.node.items), `${where}/*`);
    return { shape: "array-message", type: resolved, itemsField: only.name, item };
  }
  return scalarMapping(field, target, where);
}

function fieldMapping(field: protobuf.Field, target: Located, required: boolean, where: string): FieldMapping {
  const name = field.name;
  if (field.map) {
    const values = target.node.additionalProperties;
    if (target.node.type !== "object" || target.node.properties || !isJsonObject(values) || values.type !== "object")
      throw new MappingDrift(`${where}: a proto map needs a schema object of JSON objects (extensions)`);
    if (!(field instanceof protobuf.MapField) || field.keyType !== "string" || field.type !== "string")
      throw new MappingDrift(`${where}: extensions must be map<string, string> holding JSON text`);
    return { name, required, container: "json-map" };
  }
  if (field.repeated) {
    if (target.node.type !== "array" || !target.node.items)
      throw new MappingDrift(`${where}: repeated field needs a schema array`);
    const value = valueMapping(field, located(target.file, target.node.items), `${where}/*`);
    return { name, required, container: "repeated", value };
  }
  const value = valueMapping(field, target, where);
  // Presence rule (see eix.proto): optional JSON scalars are proto3 `optional`, required ones plain.
  if (value.shape === "scalar") {
    const explicit = field.options?.proto3_optional === true;
    if (explicit === required)
      throw new MappingDrift(
        `${where}: ${required ? "a required scalar must not be" : "an optional scalar must be"} proto3 optional`,
      );
  }
  return { name, required, container: "single", value };
}

function checkTitle(target: Located, type: protobuf.Type, where: string): void {
  if (typeof target.node.title === "string" && target.node.title !== type.name)
    throw new MappingDrift(`${where}: schema title ${target.node.title} but proto message ${type.name}`);
}

const messageCache = new Map<SchemaNode, MessageMapping>();

/** An object schema against a proto message; `skip` names properties the caller maps itself. */
function messageMapping(
  target: Located,
  type: protobuf.Type,
  where: string,
  skip: ReadonlySet<string> = new Set(),
): MessageMapping {
  const cached = messageCache.get(target.node);
  if (cached && cached.type === type && skip.size === 0) return cached;
  checkTitle(target, type, where);
  if (target.node.type !== "object" || !target.node.properties)
    throw new MappingDrift(`${where}: proto message ${type.name} needs a schema object with properties`);
  const required = new Set(Array.isArray(target.node.required) ? (target.node.required as string[]) : []);
  const fields: FieldMapping[] = [];
  for (const [name, property] of Object.entries(target.node.properties)) {
    if (skip.has(name)) continue;
    const field = type.fields[name];
    if (!field) throw new MappingDrift(`${where}/${name} has no field in proto message ${type.name}`);
    if (field.partOf && field.options?.proto3_optional !== true)
      throw new MappingDrift(`${where}/${name} is in a oneof; only the envelope payload may be`);
    fields.push(fieldMapping(field, located(target.file, property), required.has(name), `${where}/${name}`));
  }
  const names = new Set(fields.map((f) => f.name));
  const mapping: MessageMapping = { type, fields, names };
  if (skip.size === 0) {
    const unmatched = type.fieldsArray.filter((f) => !names.has(f.name)).map((f) => f.name);
    if (unmatched.length > 0) throw new MappingDrift(`${type.name} has fields the schema lacks: ${unmatched.join(", ")}`);
    messageCache.set(target.node, mapping);
  }
  return mapping;
}

function valueAtPath(node: unknown, path: readonly string[]): unknown {
  let current = node;
  for (const key of path) current = isJsonObject(current) ? current[key] : undefined;
  return current;
}

/** The `if: kind const K` → `then: payload $ref` pairs of envelope.json. */
function payloadSchemas(envelope: SchemaNode): Array<{ kind: string; ref: string }> {
  const pairs: Array<{ kind: string; ref: string }> = [];
  for (const part of Array.isArray(envelope.allOf) ? envelope.allOf : []) {
    const kind = valueAtPath(part, ["if", "properties", "kind", "const"]);
    const ref = valueAtPath(part, ["then", "properties", "payload", "$ref"]);
    if (typeof kind === "string" && typeof ref === "string") pairs.push({ kind, ref });
  }
  return pairs;
}

const PAYLOAD = "payload";
const EMPTY_COLLECTIONS = "emptyCollections";

let envelopePlan: EnvelopeMapping | undefined;

/** The whole plan, built on first use and then reused. */
export function envelopeMapping(): EnvelopeMapping {
  if (envelopePlan) return envelopePlan;
  const file = "envelope.json";
  const node = schemaDocuments[file] as SchemaNode;
  const type = envelopeProtoType();
  const common = messageMapping({ node, file }, type, "envelope.json", new Set([PAYLOAD]));
  const oneof = type.oneofs?.[PAYLOAD];
  if (!oneof) throw new MappingDrift(`Envelope has no oneof ${PAYLOAD}`);
  const emptyField = type.fields[EMPTY_COLLECTIONS];
  if (!emptyField?.repeated || emptyField.type !== "string")
    throw new MappingDrift(`Envelope lacks repeated string ${EMPTY_COLLECTIONS}`);
  const expected = new Set([...common.names, ...oneof.oneof, EMPTY_COLLECTIONS]);
  const unmatched = type.fieldsArray.filter((f) => !expected.has(f.name)).map((f) => f.name);
  if (unmatched.length > 0) throw new MappingDrift(`Envelope has fields the schema lacks: ${unmatched.join(", ")}`);

  const kindField = common.fields.find((f) => f.name === "kind");
  if (kindField?.container !== "single" || kindField.value.shape !== "enum")
    throw new MappingDrift("Envelope.kind must be an enum");
  const kind = kindField.value;

  const payloads = new Map<string, PayloadMapping>();
  for (const { kind: kindValue, ref } of payloadSchemas(node)) {
    const target = located(file, { $ref: ref });
    const member = oneof.fieldsArray.find(
      (f) => f.resolvedType instanceof protobuf.Type && f.resolvedType.name === target.node.title,
    );
    if (!member || !(member.resolvedType instanceof protobuf.Type))
      throw new MappingDrift(`kind "${kindValue}": no payload member of type ${String(target.node.title)}`);
    const message = messageMapping(target, member.resolvedType, `${target.file}`);
    payloads.set(kindValue, { field: member.name, message });
  }
  const kinds = [...kind.toProto.keys()];
  if (kinds.some((k) => !payloads.has(k)) || payloads.size !== kinds.length || oneof.oneof.length !== kinds.length)
    throw new MappingDrift("every kind needs exactly one payload member, and every member a kind");
  envelopePlan = { type, common, kind, payloads, payloadName: PAYLOAD, emptyCollectionsField: EMPTY_COLLECTIONS };
  return envelopePlan;
}
