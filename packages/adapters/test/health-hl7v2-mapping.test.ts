import { readdirSync, readFileSync } from "node:fs";
import {
  AdapterError,
  healthHl7v2Adapter as adapter,
  adapterErrors,
  createRegistry,
  type DecodeContext,
  type DecodeResult,
  type HealthHl7Extension,
  type Hl7Message,
  hl7Header,
  hl7Segments,
  hl7Value,
  notifiableDisease,
  parseHl7,
} from "@eix/adapters";
import { type Envelope, type Unit, validate } from "@eix/schema";
import { describe, expect, test } from "vitest";

// health.hl7v2: HL7 v2 notifiable-disease cases → canonical incident reports (personal data
// withheld), incidents → HL7 v2 (the hospital's own message back, or an EIX summary ORU^R01).
type Incident = Extract<Envelope, { kind: "incident" }>;

const corpusDir = new URL("../../../test/corpus/", import.meta.url);
const corpus = (file: string) => new Uint8Array(readFileSync(new URL(file, corpusDir)));
const example = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../schema/examples/valid/${file}`, import.meta.url), "utf8")) as Envelope;
const CHOLERA = "health/hl7-oru-r01-cholera-confirmed.hl7";
const PLAGUE = "health/hl7-adt-a04-plague-suspected-gb18030.hl7";
const ANTHRAX = "health/hl7-adt-a01-pulmonary-anthrax-died-crlf.hl7";

const unit = (regionCode: string, level: Unit["level"] = "municipal"): Unit => ({
  unitId: `${regionCode}-JKZX`,
  name: "疾病预防控制中心",
  department: "health",
  level,
  regionCode,
});
const NANNING = unit("450100");
const atNanning: DecodeContext = { sender: NANNING };
const ctxFor: Record<string, DecodeContext> = {
  [CHOLERA]: { sender: NANNING },
  [PLAGUE]: { sender: unit("152502", "county") },
  [ANTHRAX]: { sender: unit("130821", "county") },
};

function decoded(result: DecodeResult) {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result;
}
const incidents = (result: DecodeResult) => decoded(result).messages as Incident[];
const only = (result: DecodeResult) => {
  const messages = incidents(result);
  expect(messages).toHaveLength(1);
  return messages[0] as Incident;
};
const healthOf = (message: Incident) => message.payload.extensions?.health as unknown as HealthHl7Extension;
const segmentIds = (message: Incident) => {
  const ids = healthOf(message).hl7.segments.map((segment) => segment.slice(0, 3));
  return ids.join();
};
const hl7 = (...segments: string[]) => new TextEncoder().encode(segments.join("\r"));
const firstMessage = (bytes: Uint8Array): Hl7Message => {
  const parsed = parseHl7(bytes);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.messages[0] as Hl7Message;
};
const withoutProvenance = ({ provenance: _, ...rest }: Envelope) => rest;
/** An issue with this code (and, when given, this text in its English message). */
const issue = (code: string, en?: string) =>
  expect.objectContaining({ code, ...(en ? { message: expect.objectContaining({ en: expect.stringContaining(en) }) } : {}) });

/** A UTF-8 message header of the synthetic hospital NNYY (南宁, no MSH-18). */
const msh = (control: string, type = "ORU^R01^ORU_R01", facility = "NNYY", time = "20260721084000") =>
  `MSH|^~\\&|LIS|${facility}|EIX|HUB|${time}||${type}|${control}|P|2.5.1`;
const pid = (region?: string) =>
  `PID|1||ZY0099887^^^NNYY^MR||黄^某某|||M|||某路 12 号^^南宁市^广西^530000${region ? `^CHN^H^^${region}` : ""}`;
const obxDx = (code: string, system = "I10") =>
  `OBX|1|CWE|600-7^Bacteria identified^LN||${code}^诊断^${system}||||||F|||20260721083000`;

describe("cholera ORU^R01 (UTF-8): a confirmed class A case", () => {
  const result = decoded(adapter.decode(corpus(CHOLERA), ctxFor[CHOLERA]));
  const message = only(result);

  test("becomes one valid initial incident 13A02 placed by PID-11.9 and dated by onset and OBX-14", () => {
    expect(message).toMatchObject({ id: "hl7-NNCDC-LAB-20260721-0042", kind: "incident", sender: NANNING, status: "actual" });
    const { payload } = message;
    expect(payload).toMatchObject({ incidentId: "hl7-NNCDC/LAB-3321", eventType: "13A02", stage: "initial", sequence: 1 });
    expect(payload).toMatchObject({ severity: "unknown", casualties: { sick: 1 }, location: { regionCode: "450103" } });
    expect([message.sentAt, payload.occurredAt, payload.discoveredAt]).toEqual([
      "2026-07-21T08:40:00+08:00", // MSH-7
      "2026-07-18T21:00:00+08:00", // onset, OBX 11368-8
      "2026-07-21T08:30:00+08:00", // OBX-14 of the diagnosis
    ]);
    expect([payload.title, payload.nature]).toEqual(["霍乱确诊病例报告（NNCDC）", "甲类传染病"]);
    expect(validate(message)).toMatchObject({ valid: true });
    expect(result.source).toMatchObject({ sourceFormat: "HL7 v2.5.1", charset: "utf-8" });
  });

  test("extensions.health names the disease from the table and keeps the hospital's reference", () => {
    expect(healthOf(message).disease).toEqual({
      icd10: "A00.0",
      text: "霍乱，由于O1群霍乱弧菌，霍乱生物型所致",
      class: "A",
      managedAsClassA: false,
      reportWithinHours: 2,
      caseClassification: "confirmed",
    });
    expect(healthOf(message)).toMatchObject({
      caseReference: "NNCDC/LAB-3321",
      hl7: { version: "2.5.1", messageType: "ORU^R01^ORU_R01", controlId: "LAB-20260721-0042", patientRegion: "450103" },
    });
    expect(segmentIds(message)).toBe("MSH,ORC,OBR,OBX,OBX,OBX");
  });

  test("issues say PID was withheld and which times were read as Beijing time", () => {
    expect(result.issues).toContainEqual(issue("EIX_HL7_PERSONAL_DATA_WITHHELD", "(PID)"));
    expect(result.issues).toContainEqual(
      expect.objectContaining({ code: "EIX_TIME_LOCAL_ASSUMED", position: { line: 1, at: "MSH", field: "MSH-7" } }),
    );
    expect(result.issues).toContainEqual(
      expect.objectContaining({ code: "EIX_TIME_LOCAL_ASSUMED", position: { line: 5, at: "OBX", field: "OBX-14" } }),
    );
    expect(result.issues.filter((issue) => issue.severity === "error")).toEqual([]);
  });

  test("the onset time warning points at the onset OBX (line 7)", () => {
    const onset = result.issues.find((issue) => issue.message.en.includes("20260718210000"));
    expect(onset?.position).toEqual({ line: 7, at: "OBX", field: "OBX-5" });
  });

  test("no personal data anywhere: not in the message, not in the issues", () => {
    for (const text of [JSON.stringify(message), JSON.stringify(result.issues)])
      for (const personal of ["黄", "ZY0099887", "0771-0000000", "某路", "19800512"]) expect(text).not.toContain(personal);
    expect(healthOf(message).hl7.segments.filter((segment) => segment.startsWith("PID"))).toEqual([]);
  });
});

describe("plague ADT^A04 (GB 18030): a suspected case", () => {
  const result = decoded(adapter.decode(corpus(PLAGUE), ctxFor[PLAGUE]));
  const message = only(result);

  test("13A01, suspected from DG1-6 W, decoded as GB18030 with the Z-segment kept", () => {
    expect(result.source).toMatchObject({ charset: "gb18030", sourceFormat: "HL7 v2.5" });
    expect(message.payload).toMatchObject({ eventType: "13A01", incidentId: "hl7-XLGL-RMYY/V-20260903-0088" });
    expect(message.payload).toMatchObject({ location: { regionCode: "152502" }, occurredAt: "2026-09-03T22:00:00+08:00" });
    expect(message.payload.title).toBe("鼠疫疑似病例报告（XLGL-RMYY）");
    expect(healthOf(message).disease).toMatchObject({ icd10: "A20.9", class: "A", caseClassification: "suspected" });
    expect(healthOf(message).hl7.segments).toContain("ZXT|1|流行病学史：发病前 5 天有旱獭接触史");
    expect(validate(message).valid).toBe(true);
  });

  test("PID and NK1 are withheld: no patient or next-of-kin name travels", () => {
    expect(result.issues).toContainEqual(issue("EIX_HL7_PERSONAL_DATA_WITHHELD", "(PID, NK1)"));
    expect(segmentIds(message)).toBe("MSH,EVN,PV1,DG1,ZXT");
    for (const personal of ["巴特尔", "其其格", "MZ-00451", "牧业社区", "配偶"])
      expect(JSON.stringify(result)).not.toContain(personal);
  });
});

describe("pulmonary anthrax ADT^A01 (CRLF): class B managed as class A", () => {
  test("the table: A22.1 is managed as class A (2 h), other anthrax A22 is not (24 h)", () => {
    expect(notifiableDisease("A22.1")).toMatchObject({ class: "B", managedAsClassA: true, reportWithinHours: 2 });
    expect(notifiableDisease("A22.0")).toMatchObject({ class: "B", managedAsClassA: false, reportWithinHours: 24 });
  });

  test("CRLF segment ends are read; the incident is 13A03 with a 2 h deadline", () => {
    expect(new TextDecoder().decode(corpus(ANTHRAX))).toContain("\r\nDG1|");
    const message = only(adapter.decode(corpus(ANTHRAX), ctxFor[ANTHRAX]));
    expect(message.payload).toMatchObject({ eventType: "13A03", location: { regionCode: "130821" } });
    expect(message.payload.nature).toBe("乙类传染病（按甲类管理）");
    const { disease } = healthOf(message);
    expect(disease).toMatchObject({ icd10: "A22.1", managedAsClassA: true, reportWithinHours: 2 });
    expect(disease.caseClassification).toBe("confirmed"); // DG1-6 F
    expect(healthOf(message).hl7.segments.every((segment) => !/[\r\n]/.test(segment))).toBe(true);
  });

  test("the corpus file's death indicator gives deaths 1", () => {
    expect(only(adapter.decode(corpus(ANTHRAX), ctxFor[ANTHRAX])).payload.casualties).toEqual({ sick: 1, deaths: 1 });
  });

  test("PID-30 Y counts a death, N does not; PID-31 is not read", () => {
    const dg1 = "DG1|1|I10|A22.1^肺炭疽^I10||20260721080000|F";
    const withPid30 = (value: string, skip = 19) =>
      adapter.decode(
        hl7(msh("A-1", "ADT^A01^ADT_A01"), `PID|1||X^^^NNYY^MR||王^某${"|".repeat(skip + 6)}${value}`, dg1),
        atNanning,
      );
    const died = only(withPid30("Y"));
    expect(died.payload.casualties).toEqual({ sick: 1, deaths: 1 });
    expect(healthOf(died).hl7.patientDied).toBe(true);
    const alive = only(withPid30("N"));
    expect(alive.payload.casualties).toEqual({ sick: 1 });
    expect(healthOf(alive).hl7.patientDied).toBe(false);
    expect(only(withPid30("Y", 20)).payload.casualties).toEqual({ sick: 1 });
  });
});

describe("region: PID-11.9, else the sender's", () => {
  const decodeWith = (pidSegment: string | undefined) =>
    adapter.decode(hl7(...[msh("R-1"), pidSegment, obxDx("A00.0")].filter((s): s is string => s !== undefined)), atNanning);

  test("no PID-11.9 (or no PID) → the sender's region, with EIX_HL7_REGION_FROM_SENDER", () => {
    for (const segment of [pid(), undefined]) {
      const result = decoded(decodeWith(segment));
      expect(only(result).payload.location).toEqual({ regionCode: "450100" });
      expect(result.issues).toContainEqual(issue("EIX_HL7_REGION_FROM_SENDER", "region 450100"));
      expect(healthOf(only(result)).hl7.patientRegion).toBeUndefined();
    }
  });

  test("an unknown region code 999999 → EIX_ADAPTER_UNMAPPED, then the sender's region", () => {
    const result = decoded(decodeWith(pid("999999")));
    expect(only(result).payload.location.regionCode).toBe("450100");
    expect(result.issues).toContainEqual(issue("EIX_ADAPTER_UNMAPPED", '"999999"'));
    expect(result.issues).toContainEqual(issue("EIX_HL7_REGION_FROM_SENDER", "region 450100"));
  });
});

describe("not reportable: acknowledged, no message", () => {
  const notReportable = (result: DecodeResult, type: string, control: string) => {
    expect(incidents(result)).toEqual([]);
    expect(result.issues).toContainEqual(issue("EIX_HL7_NOT_REPORTABLE", `HL7 message ${type} (control id ${control})`));
    expect(result.issues.find((i) => i.code === "EIX_HL7_NOT_REPORTABLE")?.severity).toBe("warning");
  };

  test("pneumonia J18.9 is not in the table, so its ORU is not reportable", () => {
    expect(notifiableDisease("J18.9")).toBeUndefined();
    notReportable(adapter.decode(hl7(msh("N-1"), pid("450103"), obxDx("J18.9")), atNanning), "ORU^R01", "N-1");
  });

  test("an SIU^S12 schedule, and every rethink corpus file, yield no message (or a parse error)", () => {
    notReportable(adapter.decode(corpus("hl7v2/rethink-siu-s12-schedule.hl7")), "SIU^S12", "SCH00001");
    const refused: string[] = [];
    for (const name of readdirSync(new URL("hl7v2/", corpusDir)).filter((n) => n.startsWith("rethink-"))) {
      const result = adapter.decode(corpus(`hl7v2/${name}`), atNanning);
      if (result.ok) expect(result.messages, name).toEqual([]);
      else refused.push(`${name}: ${result.error.code}`);
    }
    expect(refused.sort()).toEqual([
      "rethink-invalid-missing-msh.hl7: EIX_HL7_NO_MSH",
      "rethink-invalid-segment-header-length.hl7: EIX_HL7_SEGMENT_ID",
      "rethink-invalid-wrong-version.hl7: EIX_HL7_VERSION_UNSUPPORTED",
    ]);
  });

  test("a LOINC-coded value that looks like ICD-10 is not a diagnosis; the same code as I10 is", () => {
    notReportable(adapter.decode(hl7(msh("L-1"), obxDx("A00.0", "LN")), atNanning), "ORU^R01", "L-1");
    expect(healthOf(only(adapter.decode(hl7(msh("L-2"), obxDx("A00.0", "I10")), atNanning))).disease.icd10).toBe("A00.0");
  });

  test("a cholera DG1 in an order (ORM^O01) is not a case message", () => {
    const order = hl7(msh("O-1", "ORM^O01^ORM_O01"), "DG1|1|I10|A00.0^霍乱^I10||20260721083000|F");
    notReportable(adapter.decode(order, atNanning), "ORM^O01", "O-1");
  });
});

describe("options: local diagnosis codes and senders by facility", () => {
  const local = hl7(msh("H-1", "ADT^A01^ADT_A01"), `PV1|1|I${"|".repeat(17)}V-1`, "DG1|1|L|HIS-0301^霍乱^L||20260721083000|F");
  const options = { diagnosisCodes: { "HIS-0301": "A00.9" }, facilities: { NNYY: NANNING } };

  test("HIS-0301 → A00.9 (cholera), the sender found by MSH-4", () => {
    const message = only(adapter.decode(local, { options }));
    expect(message.sender).toEqual(NANNING);
    expect(message.payload).toMatchObject({ eventType: "13A02", incidentId: "hl7-NNYY/V-1" });
    expect(healthOf(message).disease).toMatchObject({ icd10: "A00.9", text: "霍乱", caseClassification: "confirmed" });
  });

  test("without the code table the local code is not a diagnosis", () => {
    expect(incidents(adapter.decode(local, atNanning))).toEqual([]);
  });

  test("no ctx.sender and no facility entry → EIX_ADAPTER_MISSING_FIELD at MSH-4", () => {
    for (const ctx of [
      { options: { diagnosisCodes: options.diagnosisCodes } },
      { options: { ...options, facilities: { OTHER: NANNING } } },
    ]) {
      const error = { code: "EIX_ADAPTER_MISSING_FIELD", position: { line: 1, at: "MSH", field: "MSH-4" } };
      expect(adapter.decode(local, ctx)).toMatchObject({ ok: false, error });
    }
  });
});

describe("several messages in one input", () => {
  test("two cases and one non-reportable message → two incidents with ids from facility + MSH-10", () => {
    const input = hl7(
      msh("C-1"),
      "OBR|1||LAB-1|625-4^Stool culture^LN",
      obxDx("A00.1"),
      msh("C-2", "ADT^A08^ADT_A01"),
      "PV1|1|O",
      msh("C-3", "ADT^A01^ADT_A01"),
      `PV1|1|I${"|".repeat(17)}V-2`,
      "DG1|1|I10|A20.9^鼠疫^I10||20260721080000|A",
    );
    const result = decoded(adapter.decode(input, atNanning));
    const [cholera, plague] = incidents(result);
    expect(result.messages.map((m) => m.id)).toEqual(["hl7-NNYY-C-1", "hl7-NNYY-C-3"]);
    expect([cholera?.payload.incidentId, plague?.payload.incidentId]).toEqual(["hl7-NNYY/LAB-1", "hl7-NNYY/V-2"]);
    expect([cholera?.payload.eventType, plague?.payload.eventType]).toEqual(["13A02", "13A01"]);
    expect(result.issues.filter((i) => i.code === "EIX_HL7_NOT_REPORTABLE")).toHaveLength(1);
    expect(result.issues).toContainEqual(issue("EIX_HL7_NOT_REPORTABLE", "ADT^A08 (control id C-2)"));
  });

  // Chinese facility names must not collapse to the same id (a receiver deduplicates on sender + id).
  test("facilities 南宁一院 and 南宁二院 give different message ids", () => {
    const one = only(adapter.decode(hl7(msh("1", undefined, "南宁一院"), obxDx("A00.0")), atNanning));
    const two = only(adapter.decode(hl7(msh("1", undefined, "南宁二院"), obxDx("A00.0")), atNanning));
    expect(one.id).not.toBe(two.id);
  });
});

describe("times", () => {
  test("no MSH-7 → sentAt is ctx.now(), and with no other date occurredAt too", () => {
    const now = () => new Date("2026-01-02T03:04:05Z");
    const input = hl7(msh("T-1", undefined, "NNYY", ""), "OBX|1|CWE|600-7^Bacteria identified^LN||A00.0^霍乱^I10||||||F");
    const message = only(adapter.decode(input, { sender: NANNING, now }));
    expect(message.sentAt).toBe("2026-01-02T03:04:05.000Z");
    expect(message.payload.occurredAt).toBe("2026-01-02T03:04:05.000Z");
    expect(message.payload.discoveredAt).toBeUndefined();
  });
});

describe("encode", () => {
  const ctx = (file: string): DecodeContext => ({ ...ctxFor[file], hubId: "hub-test" });

  test.each([CHOLERA, PLAGUE, ANTHRAX])("%s: decode → encode → decode gives the same envelope but its provenance", (file) => {
    const first = only(adapter.decode(corpus(file), ctx(file)));
    const again = only(adapter.decode(adapter.encode(first), ctx(file)));
    expect(withoutProvenance(again)).toEqual(withoutProvenance(first));
    expect(again.provenance?.[0]?.rawSha256).not.toBe(first.provenance?.[0]?.rawSha256);
  });

  test("the GB18030 case encodes to GB18030 bytes with an anonymous PID that keeps only PID-11.9", () => {
    const bytes = adapter.encode(only(adapter.decode(corpus(PLAGUE), ctxFor[PLAGUE])));
    const text = new TextDecoder("gb18030").decode(bytes);
    expect(text).toContain("鼠疫");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    for (const personal of ["巴特尔", "其其格", "MZ-00451", "牧业社区"]) expect(text).not.toContain(personal);
    const message = firstMessage(bytes);
    expect(message.segments.map((s) => s.id)).toEqual(["MSH", "EVN", "PID", "PV1", "DG1", "ZXT"]);
    const anonymous = hl7Segments(message, "PID")[0];
    expect(anonymous && hl7Value(anonymous, 11, { component: 9 })).toBe("152502");
    expect(anonymous?.fields.slice(2, 11).flat(3).join("")).toBe(""); // PID-2 … PID-10: no id, name, birth date
    expect(anonymous?.fields[11]?.flat(2).join("")).toBe("152502"); // PID-11: no street, city or postcode
  });

  test("an incident not from HL7 → an EIX summary ORU^R01 v2.5.1 that decodes back exactly", () => {
    const fire = example("incident-110-fire-initial.json");
    const bytes = adapter.encode(fire);
    const message = firstMessage(bytes);
    expect(hl7Header(message)).toMatchObject({
      messageType: { code: "ORU", trigger: "R01", structure: "ORU_R01" },
      version: "2.5.1",
      controlId: fire.id,
      sendingFacility: "330110-YJJ-ZBS",
      characterSets: ["UNICODE UTF-8"],
    });
    const obr = hl7Segments(message, "OBR")[0];
    expect(obr && [hl7Value(obr, 4), hl7Value(obr, 3)]).toEqual(["EIX-INCIDENT", "330110-20260314-0001"]);
    const observed = Object.fromEntries(hl7Segments(message, "OBX").map((obx) => [hl7Value(obx, 3), hl7Value(obx, 5)]));
    expect(observed).toMatchObject({
      "EVENT-TYPE": "12G00",
      TITLE: "余杭区仁和街道一服装加工厂发生火灾",
      REGION: "330110",
      "CASUALTIES-DEATHS": "1",
      "CASUALTIES-EVACUATED": "46",
    });
    const result = decoded(adapter.decode(bytes));
    expect(result.messages).toEqual([fire]);
  });

  test("a check-in cannot be expressed: EIX_ADAPTER_UNSUPPORTED_KIND", () => {
    const checkin = example("checkin-nothing-to-report.json");
    expect(() => adapter.encode(checkin)).toThrow(
      expect.objectContaining({ name: "AdapterError", code: "EIX_ADAPTER_UNSUPPORTED_KIND" }),
    );
  });
});

describe("sniffing", () => {
  const registry = createRegistry();
  const pickId = (bytes: Uint8Array) => {
    try {
      return registry.pick({ bytes }).id;
    } catch (error) {
      return AdapterError.is(error) ? error.code : "threw";
    }
  };

  test("MSH, a batch starting with FHS, and an MLLP frame pick health.hl7v2", () => {
    expect(pickId(corpus(CHOLERA))).toBe("health.hl7v2");
    expect(pickId(corpus(PLAGUE))).toBe("health.hl7v2");
    expect(new TextDecoder().decode(corpus("hl7v2/eix-synthetic-batch.hl7").slice(0, 4))).toBe("FHS|");
    expect(pickId(corpus("hl7v2/eix-synthetic-batch.hl7"))).toBe("health.hl7v2");
    expect(pickId(new Uint8Array([0x0b, ...corpus(CHOLERA), 0x1c, 0x0d]))).toBe("health.hl7v2");
  });

  test("MSHX and JSON are not HL7", () => {
    const mshx = new TextEncoder().encode("MSHX|^~\\&|LIS|NNYY");
    expect(adapter.sniff(mshx)).toBe(0);
    expect(pickId(mshx)).toBe("EIX_ADAPTER_NO_MATCH");
    const json = new TextEncoder().encode(JSON.stringify(example("incident-110-fire-initial.json")));
    expect(adapter.sniff(json)).toBe(0);
    expect(pickId(json)).not.toBe("health.hl7v2");
  });
});

describe("hostile input", () => {
  test("1 MB above ctx.limits.maxBytes is refused with EIX_ADAPTER_TOO_LARGE; the default limit takes it", () => {
    const big = hl7(msh("B-1"), obxDx("A00.0"), `NTE|1||${"x".repeat(1024 * 1024)}`);
    const refused = adapter.decode(big, { sender: NANNING, limits: { maxBytes: 512 * 1024 } });
    expect(refused.ok ? "ok" : refused.error.code).toBe("EIX_ADAPTER_TOO_LARGE");
    expect(incidents(adapter.decode(big, atNanning))).toHaveLength(1);
  });

  test("200 pseudo-random inputs (seed 20260721): a coded result, never a throw", () => {
    let state = 20260721;
    const next = () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const seed = new TextDecoder().decode(corpus(CHOLERA));
    const NOISE = ["|", "^", "~", "\\", "&", "\r", "\n", '""'];
    for (let round = 0; round < 200; round++) {
      let input: Uint8Array;
      if (round % 2 === 0) input = Uint8Array.from({ length: Math.floor(next() * 2000) }, () => Math.floor(next() * 256));
      else {
        // The cholera text with a few characters replaced by separators or other ASCII (the
        // bytes stay UTF-8): exercises the mapping, not only the parser.
        const chars = [...seed];
        for (let k = 0; k < 1 + (round % 8); k++)
          chars[Math.floor(next() * chars.length)] =
            next() < 0.3 ? (NOISE[Math.floor(next() * NOISE.length)] ?? "") : String.fromCharCode(0x20 + Math.floor(next() * 95));
        input = new TextEncoder().encode(chars.join(""));
      }
      let result: DecodeResult | undefined;
      expect(() => {
        result = adapter.decode(input, atNanning);
      }, `round ${round}`).not.toThrow();
      if (result?.ok) {
        expect(Array.isArray(result.messages) && Array.isArray(result.issues)).toBe(true);
      } else {
        expect(Object.keys(adapterErrors), `round ${round}`).toContain(result?.error.code);
        expect(result?.error.code, `round ${round}`).not.toBe("EIX_ADAPTER_INTERNAL");
      }
    }
  });
});
