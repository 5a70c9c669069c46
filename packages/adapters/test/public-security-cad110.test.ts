import { readFileSync } from "node:fs";
import type { DecodeContext, DecodeResult } from "@eix/adapters";
import { type Envelope, lookupEventType, validate } from "@eix/schema";
import { describe, expect, test } from "vitest";
import {
  publicSecurityCad110Adapter as adapter,
  callTypes,
  encodeCad110Batch,
  lookupCallType,
  readCad110Records,
} from "../src/public-security/cad110/index.js";

type Incident = Extract<Envelope, { kind: "incident" }>;
const corpus = (file: string) => new Uint8Array(readFileSync(new URL(`../../../test/corpus/cad110/${file}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);

function decoded(result: DecodeResult) {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result;
}
const incidents = (result: DecodeResult) => decoded(result).messages as Incident[];
const codes = (result: DecodeResult) => result.issues.map((issue) => issue.code);
const withoutProvenance = ({ provenance: _p, ...rest }: Envelope) => rest;

const gcj02Mask: DecodeContext = { options: { datum: "gcj02", personalData: "mask" } };

const csvHeader = "JJDBH,XZQHBH,BJSJ,BJLX,SFDZ,BJNR,BJRXM,LXDH";
const csvOf = (...rows: string[]) => utf8(`${csvHeader}\r\n${rows.join("\r\n")}\r\n`);
const fireRow = "3301060001,330106,2026-03-14 21:05:33,400100,文三路7幢,厨房起火,王建国,13957112345";

describe("public-security.cad110 (110 接警单)", () => {
  test("an XML export of two rows becomes two initial incidents of the public-security department", () => {
    const [fire, traffic] = incidents(adapter.decode(corpus("cad110-fire-traffic-rows.xml"), gcj02Mask));
    expect(fire).toMatchObject({
      id: expect.stringMatching(/^110-3301062026031400127-[0-9a-f]{12}$/),
      kind: "incident",
      sentAt: "2026-03-14T21:05:48+08:00",
      sender: {
        unitId: "330106110000",
        name: "杭州市公安局西湖区分局110指挥中心",
        department: "public-security",
        level: "county",
        regionCode: "330106",
      },
      status: "actual",
      payload: {
        incidentId: "110-3301062026031400127",
        stage: "initial",
        sequence: 1,
        title: "火灾：西湖区文三路某小区7幢2单元",
        eventType: "12G00",
        severity: "unknown",
        occurredAt: "2026-03-14T21:00:00+08:00",
        discoveredAt: "2026-03-14T21:05:33+08:00",
        location: { regionCode: "330106", address: "西湖区文三路某小区7幢2单元" },
        source: { channel: "110", detail: "110 接警单 3301062026031400127" },
        casualties: { trapped: 2, injured: 1, deaths: 0 },
      },
    });
    expect(traffic?.payload).toMatchObject({ eventType: "12H00", casualties: { injured: 1 } });
    // 0,0 is "no fix", not a point in the Gulf of Guinea.
    expect(traffic?.payload.location.point).toBeUndefined();
  });

  test("coordinates are converted to WGS-84 from the datum the source option names", () => {
    const bytes = corpus("cad110-fire-traffic-rows.xml");
    const point = (datum?: string) => {
      const ctx = datum === undefined ? {} : { options: { datum } };
      return incidents(adapter.decode(bytes, ctx))[0]?.payload.location.point;
    };
    expect(point("wgs84")).toEqual({ lat: 30.2792, lon: 120.1306 });
    const gcj = point("gcj02");
    const bd = point("BD-09");
    // GCJ-02 is offset by a few hundred metres south-west of WGS-84 near Hangzhou; BD-09 further.
    expect(gcj?.lat).toBeCloseTo(30.2817, 3);
    expect(gcj?.lon).toBeCloseTo(120.1259, 3);
    expect(bd?.lat).toBeLessThan(gcj?.lat ?? 0);
    expect(bd?.lon).toBeLessThan(gcj?.lon ?? 0);
    // Not told: read as WGS-84, and said.
    const untold = adapter.decode(bytes);
    expect(codes(untold)).toContain("EIX_CAD110_DATUM_ASSUMED");
    expect(codes(adapter.decode(bytes, { options: { datum: "gcj02" } }))).not.toContain("EIX_CAD110_DATUM_ASSUMED");
  });

  test("manual coordinates (手动定位) are used when there is no automatic fix; a bad pair is dropped, not fatal", () => {
    const hazmat = incidents(adapter.decode(corpus("cad110-hazmat-gb18030.xml"), { options: { datum: "bd09" } }))[0];
    expect(hazmat?.payload.location.point?.lat).toBeCloseTo(31.938, 2);
    const bad = adapter.decode(utf8("JJDBH,XZQHBH,BJSJ,BJLX,ZDDWXZB,ZDDWYZB\n1,330106,2026-03-14 21:05:33,400100,500.1,30.2\n"), {
      options: { datum: "wgs84" },
    });
    expect(incidents(bad)[0]?.payload.location.point).toBeUndefined();
    expect(bad.issues.find((issue) => issue.code === "EIX_ADAPTER_UNMAPPED")?.position).toMatchObject({
      row: 1,
      field: "ZDDWXZB",
    });
  });

  test("GB18030 is detected without being told, in XML with and without a declaration, JSON and CSV", () => {
    for (const file of [
      "cad110-hazmat-gb18030.xml",
      "cad110-hazmat-gb18030-undeclared.xml",
      "cad110-fire-gb18030.json",
      "cad110-nanshan-batch-gb18030.csv",
    ]) {
      const result = decoded(adapter.decode(corpus(file)));
      expect(result.source.charset, file).toBe("gb18030");
      expect(result.messages[0]?.payload, file).toHaveProperty("title", expect.stringMatching(/[\u4e00-\u9fff]/));
    }
    expect(decoded(adapter.decode(corpus("cad110-hazmat-gb18030.xml"))).issues.map((i) => i.code)).not.toContain(
      "EIX_CHARSET_GUESSED",
    );
    expect(codes(adapter.decode(corpus("cad110-hazmat-gb18030-undeclared.xml")))).toContain("EIX_CHARSET_GUESSED");
    // A charset told out of band (the charset option) is used as declared.
    expect(codes(adapter.decode(corpus("cad110-fire-gb18030.json"), { options: { charset: "GBK" } }))).not.toContain(
      "EIX_CHARSET_GUESSED",
    );
  });

  test("a CSV batch keeps the emergencies and files the rest as not reportable, each with its row", () => {
    const result = decoded(adapter.decode(corpus("cad110-nanshan-batch-gb18030.csv"), gcj02Mask));
    expect(result.source.sourceFormat).toBe("110 dispatch record (CSV)");
    expect(result.messages.map((m) => (m.payload as Incident["payload"]).eventType)).toEqual(["14A13", "13B03"]);
    const notReportable = result.issues.filter((issue) => issue.code === "EIX_CAD110_NOT_REPORTABLE");
    expect(notReportable.map((issue) => issue.position?.row)).toEqual([2, 3]);
    expect(notReportable[0]?.message["zh-CN"]).toContain("100100 盗窃案");
    expect(notReportable[1]?.message.en).toContain("950100");
    // The quoted 报警内容 keeps its quotes and its line break.
    expect((result.messages[0] as Incident).payload.description).toContain('拉横幅"还我血汗钱"，\r\n堵住');
    const food = result.messages[1] as Incident;
    expect(food.payload).toMatchObject({ severity: "IV", casualties: { injured: 12 }, occurredAt: "2026-07-11T12:30:00+08:00" });
  });

  test("a payload of only ordinary calls decodes to no message and a *_NOT_REPORTABLE warning", () => {
    const result = decoded(adapter.decode(corpus("cad110-not-reportable.csv")));
    expect(result.messages).toEqual([]);
    expect(result.issues.every((issue) => issue.severity === "warning")).toBe(true);
    expect(result.issues.filter((issue) => issue.code.endsWith("_NOT_REPORTABLE"))).toHaveLength(2);
  });

  test("unknown call types are not reportable either; SJLX (an explicit event type) makes any record reportable", () => {
    const unknown = decoded(adapter.decode(utf8("JJDBH,XZQHBH,BJSJ,BJLX\n9,330106,2026-03-14 21:05:33,123400\n")));
    expect(unknown.messages).toEqual([]);
    expect(unknown.issues[0]?.message.en).toContain("123400, not in the code table");
    const explicit = incidents(adapter.decode(utf8("JJDBH,XZQHBH,BJSJ,BJLX,SJLX\n9,330106,2026-03-14 21:05:33,999900,12J01\n")));
    expect(explicit[0]?.payload).toMatchObject({ eventType: "12J01", title: "12J01：9" });
  });

  test("the call type comes from 报警类型, else from the type part of 报警细类", () => {
    expect(lookupCallType("400100")?.eventType).toBe("12G00");
    expect(lookupCallType(undefined, "400101")?.eventType).toBe("12G00");
    expect(lookupCallType("4001")?.eventType).toBe("12G00");
    expect(lookupCallType("700200")?.eventType).toBe("14A13");
    expect(lookupCallType("100100")?.eventType).toBeNull();
    expect(lookupCallType("950100")?.eventType).toBeNull();
  });

  test("the call-type table covers the real vendor table, and maps only to event types the schema knows", () => {
    const vendor = readFileSync(new URL("../../../test/corpus/gb/joviansoft-110-bjlxdmb.csv", import.meta.url), "utf8");
    const vendorCodes = new Set(
      vendor
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((line) => line.split(",")[0]),
    );
    expect(new Set(callTypes.map((type) => type.code))).toEqual(vendorCodes);
    for (const type of callTypes) if (type.eventType !== null) expect(lookupEventType(type.eventType), type.code).toBeDefined();
    // Ordinary crime, public order, help requests, liaison, tips and complaints: never reportable.
    for (const category of ["20", "50", "60", "65", "90", "95"])
      expect(
        callTypes.filter((t) => t.category === category && t.eventType !== null),
        category,
      ).toEqual([]);
    expect(callTypes.filter((t) => t.category === "70").every((t) => t.eventType?.startsWith("14A"))).toBe(true);
  });

  test("JSON: an array wrapped in an object, and a single object with numeric counts", () => {
    const [flood, fire] = incidents(adapter.decode(corpus("cad110-chengdu-records.json"), gcj02Mask));
    expect(flood?.payload).toMatchObject({
      eventType: "11000",
      severity: "III",
      occurredAt: "2026-08-03T02:14:09+08:00",
      casualties: { trapped: 3 },
      location: { regionCode: "510107" },
    });
    expect(fire?.sender.name).toBe("成都市公安局武侯区分局指挥中心");
    const single = incidents(adapter.decode(corpus("cad110-fire-gb18030.json")))[0];
    expect(single?.payload.casualties).toEqual({ trapped: 2, injured: 1, deaths: 0 });
  });

  test("警情级别 maps to a severity only when it says one, or through the levels option", () => {
    const row = (jqjb: string) => utf8(`JJDBH,XZQHBH,BJSJ,BJLX,JQJB\n1,330106,2026-03-14 21:05:33,400100,${jqjb}\n`);
    const severity = (jqjb: string, ctx: DecodeContext = {}) => incidents(adapter.decode(row(jqjb), ctx))[0]?.payload.severity;
    expect(severity("重大")).toBe("II");
    expect(severity("III")).toBe("III");
    expect(severity("Ⅰ")).toBe("I");
    // Numbered scales run either way between vendors: unknown unless the source says how.
    expect(severity("1")).toBe("unknown");
    expect(codes(adapter.decode(row("1")))).toContain("EIX_ADAPTER_UNMAPPED");
    expect(severity("1", { options: { levels: { "1": "I", "2": "II" } } })).toBe("I");
  });

  test("the sending unit comes from the source configuration when given, else from the record", () => {
    const sender = {
      unitId: "GA-330100",
      name: "杭州市公安局",
      department: "public-security",
      level: "municipal",
      regionCode: "330100",
    } as const;
    expect(incidents(adapter.decode(csvOf(fireRow), { sender }))[0]?.sender).toEqual(sender);
    expect(incidents(adapter.decode(csvOf(fireRow)))[0]?.sender).toEqual({
      unitId: "110-330106",
      name: "330106 110 接警单位",
      department: "public-security",
      level: "county",
      regionCode: "330106",
    });
  });

  test("local times are read as Beijing time and said so; explicit offsets are kept", () => {
    const result = adapter.decode(csvOf(fireRow));
    expect(incidents(result)[0]?.payload.discoveredAt).toBe("2026-03-14T21:05:33+08:00");
    expect(result.issues.find((issue) => issue.code === "EIX_TIME_LOCAL_ASSUMED")?.position).toEqual({
      row: 1,
      line: 2,
      field: "BJSJ",
    });
    const compact = incidents(adapter.decode(csvOf(fireRow.replace("2026-03-14 21:05:33", "20260314210533"))));
    expect(compact[0]?.sentAt).toBe("2026-03-14T21:05:33+08:00");
  });
});

describe("personal data never reaches the canonical message unmasked", () => {
  const raw = [
    "王建国",
    "陈晓燕",
    "13957112345",
    "欧阳小明",
    "87651234",
    "李卫东",
    "18951760001",
    "320115197509114569",
    "张三",
    "13800135678",
    "440305199203021217",
    "0755-26001234",
    "杨某某",
    "85551234",
  ];
  const files = [
    "cad110-fire-traffic-rows.xml",
    "cad110-hazmat-gb18030.xml",
    "cad110-nanshan-batch-gb18030.csv",
    "cad110-chengdu-records.json",
    "cad110-fire-gb18030.json",
  ];

  test.each(["drop", "mask"])("personalData %s: no raw name, phone or ID number in any decoded message", (personalData) => {
    for (const file of files) {
      const result = decoded(adapter.decode(corpus(file), { options: { personalData, datum: "gcj02" } }));
      const text = JSON.stringify(result.messages);
      for (const value of raw) expect(text, `${file} ${value}`).not.toContain(value);
      expect(codes(result), file).toContain("EIX_CAD110_PERSONAL_DATA_WITHHELD");
    }
  });

  test("drop (the default) leaves no contact; mask keeps the caller as 王* with a masked phone", () => {
    const dropped = incidents(adapter.decode(corpus("cad110-fire-traffic-rows.xml")));
    expect(dropped.map((m) => m.payload.contacts)).toEqual([undefined, undefined]);
    const masked = incidents(adapter.decode(corpus("cad110-fire-traffic-rows.xml"), gcj02Mask));
    expect(masked.map((m) => m.payload.contacts)).toEqual([
      [{ name: "王**", role: "报警人", phone: "139****2345" }],
      [{ name: "欧***", role: "报警人", phone: "0571-****1234" }],
    ]);
    // A phone without a name: the contact is "报警人".
    const phoneOnly = incidents(
      adapter.decode(csvOf("1,330106,2026-03-14 21:05:33,400100,,,,13957112345"), { options: { personalData: "mask" } }),
    );
    expect(phoneOnly[0]?.payload.contacts).toEqual([{ name: "报警人", role: "报警人", phone: "139****2345" }]);
  });

  test("报警内容 is masked: ID numbers, phones and the caller's own name, with an issue", () => {
    const result = adapter.decode(corpus("cad110-hazmat-gb18030.xml"), { options: { datum: "bd09" } });
    const description = incidents(result)[0]?.payload.description;
    expect(description).toContain("报警人身份证号3201**********4569。");
    const fire = incidents(adapter.decode(corpus("cad110-fire-traffic-rows.xml"), gcj02Mask))[0];
    expect(fire?.payload.description).toBe(
      "报警人王**称：7幢2单元5楼一户人家厨房起火，浓烟很大，楼上有老人被困，请速派消防。回拨电话139****2345。",
    );
    expect(result.issues.find((issue) => issue.code === "EIX_CAD110_FREE_TEXT_MASKED")?.message.en).toContain(
      "1 ID-card number(s)",
    );
  });

  test("gender and the call-taker's name are not kept under extensions either", () => {
    const [fire] = incidents(adapter.decode(corpus("cad110-fire-traffic-rows.xml")));
    const extension = fire?.payload.extensions?.["public-security"] as { cad110: { fields: Record<string, string> } } | undefined;
    const fields = extension?.cad110.fields;
    for (const column of ["BJRXM", "BJRXB", "BJDH", "LXDH", "JJYXM"]) expect(fields).not.toHaveProperty(column);
    expect(fields).toMatchObject({ JJYBH: "J0317", BJLX: "400100", YWBKRY: "1", AJZT: "01", ZDDWXZB: "120.1306" });
  });
});

describe("encode: the same record shapes for legacy display systems", () => {
  const sources = [
    "cad110-fire-traffic-rows.xml",
    "cad110-hazmat-gb18030.xml",
    "cad110-nanshan-batch-gb18030.csv",
    "cad110-chengdu-records.json",
    "cad110-fire-gb18030.json",
  ];
  const shapes = ["xml", "json", "csv"] as const;
  const charsets = ["UTF-8", "GB18030"] as const;

  test.each(sources)("%s: decode → encode → decode is stable in every shape and charset", (file) => {
    for (const personalData of ["drop", "mask"]) {
      const ctx = { options: { datum: "gcj02", personalData } };
      const messages = decoded(adapter.decode(corpus(file), ctx)).messages;
      for (const shape of shapes)
        for (const charset of charsets)
          for (const message of messages) {
            const bytes = adapter.encode(message, { options: { shape, charset, datum: "gcj02" } });
            const again = decoded(adapter.decode(bytes, ctx));
            expect(again.source.charset).toBe(charset.toLowerCase());
            expect(again.messages.map(withoutProvenance), `${shape} ${charset} ${personalData}`).toEqual([
              withoutProvenance(message),
            ]);
          }
    }
  });

  test("the XML shape is the BF_110 rows the decoder reads, with the source's own coordinates", () => {
    const [fire] = decoded(adapter.decode(corpus("cad110-fire-traffic-rows.xml"), gcj02Mask)).messages;
    const text = new TextDecoder().decode(adapter.encode(fire as Envelope, { options: { datum: "gcj02" } }));
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<BF_110>\n {2}<ROW>\n {4}<XZQHBH>330106<\/XZQHBH>/);
    expect(text).toContain("<ZDDWXZB>120.1306</ZDDWXZB>");
    expect(text).toContain("<BJRXM>王**</BJRXM>");
    expect(text).not.toContain("王建国");
    expect(text).not.toContain("BSSJ");
  });

  test("a batch of incidents becomes one CSV in GB18030 with a header row", () => {
    const messages = decoded(adapter.decode(corpus("cad110-nanshan-batch-gb18030.csv"))).messages;
    const bytes = encodeCad110Batch(messages, { shape: "csv", charset: "GB18030" });
    const records = readCad110Records(bytes);
    expect(records.ok && records.records.map((r) => r.record.JJDBH)).toEqual(["4403052026071100018", "4403052026071100023"]);
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe("XZQHB");
    expect(decoded(adapter.decode(bytes)).messages.map(withoutProvenance)).toEqual(messages.map(withoutProvenance));
  });

  test("an incident from elsewhere is written with a call type and SJLX, and decodes to the same event", () => {
    const incident: Envelope = {
      id: "HZ-YJ-2026-0001",
      schema: "eix/1",
      kind: "incident",
      sentAt: "2026-06-01T03:00:00Z",
      sender: {
        unitId: "330100-YJJ",
        name: "杭州市应急管理局",
        department: "emergency-office",
        level: "municipal",
        regionCode: "330100",
      },
      status: "actual",
      classification: "internal",
      payload: {
        incidentId: "HZ-2026-0001",
        stage: "initial",
        sequence: 1,
        title: "钱塘江船舶碰撞",
        eventType: "12J01",
        severity: "III",
        occurredAt: "2026-06-01T10:40:00+08:00",
        location: { regionCode: "330100", point: { lat: 30.25, lon: 120.2 } },
      },
    };
    expect(validate(incident).valid).toBe(true);
    const bytes = adapter.encode(incident, { options: { shape: "json", datum: "gcj02" } });
    const record = JSON.parse(new TextDecoder().decode(bytes))[0];
    expect(record).toMatchObject({
      JJDBH: "HZ-2026-0001",
      BJLX: "999900",
      SJLX: "12J01",
      JQJB: "较大",
      BJSJ: "2026-06-01 10:40:00",
      BSSJ: "2026-06-01 11:00:00",
    });
    const again = incidents(adapter.decode(bytes, { options: { datum: "gcj02" } }))[0];
    expect(again?.payload).toMatchObject({ eventType: "12J01", severity: "III", occurredAt: "2026-06-01T10:40:00+08:00" });
    expect(again?.sentAt).toBe("2026-06-01T11:00:00+08:00");
    expect(again?.payload.location.point?.lat).toBeCloseTo(30.25, 6);
  });

  test("bad encode options and other kinds are refused with codes", () => {
    const [fire] = decoded(adapter.decode(corpus("cad110-fire-traffic-rows.xml"))).messages;
    expect(() => adapter.encode(fire as Envelope, { options: { shape: "yaml" } })).toThrow(
      expect.objectContaining({ code: "EIX_ADAPTER_BAD_VALUE" }),
    );
    expect(() => adapter.encode(fire as Envelope, { options: { charset: "big5" } })).toThrow(
      expect.objectContaining({ code: "EIX_CHARSET_UNSUPPORTED" }),
    );
    const ack = { ...(fire as Envelope), kind: "ack", payload: {} } as unknown as Envelope;
    expect(() => adapter.encode(ack)).toThrow(expect.objectContaining({ code: "EIX_ADAPTER_UNSUPPORTED_KIND" }));
  });
});

describe("refusals are coded, with the position of the record", () => {
  const refused = (bytes: Uint8Array, ctx: DecodeContext = {}) => {
    const result = adapter.decode(bytes, ctx);
    if (result.ok) throw new Error("expected a refusal");
    return result.error;
  };

  test("a reportable record without 行政区划 or 报警时间", () => {
    expect(refused(corpus("cad110-missing-xzqhbh.csv"))).toMatchObject({
      code: "EIX_ADAPTER_MISSING_FIELD",
      position: { row: 1, line: 2, field: "XZQHBH" },
    });
    expect(refused(utf8("JJDBH,XZQHBH,BJLX\n1,330106,400100\n"))).toMatchObject({
      code: "EIX_ADAPTER_MISSING_FIELD",
      position: { field: "BJSJ" },
    });
  });

  test("malformed values: time, count, region, record number, event type", () => {
    const row = (cells: Record<string, string>) => {
      const all = { JJDBH: "1", XZQHBH: "330106", BJSJ: "2026-03-14 21:05:33", BJLX: "400100", ...cells };
      return utf8(`${Object.keys(all).join(",")}\n${Object.values(all).join(",")}\n`);
    };
    expect(refused(row({ BJSJ: "2026-02-30 10:00:00" })).code).toBe("EIX_TIME_INVALID");
    expect(refused(row({ SSRS: "两人" }))).toMatchObject({ code: "EIX_ADAPTER_BAD_VALUE", position: { field: "SSRS" } });
    expect(refused(row({ SSRS: "-1" })).code).toBe("EIX_ADAPTER_BAD_VALUE");
    expect(refused(row({ XZQHBH: "33010" })).code).toBe("EIX_ADAPTER_BAD_VALUE");
    expect(refused(row({ JJDBH: "接警单1" })).code).toBe("EIX_ADAPTER_BAD_VALUE");
    expect(refused(row({ SJLX: "fire" })).code).toBe("EIX_ADAPTER_BAD_VALUE");
  });

  test("CSV structure: an unclosed quote, a short row, a header without JJDBH", () => {
    expect(refused(corpus("cad110-unclosed-quote.csv"))).toMatchObject({ code: "EIX_ADAPTER_BAD_VALUE", position: { line: 2 } });
    expect(refused(utf8("JJDBH,XZQHBH\n1\n"))).toMatchObject({ code: "EIX_ADAPTER_BAD_VALUE", position: { row: 1 } });
    expect(refused(utf8("ID,NAME\n1,2\n")).code).toBe("EIX_ADAPTER_WRONG_FORMAT");
  });

  test("hostile or foreign input: DTDs, other XML, JSON that is no record, bad bytes, oversize", () => {
    const xxe = utf8(
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><BF_110><ROW><JJDBH>&x;</JJDBH></ROW></BF_110>',
    );
    expect(refused(xxe).code).toBe("EIX_XML_DTD_FORBIDDEN");
    expect(refused(utf8("<BF_110/>")).code).toBe("EIX_ADAPTER_WRONG_FORMAT");
    expect(refused(utf8('"just a string"')).code).toBe("EIX_ADAPTER_WRONG_FORMAT");
    expect(refused(utf8('[{"JJDBH": {"nested": 1}}]')).code).toBe("EIX_ADAPTER_BAD_VALUE");
    expect(refused(utf8("[1]")).code).toBe("EIX_ADAPTER_BAD_VALUE");
    expect(refused(new Uint8Array([0x4a, 0x4a, 0x44, 0x42, 0x48, 0x0a, 0xff, 0xff, 0xff])).code).toBe("EIX_CHARSET_INVALID");
    expect(refused(csvOf(fireRow), { limits: { maxBytes: 10 } }).code).toBe("EIX_ADAPTER_TOO_LARGE");
    expect(refused(csvOf(fireRow, fireRow), { limits: { maxMessages: 1 } }).code).toBe("EIX_ADAPTER_TOO_LARGE");
    expect(refused(new Uint8Array()).code).toBe("EIX_ADAPTER_WRONG_FORMAT");
  });

  test("bad source options", () => {
    expect(refused(csvOf(fireRow), { options: { datum: "beijing54" } })).toMatchObject({ code: "EIX_ADAPTER_BAD_VALUE" });
    expect(refused(csvOf(fireRow), { options: { personalData: "keep" } })).toMatchObject({ code: "EIX_ADAPTER_BAD_VALUE" });
    expect(refused(csvOf(fireRow), { options: { levels: { "1": "high" } } })).toMatchObject({ code: "EIX_ADAPTER_BAD_VALUE" });
  });

  test("every decoded message validates, and issues carry bilingual messages", () => {
    const result = decoded(adapter.decode(corpus("cad110-nanshan-batch-gb18030.csv"), gcj02Mask));
    for (const message of result.messages) expect(validate(message).valid).toBe(true);
    for (const issue of result.issues) {
      expect(issue.message["zh-CN"]).not.toBe("");
      expect(issue.message.en).not.toBe("");
    }
  });
});

describe("sniffing", () => {
  test("each shape and charset is recognised from its JJDBH column", () => {
    for (const file of [
      "cad110-fire-traffic-rows.xml",
      "cad110-hazmat-gb18030.xml",
      "cad110-hazmat-gb18030-undeclared.xml",
      "cad110-nanshan-batch-gb18030.csv",
      "cad110-not-reportable.csv",
      "cad110-chengdu-records.json",
      "cad110-fire-gb18030.json",
    ])
      expect(adapter.sniff(corpus(file)), file).toBe(0.9);
    expect(adapter.sniff(utf8("\ufeffjjdbh,xzqhbh\n"))).toBe(0.9);
  });

  test("other formats score 0", () => {
    for (const text of [
      "MSH|^~\\&|x",
      '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>',
      '{"reportKind":"initial"}',
      "ID,NAME\n1,JJDBH\n",
      "",
    ])
      expect(adapter.sniff(utf8(text)), text).toBe(0);
  });
});

describe("message ids: a resend is the same message, a changed record a new one", () => {
  const csv = (status: string) =>
    new TextEncoder().encode(
      "JJDBH,XZQHBH,BJSJ,BJLX,SFDZ,BJNR,AJZT\r\n" +
        `3301062026031400999,330106,2026-03-14 08:00:00,400100,西湖区文三路 1 号,厨房起火,${status}\r\n`,
    );
  const idOf = (bytes: Uint8Array) => {
    const result = adapter.decode(bytes, {});
    if (!result.ok) throw new Error(result.error.message);
    return result.messages[0]?.id;
  };

  test("the same record twice gives the same id; another case status gives another id, same incident", () => {
    expect(idOf(csv("10"))).toBe(idOf(csv("10")));
    expect(idOf(csv("20"))).not.toBe(idOf(csv("10")));
    expect(idOf(csv("20"))).toMatch(/^110-3301062026031400999-[0-9a-f]{12}$/);
  });
});

describe("案件状态 (AJZT): a record that closes the case is marked to conclude its chain", () => {
  const header = "JJDBH,XZQHBH,BJSJ,BJLX,SFDZ,BJNR,AJZT";
  const withStatus = (status: string) =>
    utf8(`${header}\r\n3301060001,330106,2026-03-14 21:05:33,400100,文三路7幢,厨房起火,${status}\r\n`);
  const eix = (result: DecodeResult) => incidents(result)[0]?.payload.extensions?.eix;

  test("closing words by default; a system's own codes by the closedStatuses option", () => {
    expect(eix(adapter.decode(withStatus("已结案"), {}))).toEqual({
      placement: "follow-up",
      concludes: true,
    });
    expect(eix(adapter.decode(withStatus("处置中"), {}))).toEqual({ placement: "follow-up" });
    expect(eix(adapter.decode(withStatus("40"), {}))).toEqual({ placement: "follow-up" });
    const coded = { options: { closedStatuses: ["40", "90"] } };
    expect(eix(adapter.decode(withStatus("40"), coded))).toEqual({ placement: "follow-up", concludes: true });
    // The option replaces the words: this system writes codes only.
    expect(eix(adapter.decode(withStatus("结案"), coded))).toEqual({ placement: "follow-up" });
  });

  test("closedStatuses must be a list of text; checkOptions says so before any record", () => {
    expect(adapter.checkOptions({ closedStatuses: "40" })?.messages.en).toContain("options.closedStatuses");
    expect(adapter.checkOptions({ closedStatuses: [40] })?.code).toBe("EIX_ADAPTER_BAD_VALUE");
    expect(adapter.checkOptions({ closedStatuses: ["40"], datum: "gcj02" })).toBeUndefined();
    expect(adapter.checkOptions({ datum: "mars" })?.messages.en).toContain("options.datum");
  });
});

describe("关联接警单编号 (GLJJDBH): a repeat call joins the first call's incident when the source says so", () => {
  const header = "JJDBH,GLJJDBH,XZQHBH,BJSJ,BJLX,SFDZ,BJNR";
  const repeat = utf8(`${header}\r\n3301060002,3301060001,330106,2026-03-14 21:07:10,400100,文三路7幢,楼道有烟\r\n`);
  const linked = { options: { linkedRecords: "same-incident" } };

  test("separate by default; same-incident takes the linked record's incident and keeps its own number", () => {
    expect(incidents(adapter.decode(repeat, {}))[0]?.payload.incidentId).toBe("110-3301060002");
    const [message] = incidents(adapter.decode(repeat, linked));
    expect(message?.payload.incidentId).toBe("110-3301060001");
    expect(message?.id).toMatch(/^110-3301060002-/);
    expect(message?.payload.extensions?.["public-security"]).toMatchObject({
      cad110: { recordNumber: "3301060002", fields: { GLJJDBH: "3301060001" } },
    });
  });

  test("encode writes the record's own JJDBH and its link back; decode → encode → decode is stable", () => {
    const [message] = incidents(adapter.decode(repeat, linked));
    const bytes = adapter.encode(message as Envelope, { options: { shape: "csv" } });
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("3301060002");
    expect(text).toContain("3301060001");
    const [again] = incidents(adapter.decode(bytes, linked));
    expect(withoutProvenance(again as Envelope)).toEqual(withoutProvenance(message as Envelope));
  });

  test("a record linked to itself stays its own incident; linkedRecords is checked", () => {
    const self = utf8(`${header}\r\n3301060003,3301060003,330106,2026-03-14 21:07:10,400100,文三路7幢,楼道有烟\r\n`);
    expect(incidents(adapter.decode(self, linked))[0]?.payload.incidentId).toBe("110-3301060003");
    expect(adapter.checkOptions({ linkedRecords: "merge" })?.messages.en).toContain("options.linkedRecords");
  });
});
