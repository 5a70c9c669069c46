import { readFileSync } from "node:fs";
import { healthPheReportAdapter as adapter, type DecodeResult, notifiableDisease } from "@eix/adapters";
import { type Envelope, validate } from "@eix/schema";
import { describe, expect, test } from "vitest";

const corpus = (file: string) => new Uint8Array(readFileSync(new URL(`../../../test/corpus/health/${file}`, import.meta.url)));
const example = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../schema/examples/valid/${file}`, import.meta.url), "utf8")) as Envelope;

function decoded(result: DecodeResult) {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result;
}
const only = (result: DecodeResult) => decoded(result).messages[0] as Extract<Envelope, { kind: "incident" }>;
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const initial = () => JSON.parse(new TextDecoder().decode(corpus("phe-food-poisoning-school-initial.json")));

describe("health.phe-report (突发公共卫生事件网络直报 · 事件报告)", () => {
  test("an initial report (初次报告) becomes an initial incident of the health department", () => {
    const result = decoded(adapter.decode(corpus("phe-food-poisoning-school-initial.json")));
    const message = only(result);
    expect(message).toMatchObject({
      id: "PHE-330106-20260915-0003-1",
      kind: "incident",
      sentAt: "2026-09-15T15:30:00+08:00",
      sender: { unitId: "330106-JKZX", department: "health", level: "county", regionCode: "330106" },
      payload: {
        incidentId: "330106-20260915-0003",
        stage: "initial",
        sequence: 1,
        eventType: "13B03",
        severity: "unknown",
        occurredAt: "2026-09-15T12:40:00+08:00",
        discoveredAt: "2026-09-15T14:05:00+08:00",
        location: { regionCode: "330106", point: { lat: 30.2741, lon: 120.1551 } },
        casualties: { sick: 23, deaths: 0 },
        contacts: [{ name: "周敏", role: "应急办" }],
        extensions: { health: { phe: { reportKind: "initial", placeType: "学校", exposed: 640, reportWithinHours: 2 } } },
      },
    });
    expect(validate(message).valid).toBe(true);
    // 12:40 without an offset is read as Beijing time, and said so.
    expect(result.issues).toContainEqual(
      expect.objectContaining({ code: "EIX_TIME_LOCAL_ASSUMED", position: { at: "/onsetTime" } }),
    );
  });

  test("a GB18030 XML progress report (进程报告) is an update that references the report before it", () => {
    const result = decoded(adapter.decode(corpus("phe-food-poisoning-school-progress-gb18030.xml")));
    expect(result.source.charset).toBe("gb18030");
    const message = only(result);
    expect(message.references).toEqual([
      { id: "PHE-330106-20260915-0003-1", sentAt: "2026-09-15T15:30:00+08:00", relation: "updates" },
    ]);
    expect(message.payload).toMatchObject({ stage: "update", sequence: 2, severity: "IV", casualties: { sick: 41, deaths: 0 } });
    expect(message.payload.title).toBe("西湖区某中学食堂食物中毒事件");
  });

  test("a correction (订正) corrects; a final report (结案报告) is final", () => {
    const correction = only(
      adapter.decode(
        json({
          ...initial(),
          reportId: "PHE-330106-20260915-0003-1C",
          reportKind: "订正",
          sequence: 2,
          previousReportId: "PHE-330106-20260915-0003-1",
        }),
      ),
    );
    expect(correction.payload.stage).toBe("update");
    expect(correction.references?.[0]?.relation).toBe("corrects");
    const final = only(adapter.decode(json({ ...initial(), reportKind: "结案报告", sequence: 3, previousReportId: "x-2" })));
    expect(final.payload.stage).toBe("final");
  });

  test("the deadline comes from the disease when it is named: cholera is 2 h either way", () => {
    const message = only(adapter.decode(json({ ...initial(), disease: { icd10: "A00.1", name: "霍乱" }, eventType: "13A02" })));
    expect(message.payload.extensions?.health).toMatchObject({ phe: { disease: { icd10: "A00.1" }, reportWithinHours: 2 } });
  });

  test.each([
    [{ onsetTime: undefined }, "EIX_ADAPTER_MISSING_FIELD", "/onsetTime"],
    [{ reportKind: "第二次" }, "EIX_ADAPTER_BAD_VALUE", "/reportKind"],
    [{ cases: -3 }, "EIX_ADAPTER_BAD_VALUE", "/cases"],
    [{ cases: 2.5 }, "EIX_ADAPTER_BAD_VALUE", "/cases"],
    [{ reportTime: "昨天" }, "EIX_TIME_INVALID", "/reportTime"],
    [
      { reportingUnit: { name: "某疾控中心", regionCode: "330106", level: "county" } },
      "EIX_ADAPTER_MISSING_FIELD",
      "/reportingUnit/unitId",
    ],
    [{ level: "严重" }, "EIX_ADAPTER_BAD_VALUE", "/level"],
  ])("%j is refused with %s at %s", (change, code, at) => {
    const result = adapter.decode(json({ ...initial(), ...change }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.position?.at).toBe(at);
      expect(result.error.messages["zh-CN"]).not.toBe("");
    }
  });

  test("canonical checks still apply: an unknown region is refused with the schema's code", () => {
    const result = adapter.decode(json({ ...initial(), place: { regionCode: "990101" } }));
    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => issue.code)).toContain("EIX_SCHEMA_REGION_UNKNOWN");
  });

  test("hostile input: not JSON, another XML root, an XML bomb, too large — coded errors, never a throw", () => {
    const codes = [
      new TextEncoder().encode("{ half"),
      new TextEncoder().encode("<alert><x/></alert>"),
      new TextEncoder().encode('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaa">]><pheEventReport>&a;</pheEventReport>'),
      new Uint8Array([0xff, 0xfe, 0x00]),
    ].map((bytes) => {
      const result = adapter.decode(bytes);
      return result.ok ? "ok" : result.error.code;
    });
    expect(codes).toEqual([
      "EIX_ADAPTER_WRONG_FORMAT",
      "EIX_ADAPTER_WRONG_FORMAT",
      "EIX_XML_DTD_FORBIDDEN",
      expect.stringMatching(/^EIX_/),
    ]);
    const large = adapter.decode(json({ ...initial(), description: "x".repeat(2000) }), { limits: { maxBytes: 1000 } });
    expect(large.ok ? "ok" : large.error.code).toMatch(/TOO_LARGE/);
  });

  test("encode writes JSON or XML that decodes to the same message", () => {
    const message = only(adapter.decode(corpus("phe-food-poisoning-school-initial.json")));
    for (const format of ["json", "xml"]) {
      const bytes = adapter.encode(message, { options: { format } });
      const again = only(adapter.decode(bytes));
      const { provenance: _a, ...left } = again;
      const { provenance: _b, ...right } = message;
      expect(left).toEqual(right);
    }
    expect(() => adapter.encode(message, { options: { format: "csv" } })).toThrow(/format/);
  });

  test("an incident from elsewhere is written as an event report of its stage; other kinds are refused", () => {
    const cholera = example("incident-cholera-cluster-initial.json");
    const report = JSON.parse(new TextDecoder().decode(adapter.encode(cholera)));
    expect(report).toMatchObject({
      reportId: cholera.id,
      eventId: "450103-20260721-0001",
      reportKind: "initial",
      cases: 5,
      deaths: 0,
      reportingUnit: { unitId: "450103-WJJ-ZBS", level: "county" },
    });
    expect(validate(only(adapter.decode(adapter.encode(cholera)))).valid).toBe(true);
    expect(() => adapter.encode(example("warning-rainstorm-red-cancel.json"))).toThrow(
      expect.objectContaining({ code: "EIX_ADAPTER_UNSUPPORTED_KIND" }),
    );
  });

  test("sniffs its own JSON and XML, not canonical JSON or CAP", () => {
    expect(adapter.sniff(corpus("phe-food-poisoning-school-initial.json"))).toBeGreaterThan(0.5);
    expect(adapter.sniff(corpus("phe-food-poisoning-school-progress-gb18030.xml"))).toBeGreaterThan(0.5);
    expect(adapter.sniff(json(example("incident-cholera-cluster-initial.json")))).toBe(0);
    expect(adapter.sniff(new TextEncoder().encode('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>'))).toBe(0);
  });
});

describe("notifiable diseases (法定报告传染病)", () => {
  test.each([
    ["A00.9", "13A02", "A", 2],
    ["a20", "13A01", "A", 2],
    ["A22.1", "13A03", "B", 2],
    ["A221", "13A03", "B", 2],
    ["A22.0", "13A07", "B", 24],
    ["U04.9", "13A04", "B", 2],
    ["B05.9", "13A07", "B", 24],
    ["J10.1", "13A99", "C", 24],
    ["B08.4", "13A99", "C", 24],
  ])("%s → %s, class %s, within %i h", (code, eventType, diseaseClass, hours) => {
    expect(notifiableDisease(code)).toMatchObject({ eventType, class: diseaseClass, reportWithinHours: hours });
  });

  test.each(["R07.9", "I21", "", "A", "not a code", "B08.3"])("%j is not notifiable", (code) => {
    expect(notifiableDisease(code)).toBeUndefined();
  });
});
