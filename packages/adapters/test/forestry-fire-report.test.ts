import { readFileSync } from "node:fs";
import type { DecodeResult } from "@eix/adapters";
import { type Envelope, validate } from "@eix/schema";
import { describe, expect, test } from "vitest";
import { forestryFireReportAdapter as adapter, fireReportIssues } from "../src/forestry/fire-report/index.js";

const corpus = (file: string) => new Uint8Array(readFileSync(new URL(`../../../test/corpus/forestry/${file}`, import.meta.url)));
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const initial = () => JSON.parse(new TextDecoder().decode(corpus("fire-report-anning-initial.json")));

function decoded(result: DecodeResult) {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result;
}
const only = (result: DecodeResult) => decoded(result).messages[0] as Extract<Envelope, { kind: "incident" }>;
const codes = (result: DecodeResult) => result.issues.map((issue) => issue.code);

describe("forestry.fire-report (林火报告)", () => {
  test("a JSON initial report (初报) becomes a graded incident of the forestry department", () => {
    const result = decoded(adapter.decode(corpus("fire-report-anning-initial.json")));
    const message = only(result);
    expect(message).toMatchObject({
      id: "LHBG-530181-20270312-01-1",
      sentAt: "2027-03-12T14:10:00+08:00",
      sender: { unitId: "530181-LCJ", department: "forestry", level: "county", regionCode: "530181" },
      payload: {
        incidentId: "530181-20270312-01",
        stage: "initial",
        sequence: 1,
        eventType: "11G01",
        severity: "IV",
        occurredAt: "2027-03-12T13:20:00+08:00",
        location: { regionCode: "530181", point: { lat: 24.7412, lon: 102.3567 } },
        cause: "农事用火（烧田埂）失控引发，待进一步核实",
        casualties: { deaths: 0, seriouslyInjured: 0 },
        extensions: {
          forestry: {
            fireReport: {
              status: "open-flame",
              burnedForestHa: 0.6,
              burnedAreaHa: 1.2,
              gradeLabel: "一般",
              forces: { personnel: 86, vehicles: 9, aircraft: 0 },
              format: "json",
            },
          },
        },
      },
    });
    expect(message.references).toBeUndefined();
    expect(validate(message).valid).toBe(true);
    // 起火时间 13:20 without an offset is read as Beijing time, and said so.
    expect(result.issues).toContainEqual(
      expect.objectContaining({ code: "EIX_TIME_LOCAL_ASSUMED", position: { at: "/ignitionTime" } }),
    );
    expect(adapter.sniff(corpus("fire-report-anning-initial.json"))).toBe(0.9);
  });

  test("a GB18030 report is written back in GB18030 (declared so in XML); the charset option overrides", () => {
    const message = only(adapter.decode(corpus("fire-report-anning-final-gb18030.xml")));
    expect(message.payload.extensions?.forestry).toMatchObject({ fireReport: { charset: "gb18030" } });
    const bytes = adapter.encode(message);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const text = new TextDecoder("gb18030").decode(bytes);
    expect(text).toMatch(/^<\?xml version="1.0" encoding="GB18030"\?>/);
    expect(text).toContain("安宁市八街街道某村后山森林火灾");
    const again = decoded(adapter.decode(bytes));
    expect(again.source.charset).toBe("gb18030");
    expect(again.messages[0]?.payload).toEqual(message.payload);
    const utf8 = adapter.encode(message, { options: { charset: "UTF-8" } });
    expect(new TextDecoder("utf-8", { fatal: true }).decode(utf8)).toContain('encoding="UTF-8"');
    // A UTF-8 report stays UTF-8 and records no charset.
    const fromJson = only(adapter.decode(corpus("fire-report-anning-initial.json")));
    expect(JSON.stringify(fromJson.payload.extensions)).not.toContain("charset");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(adapter.encode(fromJson))).not.toThrow();
    expect(() => adapter.encode(message, { options: { charset: "big5" } })).toThrow(/big5/);
  });

  test("a GB18030 XML report of an extinguished fire (扑灭) that references the last one is final (终报)", () => {
    const bytes = corpus("fire-report-anning-final-gb18030.xml");
    expect(adapter.sniff(bytes)).toBe(0.9);
    const result = decoded(adapter.decode(bytes));
    expect(result.source.charset).toBe("gb18030");
    const message = only(result);
    expect(message.references).toEqual([
      { id: "LHBG-530181-20270312-01-2", sentAt: "2027-03-12T20:00:00+08:00", relation: "updates" },
    ]);
    expect(message.payload).toMatchObject({
      stage: "final",
      sequence: 3,
      severity: "III",
      title: "安宁市八街街道某村后山森林火灾",
      casualties: { deaths: 0, seriouslyInjured: 1, injured: 3 },
      extensions: { forestry: { fireReport: { status: "extinguished", gradeLabel: "较大", format: "xml" } } },
    });
    expect(validate(message).valid).toBe(true);
    // The stated 较大 agrees with 4.3 ha: no mismatch.
    expect(codes(result)).not.toContain("EIX_FIRE_SEVERITY_MISMATCH");
  });

  test("a stated severity that disagrees with article 40 is flagged, and the computed one is used", () => {
    const result = decoded(adapter.decode(corpus("fire-report-muli-severity-mismatch.json")));
    const message = only(result);
    expect(message.payload.severity).toBe("II");
    expect(message.payload.extensions?.forestry).toMatchObject({ fireReport: { reportedSeverity: "III", gradeLabel: "重大" } });
    const issue = result.issues.find((each) => each.code === "EIX_FIRE_SEVERITY_MISMATCH");
    expect(issue).toMatchObject({ severity: "warning", position: { at: "/severity" } });
    expect(issue?.message["zh-CN"]).toContain("重大");
    expect(validate(message).valid).toBe(true);
  });

  test("stage: 扑灭 without an earlier report stays initial, with a warning; without a stage, a referencing report is an update", () => {
    const out = adapter.decode(json({ ...initial(), status: "扑灭" }));
    expect(only(out).payload.stage).toBe("initial");
    expect(out.issues).toContainEqual(
      expect.objectContaining({ code: "EIX_FIRE_EXTINGUISHED_WITHOUT_REFERENCE", position: { at: "/status" } }),
    );
    const { stage: _stage, ...unstaged } = initial();
    const update = only(adapter.decode(json({ ...unstaged, status: "余火", sequence: 2, previousReportId: "LHBG-1" })));
    expect(update.payload.stage).toBe("update");
    expect(update.references?.[0]).toEqual({ id: "LHBG-1", relation: "updates" });
    // 续报 stated with 扑灭 stays an update: the report decides its own stage.
    const stated = only(
      adapter.decode(json({ ...initial(), stage: "续报", status: "扑灭", sequence: 2, previousReportId: "LHBG-1" })),
    );
    expect(stated.payload.stage).toBe("update");
  });

  test.each([
    [{ ignitionTime: undefined }, "EIX_ADAPTER_MISSING_FIELD", "/ignitionTime"],
    [{ burnedForestHa: undefined }, "EIX_ADAPTER_MISSING_FIELD", "/burnedForestHa"],
    [{ status: undefined }, "EIX_ADAPTER_MISSING_FIELD", "/status"],
    [{ stage: "终报" }, "EIX_ADAPTER_MISSING_FIELD", "/previousReportId"],
    [{ stage: "续报", previousReportId: "x", sequence: undefined }, "EIX_ADAPTER_MISSING_FIELD", "/sequence"],
    [{ status: "燃烧中" }, "EIX_ADAPTER_BAD_VALUE", "/status"],
    [{ burnedForestHa: -1 }, "EIX_ADAPTER_BAD_VALUE", "/burnedForestHa"],
    [{ burnedForestHa: "很多" }, "EIX_ADAPTER_BAD_VALUE", "/burnedForestHa"],
    [{ deaths: 1.5 }, "EIX_ADAPTER_BAD_VALUE", "/deaths"],
    [{ severity: "严重" }, "EIX_ADAPTER_BAD_VALUE", "/severity"],
    [{ eventType: "11A01" }, "EIX_ADAPTER_BAD_VALUE", "/eventType"],
    [{ place: { regionCode: "530181", lat: 124.7, lon: 102.3 } }, "EIX_ADAPTER_BAD_VALUE", "/place/lat"],
    [{ reportTime: "昨天下午" }, "EIX_TIME_INVALID", "/reportTime"],
  ])("%j is refused with %s at %s", (change, code, at) => {
    const result = adapter.decode(json({ ...initial(), ...change }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.position?.at).toBe(at);
    }
  });

  test("the corpus file without 起火时间 is refused", () => {
    const result = adapter.decode(corpus("fire-report-missing-ignition.json"));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe("EIX_ADAPTER_MISSING_FIELD");
  });

  test.each([
    "fire-report-anning-initial.json",
    "fire-report-anning-final-gb18030.xml",
    "fire-report-muli-severity-mismatch.json",
  ])("decode → encode → decode is stable, in the same format: %s", (file) => {
    const first = only(adapter.decode(corpus(file)));
    const bytes = adapter.encode(first);
    const text = new TextDecoder().decode(bytes);
    expect(text.trimStart().startsWith("<")).toBe(file.endsWith(".xml"));
    const second = only(adapter.decode(bytes));
    expect(second).toEqual(first);
  });

  test("encode writes XML on request, refuses other kinds and formats", () => {
    const message = only(adapter.decode(corpus("fire-report-anning-initial.json")));
    const xml = new TextDecoder().decode(adapter.encode(message, { options: { format: "xml" } }));
    expect(xml).toContain("<forestFireReport>");
    const again = only(adapter.decode(new TextEncoder().encode(xml)));
    expect(again.payload.extensions?.forestry).toMatchObject({ fireReport: { format: "xml" } });
    expect({ ...again, payload: { ...again.payload, extensions: undefined } }).toEqual({
      ...message,
      payload: { ...message.payload, extensions: undefined },
    });
    expect(() => adapter.encode(message, { options: { format: "csv" } })).toThrow(/json or xml/);
    expect(() => adapter.encode({ ...message, kind: "ack" } as unknown as Envelope)).toThrow();
  });

  test("hostile input: not JSON, another XML root, an XML bomb, too large — coded errors, never a throw", () => {
    const results = [
      new TextEncoder().encode("{ half"),
      new TextEncoder().encode("<alert><x/></alert>"),
      new TextEncoder().encode('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaa">]><forestFireReport>&a;</forestFireReport>'),
    ].map((bytes) => adapter.decode(bytes));
    expect(results.map((result) => (result.ok ? "ok" : result.error.code))).toEqual([
      "EIX_ADAPTER_WRONG_FORMAT",
      "EIX_ADAPTER_WRONG_FORMAT",
      "EIX_XML_DTD_FORBIDDEN",
    ]);
    const large = adapter.decode(corpus("fire-report-anning-initial.json"), { limits: { maxBytes: 100 } });
    expect(large.ok ? "ok" : large.error.code).toBe("EIX_ADAPTER_TOO_LARGE");
  });

  test("every EIX_FIRE_* entry has zh-CN and en messages and is a warning", () => {
    for (const [code, entry] of Object.entries(fireReportIssues)) {
      expect(code).toMatch(/^EIX_FIRE_[A-Z_]+$/);
      expect(entry.severity).toBe("warning");
      expect(entry.zh({ value: "III", expected: "II" })).not.toBe("");
      expect(entry.en({ value: "III", expected: "II" })).not.toBe("");
    }
  });
});
