import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  decodeEnvelope,
  EIX_PROTO_SOURCE,
  EixProtoDecodeError,
  EixProtoEncodeError,
  type Envelope,
  encodeEnvelope,
  envelopeProtoType,
  schemaDocuments,
  tryDecodeEnvelope,
  validate,
} from "@eix/schema";
import protobuf from "protobufjs";
import { describe, expect, test } from "vitest";
import { deref, type SchemaNode } from "../src/internal/schema-walk.js";
import { protoEnumUnspecifiedName, protoEnumValueName } from "../src/proto/enum-names.js";

// Examples are listed when the tests are collected, so new ones are covered without edits here.
const validDir = new URL("../examples/valid/", import.meta.url);
const examples = readdirSync(validDir)
  .filter((name) => name.endsWith(".json") && !name.endsWith(".expected.json"))
  .sort();
const readExample = (name: string): Envelope => JSON.parse(readFileSync(new URL(name, validDir), "utf8")) as Envelope;

/** What a JSON consumer sees: the decoded envelope serialised and parsed again. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function roundTrip(doc: Envelope): unknown {
  return asJson(decodeEnvelope(encodeEnvelope(doc)));
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

// ---------------------------------------------------------------------------------------------
// (a) JSON → protobuf → JSON

describe("JSON → protobuf → JSON is lossless", () => {
  test("there are examples to convert", () => {
    expect(examples.length).toBeGreaterThanOrEqual(25);
  });

  test.each(examples)("%s", (name) => {
    const doc = readExample(name);
    expect(roundTrip(doc)).toStrictEqual(asJson(doc));
  });

  // None of the examples has these; each is valid and is where protobuf's defaults would bite.
  const incident = readExample("incident-110-fire-initial.json");
  const edgeCases: Array<[string, Envelope]> = [
    [
      "empty collections, empty strings, zeros, false and 64-bit integers (incident)",
      {
        ...clone(incident),
        references: [],
        provenance: [
          {
            hubId: "hub-a",
            receivedAt: "2026-03-14T02:41:05+08:00",
            adapter: { id: "eix.json", version: "1.0.0" },
            sourceFormat: "",
            charset: "",
          },
        ],
        payload: {
          ...clone(incident.payload as object),
          nature: "",
          location: {
            regionCode: "330110",
            point: { lat: 30, lon: 120 },
            area: { regionCodes: [], polygons: [], circles: [{ center: { lat: 30, lon: 120 }, radiusKm: 0 }] },
          },
          casualties: { deaths: 0, injured: 0, missing: Number.MAX_SAFE_INTEGER, affected: 2 ** 64 - 2048 },
          economicLoss: { amount: 0, estimated: false, note: "" },
          contacts: [],
          attachments: [{ name: "empty.txt", mediaType: "text/plain", size: 0, uri: "" }],
          extensions: {},
        },
      } as unknown as Envelope,
    ],
    [
      "extensions with nested empty values and an empty casualties object",
      {
        ...clone(incident),
        payload: {
          ...clone(incident.payload as object),
          casualties: {},
          extensions: { fire: {}, health: { list: [], map: {}, none: null, n: -0.5, deep: { a: [{}] } } },
        },
      } as unknown as Envelope,
    ],
    [
      "cancellation with empty lists and an area described only in words (warning)",
      {
        ...clone(readExample("warning-rainstorm-red-cancel.json")),
        payload: {
          warningId: "44010041600000_20260612052000",
          msgType: "cancel",
          description: "",
          translations: [],
          areas: [{ description: "" }, { circles: [] }],
          attachments: [],
          extensions: {},
        },
      } as unknown as Envelope,
    ],
    [
      "requirements with an empty obligation and targets by unit (directive)",
      {
        ...clone(readExample("directive-heat-wave-reference.json")),
        payload: {
          grade: "command",
          title: "T",
          body: "B",
          requires: { read: {}, feedback: { deadline: "2026-07-18T12:00:00+08:00" } },
          targets: [{ unitId: "420100-YJJ-ZBS" }, { department: "fire" }],
          attachments: [],
          extensions: { x: {} },
        },
      } as unknown as Envelope,
    ],
    [
      "check-in with no incidents and an empty note",
      {
        ...clone(readExample("checkin-nothing-to-report.json")),
        payload: {
          date: "2026-03-15",
          status: "nothing-to-report",
          dutyOfficer: { name: "沈佳怡", role: "" },
          incidentIds: [],
          note: "",
        },
      } as unknown as Envelope,
    ],
    [
      "acknowledgement with an empty note and empty extensions",
      {
        ...clone(readExample("ack-directive-read.json")),
        payload: { ...clone(readExample("ack-directive-read.json").payload as object), note: "", extensions: {} },
      } as unknown as Envelope,
    ],
  ];

  test.each(edgeCases)("%s", (_label, doc) => {
    const result = validate(doc);
    expect(result.issues.filter((issue) => issue.severity === "error")).toEqual([]);
    expect(roundTrip(doc)).toStrictEqual(asJson(doc));
  });

  test("a writer that omits zero values (proto3 implicit presence) still yields the required fields", () => {
    const type = envelopeProtoType();
    const doc = edgeCases[0]?.[1] as Envelope;
    const message = type.toObject(type.decode(encodeEnvelope(doc)), { longs: Number }) as {
      incident: { location: { point: Record<string, number> }; economicLoss: Record<string, unknown> };
    };
    message.incident.location.point = { lon: 120 }; // lat 0 left out, as protoc-generated code does
    message.incident.economicLoss = { estimated: false, note: "" }; // amount 0 left out
    const bytes = type.encode(type.fromObject(message)).finish();
    const back = decodeEnvelope(bytes) as Extract<Envelope, { kind: "incident" }>;
    expect(back.payload.location.point).toStrictEqual({ lat: 0, lon: 120 });
    expect(back.payload.economicLoss).toStrictEqual({ amount: 0, estimated: false, note: "" });
  });

  test("encode refuses what protobuf could not give back", () => {
    const doc = readExample("incident-110-fire-initial.json");
    const unknown = { ...clone(doc), payload: { ...clone(doc.payload), colour: "red" } } as unknown as Envelope;
    expect(() => encodeEnvelope(unknown)).toThrow(EixProtoEncodeError);
    expect(() => encodeEnvelope(unknown)).toThrow("/payload/colour");
    const badEnum = { ...clone(doc), status: "drill" } as unknown as Envelope;
    expect(() => encodeEnvelope(badEnum)).toThrow("/status");
    const negative = { ...clone(doc), payload: { ...clone(doc.payload), sequence: -1 } } as unknown as Envelope;
    expect(() => encodeEnvelope(negative)).toThrow("/payload/sequence");
    const arrayExtension = {
      ...clone(doc),
      payload: { ...clone(doc.payload), extensions: { fire: [1] } },
    } as unknown as Envelope;
    expect(() => encodeEnvelope(arrayExtension)).toThrow("/payload/extensions/fire");
    // Schema-valid (JSON can escape it) but not UTF-8: refused rather than altered.
    const surrogate = { ...clone(doc), payload: { ...clone(doc.payload), nature: "\ud800" } } as unknown as Envelope;
    expect(() => encodeEnvelope(surrogate)).toThrow("/payload/nature");
  });
});

// ---------------------------------------------------------------------------------------------
// (b) drift guard: every schema property has its proto field, every proto field its property

interface SchemaProperty {
  /** JSON pointer pattern below the message root, array items as `*`. */
  readonly pattern: string;
  readonly target: SchemaNode;
  readonly required: boolean;
}

/** Every property reachable from a schema node, resolving `$ref`s (an independent walk). */
function schemaProperties(file: string, node: SchemaNode, at = "", out: SchemaProperty[] = []): SchemaProperty[] {
  const { node: target, file: targetFile } = deref(file, node);
  const required = new Set(Array.isArray(target.required) ? (target.required as string[]) : []);
  for (const [name, property] of Object.entries(target.properties ?? {})) {
    out.push({ pattern: `${at}/${name}`, target: deref(targetFile, property).node, required: required.has(name) });
    schemaProperties(targetFile, property, `${at}/${name}`, out);
  }
  if (target.items) schemaProperties(targetFile, target.items, `${at}/*`, out);
  return out;
}

const envelopeSchema = schemaDocuments["envelope.json"] as SchemaNode;
const envelopeType = envelopeProtoType();
const payloadOneof = envelopeType.oneofs?.payload;

/** kind → payload schema, from envelope.json's if/then. */
const payloadRefs = (envelopeSchema.allOf as Array<{ if: SchemaNode; then: SchemaNode }>).map((part) => ({
  kind: (part.if.properties?.kind?.const ?? "") as string,
  ref: part.then.properties?.payload?.$ref ?? "",
}));

/** Each root to compare: the envelope's common fields, then each payload against its oneof member. */
const roots = [
  { label: "envelope.json", prefix: "", type: envelopeType, properties: schemaProperties("envelope.json", envelopeSchema) },
  ...payloadRefs.map(({ kind, ref }) => {
    const target = deref("envelope.json", { $ref: ref }).node;
    const member = payloadOneof?.fieldsArray.find((f) => f.resolvedType?.name === target.title);
    return {
      label: `${ref} (kind ${kind})`,
      prefix: "/payload",
      kind,
      member,
      type: member?.resolvedType instanceof protobuf.Type ? member.resolvedType : undefined,
      properties: schemaProperties("envelope.json", { $ref: ref }),
    };
  }),
];

/** Follows a property pattern through the proto reflection; records every field it passes. */
function protoFieldAt(root: protobuf.Type | undefined, pattern: string, seen: Set<protobuf.Field>): protobuf.Field | undefined {
  let type: protobuf.Type | undefined = root;
  let field: protobuf.Field | undefined;
  let pendingRepetition = false;
  for (const segment of pattern.split("/").slice(1)) {
    if (segment === "*" && pendingRepetition) {
      pendingRepetition = false;
      continue;
    }
    if (segment === "*") {
      // A JSON array stored as a message with one repeated field (Polygon → points).
      const only: protobuf.Field | undefined = type?.fieldsArray.length === 1 ? type.fieldsArray[0] : undefined;
      if (!only?.repeated) return undefined;
      field = only;
    } else {
      field = type?.fields[segment];
      if (!field) return undefined;
      pendingRepetition = field.repeated;
    }
    seen.add(field);
    type = field.resolvedType instanceof protobuf.Type ? field.resolvedType : undefined;
    if (segment === "*") pendingRepetition = false;
  }
  return field;
}

const scalarFor: Record<string, string> = { string: "string", number: "double", integer: "uint64", boolean: "bool" };

/** What a property's proto field must look like; undefined when it does. */
function mismatch(property: SchemaProperty, field: protobuf.Field): string | undefined {
  const { target, required } = property;
  if (Array.isArray(target.enum)) return field.resolvedType instanceof protobuf.Enum ? undefined : "needs an enum";
  if (target.type === "array") return field.repeated ? undefined : "needs a repeated field";
  if (target.type === "object" && target.additionalProperties && !target.properties)
    return field.map && field.type === "string" ? undefined : "needs map<string, string>";
  if (target.type === "object")
    return field.resolvedType instanceof protobuf.Type && field.resolvedType.name === target.title && !field.repeated
      ? undefined
      : `needs message ${String(target.title)}`;
  const jsonType = (target.type as string | undefined) ?? (typeof target.const === "string" ? "string" : undefined);
  const scalar = jsonType === undefined ? undefined : scalarFor[jsonType];
  if (scalar === undefined) return `has no proto form (type ${String(jsonType)})`;
  if (field.type !== scalar || field.repeated) return `needs ${scalar}`;
  const explicit = field.options?.proto3_optional === true;
  return explicit === required ? `must ${required ? "not " : ""}be proto3 optional` : undefined;
}

// The walks run when the file is collected, so the reverse check below depends on no test order.
const reached = new Set<protobuf.Field>();
const walks = roots.map(({ label, prefix, type, properties, ...rest }) => {
  const problems: string[] = type ? [] : ["no payload oneof member has the schema's title"];
  if ("member" in rest && rest.member) reached.add(rest.member);
  for (const property of properties) {
    if (prefix === "" && property.pattern === "/payload") continue; // the oneof, checked below
    const field = protoFieldAt(type, property.pattern, reached);
    const problem = field ? mismatch(property, field) : "has no proto field";
    if (problem) problems.push(`${prefix}${property.pattern} ${problem}`);
  }
  return { label, problems };
});

describe("eix.proto mirrors the JSON Schema (drift guard)", () => {
  test.each(walks)("every property of $label has a matching proto field", ({ problems }) => {
    expect(problems).toEqual([]);
  });

  test("the payload oneof has one member per kind, named by the payload schema's title", () => {
    const kinds = (schemaDocuments["defs/codes.json"] as { $defs: { kind: { enum: string[] } } }).$defs.kind.enum;
    expect(payloadRefs.map((p) => p.kind).sort()).toEqual([...kinds].sort());
    const members = roots.flatMap((root) => ("member" in root && root.member ? [root.member] : []));
    expect(members.map((m) => m.name).sort()).toEqual([...(payloadOneof?.oneof ?? [])].sort());
  });

  test("every proto field and enum is reached from a JSON property", () => {
    const namespace = envelopeType.root.lookup("eix.v1") as protobuf.Namespace;
    // Transport messages wrap encoded envelopes and have no JSON form (eix.proto, last section).
    const transport = new Set(["Batch"]);
    const types = namespace.nestedArray.filter((n): n is protobuf.Type => n instanceof protobuf.Type && !transport.has(n.name));
    const enums = namespace.nestedArray.filter((n): n is protobuf.Enum => n instanceof protobuf.Enum);
    const unreached = types
      .flatMap((type) => type.fieldsArray)
      .filter((field) => !reached.has(field))
      .map((field) => `${field.parent?.name}.${field.name}`);
    // The one proto-only field: presence of empty collections, which protobuf cannot express.
    expect(unreached).toEqual(["Envelope.emptyCollections"]);
    const usedEnums = new Set([...reached].map((field) => field.resolvedType).filter((t) => t instanceof protobuf.Enum));
    expect(enums.filter((e) => !usedEnums.has(e)).map((e) => e.name)).toEqual([]);
  });

  test("field names are snake_case in the .proto text and the JSON names in protobufjs", () => {
    const parsed = protobuf.parse(EIX_PROTO_SOURCE, { keepCase: true }).root;
    const camel = envelopeType.root;
    for (const type of (camel.lookup("eix.v1") as protobuf.Namespace).nestedArray) {
      if (!(type instanceof protobuf.Type)) continue;
      const raw = parsed.lookupType(`eix.v1.${type.name}`).fieldsArray.map((f) => f.name);
      for (const name of raw) expect(name).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(type.fieldsArray.map((f) => f.name)).toEqual(
        raw.map((n) => n.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase())),
      );
    }
  });
});

// ---------------------------------------------------------------------------------------------
// (c) enums

const enumProperties = roots.flatMap((root) =>
  root.properties
    .filter((property) => Array.isArray(property.target.enum))
    .map((property) => ({ root, property, field: protoFieldAt(root.type, property.pattern, new Set()) })),
);

describe("every JSON Schema enum value maps to exactly one proto enum value and back", () => {
  test.each(enumProperties.map((e) => [`${e.root.prefix}${e.property.pattern} (${e.root.label})`, e] as const))(
    "%s",
    (_label, { property, field }) => {
      const protoEnum = field?.resolvedType as protobuf.Enum;
      expect(protoEnum).toBeInstanceOf(protobuf.Enum);
      const values = property.target.enum as string[];
      const names = values.map((value) => protoEnumValueName(protoEnum.name, value));
      expect(new Set(names).size).toBe(values.length);
      const unspecified = protoEnumUnspecifiedName(protoEnum.name);
      expect(protoEnum.values[unspecified]).toBe(0);
      const others = Object.keys(protoEnum.values).filter((name) => name !== unspecified);
      expect(others.sort()).toEqual([...names].sort());
    },
  );

  test("names follow the documented rule", () => {
    const root = envelopeType.root;
    expect(root.lookupEnum("eix.v1.Kind").values.KIND_CHECKIN).toBeGreaterThan(0);
    expect(root.lookupEnum("eix.v1.Severity").values.SEVERITY_I).toBeGreaterThan(0);
    expect(root.lookupEnum("eix.v1.Department").values.DEPARTMENT_EMERGENCY_OFFICE).toBeGreaterThan(0);
    expect(root.lookupEnum("eix.v1.CheckInStatus").values.CHECK_IN_STATUS_NOTHING_TO_REPORT).toBeGreaterThan(0);
    expect(root.lookupEnum("eix.v1.SourceChannel").values.SOURCE_CHANNEL_12345).toBeGreaterThan(0);
  });

  /** Sets the value at a JSON pointer whose parents exist. */
  function setAt(doc: unknown, pointer: string, value: unknown): boolean {
    const parts = pointer.split("/").slice(1);
    const last = parts.pop() as string;
    let node = doc as Record<string, unknown> | undefined;
    for (const part of parts) node = node?.[part] as Record<string, unknown> | undefined;
    if (node === undefined || node === null || typeof node !== "object" || node[last] === undefined) return false;
    node[last] = value;
    return true;
  }

  // `kind` is covered by the examples, one or more per kind; it cannot change alone.
  const mutable = enumProperties.filter(({ root, property }) => !(root.prefix === "" && property.pattern === "/kind"));

  test.each(mutable.map((e) => [`${e.root.prefix}${e.property.pattern}`, e] as const))(
    "every value of %s survives the codec",
    (pattern, { root, property }) => {
      const concrete = pattern.replace(/\*/g, "0");
      const kind = "kind" in root ? root.kind : undefined;
      const base = examples
        .map(readExample)
        .find((doc) => (kind === undefined || doc.kind === kind) && setAt(clone(doc), concrete, "x"));
      expect(base, `an example has ${concrete}`).toBeDefined();
      for (const value of property.target.enum as string[]) {
        const doc = clone(base as Envelope);
        setAt(doc, concrete, value);
        expect(roundTrip(doc)).toStrictEqual(asJson(doc));
      }
    },
  );

  test("examples cover every kind", () => {
    expect(new Set(examples.map((name) => readExample(name).kind))).toEqual(
      new Set(["incident", "warning", "directive", "ack", "checkin"]),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// (d) bad bytes

/** Deterministic PRNG (mulberry32) so a failure is reproducible. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function expectCodedFailure(bytes: Uint8Array): void {
  const result = tryDecodeEnvelope(bytes);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe("EIX_PROTO_DECODE");
  expect(result.error.message.en).toMatch(/^Cannot decode the EIX protobuf message: \S/);
  expect(result.error.message["zh-CN"]).toMatch(/^无法解码 EIX protobuf 消息：\S/);
}

describe("bad bytes give the coded failure, never an exception", () => {
  test.each(examples)("every truncation of %s", (name) => {
    const bytes = encodeEnvelope(readExample(name));
    for (let length = 0; length < bytes.length; length++) expectCodedFailure(bytes.subarray(0, length));
  });

  test("random bytes", () => {
    const next = random(20260701);
    for (let i = 0; i < 3000; i++) {
      const bytes = new Uint8Array(Math.floor(next() * 400));
      for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(next() * 256);
      expectCodedFailure(bytes);
    }
  });

  test("flipped bytes decode or fail with the code, and never throw", () => {
    const next = random(7);
    for (const name of examples) {
      const original = encodeEnvelope(readExample(name));
      for (let i = 0; i < 40; i++) {
        const bytes = original.slice();
        const at = Math.floor(next() * bytes.length);
        bytes[at] = (bytes[at] ?? 0) ^ (1 + Math.floor(next() * 255));
        const result = tryDecodeEnvelope(bytes);
        if (!result.ok) expect(result.error.code).toBe("EIX_PROTO_DECODE");
      }
    }
  });

  test("deeply nested groups", () => {
    expectCodedFailure(new Uint8Array(200_000).fill(0x0b)); // field 1, start-group, over and over
  });

  test("a payload that contradicts kind, and a missing payload", () => {
    const type = envelopeProtoType();
    const message = type.toObject(type.decode(encodeEnvelope(readExample("ack-directive-read.json"))), { longs: Number });
    const contradicting = type.encode(type.fromObject({ ...message, kind: "KIND_CHECKIN" })).finish();
    expectCodedFailure(contradicting);
    expect(tryDecodeEnvelope(contradicting)).toMatchObject({ error: { message: { en: expect.stringContaining("/payload") } } });
    const { ack: _ack, ...withoutPayload } = message;
    expectCodedFailure(type.encode(type.fromObject(withoutPayload)).finish());
  });

  test("an unknown enum number and extension text that is not an object", () => {
    const type = envelopeProtoType();
    const doc = readExample("incident-exercise-chlorine-leak.json");
    const message = type.toObject(type.decode(encodeEnvelope(doc)), { longs: Number }) as Record<string, Record<string, unknown>>;
    expectCodedFailure(type.encode(type.fromObject({ ...message, status: 99 })).finish());
    const incident = message.incident as Record<string, unknown>;
    expectCodedFailure(
      type.encode(type.fromObject({ ...message, incident: { ...incident, extensions: { exercise: "[1]" } } })).finish(),
    );
    expectCodedFailure(
      type.encode(type.fromObject({ ...message, incident: { ...incident, extensions: { exercise: "{" } } })).finish(),
    );
  });

  test("decodeEnvelope throws the same failure as an EixProtoDecodeError", () => {
    const bytes = encodeEnvelope(readExample("ack-directive-read.json")).subarray(0, 10);
    expect(() => decodeEnvelope(bytes)).toThrow(EixProtoDecodeError);
    try {
      decodeEnvelope(bytes);
    } catch (error) {
      expect((error as EixProtoDecodeError).code).toBe("EIX_PROTO_DECODE");
      expect((error as EixProtoDecodeError).localized["zh-CN"]).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// (e) the embedded text

describe("the embedded proto text", () => {
  const protoFile = new URL("../proto/eix.proto", import.meta.url);

  test("EIX_PROTO_SOURCE is eix.proto", () => {
    expect(EIX_PROTO_SOURCE).toBe(readFileSync(protoFile, "utf8"));
  });

  test("scripts/gen-proto.mjs --check passes", () => {
    const script = fileURLToPath(new URL("../../../scripts/gen-proto.mjs", import.meta.url));
    expect(() => execFileSync(process.execPath, [script, "--check"], { stdio: "pipe" })).not.toThrow();
  });

  test("envelopeProtoType() is eix.v1.Envelope, parsed once", () => {
    expect(envelopeProtoType().fullName).toBe(".eix.v1.Envelope");
    expect(envelopeProtoType()).toBe(envelopeProtoType());
  });
});
