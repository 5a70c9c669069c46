import {
  healthHl7v2Adapter as adapter,
  type CasualtyCategory,
  type CasualtyRegistration,
  createRegistry,
  type DecodeContext,
  type DecodeResult,
  type Hl7DecodeOptions,
  notifiableDisease,
} from "@eix/adapters";
import { type Envelope, type Unit, validate } from "@eix/schema";
import iconv from "iconv-lite";
import { describe, expect, test } from "vitest";

// health.hl7v2: mass-casualty registrations (群体伤亡事件伤员登记). An ADT^A01/A04/A08 that names an
// incident (ZEI-1, or options.incidentReferenceField) becomes one provisional update (续报) of
// that incident with its one casualty; everything else keeps the notifiable-case behaviour.
type Incident = Extract<Envelope, { kind: "incident" }>;

const SENDER: Unit = { unitId: "ZZ-RMYY", name: "郑州市某医院", department: "health", level: "municipal", regionCode: "410100" };
const ctx: DecodeContext = { sender: SENDER };
// Spread: an interface (Hl7DecodeOptions) has no index signature, so it is not a Record<string, unknown> as such.
const withOptions = (options: Hl7DecodeOptions | Record<string, unknown>): DecodeContext => ({ ...ctx, options: { ...options } });

const INCIDENT = "ZZ-20260721-001";
/** Personal data in the synthetic PID and NK1: none of it may appear in any output. */
const PERSONAL = ["测试", "患者甲", "MRN0012345", "19800101", "某某路 8 号", "联系人乙", "13800000000"];

interface MessageParts {
  readonly type?: string;
  readonly processing?: string;
  readonly charset?: string;
  readonly facility?: string;
  readonly visit?: string;
  readonly died?: "Y" | "N";
  /** The ZEI segment, or undefined for none. */
  readonly zei?: string | undefined;
  readonly extra?: readonly string[];
}

/** Segments of one ADT (default ADT^A04, UTF-8, facility ZZ-RMYY) with a fake patient. */
function adt(control: string, parts: MessageParts = {}): string[] {
  const { type = "ADT^A04^ADT_A01", processing = "P", charset = "UNICODE UTF-8", facility = "ZZ-RMYY" } = parts;
  const pid30 = parts.died ? `${"|".repeat(19)}${parts.died}` : "";
  return [
    `MSH|^~\\&|HIS|${facility}|EIX|HUB|20260721101500+0800||${type}|${control}|${processing}|2.5.1|||AL|NE||${charset}`,
    `EVN|${type.split("^")[1] ?? ""}|20260721101500+0800`,
    `PID|1||MRN0012345^^^${facility}^MR||测试^患者甲||19800101|M|||某某路 8 号^^郑州市^河南^450000${pid30}`,
    "NK1|1|联系人乙|SPO|||13800000000",
    `PV1|1|E|EMR^^^${facility}||||||||||||||||${parts.visit ?? `V-${control}`}`,
    ...(parts.extra ?? []),
    ...("zei" in parts ? (parts.zei === undefined ? [] : [parts.zei]) : [`ZEI|${INCIDENT}|green`]),
  ];
}
const utf8 = (segments: readonly string[]) => new TextEncoder().encode(segments.join("\r"));

function decoded(result: DecodeResult) {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  for (const message of result.messages) expect(validate(message)).toMatchObject({ valid: true });
  return result;
}
const incidents = (result: DecodeResult) => decoded(result).messages as Incident[];
const only = (result: DecodeResult) => {
  const messages = incidents(result);
  expect(messages).toHaveLength(1);
  return messages[0] as Incident;
};
const registrationOf = (message: Incident) =>
  (message.payload.extensions?.health as { registration?: CasualtyRegistration } | undefined)?.registration;
const register = (zei: string | undefined, parts: MessageParts = {}, context = ctx) =>
  only(adapter.decode(utf8(adt("ADT-0001", { ...parts, zei })), context));
const codes = (result: DecodeResult) => result.issues.map((issue) => issue.code);
const withoutProvenance = ({ provenance: _, ...rest }: Envelope) => rest;

describe("an ADT^A04 naming an incident in ZEI-1", () => {
  const result = decoded(adapter.decode(utf8(adt("ADT-0001", { zei: `ZEI|${INCIDENT}|green` })), ctx));
  const message = only(result);

  test("becomes one provisional update of that incident, with one injured casualty", () => {
    expect(message).toEqual({
      id: "hl7-ZZ-RMYY-ADT-0001",
      schema: "eix/1",
      kind: "incident",
      sentAt: "2026-07-21T10:15:00+08:00",
      sender: SENDER,
      status: "actual",
      classification: "internal",
      references: [{ id: INCIDENT, relation: "updates" }],
      payload: {
        incidentId: INCIDENT,
        stage: "update",
        sequence: 2,
        title: "伤员登记（ZZ-RMYY）",
        eventType: "10000",
        severity: "unknown",
        occurredAt: "2026-07-21T10:15:00+08:00",
        location: { regionCode: "410100" },
        source: { channel: "report", detail: "HL7 v2 ADT^A04 ZZ-RMYY" },
        description: "ZZ-RMYY登记 1 名受伤伤员（病例 ZZ-RMYY/V-ADT-0001）。",
        casualties: { injured: 1 },
        extensions: {
          health: {
            registration: {
              reference: INCIDENT,
              caseReference: "ZZ-RMYY/V-ADT-0001",
              category: "injured",
              facility: "ZZ-RMYY",
              messageType: "ADT^A04",
              provisional: true,
            } satisfies CasualtyRegistration,
          },
        },
      },
    });
    expect(result.source).toMatchObject({ sourceFormat: "HL7 v2.5.1", charset: "utf-8" });
  });

  test("the only issue says which personal-data segments were withheld", () => {
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: "EIX_HL7_PERSONAL_DATA_WITHHELD",
        severity: "warning",
        message: expect.objectContaining({ en: expect.stringContaining("(PID, NK1)") }),
      }),
    ]);
  });

  test("no personal data anywhere: not in the message, not in the issues", () => {
    for (const text of [JSON.stringify(result.messages), JSON.stringify(result.issues)])
      for (const personal of PERSONAL) expect(text).not.toContain(personal);
    // The registration keeps the hospital's case reference, never an extension copy of the segments.
    expect(Object.keys(message.payload.extensions?.health ?? {})).toEqual(["registration"]);
  });

  test.each([
    ["ADT^A01^ADT_A01", "ADT^A01"],
    ["ADT^A04", "ADT^A04"],
    ["ADT^A08^ADT_A01", "ADT^A08"],
  ])("%s is a registration too (messageType %s)", (type, messageType) => {
    const registered = register(`ZEI|${INCIDENT}|red`, { type });
    expect(registrationOf(registered)).toMatchObject({ messageType, reference: INCIDENT, provisional: true });
    expect(registered.payload.source?.detail).toBe(`HL7 v2 ${messageType} ZZ-RMYY`);
  });

  test("ZEI-3 gives the event type when it is a GB/T 35561 code, else 10000 突发事件", () => {
    expect(register(`ZEI|${INCIDENT}|green|12H02`).payload.eventType).toBe("12H02"); // 撞车事件
    expect(register(`ZEI|${INCIDENT}|green|12H00`).payload.eventType).toBe("12H00"); // 道路交通事故 (亚类)
    for (const unknown of ["19Z99", "车祸", "12h02", '""'])
      expect(register(`ZEI|${INCIDENT}|green|${unknown}`).payload.eventType).toBe("10000");
  });

  test("ZEI-4 names the report updated when it is a printable-ASCII id, else the incident reference stands in", () => {
    expect(register(`ZEI|${INCIDENT}|green||msg-20260721-0001`).references).toEqual([
      { id: "msg-20260721-0001", relation: "updates" },
    ]);
    for (const notAnId of ["初报-1", "has space", '""'])
      expect(register(`ZEI|${INCIDENT}|green||${notAnId}`).references).toEqual([{ id: INCIDENT, relation: "updates" }]);
  });

  test("MSH-11 says actual (P), exercise (T) or test (D)", () => {
    expect(register(`ZEI|${INCIDENT}|green`, { processing: "P" }).status).toBe("actual");
    expect(register(`ZEI|${INCIDENT}|green`, { processing: "T" }).status).toBe("exercise");
    expect(register(`ZEI|${INCIDENT}|green`, { processing: "D" }).status).toBe("test");
  });

  test("the case reference falls back to MSH-10 without a PV1-19 visit number", () => {
    const segments = adt("ADT-0009", { zei: `ZEI|${INCIDENT}|red` }).map((segment) =>
      segment.startsWith("PV1|") ? "PV1|1|E|EMR^^^ZZ-RMYY" : segment,
    );
    expect(registrationOf(only(adapter.decode(utf8(segments), ctx)))?.caseReference).toBe("ZZ-RMYY/ADT-0009");
  });
});

describe("the casualty category (ZEI-2)", () => {
  const categoryWords: [CasualtyCategory, Incident["payload"]["casualties"], string, string[]][] = [
    [
      "injured",
      { injured: 1 },
      "受伤",
      ["injured", "Injured", "受伤", "轻伤", "伤", "green", "yellow", "绿", "黄", "绿色", "黄色"],
    ],
    [
      "seriouslyInjured",
      { injured: 1, seriouslyInjured: 1 },
      "重伤",
      ["seriously-injured", "critical", "CRITICAL", "重伤", "危重", "red", "Red", "红", "红色"],
    ],
    ["dead", { deaths: 1 }, "死亡", ["dead", "deaths", "死亡", "black", "黑", "黑色"]],
  ];

  test.each(categoryWords)("%s, counted as %o, from each of its words", (category, casualties, text, words) => {
    for (const word of words) {
      const result = adapter.decode(utf8(adt("ADT-0001", { zei: `ZEI|${INCIDENT}|${word}` })), ctx);
      const message = only(result);
      expect({ word, category: registrationOf(message)?.category }).toEqual({ word, category });
      expect(message.payload.casualties).toEqual(casualties);
      expect(message.payload.description).toContain(`1 名${text}伤员`);
      expect(codes(result)).not.toContain("EIX_ADAPTER_UNMAPPED");
    }
  });

  test("without ZEI-2 (absent or the explicit null) the casualty is injured, with no issue", () => {
    for (const zei of [`ZEI|${INCIDENT}`, `ZEI|${INCIDENT}|`, `ZEI|${INCIDENT}|""`]) {
      const result = adapter.decode(utf8(adt("ADT-0001", { zei })), ctx);
      expect(registrationOf(only(result))?.category).toBe("injured");
      expect(codes(result)).toEqual(["EIX_HL7_PERSONAL_DATA_WITHHELD"]);
    }
  });

  test("an unknown word is counted as injured, with an EIX_ADAPTER_UNMAPPED issue naming it", () => {
    const result = adapter.decode(utf8(adt("ADT-0001", { zei: `ZEI|${INCIDENT}|orange` })), ctx);
    expect(only(result).payload.casualties).toEqual({ injured: 1 });
    expect(registrationOf(only(result))?.category).toBe("injured");
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        code: "EIX_ADAPTER_UNMAPPED",
        message: expect.objectContaining({ en: expect.stringContaining("orange") }),
      }),
    );
  });

  test("PID-30 Y counts the patient dead whatever ZEI-2 says; N leaves the category alone", () => {
    for (const zei of [`ZEI|${INCIDENT}`, `ZEI|${INCIDENT}|green`, `ZEI|${INCIDENT}|红`, `ZEI|${INCIDENT}|orange`]) {
      const message = register(zei, { died: "Y" });
      expect(registrationOf(message)?.category).toBe("dead");
      expect(message.payload.casualties).toEqual({ deaths: 1 });
    }
    expect(registrationOf(register(`ZEI|${INCIDENT}|red`, { died: "N" }))?.category).toBe("seriouslyInjured");
  });

  test("words naming Object.prototype members are unknown words, not categories", () => {
    for (const word of ["constructor", "__proto__"]) {
      const result = adapter.decode(utf8(adt("ADT-0001", { zei: `ZEI|${INCIDENT}|${word}` })), ctx);
      const message = only(result);
      expect(registrationOf(message)?.category).toBe("injured");
      expect(message.payload.description).toContain("1 名受伤伤员");
      expect(codes(result)).toContain("EIX_ADAPTER_UNMAPPED");
    }
  });
});

describe("messages that are not registrations", () => {
  const dg1Cholera = "DG1|1||A00.0^霍乱^I10|||F";

  test("an ADT without ZEI keeps the old behaviour: a notifiable DG1 is an initial case report", () => {
    const result = adapter.decode(utf8(adt("ADT-0002", { zei: undefined, extra: [dg1Cholera] })), ctx);
    const message = only(result);
    expect(message.payload).toMatchObject({ stage: "initial", sequence: 1, eventType: "13A02", casualties: { sick: 1 } });
    expect(message.references).toBeUndefined();
    expect(registrationOf(message)).toBeUndefined();
  });

  test("an ADT without ZEI or diagnosis is not reportable; so is one whose ZEI-1 is empty or the explicit null", () => {
    for (const zei of [undefined, "ZEI||red", 'ZEI|""|red', "ZEI|   |red"]) {
      const result = adapter.decode(utf8(adt("ADT-0003", { zei })), ctx);
      expect(incidents(result)).toEqual([]);
      expect(codes(result)).toEqual(["EIX_HL7_NOT_REPORTABLE"]);
    }
  });

  test("other ADT events with a ZEI (A02 transfer, A03 discharge) are not registrations", () => {
    for (const type of ["ADT^A02^ADT_A02", "ADT^A03^ADT_A03"]) {
      const result = adapter.decode(utf8(adt("ADT-0004", { type, zei: `ZEI|${INCIDENT}|red` })), ctx);
      expect(incidents(result)).toEqual([]);
      expect(codes(result)).toEqual(["EIX_HL7_NOT_REPORTABLE"]);
    }
  });

  test("an ORU with a ZEI is no registration: a notifiable result is a case, anything else not reportable", () => {
    const oru = (obx: string) =>
      utf8([
        "MSH|^~\\&|LIS|ZZ-RMYY|EIX|HUB|20260721101500+0800||ORU^R01^ORU_R01|LAB-0001|P|2.5.1|||AL|NE||UNICODE UTF-8",
        "PID|1||MRN0012345^^^ZZ-RMYY^MR||测试^患者甲",
        "OBR|1||LAB-3321|600-7^Culture^LN",
        obx,
        `ZEI|${INCIDENT}|red`,
      ]);
    const cholera = only(adapter.decode(oru("OBX|1|CWE|600-7^Bacteria identified^LN||A00.0^霍乱^I10||||||F"), ctx));
    expect(cholera.payload).toMatchObject({ stage: "initial", eventType: "13A02" });
    expect(registrationOf(cholera)).toBeUndefined();
    const plain = adapter.decode(oru("OBX|1|NM|718-7^Hemoglobin^LN||135|g/L|||||F"), ctx);
    expect(incidents(plain)).toEqual([]);
    expect(codes(plain)).toEqual(["EIX_HL7_NOT_REPORTABLE"]);
  });

  test("a registration with a notifiable DG1 as well is both: the registration and the case report", () => {
    const result = adapter.decode(utf8(adt("ADT-0005", { zei: `ZEI|${INCIDENT}|red`, extra: [dg1Cholera] })), ctx);
    const [registration, caseReport] = incidents(result);
    expect(registration?.payload).toMatchObject({
      stage: "update",
      eventType: "10000",
      casualties: { injured: 1, seriouslyInjured: 1 },
    });
    expect(caseReport?.payload).toMatchObject({ stage: "initial", eventType: "13A02", casualties: { sick: 1 } });
    expect(caseReport?.id).toBe(`${registration?.id}-case`);
    for (const message of incidents(result)) expect(validate(message)).toMatchObject({ valid: true });
  });
});

describe("options: incidentReferenceField and casualtyCategoryField", () => {
  test.each([
    ["incidentReferenceField", "pv2-3"],
    ["incidentReferenceField", "bogus"],
    ["incidentReferenceField", "PID-5"],
    ["casualtyCategoryField", "NK1-2"],
    ["casualtyCategoryField", 7],
  ])("%s %j is refused with EIX_ADAPTER_BAD_VALUE, not ignored", (name, value) => {
    const result = adapter.decode(utf8(adt("ADT-0100", { zei: `ZEI|${INCIDENT}|red` })), withOptions({ [name]: value }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("EIX_ADAPTER_BAD_VALUE");
      expect(result.error.messages.en).toContain(`options.${name}`);
    }
  });

  const pv2 = (value: string) => `PV2|||${value}`;

  test('incidentReferenceField "PV2-3" reads the reference from PV2-3 (first component), with no ZEI', () => {
    const result = adapter.decode(
      utf8(adt("ADT-0006", { zei: undefined, extra: [pv2(`${INCIDENT}^郑州车祸`)] })),
      withOptions({ incidentReferenceField: "PV2-3" }),
    );
    const message = only(result);
    expect(message.payload).toMatchObject({ incidentId: INCIDENT, stage: "update", sequence: 2, casualties: { injured: 1 } });
    expect(message.references).toEqual([{ id: INCIDENT, relation: "updates" }]);
    expect(registrationOf(message)).toMatchObject({
      reference: INCIDENT,
      category: "injured",
      caseReference: "ZZ-RMYY/V-ADT-0006",
    });
    expect(codes(result)).toEqual(["EIX_HL7_PERSONAL_DATA_WITHHELD"]);
  });

  test('with "PV2-3" configured, ZEI-1 alone no longer names an incident; a component can be named too', () => {
    const zeiOnly = adapter.decode(utf8(adt("ADT-0007")), withOptions({ incidentReferenceField: "PV2-3" }));
    expect(incidents(zeiOnly)).toEqual([]);
    expect(codes(zeiOnly)).toEqual(["EIX_HL7_NOT_REPORTABLE"]);
    const second = register(
      undefined,
      { extra: [pv2(`郑州车祸^${INCIDENT}`)] },
      withOptions({ incidentReferenceField: "PV2-3.2" }),
    );
    expect(second.payload.incidentId).toBe(INCIDENT);
  });

  test("casualtyCategoryField moves the category; ZEI-3 and ZEI-4 are still read from ZEI", () => {
    const message = register(
      `ZEI|${INCIDENT}|green|12H02|msg-0001`,
      { extra: ["PV2||||||||||||红"] },
      withOptions({ casualtyCategoryField: "PV2-12" }),
    );
    expect(registrationOf(message)?.category).toBe("seriouslyInjured");
    expect(message.payload.eventType).toBe("12H02");
    expect(message.references).toEqual([{ id: "msg-0001", relation: "updates" }]);
  });
});

describe("a burst of registrations in one payload", () => {
  const categories = ["green", "red", "black", "黄", "重伤"];
  const burst = categories
    .map((category, i) => adt(`ADT-10${i}`, { visit: `V0721-${i}`, zei: `ZEI|${INCIDENT}|${category}|12H02` }).join("\r"))
    .join("\r\n\r\n");
  const result = decoded(adapter.decode(new TextEncoder().encode(`${burst}\r\n`), ctx));
  const messages = result.messages as Incident[];

  test("five ADTs separated by blank lines give five valid envelopes with distinct ids and one incidentId", () => {
    expect(messages).toHaveLength(5);
    expect(new Set(messages.map((message) => message.id)).size).toBe(5);
    expect(new Set(messages.map((message) => message.payload.incidentId))).toEqual(new Set([INCIDENT]));
    expect(messages.map((message) => registrationOf(message)?.caseReference)).toEqual(
      categories.map((_, i) => `ZZ-RMYY/V0721-${i}`),
    );
    for (const message of messages) expect(validate(message).valid).toBe(true);
  });

  test("each carries its own casualty: together 3 injured (1 seriously) and 1 dead", () => {
    expect(messages.map((message) => registrationOf(message)?.category)).toEqual([
      "injured",
      "seriouslyInjured",
      "dead",
      "injured",
      "seriouslyInjured",
    ]);
    const total = { injured: 0, seriouslyInjured: 0, deaths: 0 };
    for (const { payload } of messages)
      for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += payload.casualties?.[key] ?? 0;
    expect(total).toEqual({ injured: 4, seriouslyInjured: 2, deaths: 1 });
    expect(codes(result)).toEqual(Array(5).fill("EIX_HL7_PERSONAL_DATA_WITHHELD"));
  });
});

describe("charsets and non-ASCII references", () => {
  test('a GB 18030 registration with a Chinese facility and category "重伤"', () => {
    const text = adt("ADT-0008", { charset: "GB 18030-2000", facility: "郑州人民医院", zei: `ZEI|${INCIDENT}|重伤` }).join("\r");
    const bytes = new Uint8Array(iconv.encode(text, "gb18030"));
    expect(Buffer.from(bytes).includes(Buffer.from("重伤", "utf8"))).toBe(false); // really not UTF-8
    const result = decoded(adapter.decode(bytes, ctx));
    const message = only(result);
    expect(result.source.charset).toBe("gb18030");
    expect(message.id).toBe("hl7-%E9%83%91%E5%B7%9E%E4%BA%BA%E6%B0%91%E5%8C%BB%E9%99%A2-ADT-0008");
    expect(message.payload.casualties).toEqual({ injured: 1, seriouslyInjured: 1 });
    expect(message.payload.title).toBe("伤员登记（郑州人民医院）");
    expect(registrationOf(message)).toMatchObject({
      category: "seriouslyInjured",
      facility: "郑州人民医院",
      caseReference: "郑州人民医院/V-ADT-0008",
    });
    for (const personal of PERSONAL) expect(JSON.stringify(result)).not.toContain(personal);
  });

  test("a non-ASCII reference is the incidentId as written and a percent-encoded references id", () => {
    const message = register("ZEI|郑州-0721-车祸|red");
    expect(message.payload.incidentId).toBe("郑州-0721-车祸");
    expect(registrationOf(message)?.reference).toBe("郑州-0721-车祸");
    expect(message.references).toEqual([{ id: "%E9%83%91%E5%B7%9E-0721-%E8%BD%A6%E7%A5%B8", relation: "updates" }]);
    expect(validate(message)).toMatchObject({ valid: true });
  });

  test("a 300-character reference is cut to 200 for incidentId; the references id stays a valid message id", () => {
    const message = register(`ZEI|${"郑".repeat(300)}|red`);
    expect(message.payload.incidentId).toBe("郑".repeat(200));
    expect(message.references?.[0]?.id).toMatch(/^[\x21-\x7E]{1,200}$/);
    expect(validate(message)).toMatchObject({ valid: true });
  });

  test("a reference cut at 200 never ends in half a character", () => {
    const message = register(`ZEI|${"x".repeat(199)}😀|red`);
    expect(() => encodeURIComponent(message.payload.incidentId)).not.toThrow();
  });
});

describe("encode → decode", () => {
  const registry = createRegistry();
  const cases: [string, Uint8Array, DecodeContext][] = [
    ["UTF-8, ASCII reference", utf8(adt("ADT-0001", { zei: `ZEI|${INCIDENT}|red|12H02|msg-0001` })), ctx],
    ["Chinese reference, PID-30 Y", utf8(adt("ADT-0002", { died: "Y", zei: "ZEI|郑州-0721-车祸|green" })), ctx],
    [
      "GB 18030, exercise",
      new Uint8Array(
        iconv.encode(
          adt("ADT-0003", {
            charset: "GB 18030-2000",
            processing: "T",
            facility: "郑州人民医院",
            zei: `ZEI|${INCIDENT}|重伤`,
          }).join("\r"),
          "gb18030",
        ),
      ),
      ctx,
    ],
    [
      "reference from PV2-3",
      utf8(adt("ADT-0004", { zei: undefined, extra: [`PV2|||${INCIDENT}`] })),
      withOptions({ incidentReferenceField: "PV2-3" }),
    ],
  ];

  test.each(cases)("%s: the same envelope comes back (without provenance)", (_, bytes, context) => {
    expect(registry.pick({ bytes }).id).toBe("health.hl7v2");
    const first = only(adapter.decode(bytes, { ...context, hubId: "hub-zz" }));
    const encoded = adapter.encode(first);
    expect(registry.pick({ bytes: encoded }).id).toBe("health.hl7v2");
    const again = only(adapter.decode(encoded, { ...context, hubId: "hub-zz" }));
    expect(withoutProvenance(again)).toEqual(withoutProvenance(first));
    expect(again.provenance).toHaveLength(2);
  });

  test("the encoded form is an EIX summary ORU^R01 in UTF-8 that carries no personal data", () => {
    const first = only(adapter.decode(utf8(adt("ADT-0001", { processing: "T", zei: "ZEI|郑州-0721-车祸|black" })), ctx));
    const text = new TextDecoder("utf-8", { fatal: true }).decode(adapter.encode(first));
    const [mshLine] = text.split("\r");
    expect(mshLine?.split("|").slice(8, 12)).toEqual(["ORU^R01^ORU_R01", "hl7-ZZ-RMYY-ADT-0001", "T", "2.5.1"]);
    expect(mshLine?.endsWith("|UNICODE UTF-8")).toBe(true);
    expect(text).toContain("OBR|1||郑州-0721-车祸|EIX-INCIDENT^");
    expect(text).toContain("|CASUALTIES-DEATHS^");
    for (const personal of PERSONAL) expect(text).not.toContain(personal);
  });
});

describe("options per sending facility (facilityOptions)", () => {
  // One listener serves two hospitals: 郑大一附院 writes the incident in PV2-3 and uses its own
  // diagnosis codes; every other facility keeps the source-wide ZEI-1.
  const options = {
    diagnosisCodes: { "SHARED-01": "A00.9" },
    facilityOptions: {
      ZDYFY: { incidentReferenceField: "PV2-3", diagnosisCodes: { "ZD-0301": "A01.0" } },
    },
  };
  const pv2 = `PV2|||${INCIDENT}`;

  test("a facility's own reference field applies to it only", () => {
    const zdyfy = register(undefined, { facility: "ZDYFY", extra: [pv2] }, withOptions(options));
    expect(registrationOf(zdyfy)).toMatchObject({ reference: INCIDENT, facility: "ZDYFY" });
    const other = adapter.decode(
      utf8(adt("ADT-0002", { facility: "ZZ-RMYY", zei: undefined, extra: [pv2] })),
      withOptions(options),
    );
    expect(incidents(other)).toEqual([]);
    expect(codes(other)).toContain("EIX_HL7_NOT_REPORTABLE");
  });

  test("a facility's diagnosis codes add to the shared ones", () => {
    const dg1 = (code: string) => `DG1|1||${code}^本院诊断^L|||F`;
    const typhoid = only(
      adapter.decode(utf8(adt("ADT-0003", { facility: "ZDYFY", zei: undefined, extra: [dg1("ZD-0301")] })), withOptions(options)),
    );
    expect(typhoid.payload.eventType).toBe(notifiableDisease("A01.0")?.eventType);
    const shared = only(
      adapter.decode(
        utf8(adt("ADT-0004", { facility: "ZDYFY", zei: undefined, extra: [dg1("SHARED-01")] })),
        withOptions(options),
      ),
    );
    expect(shared.payload.eventType).toBe("13A02");
    const elsewhere = adapter.decode(
      utf8(adt("ADT-0005", { facility: "ZZ-RMYY", zei: undefined, extra: [dg1("ZD-0301")] })),
      withOptions(options),
    );
    expect(incidents(elsewhere)).toEqual([]);
  });

  test("a bad field location in one facility's options refuses the payload, naming where it is", () => {
    const bad = { facilityOptions: { ZDYFY: { incidentReferenceField: "PID-11" } } };
    const result = adapter.decode(utf8(adt("ADT-0006")), withOptions(bad));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.messages.en).toContain("options.facilityOptions.ZDYFY.incidentReferenceField");
  });
});
