import { readFileSync } from "node:fs";
import {
  AdapterError,
  AdapterRegistry,
  weatherCn12379Adapter as adapter,
  type DecodeContext,
  type DecodeResult,
  type Envelope,
  parseXml,
} from "@eix/adapters";
import type { EnvelopeOf, Warning } from "@eix/schema";
import iconv from "iconv-lite";
import { describe, expect, test } from "vitest";

// Test files: the real 12379 message (copied byte for byte) and synthetic variants derived from
// it, with their provenance in test/corpus/cn12379/PROVENANCE.md.
const corpus = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../test/corpus/cn12379/${name}`, import.meta.url)));
const REAL = "henan-cma-11B06-blue-2020.xml";
const sampleText = new TextDecoder().decode(corpus(REAL));
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

/** The real sample with some of its text replaced; each replaced text must occur. */
function variant(...pairs: Array<[string, string]>): Uint8Array {
  let result = sampleText;
  for (const [from, to] of pairs) {
    if (!result.includes(from)) throw new Error(`the sample has no ${from}`);
    result = result.replace(from, to);
  }
  return bytes(result);
}

type Decoded = Extract<DecodeResult, { ok: true }>;

function decoded(data: Uint8Array, ctx: DecodeContext = {}): Decoded {
  const result = adapter.decode(data, ctx);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} ${JSON.stringify(result.issues)}`);
  return result;
}

function only(result: Decoded): EnvelopeOf<"warning"> {
  expect(result.messages).toHaveLength(1);
  const [message] = result.messages;
  if (message?.kind !== "warning") throw new Error("expected one warning");
  return message;
}

function failure(data: Uint8Array, ctx: DecodeContext = {}) {
  const result = adapter.decode(data, ctx);
  if (result.ok) throw new Error("expected the decoder to refuse the input");
  return result;
}

const weatherExtension = (payload: Warning) => (payload.extensions?.weather as { cn12379?: Record<string, unknown> })?.cn12379;

const withoutProvenance = ({ provenance: _ignored, ...rest }: Envelope) => rest;

/** decode → encode → decode gives the same message; the encoded XML is a namespace-less <alert>. */
function expectRoundTrip(data: Uint8Array, ctx: DecodeContext = {}): { first: EnvelopeOf<"warning">; encoded: Uint8Array } {
  const first = only(decoded(data, ctx));
  const encoded = adapter.encode?.(first) ?? new Uint8Array();
  const reparsed = parseXml(text(encoded));
  expect(reparsed.ok).toBe(true);
  if (reparsed.ok) {
    expect(reparsed.root.qname).toBe("alert");
    expect(reparsed.root.namespace).toBeUndefined();
  }
  const second = only(decoded(encoded, ctx));
  expect(withoutProvenance(second)).toEqual(withoutProvenance(first));
  return { first, encoded };
}

function thrownCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return AdapterError.is(error) ? error.code : `not an AdapterError: ${String(error)}`;
  }
  return undefined;
}

describe("weather.cn12379 — the real 12379 message of 河南省气象局", () => {
  test("decodes to a valid warning with the profile's fields mapped", () => {
    const result = decoded(corpus(REAL));
    const message = only(result);
    expect(result.issues.filter((issue) => issue.severity === "error")).toEqual([]);
    expect(message).toMatchObject({
      id: "41000041600000_20200205105119",
      schema: "eix/1",
      sentAt: "2020-02-05T10:45:00+08:00",
      sender: {
        unitId: "41000041600000",
        name: "河南省气象局",
        department: "weather",
        level: "provincial",
        regionCode: "410000",
      },
      status: "actual",
      classification: "public",
      references: [{ id: "41000041600000_20200204121842", unitId: "41000041600000", relation: "updates" }],
    });
    const payload = message.payload;
    expect(payload).toMatchObject({
      // An update's warning is the first message of its chain, which `references` names.
      warningId: "41000041600000_20200204121842",
      msgType: "update",
      eventType: "11B06",
      eventName: "大风",
      level: "blue",
      capSeverity: "Minor",
      urgency: "Unknown",
      certainty: "Unknown",
      effective: "2020-02-05T10:57:42+08:00",
      headline: "河南省气象局发布大风蓝色预警[IV级/一般]",
      language: "zh-CN",
      areas: [{ description: "河南省,河南省", regionCodes: ["410000"] }],
    });
    expect(payload.description).toContain("阵风6到7级");
    // Empty elements are absent values.
    expect(payload).not.toHaveProperty("onset");
    expect(payload).not.toHaveProperty("expires");
    expect(payload).not.toHaveProperty("instruction");
    const extension = weatherExtension(payload);
    expect(extension?.senderName).toBe("李飞");
    expect(extension?.areas).toEqual([{ geocode: ["410000000000,410000000000"] }]);
    const channels = extension?.channels as Array<Record<string, string>>;
    expect(channels.map((channel) => channel.methodName)).toEqual(["SPEAKER", "SMS", "WEB"]);
    expect(channels[1]).toMatchObject({
      audienceGrp: "d90a8856-1183-47b0-8d8d-29b0dbee6216,5080d87d-fd9e-4016-8d8d-2a86df9ab50a,",
      audenceprt: ",",
    });
    expect(channels[2]?.audienceGrp).toBe("");
    expect(result.source).toEqual({
      adapter: { id: "weather.cn12379", version: "0.1.0" },
      sourceFormat: "12379 warning profile (国家突发事件预警信息发布系统)",
      charset: "utf-8",
      rawSha256: "23eb0ab00b24c8baf58fe53addfa01bf594c7fbc6a61087ac8d2c06ea896c435",
    });
  });

  test("a hub id adds a provenance hop naming the adapter", () => {
    const message = only(decoded(corpus(REAL), { hubId: "hub-henan", now: () => new Date("2020-02-05T03:00:00Z") }));
    expect(message.provenance).toEqual([
      {
        hubId: "hub-henan",
        receivedAt: "2020-02-05T03:00:00.000Z",
        adapter: { id: "weather.cn12379", version: "0.1.0" },
        sourceFormat: "12379 warning profile (国家突发事件预警信息发布系统)",
        charset: "utf-8",
        rawSha256: "23eb0ab00b24c8baf58fe53addfa01bf594c7fbc6a61087ac8d2c06ea896c435",
      },
    ]);
  });

  test("decode → encode gives the source bytes back, and decode → encode → decode the same message", () => {
    const { encoded } = expectRoundTrip(corpus(REAL));
    expect(text(encoded)).toBe(sampleText);
  });

  test("a configured sender (ctx.sender) overrides the message's; its own code and name are kept for re-encoding", () => {
    const configured = {
      unitId: "henan-qxj",
      name: "河南省气象局（配置）",
      department: "weather",
      level: "provincial",
      regionCode: "410000",
    } as const;
    const message = only(decoded(corpus(REAL), { sender: configured }));
    expect(message.sender).toEqual(configured);
    expect(weatherExtension(message.payload)).toMatchObject({ senderCode: "41000041600000", sender: "河南省气象局" });
    expect(text(adapter.encode?.(message) ?? new Uint8Array())).toBe(sampleText);
  });
});

describe("weather.cn12379 — synthetic variants (test/corpus/cn12379)", () => {
  const reference = only(decoded(corpus(REAL)));

  test('GB18030 with encoding="GB18030" decodes to the same message', () => {
    const result = decoded(corpus("henan-11B06-blue-gb18030.xml"));
    expect(result.source.charset).toBe("gb18030");
    expect(result.issues).toEqual([]);
    expect(only(result)).toEqual(reference);
    expectRoundTrip(corpus("henan-11B06-blue-gb18030.xml"));
  });

  test("GB18030 without a declaration is detected, said so, and decodes to the same message", () => {
    const result = decoded(corpus("henan-11B06-blue-gb18030-undeclared.xml"));
    expect(result.source.charset).toBe("gb18030");
    expect(result.issues.map((issue) => issue.code)).toEqual(["EIX_CHARSET_GUESSED"]);
    expect(only(result)).toEqual(reference);
    expectRoundTrip(corpus("henan-11B06-blue-gb18030-undeclared.xml"));
  });

  test("`Cancle`, as seen in the field, is a cancellation, and is written back as Cancel", () => {
    const { first, encoded } = expectRoundTrip(corpus("henan-11B06-blue-cancle.xml"));
    expect(first.id).toBe("41000041600000_20200205180000_1");
    expect(first.payload).toMatchObject({ msgType: "cancel", warningId: "41000041600000_20200204121842" });
    expect(first.references).toEqual([{ id: "41000041600000_20200204121842", unitId: "41000041600000", relation: "cancels" }]);
    expect(weatherExtension(first.payload)?.note).toBe("河南省气象局2020年02月05日 18时00分解除大风蓝色预警信号");
    expect(text(encoded)).toContain("<msgType>Cancel</msgType>");
    expect(text(encoded)).not.toContain("Cancle");
    for (const word of ["CANCLE", "cancle", "cancel", "Cancel"]) {
      const message = only(decoded(bytes(text(corpus("henan-11B06-blue-cancle.xml")).replace("Cancle", word))));
      expect(message.payload.msgType).toBe("cancel");
    }
  });

  test("a red rainstorm with a polygon and several 12-digit geocodes", () => {
    const { first, encoded } = expectRoundTrip(corpus("zhengzhou-11B03-red-polygon.xml"));
    expect(first.sender).toEqual({
      unitId: "41010041600000",
      name: "郑州市气象局",
      department: "weather",
      level: "municipal",
      regionCode: "410100",
    });
    expect(first.references).toBeUndefined();
    const payload = first.payload;
    expect(payload).toMatchObject({
      warningId: "41010041600000_20200720063000",
      msgType: "alert",
      eventType: "11B03",
      eventName: "暴雨",
      level: "red",
      capSeverity: "Extreme",
      urgency: "Immediate",
      certainty: "Likely",
      effective: "2020-07-20T06:30:00+08:00",
      onset: "2020-07-20T06:30:00+08:00",
      expires: "2020-07-21T06:30:00+08:00",
    });
    expect(payload.instruction).toMatch(/^1\.政府及相关部门/);
    const [area] = payload.areas ?? [];
    // Tails of zeros dropped, the township code kept, the repeat removed, order kept.
    expect(area?.regionCodes).toEqual(["410102", "410103", "410104", "410105", "410122", "410105001000"]);
    expect(area?.polygons).toEqual([
      [
        { lat: 34.9, lon: 113.5 },
        { lat: 34.9, lon: 113.9 },
        { lat: 34.6, lon: 113.9 },
        { lat: 34.6, lon: 113.5 },
        { lat: 34.9, lon: 113.5 },
      ],
    ]);
    expect(area?.circles).toBeUndefined();
    // The geocode text goes back as written, repeat included.
    expect(text(encoded)).toBe(text(corpus("zhengzhou-11B03-red-polygon.xml")));
  });

  test("two references, comma- or space-separated, each with the sender part of its identifier", () => {
    const { first, encoded } = expectRoundTrip(corpus("henan-11B06-blue-update-two-references.xml"));
    expect(first.references).toEqual([
      { id: "41000041600000_20200204121842", unitId: "41000041600000", relation: "updates" },
      { id: "41000041600000_20200205105119", unitId: "41000041600000", relation: "updates" },
    ]);
    expect(first.payload.warningId).toBe("41000041600000_20200204121842");
    expect(text(encoded)).toContain("<references>41000041600000_20200204121842,41000041600000_20200205105119</references>");

    const spaced = bytes(
      text(corpus("henan-11B06-blue-update-two-references.xml")).replace(
        ",41000041600000_20200205105119",
        " 41000041600000_20200205105119",
      ),
    );
    const { first: fromSpaced, encoded: spacedOut } = expectRoundTrip(spaced);
    expect(fromSpaced.references).toEqual(first.references);
    expect(text(spacedOut)).toContain("<references>41000041600000_20200204121842 41000041600000_20200205105119</references>");
  });

  test("a classified secClassification (秘密) is refused by the canonical rule", () => {
    const result = failure(corpus("henan-11B06-blue-classified.xml"));
    expect(result.error.code).toBe("EIX_ADAPTER_INVALID_OUTPUT");
    expect(result.error.message).toContain("EIX_SCHEMA_CLASSIFIED_REFUSED");
    expect(result.issues).toContainEqual(
      expect.objectContaining({ code: "EIX_SCHEMA_CLASSIFIED_REFUSED", path: "/classification" }),
    );
    for (const marking of ["机密", "绝密", "Secret", "TOP SECRET", "confidential"]) {
      const refused = failure(variant(["<secClassification>None", `<secClassification>${marking}`]));
      expect(refused.issues.map((issue) => issue.code)).toContain("EIX_SCHEMA_CLASSIFIED_REFUSED");
    }
  });
});

describe("weather.cn12379 — leniency on input", () => {
  test("severity: colour words in any case and in Chinese, CAP words, Unknown; CAP severity derived", () => {
    const cases: Array<[string, Partial<Warning>]> = [
      ["Red", { level: "red", capSeverity: "Extreme" }],
      ["ORANGE", { level: "orange", capSeverity: "Severe" }],
      ["yellow", { level: "yellow", capSeverity: "Moderate" }],
      ["红色", { level: "red", capSeverity: "Extreme" }],
      ["橙色", { level: "orange", capSeverity: "Severe" }],
      ["黄色", { level: "yellow", capSeverity: "Moderate" }],
      ["蓝色", { level: "blue", capSeverity: "Minor" }],
      ["Severe", { level: "orange", capSeverity: "Severe" }],
      ["Unknown", { capSeverity: "Unknown" }],
    ];
    for (const [word, expected] of cases) {
      const message = only(decoded(variant(["<severity>Blue</severity>", `<severity>${word}</severity>`])));
      expect({ level: message.payload.level, capSeverity: message.payload.capSeverity }).toEqual({
        level: undefined,
        ...expected,
      });
      const out = text(adapter.encode?.(message) ?? new Uint8Array());
      expect(out).toContain(
        `<severity>${expected.level ? expected.level[0]?.toUpperCase() + expected.level.slice(1) : "Unknown"}</severity>`,
      );
    }
  });

  test("an unknown severity word is reported, kept and written back", () => {
    const result = decoded(variant(["<severity>Blue</severity>", "<severity>紫色</severity>"]));
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        code: "EIX_ADAPTER_UNMAPPED",
        severity: "warning",
        position: expect.objectContaining({ at: "/alert/info[0]/severity" }),
      }),
    );
    const { first, encoded } = expectRoundTrip(variant(["<severity>Blue</severity>", "<severity>紫色</severity>"]));
    expect(first.payload.level).toBeUndefined();
    expect(weatherExtension(first.payload)?.severity).toBe("紫色");
    expect(text(encoded)).toContain("<severity>紫色</severity>");
  });

  test("times without offset are Beijing time, said so with the element's position", () => {
    const result = decoded(
      variant(["<sendTime>2020-02-05 10:45:00+08:00", "<sendTime>2020-02-05 10:45:00"], ["10:57:42+08:00", "10:57:42"]),
    );
    const message = only(result);
    expect(message.sentAt).toBe("2020-02-05T10:45:00+08:00");
    expect(message.payload.effective).toBe("2020-02-05T10:57:42+08:00");
    const assumed = result.issues.filter((issue) => issue.code === "EIX_TIME_LOCAL_ASSUMED");
    expect(assumed.map((issue) => issue.path)).toEqual(["/sentAt", "/payload/effective"]);
    expect(assumed[0]?.position).toEqual({ line: 6, column: 5, at: "/alert/sendTime" });
    expect(text(adapter.encode?.(message) ?? new Uint8Array())).toBe(sampleText);
  });

  test("status, scope and secClassification words map to canonical status and handling", () => {
    const system = decoded(variant(["<status>Actual", "<status>System"]));
    expect(only(system).status).toBe("test");
    expect(system.issues.map((issue) => issue.code)).toContain("EIX_ADAPTER_UNMAPPED");
    expect(text(expectRoundTrip(variant(["<status>Actual", "<status>System"])).encoded)).toContain("<status>System</status>");
    expect(only(decoded(variant(["<status>Actual", "<status>exercise"]))).status).toBe("exercise");

    const privateScope = expectRoundTrip(variant(["<scope>Public", "<scope>Private"]));
    expect(privateScope.first.classification).toBe("restricted");
    expect(text(privateScope.encoded)).toBe(sampleText.replace("<scope>Public", "<scope>Private"));

    expect(only(decoded(variant(["<secClassification>None", "<secClassification>内部"]))).classification).toBe("internal");
    expect(only(decoded(variant(["<secClassification>None", "<secClassification>无"]))).classification).toBe("public");
    const unknown = decoded(variant(["<secClassification>None", "<secClassification>Sensitive"]));
    expect(only(unknown).classification).toBe("restricted");
    expect(unknown.issues).toContainEqual(expect.objectContaining({ code: "EIX_ADAPTER_UNMAPPED", path: "/classification" }));
  });

  test("a geocode token that is not a region code is reported and written back as it came", () => {
    const input = variant(["<geocode>410000000000,410000000000", "<geocode>410000000000,4100X0,410100000000"]);
    const result = decoded(input);
    expect(only(result).payload.areas?.[0]?.regionCodes).toEqual(["410000", "410100"]);
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        code: "EIX_ADAPTER_UNMAPPED",
        position: expect.objectContaining({ at: "/alert/info[0]/area[0]/geocode" }),
      }),
    );
    expect(text(expectRoundTrip(input).encoded)).toContain("<geocode>410000000000,4100X0,410100000000</geocode>");
  });

  test("event type codes are upper-cased; a further info with its own language becomes a translation", () => {
    expect(only(decoded(variant(["<eventType>11B06", "<eventType>11b06"]))).payload.eventType).toBe("11B06");
    const english = `    <info>
        <language>en-US</language>
        <eventType>11B06</eventType>
        <headline>Henan: blue gale warning</headline>
        <description>Northerly winds of force 5, gusts 6 to 7, in most of the province within 24 hours.</description>
    </info>
</alert>`;
    const { first, encoded } = expectRoundTrip(variant(["</alert>", english.trimStart()]));
    expect(first.payload.translations).toEqual([
      {
        language: "en-US",
        headline: "Henan: blue gale warning",
        description: "Northerly winds of force 5, gusts 6 to 7, in most of the province within 24 hours.",
      },
    ]);
    expect(text(encoded).match(/<info>/g)).toHaveLength(2);
  });
});

describe("weather.cn12379 — bad input never throws", () => {
  test("missing identifier, senderCode or sendTime: EIX_ADAPTER_MISSING_FIELD with the element path", () => {
    const cases: Array<[Uint8Array, string]> = [
      [variant(["<identifier>41000041600000_20200205105119</identifier>", ""]), "/alert/identifier"],
      [variant(["<identifier>41000041600000_20200205105119</identifier>", "<identifier/>"]), "/alert/identifier"],
      [variant(["<senderCode>41000041600000</senderCode>", ""]), "/alert/senderCode"],
      [variant(["<sendTime>2020-02-05 10:45:00+08:00</sendTime>", "<sendTime> </sendTime>"]), "/alert/sendTime"],
    ];
    for (const [input, at] of cases) {
      const { error } = failure(input);
      expect(error.code).toBe("EIX_ADAPTER_MISSING_FIELD");
      expect(error.position?.at).toBe(at);
      expect(error.position?.line).toBeGreaterThan(0);
      expect(error.messages["zh-CN"]).toContain(at);
    }
  });

  test("a sender code that is not 14 digits: EIX_ADAPTER_BAD_VALUE", () => {
    for (const code of ["4100004160000", "410000416000001", "41000041600A00", "01000041600000"]) {
      const { error } = failure(variant(["<senderCode>41000041600000", `<senderCode>${code}`]));
      expect(error.code).toBe("EIX_ADAPTER_BAD_VALUE");
      expect(error.position).toEqual({ line: 5, column: 5, at: "/alert/senderCode" });
    }
  });

  test("unreadable times, message types, event codes and coordinates are refused with their position", () => {
    const cases: Array<[Uint8Array, string, string]> = [
      [variant(["2020-02-05 10:57:42+08:00", "2020-02-31 10:57:42+08:00"]), "EIX_TIME_INVALID", "/alert/info[0]/effective"],
      [variant(["<msgType>Update", "<msgType>Ack"]), "EIX_ADAPTER_BAD_VALUE", "/alert/msgType"],
      [variant(["<msgType>Update</msgType>", "<msgType/>"]), "EIX_ADAPTER_MISSING_FIELD", "/alert/msgType"],
      [variant(["<eventType>11B06", "<eventType>大风"]), "EIX_ADAPTER_BAD_VALUE", "/alert/info[0]/eventType"],
      [
        variant(["<polygon/>", "<polygon>34.9,113.5 95,113.9</polygon>"]),
        "EIX_COORD_INVALID",
        "/alert/info[0]/area[0]/polygon[0]",
      ],
      [variant(["<references>41000041600000_20200204121842", "<references>编号1"]), "EIX_ADAPTER_BAD_VALUE", "/alert/references"],
    ];
    for (const [input, code, at] of cases) {
      const { error } = failure(input);
      expect([error.code, error.position?.at]).toEqual([code, at]);
    }
  });

  test("hostile and foreign input: DOCTYPE, truncation, wrong root, namespaced CAP, size, garbage", () => {
    const xxe = sampleText.replace("<alert>", '<!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<alert>');
    expect(failure(bytes(xxe)).error.code).toBe("EIX_XML_DTD_FORBIDDEN");
    expect(failure(bytes(sampleText.slice(0, 900))).error.code).toBe("EIX_XML_MALFORMED");
    expect(failure(bytes("<warning><identifier>x</identifier></warning>")).error.code).toBe("EIX_ADAPTER_WRONG_FORMAT");
    const cap = failure(bytes('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</identifier></alert>'));
    expect(cap.error.code).toBe("EIX_ADAPTER_WRONG_FORMAT");
    expect(cap.error.message).toContain("weather.cap");
    expect(failure(corpus(REAL), { limits: { maxBytes: 1000 } }).error.code).toBe("EIX_ADAPTER_TOO_LARGE");
    expect(failure(new Uint8Array()).error.code).toBe("EIX_XML_MALFORMED");
    expect(failure(new Uint8Array([0xff, 0x00, 0xfe, 0x81, 0x30, 0x00])).ok).toBe(false);
    expect(failure(bytes('{"alert": {}}')).error.code).toBe("EIX_XML_MALFORMED");
  });
});

describe("weather.cn12379 — sniff", () => {
  test("a namespace-less <alert> with senderCode/sendTime scores 0.9, namespaced CAP 0", () => {
    expect(adapter.sniff(corpus(REAL))).toBe(0.9);
    expect(adapter.sniff(corpus("henan-11B06-blue-gb18030.xml"))).toBe(0.9);
    expect(adapter.sniff(corpus("henan-11B06-blue-gb18030-undeclared.xml"))).toBe(0.9);
    expect(adapter.sniff(new Uint8Array([0xef, 0xbb, 0xbf, ...corpus(REAL)]))).toBe(0.9);
    expect(adapter.sniff(new Uint8Array(iconv.encode(`\ufeff${sampleText.replace("UTF-8", "UTF-16")}`, "utf-16le")))).toBe(0.9);
    // A DOCTYPE does not hide the format: decoding then refuses it with EIX_XML_DTD_FORBIDDEN.
    expect(adapter.sniff(bytes(sampleText.replace("<alert>", "<!DOCTYPE alert [<!ENTITY x 'y'>]>\n<alert>")))).toBe(0.9);
    expect(adapter.sniff(bytes("<!-- 12379 --><alert><sendTime>2020-02-05 10:45:00+08:00</sendTime></alert>"))).toBe(0.9);
    expect(
      adapter.sniff(bytes('<?xml version="1.0"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><senderCode/></alert>')),
    ).toBe(0);
    expect(
      adapter.sniff(bytes('<cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2"><cap:identifier/></cap:alert>')),
    ).toBe(0);
    expect(adapter.sniff(bytes("<alert><identifier>x</identifier><sender>y</sender></alert>"))).toBe(0.2);
    expect(adapter.sniff(bytes("<alerts><senderCode/></alerts>"))).toBe(0);
    expect(adapter.sniff(bytes('{"senderCode": "41000041600000"}'))).toBe(0);
    expect(adapter.sniff(new Uint8Array())).toBe(0);
  });

  test("the registry picks the adapter from the bytes", () => {
    const registry = new AdapterRegistry().register(adapter);
    expect(registry.pick({ bytes: corpus(REAL) }).id).toBe("weather.cn12379");
    expect(registry.pick({ mediaType: "application/xml; charset=GB18030" }).id).toBe("weather.cn12379");
  });
});

describe("weather.cn12379 — encode", () => {
  // A warning as a CAP source would give it: nothing of the 12379 profile under extensions.
  const capStyle: Envelope = {
    id: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
    schema: "eix/1",
    kind: "warning",
    sentAt: "2020-07-19T22:30:00Z",
    sender: { unitId: "41010041600000", name: "郑州市气象局", department: "weather", level: "municipal", regionCode: "410100" },
    status: "actual",
    classification: "public",
    payload: {
      warningId: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
      msgType: "alert",
      eventType: "11B03",
      eventName: "暴雨",
      level: "red",
      capSeverity: "Extreme",
      urgency: "Immediate",
      certainty: "Likely",
      effective: "2020-07-20T06:30:00+08:00",
      onset: "2020-07-20T06:30:00+08:00",
      expires: "2020-07-21T06:30:00+08:00",
      headline: "郑州市气象局发布暴雨红色预警",
      description: "预计未来3小时，金水区、中牟县降雨量将达100毫米以上。",
      instruction: "停止集会、停课、停业。",
      language: "zh-CN",
      areas: [
        {
          description: "金水区,中牟县",
          regionCodes: ["410105", "410122"],
          polygons: [
            [
              { lat: 34.9, lon: 113.5 },
              { lat: 34.9, lon: 113.9 },
              { lat: 34.6, lon: 113.9 },
              { lat: 34.9, lon: 113.5 },
            ],
          ],
        },
      ],
    },
  };

  test("a CAP-style canonical warning goes to 12379 and back with its core fields", () => {
    const encoded = adapter.encode?.(capStyle) ?? new Uint8Array();
    const xml = text(encoded);
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<alert>\n    <identifier>41010041600000_20200720063000</identifier>',
      ),
    ).toBe(true);
    expect(xml).toContain("<sendTime>2020-07-20 06:30:00+08:00</sendTime>");
    expect(xml).toContain("<severity>Red</severity>");
    expect(xml).toContain("<geocode>410105000000,410122000000</geocode>");
    expect(xml).toContain("<polygon>34.9,113.5 34.9,113.9 34.6,113.9 34.9,113.5</polygon>");
    expect(xml).toContain("<code/>");
    expect(xml).toContain("<references/>");
    const back = only(decoded(encoded));
    expect(back.sender).toEqual(capStyle.sender);
    expect(back.sentAt).toBe("2020-07-20T06:30:00+08:00");
    expect(Date.parse(back.sentAt)).toBe(Date.parse(capStyle.sentAt));
    expect([back.status, back.classification]).toEqual(["actual", "public"]);
    const { warningId: _id, ...core } = capStyle.payload as Warning;
    expect(back.payload).toEqual({ ...core, warningId: "41010041600000_20200720063000" });
  });

  test("times in another offset are written in Beijing time; a GB18030 encoding can be asked for", () => {
    const message = only(decoded(corpus(REAL)));
    const utc = { ...message, sentAt: "2020-02-05T02:45:00.250Z" };
    expect(text(adapter.encode?.(utc) ?? new Uint8Array())).toContain("<sendTime>2020-02-05 10:45:00+08:00</sendTime>");
    const gb = adapter.encode?.(message, { options: { charset: "GB18030" } }) ?? new Uint8Array();
    expect(iconv.decode(Buffer.from(gb), "gb18030")).toBe(sampleText.replace('encoding="UTF-8"', 'encoding="GB18030"'));
    expect(only(decoded(gb))).toEqual(message);
    expect(thrownCode(() => adapter.encode?.(message, { options: { charset: "Big5" } }))).toBe("EIX_CHARSET_UNSUPPORTED");
  });

  test("refuses what the profile cannot say: other kinds, no sender code", () => {
    const ack: Envelope = {
      id: "ack-1",
      schema: "eix/1",
      kind: "ack",
      sentAt: "2020-02-05T10:45:00+08:00",
      sender: capStyle.sender,
      status: "actual",
      classification: "public",
      payload: { of: "x", type: "received", at: "2020-02-05T10:45:00+08:00" },
    } as Envelope;
    expect(thrownCode(() => adapter.encode?.(ack))).toBe("EIX_ADAPTER_UNSUPPORTED_KIND");
    const noCode = { ...capStyle, sender: { ...capStyle.sender, unitId: "zhengzhou-qxj" } };
    expect(thrownCode(() => adapter.encode?.(noCode))).toBe("EIX_ADAPTER_MISSING_FIELD");
  });

  test("a cancellation with only warningId and msgType gets the sample's empty skeleton", () => {
    const cancel: Envelope = {
      ...capStyle,
      id: "41010041600000_20200720120000",
      sentAt: "2020-07-20T12:00:00+08:00",
      references: [{ id: "41010041600000_20200720063000", relation: "cancels" }],
      payload: { warningId: "41010041600000_20200720063000", msgType: "cancel" },
    };
    const xml = text(adapter.encode?.(cancel) ?? new Uint8Array());
    for (const empty of ["<eventType/>", "<severity/>", "<onset/>", "<expires/>", "<areaDesc/>", "<geocode/>", "<note/>"])
      expect(xml).toContain(empty);
    const back = only(decoded(bytes(xml)));
    expect(back.payload).toEqual({ warningId: "41010041600000_20200720063000", msgType: "cancel", language: "zh-CN" });
    expect(back.references).toEqual([{ id: "41010041600000_20200720063000", unitId: "41010041600000", relation: "cancels" }]);
  });
});
