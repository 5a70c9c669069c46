import { readFileSync } from "node:fs";
import { type DecodeResult, EDXL_VALUE_LISTS, nationalEdxlAdapter, parseXml, type XmlElement } from "@eix/adapters";
import type { Envelope } from "@eix/schema";
import { describe, expect, test } from "vitest";

const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../schema/examples/valid/${name}`, import.meta.url), "utf8")) as Envelope;
const bytes = (value: string) => new TextEncoder().encode(value);
const xmlOf = (message: Envelope) => new TextDecoder().decode(nationalEdxlAdapter.encode(message));
const jsonOf = (message: Envelope) =>
  JSON.parse(new TextDecoder().decode(nationalEdxlAdapter.encode(message, { options: { form: "json" } }))) as Record<
    string,
    unknown
  >;

function tree(xml: string): XmlElement {
  const parsed = parseXml(xml);
  if (!parsed.ok) expect.fail(parsed.error.message);
  return parsed.root;
}
const child = (element: XmlElement | undefined, name: string) => element?.children.find((c) => c.name === name);
const field = (xml: string, name: string) => child(tree(xml), name)?.text;
/** The descriptor's value lists of one element name, as { uri: values }. */
function lists(xml: string, name: string, parent = "descriptor"): Record<string, string[]> {
  const holder =
    parent === "descriptor" ? child(tree(xml), "descriptor") : child(child(child(tree(xml), "content"), "contentObject"), parent);
  return Object.fromEntries(
    (holder?.children ?? [])
      .filter((c) => c.name === name)
      .map((c) => [child(c, "valueListURI")?.text ?? "", c.children.filter((v) => v.name === "value").map((v) => v.text)]),
  );
}
function decoded(result: DecodeResult): Extract<DecodeResult, { ok: true }> {
  if (!result.ok) expect.fail(`${result.error.code}: ${result.error.message}`);
  return result;
}

const initial = example("incident-110-fire-initial.json");
const update = example("incident-110-fire-update.json");
const final = example("incident-110-fire-final.json");
const gale = example("warning-12379-gale-blue-henan.json");
const cancel = example("warning-rainstorm-red-cancel.json");
const directive = example("directive-flood-command-graded.json");
const received = example("ack-directive-received.json");
const rejected = example("ack-directive-rejected.json");
const checkin = example("checkin-nothing-to-report.json");

describe("the distribution's own fields", () => {
  test("id, sender, time and status come from the envelope", () => {
    const xml = xmlOf(initial);
    expect(field(xml, "distributionID")).toBe(initial.id);
    expect(field(xml, "senderID")).toBe(initial.sender.unitId);
    expect(field(xml, "dateTimeSent")).toBe(initial.sentAt);
    expect(field(xml, "distributionStatus")).toBe("Actual");
    expect(field(xmlOf(example("incident-exercise-chlorine-leak.json")), "distributionStatus")).toBe("Exercise");
    expect(field(xmlOf(example("warning-test-link-check.json")), "distributionStatus")).toBe("Test");
  });

  test("distributionKind: initial Report, update and final Update, cancellations Cancel, acknowledgements Ack or Error", () => {
    const kind = (m: Envelope) => field(xmlOf(m), "distributionKind");
    expect([initial, update, final].map(kind)).toEqual(["Report", "Update", "Update"]);
    expect([gale, cancel].map(kind)).toEqual(["Report", "Cancel"]);
    expect([directive, checkin].map(kind)).toEqual(["Report", "Report"]);
    expect([received, rejected].map(kind)).toEqual(["Ack", "Error"]);
    const cancelling = { ...update, references: [{ id: initial.id, relation: "cancels" as const }] };
    expect(kind(cancelling as Envelope)).toBe("Cancel");
  });

  test("dateTimeExpires: a warning's expiry, else seven days after it was sent, in the same offset", () => {
    expect(field(xmlOf(initial), "dateTimeExpires")).toBe("2026-03-21T02:41:00+08:00");
    expect(field(xmlOf(gale), "dateTimeExpires")).toBe(gale.kind === "warning" ? gale.payload.expires : "");
  });

  test("a handling marking travels as a keyword beside combinedConfidentiality Unclassified", () => {
    const xml = xmlOf(initial);
    expect(child(child(tree(xml), "descriptor"), "combinedConfidentiality")?.text).toBe("Unclassified");
    expect(lists(xml, "keyword")[EDXL_VALUE_LISTS.handling]).toEqual([initial.classification]);
  });
});

describe("keywords, roles and target areas, each under its value list", () => {
  test("an incident: GB/T 35561 event type, severity, the region as target area, the incident id", () => {
    if (initial.kind !== "incident") expect.fail("expected an incident");
    const xml = xmlOf(initial);
    expect(lists(xml, "keyword")).toMatchObject({
      "urn:eix:codes:gbt35561": [initial.payload.eventType],
      "urn:eix:codes:severity": [initial.payload.severity],
    });
    const areas = child(child(tree(xml), "descriptor"), "targetAreas");
    expect(child(areas, "areaKind")?.text).toBe("SourceTargetArea");
    const geoCode = child(child(child(areas, "targetArea"), "geoPoliticalLocation"), "geoCode");
    expect(child(geoCode, "valueListURI")?.text).toBe("urn:eix:codes:gbt2260");
    expect(child(geoCode, "value")?.text).toBe(initial.payload.location.regionCode);
    expect(child(geoCode, "valueListURI")?.namespace).toBe("urn:oasis:names:tc:emergency:edxl:ct:1.0");
    expect(child(child(tree(xml), "descriptor"), "incidentID")?.text).toBe(initial.payload.incidentId);
  });

  test("a warning: event type and colour level; its region codes as the distribution target area", () => {
    if (gale.kind !== "warning") expect.fail("expected a warning");
    const xml = xmlOf(gale);
    expect(lists(xml, "keyword")).toMatchObject({
      "urn:eix:codes:gbt35561": [gale.payload.eventType],
      "urn:eix:codes:warning-level": [gale.payload.level],
    });
    expect(xml).toContain("<areaKind>DistributionTargetArea</areaKind>");
    for (const code of (gale.payload.areas ?? []).flatMap((a) => a.regionCodes ?? []))
      expect(xml).toContain(`<ct:value>${code}</ct:value>`);
  });

  test("the sending unit as sender roles: department, tier, region and name", () => {
    expect(lists(xmlOf(directive), "senderRole")).toEqual({
      "urn:eix:codes:department": [directive.sender.department],
      "urn:eix:codes:unit-level": [directive.sender.level],
      "urn:eix:codes:unit-region": [directive.sender.regionCode],
      "urn:eix:codes:unit-name": [directive.sender.name],
    });
  });

  test("references and the acknowledged message as distribution-reference keywords; the kind as content keyword", () => {
    expect(lists(xmlOf(update), "keyword")[EDXL_VALUE_LISTS.reference]).toEqual([
      "0193f1a2-7c4e-7b21-9a3d-5e2f10000001,330110-YJJ-ZBS,2026-03-14T02:41:00+08:00",
    ]);
    if (rejected.kind !== "ack") expect.fail("expected an ack");
    expect(lists(xmlOf(rejected), "keyword")[EDXL_VALUE_LISTS.reference]).toEqual([
      `${rejected.payload.of},${rejected.payload.ofUnitId}`,
    ]);
    expect(lists(xmlOf(rejected), "contentKeyword", "contentDescriptor")).toEqual({ "urn:eix:codes:kind": ["ack"] });
  });
});

describe("content", () => {
  test("a warning is CAP 1.2 in contentXML/embeddedXMLContent; anything else canonical JSON in otherContent", () => {
    const warningObject = child(child(tree(xmlOf(gale)), "content"), "contentObject");
    const alert = child(child(child(warningObject, "contentXML"), "embeddedXMLContent"), "alert");
    expect(alert?.namespace).toBe("urn:oasis:names:tc:emergency:cap:1.2");
    const other = child(child(child(tree(xmlOf(initial)), "content"), "contentObject"), "otherContent");
    expect(child(other, "mimeType")?.text).toBe("application/json");
    const data = Buffer.from(child(other, "contentData")?.text ?? "", "base64");
    expect(child(other, "size")?.text).toBe(String(data.byteLength));
    expect(JSON.parse(data.toString("utf8"))).toEqual(initial);
  });

  test("the JSON form embeds the canonical message as SAMU-Hub customContent, with one explicit address", () => {
    const json = jsonOf(directive);
    expect(json).toMatchObject({
      distributionID: directive.id,
      distributionKind: "Report",
      descriptor: { language: "zh-CN", explicitAddress: { explicitAddressScheme: "urn:eix:address:region" } },
      content: [{ jsonContent: { embeddedJsonContent: { message: { customContent: directive } } } }],
    });
  });
});

describe("acknowledgements from other systems", () => {
  // A DE 1.0 Ack as such systems send it: no content, the acknowledged distribution in
  // distributionReference. The sender is EIX-described (sender roles), so no unit is configured.
  const de10Ack = (kind: string, extra = "") => `<?xml version="1.0" encoding="UTF-8"?>
<EDXLDistribution xmlns="urn:oasis:names:tc:emergency:EDXL:DE:1.0">
  <distributionID>ACK-2026-0001</distributionID>
  <senderID>410611-YJJ-ZBS</senderID>
  <dateTimeSent>2026-07-19T17:40:30+08:00</dateTimeSent>
  <distributionStatus>Actual</distributionStatus>
  <distributionType>${kind}</distributionType>
  <combinedConfidentiality>UNCLASSIFIED</combinedConfidentiality>
  <senderRole><valueListUrn>urn:eix:codes:department</valueListUrn><value>emergency-office</value></senderRole>
  <senderRole><valueListUrn>urn:eix:codes:unit-level</valueListUrn><value>county</value></senderRole>
  <senderRole><valueListUrn>urn:eix:codes:unit-region</valueListUrn><value>410611</value></senderRole>
  <senderRole><valueListUrn>urn:eix:codes:unit-name</valueListUrn><value>鹤壁市淇滨区应急管理局</value></senderRole>
  <distributionReference>019f79b6-05c0-71e3-8f71-23abeccc3841,410000-YJT-ZBS,2026-07-19T16:00:00+08:00</distributionReference>
  ${extra}
</EDXLDistribution>`;

  test("a DE 1.0 Ack names what it acknowledges in distributionReference", () => {
    const [ack] = decoded(nationalEdxlAdapter.decode(bytes(de10Ack("Ack")))).messages;
    expect(ack).toMatchObject({
      id: "ACK-2026-0001",
      kind: "ack",
      sender: {
        unitId: "410611-YJJ-ZBS",
        name: "鹤壁市淇滨区应急管理局",
        department: "emergency-office",
        level: "county",
        regionCode: "410611",
      },
      payload: { of: "019f79b6-05c0-71e3-8f71-23abeccc3841", ofUnitId: "410000-YJT-ZBS", type: "received" },
    });
  });

  test("a DE 1.0 Error with a plain-text reason is a rejection with that note", () => {
    const reason = Buffer.from("接收对象有误，予以拒收").toString("base64");
    const content = `<contentObject><nonXMLContent><mimeType>text/plain; charset=utf-8</mimeType><contentData>${reason}</contentData></nonXMLContent></contentObject>`;
    const [ack] = decoded(nationalEdxlAdapter.decode(bytes(de10Ack("Error", content)))).messages;
    expect(ack?.payload).toMatchObject({ type: "rejected", note: "接收对象有误，予以拒收" });
  });

  test("an Ack naming nothing it acknowledges is refused", () => {
    const xml = de10Ack("Ack").replace(/<distributionReference>.*<\/distributionReference>/, "");
    const result = nationalEdxlAdapter.decode(bytes(xml));
    expect(result.ok ? "decoded" : result.error.code).toBe("EIX_ADAPTER_MISSING_FIELD");
  });
});

describe("spellings other senders use", () => {
  test("SAMU-Hub's root edxlDistribution with XLink attributes, and ct:ValueListURI/ct:Value capitalised", () => {
    const xml = xmlOf(initial)
      .replace("<EDXLDistribution ", '<edxlDistribution xmlns:xlink="http://www.w3.org/1999/xlink" xlink:type="extended" ')
      .replace("</EDXLDistribution>", "</edxlDistribution>")
      .replaceAll("ct:valueListURI>", "ct:ValueListURI>")
      .replaceAll("ct:value>", "ct:Value>");
    const [message] = decoded(nationalEdxlAdapter.decode(bytes(xml))).messages;
    expect(message && { ...message, provenance: undefined }).toEqual({ ...initial, provenance: undefined });
  });
});

describe("what a decoded message keeps of its distribution", () => {
  test("a foreign distribution's extra fields survive re-encoding, in either form", () => {
    const xml = xmlOf(initial)
      .replace(/<distributionID>[^<]*</, "<distributionID>GATEWAY-0001<")
      .replace("<language>zh-CN</language>", "<language>zh-Hans-CN</language>")
      .replace(
        "</descriptor>",
        "  <explicitAddress><explicitAddressScheme>gov.cn.yjb</explicitAddressScheme><explicitAddressValue>330000-YJT</explicitAddressValue></explicitAddress>\n  </descriptor>",
      )
      .replace(
        "<keyword>",
        "<keyword><ct:valueListURI>urn:example:topic</ct:valueListURI><ct:value>fire</ct:value></keyword>\n    <keyword>",
      );
    const first = decoded(nationalEdxlAdapter.decode(bytes(xml))).messages[0];
    const kept = first?.payload.extensions?.national;
    expect(kept).toEqual({
      edxl: {
        distributionID: "GATEWAY-0001",
        language: "zh-Hans-CN",
        keywords: [{ valueListURI: "urn:example:topic", values: ["fire"] }],
        explicitAddresses: [{ scheme: "gov.cn.yjb", values: ["330000-YJT"] }],
      },
    });
    if (!first) return;
    const again = xmlOf(first);
    expect(field(again, "distributionID")).toBe("GATEWAY-0001");
    expect(decoded(nationalEdxlAdapter.decode(bytes(again))).messages[0]?.payload.extensions?.national).toEqual(kept);
    // The content carries the message without the extension: the envelope says it.
    const data = child(child(child(tree(again), "content"), "contentObject"), "otherContent");
    expect(
      JSON.parse(Buffer.from(child(data, "contentData")?.text ?? "", "base64").toString()).payload.extensions,
    ).toBeUndefined();
  });

  test("other departments' extensions and other national keys are left alone", () => {
    if (initial.kind !== "incident") expect.fail("expected an incident");
    const message = {
      ...initial,
      payload: { ...initial.payload, extensions: { fire: { unit: "x" }, national: { batch: { n: 1 } } } },
    } as Envelope;
    const [back] = decoded(nationalEdxlAdapter.decode(nationalEdxlAdapter.encode(message))).messages;
    expect(back?.payload.extensions).toEqual({ fire: { unit: "x" }, national: { batch: { n: 1 } } });
  });
});
