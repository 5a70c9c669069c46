import { readdirSync, readFileSync } from "node:fs";
import { createRegistry, type DecodeContext, type DecodeResult, weatherCapAdapter } from "@eix/adapters";
import type { Envelope, Unit, Warning } from "@eix/schema";
import iconv from "iconv-lite";
import { describe, expect, test } from "vitest";
import { validateXML } from "xmllint-wasm";

const corpusDir = new URL("../../../test/corpus/cap/", import.meta.url);
const corpus = (name: string) => new Uint8Array(readFileSync(new URL(name, corpusDir)));
const bytes = (text: string) => new TextEncoder().encode(text);
const xsd = readFileSync(new URL("schema/CAP-v1.2.xsd", corpusDir), "utf8");

// A hub relaying a foreign feed configures the unit it stands for: CAP's <sender> is free text.
const feed: Unit = {
  unitId: "FOREIGN-CAP-FEED",
  name: "境外预警信息接收",
  department: "weather",
  level: "national",
  regionCode: "110000",
};
const ctx: DecodeContext = { sender: feed };

function decoded(result: DecodeResult): Extract<DecodeResult, { ok: true }> {
  if (!result.ok) expect.fail(`${result.error.code}: ${result.error.message}`);
  return result;
}

function warningOf(message: Envelope | undefined): Warning {
  if (message?.kind !== "warning") expect.fail("expected a warning");
  return message.payload;
}

function codeOf(result: DecodeResult): string | undefined {
  return result.ok ? undefined : result.error.code;
}

const capFiles = readdirSync(corpusDir).filter((name) => /\.(cap|xml)$/.test(name));
const refused: Record<string, string> = {
  "google-xee.cap": "EIX_XML_DTD_FORBIDDEN",
  "google-invalid.cap": "EIX_ADAPTER_MISSING_FIELD",
  "google-canada_errors.cap": "EIX_ADAPTER_BAD_VALUE",
  "google-noaa_errors.cap": "EIX_ADAPTER_BAD_VALUE",
  "google-no_optional_fields.cap": "EIX_ADAPTER_MISSING_FIELD",
};

describe("weather.cap on the corpus", () => {
  test.each(capFiles.filter((f) => !(f in refused)))("%s: re-encoded CAP 1.2 validates against CAP-v1.2.xsd", async (file) => {
    const result = decoded(weatherCapAdapter.decode(corpus(file), ctx));
    for (const message of result.messages) {
      const xml = new TextDecoder().decode(weatherCapAdapter.encode(message, { blobs: result.blobs }));
      const verdict = await validateXML({
        xml: [{ fileName: "alert.xml", contents: xml }],
        schema: [{ fileName: "CAP-v1.2.xsd", contents: xsd }],
      });
      expect(verdict.errors.map((e) => e.rawMessage)).toEqual([]);
      expect(verdict.valid).toBe(true);
    }
  });

  test.each(Object.entries(refused))("%s is refused with %s", (file, code) => {
    const result = weatherCapAdapter.decode(corpus(file), ctx);
    expect(codeOf(result)).toBe(code);
  });

  test("the invalid files fail for the reasons their names give", () => {
    const invalid = weatherCapAdapter.decode(corpus("google-invalid.cap"), ctx);
    expect(!invalid.ok && invalid.error.position).toMatchObject({ at: "/alert/scope" });
    for (const file of ["google-canada_errors.cap", "google-noaa_errors.cap"]) {
      const result = weatherCapAdapter.decode(corpus(file), ctx);
      expect(!result.ok && result.error.position?.at).toBe("/alert/references");
      expect(!result.ok && result.error.position?.line).toBeGreaterThan(1);
    }
  });
});

describe("weather.cap mapping", () => {
  test("severity maps to the colour level, the event to the national code", () => {
    const warning = warningOf(decoded(weatherCapAdapter.decode(corpus("google-thunderstorm.cap"), ctx)).messages[0]);
    expect(warning).toMatchObject({ msgType: "alert", capSeverity: "Severe", level: "orange", eventType: "11B14" });
  });

  test("a multilingual alert is one warning with its translations (zh-MO, pt-PT, en-US)", () => {
    const result = decoded(weatherCapAdapter.decode(corpus("kde-mo-cap_monsoon.xml"), ctx));
    expect(result.messages).toHaveLength(1);
    const warning = warningOf(result.messages[0]);
    const languages = [warning.language, ...(warning.translations ?? []).map((t) => t.language)].map((l) => l?.toLowerCase());
    expect(languages.sort()).toEqual(["en-us", "pt-pt", "zh-mo"]);
    expect(warning.eventType).toBe("11B06");
  });

  test("references become envelope references; an update keeps the first alert's warning id", () => {
    const result = decoded(weatherCapAdapter.decode(corpus("google-canada.cap"), ctx));
    const message = result.messages[0];
    expect(message?.references?.length).toBeGreaterThan(0);
    expect(message?.references?.[0]).toMatchObject({ unitId: "cap@ec.gc.ca", relation: "updates" });
    expect(warningOf(message).warningId).toBe(message?.references?.[0]?.id);
  });

  test("a Cancel without info is a cancellation naming what it cancels", () => {
    const result = decoded(weatherCapAdapter.decode(corpus("oasiscap-ipaws-5e6dd9de023f1930ef6548d9.xml"), ctx));
    const warning = warningOf(result.messages[0]);
    expect(warning.msgType).toBe("cancel");
    expect(warning.warningId).toBe("AS-NV-e18921c7-1b35-4a81-9705-42d25c265ddd");
    expect(result.issues.map((i) => i.code)).toContain("EIX_ADAPTER_SIGNATURE_UNVERIFIED");
  });

  test("an enveloped signature is kept verbatim and re-emitted", () => {
    const result = decoded(weatherCapAdapter.decode(corpus("google-canada_signed.cap"), ctx));
    const weather = warningOf(result.messages[0]).extensions?.weather as { cap: { signatures: string[] } } | undefined;
    const cap = weather?.cap ?? { signatures: [] };
    expect(cap.signatures[0]).toMatch(/^<Signature[\s\S]*<\/Signature>$/);
    expect(new TextDecoder().decode(weatherCapAdapter.encode(result.messages[0] as Envelope, { blobs: result.blobs }))).toContain(
      cap.signatures[0],
    );
  });

  test("derefUri content travels as a blob with its digest, never inside the message", () => {
    const result = decoded(weatherCapAdapter.decode(corpus("oasiscap-ipaws-5e7e0fc5023f1930efcf3deb.xml"), ctx));
    const attachment = warningOf(result.messages[0]).attachments?.[0];
    expect(attachment?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.blobs.get(attachment?.sha256 ?? "")?.byteLength).toBeGreaterThan(1000);
    expect(JSON.stringify(result.messages)).not.toContain("AAAAAAAAAAAAAAAA");
    expect(() => weatherCapAdapter.encode(result.messages[0] as Envelope, {})).toThrow(/attachment/);
  });

  test("polygons and circles are read latitude first", () => {
    const result = decoded(weatherCapAdapter.decode(corpus("oasiscap-v1dot2_appendix_adot3.xml"), ctx));
    const area = warningOf(result.messages[0]).areas?.[0];
    expect(area?.circles?.[0]).toEqual({ center: { lat: 32.9525, lon: -115.5527 }, radiusKm: 0 });
    const polygon = warningOf(decoded(weatherCapAdapter.decode(corpus("google-thunderstorm.cap"), ctx)).messages[0]).areas?.[0]
      ?.polygons?.[0];
    expect(polygon?.[0]).toEqual({ lat: 38.47, lon: -120.14 });
  });

  test("12-digit CPEAS geocodes become GB/T 2260 region codes; prefixed elements and any order are read", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">
  <cap:sender>41000041600000</cap:sender><cap:identifier>41000041600000_20260710080000</cap:identifier>
  <cap:status>Actual</cap:status><cap:sent>2026-07-10T08:00:00+08:00</cap:sent><cap:scope>Public</cap:scope><cap:msgType>Alert</cap:msgType>
  <cap:info>
    <cap:event>暴雨</cap:event><cap:category>Met</cap:category><cap:language>zh-CN</cap:language>
    <cap:urgency>Immediate</cap:urgency><cap:severity>Extreme</cap:severity><cap:certainty>Likely</cap:certainty>
    <cap:area><cap:areaDesc>郑州市</cap:areaDesc><cap:geocode><cap:valueName>CPEAS</cap:valueName><cap:value>410100000000</cap:value></cap:geocode>
    <cap:geocode><cap:valueName>CPEAS</cap:valueName><cap:value>410102001000</cap:value></cap:geocode></cap:area>
  </cap:info>
</cap:alert>`;
    const result = decoded(weatherCapAdapter.decode(bytes(xml)));
    const message = result.messages[0];
    // Without a configured sender, a 14-character sender code identifies the unit.
    expect(message?.sender).toMatchObject({ unitId: "41000041600000", regionCode: "410000", level: "provincial" });
    const warning = warningOf(message);
    expect(warning).toMatchObject({ eventType: "11B03", level: "red", language: "zh-CN" });
    expect(warning.areas?.[0]?.regionCodes).toEqual(["410100", "410102001000"]);
  });

  test("CAP 1.1 and 1.0 namespaces are read and recorded as the source format", () => {
    const v11 = decoded(weatherCapAdapter.decode(corpus("google-weather.cap"), ctx));
    expect(v11.source.sourceFormat).toBe("CAP 1.1");
    const v10 = bytes(
      `<alert xmlns="http://www.incident.com/cap/1.0"><identifier>x1</identifier><sender>s@example.org</sender><sent>2003-06-11T22:39:00-07:00</sent><status>Actual</status><msgType>Alert</msgType><password>secret</password><scope>Public</scope><info><category>Geo</category><event>Earthquake</event><urgency>Past</urgency><severity>Minor</severity><certainty>Very Likely</certainty></info></alert>`,
    );
    const result = decoded(weatherCapAdapter.decode(v10, ctx));
    expect(result.source.sourceFormat).toBe("CAP 1.0");
    expect(warningOf(result.messages[0])).toMatchObject({ eventType: "11C02", certainty: "Likely" });
  });

  test("a local time without offset is read as Beijing time, with a warning", () => {
    const xml = `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>t1</identifier><sender>s</sender><sent>2026-07-10 08:00:00</sent><status>Test</status><msgType>Alert</msgType><scope>Public</scope><info><category>Met</category><event>大风</event><urgency>Expected</urgency><severity>Minor</severity><certainty>Likely</certainty></info></alert>`;
    const result = decoded(weatherCapAdapter.decode(bytes(xml), ctx));
    expect(result.messages[0]?.sentAt).toBe("2026-07-10T08:00:00+08:00");
    expect(result.messages[0]?.status).toBe("test");
    expect(result.issues.map((i) => i.code)).toContain("EIX_TIME_LOCAL_ASSUMED");
  });

  test("an unrecognised event keeps its name and falls back to the category's code, with an issue", () => {
    const result = decoded(weatherCapAdapter.decode(corpus("oasiscap-v1dot2_appendix_adot1.xml"), ctx));
    const warning = warningOf(result.messages[0]);
    expect(warning.eventName).toBe("Homeland Security Advisory System Update");
    expect(warning.eventType).toBe("14F00");
  });

  test("without a configured sender a free-text CAP sender is refused with a clear code", () => {
    const result = weatherCapAdapter.decode(corpus("google-thunderstorm.cap"));
    expect(codeOf(result)).toBe("EIX_ADAPTER_MISSING_FIELD");
  });

  test("non-warnings cannot be encoded as CAP", () => {
    const incident = { kind: "incident" } as unknown as Envelope;
    expect(() => weatherCapAdapter.encode(incident)).toThrow(expect.objectContaining({ code: "EIX_ADAPTER_UNSUPPORTED_KIND" }));
  });

  test("sniffing tells CAP from the 12379 profile", () => {
    const registry = createRegistry();
    expect(registry.pick({ bytes: corpus("google-thunderstorm.cap") }).id).toBe("weather.cap");
    expect(registry.pick({ bytes: corpus("cn/marquisXuan-henan-cma-11B06-blue-2020.xml") }).id).toBe("weather.cn12379");
  });
});

describe("weather.cap on hostile input", () => {
  test("the XXE file never fetches anything", () => {
    expect(codeOf(weatherCapAdapter.decode(corpus("google-xee.cap"), ctx))).toBe("EIX_XML_DTD_FORBIDDEN");
  });

  test("billion laughs is refused", () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&c;</identifier></alert>`;
    expect(codeOf(weatherCapAdapter.decode(bytes(laughs), ctx))).toBe("EIX_XML_DTD_FORBIDDEN");
  });

  test("10,000-deep nesting is refused", () => {
    const deep = `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">${"<x>".repeat(10_000)}${"</x>".repeat(10_000)}</alert>`;
    expect(codeOf(weatherCapAdapter.decode(bytes(deep), ctx))).toBe("EIX_XML_TOO_DEEP");
  });

  test("truncated XML is refused with line and column", () => {
    const text = new TextDecoder().decode(corpus("google-thunderstorm.cap"));
    const result = weatherCapAdapter.decode(bytes(text.slice(0, Math.floor(text.length / 2))), ctx);
    expect(codeOf(result)).toBe("EIX_XML_MALFORMED");
    expect(!result.ok && result.error.position?.line).toBeGreaterThan(0);
  });

  test("a 100 MB body is refused before parsing", () => {
    // Zero bytes would not even be XML: refused from its length alone, nothing decoded or parsed.
    const huge = new Uint8Array(100 * 1024 * 1024);
    const result = weatherCapAdapter.decode(huge, ctx);
    expect(codeOf(result)).toBe("EIX_ADAPTER_TOO_LARGE");
    expect(!result.ok && result.error.messages.en).toContain(String(huge.byteLength));
  });

  test("GB18030 with and without a declaration; ISO-8859-1", () => {
    const zh = `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>gb1</identifier><sender>s</sender><sent>2026-07-10T08:00:00+08:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope><info><language>zh-CN</language><category>Met</category><event>暴雪</event><urgency>Expected</urgency><severity>Moderate</severity><certainty>Likely</certainty><headline>省气象台发布暴雪黄色预警</headline></info></alert>`;
    const declared = new Uint8Array(iconv.encode(`<?xml version="1.0" encoding="GB18030"?>${zh}`, "gb18030"));
    const undeclared = new Uint8Array(iconv.encode(zh, "gb18030"));
    for (const input of [declared, undeclared]) {
      const result = decoded(weatherCapAdapter.decode(input, ctx));
      expect(result.source.charset).toBe("gb18030");
      expect(warningOf(result.messages[0])).toMatchObject({
        headline: "省气象台发布暴雪黄色预警",
        level: "yellow",
        eventType: "11B04",
      });
    }
    expect(decoded(weatherCapAdapter.decode(undeclared, ctx)).issues.map((i) => i.code)).toContain("EIX_CHARSET_GUESSED");
    const latin = decoded(weatherCapAdapter.decode(corpus("google-earthquake-iso8859-1.cap"), ctx));
    expect(latin.source.charset).toBe("iso-8859-1");
  });
});
