import { readFileSync } from "node:fs";
import { type Envelope, validate } from "@eix/schema";
import { describe, expect, test } from "vitest";
import type { DecodeResult } from "../src/contract.js";
import { publicSecurityEidoAdapter as eido } from "../src/public-security/eido/index.js";
import { eidoSchemaErrors } from "./public-security-eido-validators.js";

const corpus = (file: string) => readFileSync(new URL(`../../../test/corpus/eido/${file}`, import.meta.url));
const sampleBytes = new Uint8Array(corpus("nena-sample-call-transfer-EIDO.json"));
// biome-ignore lint/suspicious/noExplicitAny: fixtures are JSON mutated freely by each test
const sample = () => JSON.parse(new TextDecoder().decode(sampleBytes)) as Record<string, unknown> & Record<string, any>;
const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const sender = {
  unitId: "110000000000GA",
  name: "北京市公安局指挥中心",
  department: "public-security" as const,
  level: "municipal" as const,
  regionCode: "110000",
};
const ctx = { sender };

function ok(result: DecodeResult): Envelope {
  if (!result.ok) expect.fail(`${result.error.code}: ${result.error.message}`);
  expect(result.messages).toHaveLength(1);
  return result.messages[0] as Envelope;
}
const codeOf = (result: DecodeResult) => (result.ok ? "ok" : result.error.code);

describe("public-security.eido: the NENA sample", () => {
  const result = eido.decode(sampleBytes, ctx);
  const message = ok(result);

  test("decodes to a valid incident envelope", () => {
    expect(validate(message).valid).toBe(true);
    expect(message.kind).toBe("incident");
    if (message.kind !== "incident") return;
    const p = message.payload;
    expect(p.incidentId).toBe("urn:emergency:uid:incidentid:a56e556d871:bcf.state.pa.us");
    expect(message.sentAt).toBe("2021-04-30T14:43:49.439-04:00");
    expect(p.occurredAt).toBe("2021-04-30T14:40:00.0-04:00");
    expect(p.discoveredAt).toBe("2021-04-30T14:42:00.0-04:00");
    expect(p.location).toEqual({ regionCode: "110000", address: "42 W Cellular Street, Wilmington, DE, US" });
    expect(p.eventType).toBe("14Y00");
    expect(p.source?.channel).toBe("110");
  });

  test("says what it assumed and withheld", () => {
    const codes = result.issues.map((issue) => issue.code);
    expect(codes).toContain("EIX_EIDO_INCIDENT_TYPE_UNMAPPED");
    expect(codes).toContain("EIX_EIDO_REGION_FROM_SENDER");
    expect(codes).toContain("EIX_EIDO_PERSONAL_DATA_WITHHELD");
  });

  test("copies no personal data into the canonical message", () => {
    const text = JSON.stringify(message);
    for (const secret of ["8195551212", "tjones", "Hannes", "Tschofenig", "alice@", "+358", "oasufdqwerjn12346jfias", "555-0123"])
      expect(text).not.toContain(secret);
  });

  test("decode → encode → decode is a fixed point, and the EIDO validates against the OpenAPI components", () => {
    const encoded = eido.encode(message);
    expect(eidoSchemaErrors(JSON.parse(new TextDecoder().decode(encoded)))).toEqual([]);
    const again = ok(eido.decode(encoded, ctx));
    expect(again).toEqual(message);
    expect(eido.sniff(encoded)).toBeGreaterThan(0.9);
  });

  test("the corpus sample itself validates against the OpenAPI components (the validator is sound)", () => {
    expect(eidoSchemaErrors(sample())).toEqual([]);
  });

  test("sniffs EIDO and not other JSON", () => {
    expect(eido.sniff(sampleBytes)).toBeGreaterThan(0.9);
    expect(eido.sniff(bytesOf({ reportKind: "initial", eventId: "x" }))).toBe(0);
    expect(eido.sniff(corpus("ucri2-incident_transfer-1.0-incident.schema.json"))).toBe(0);
  });
});

describe("public-security.eido: a full incident", () => {
  const full = () => {
    const doc = sample();
    doc.incidentComponent = {
      $id: "urn:emergency:uid:incidentid:x1:cad.example.cn",
      lastUpdateTimeStamp: "2026-07-01T10:05:00+08:00",
      updatedByAgencyReference: { $ref: "state.pa.us" },
      incidentTypeCommonRegistryText: "Fire-Structure",
      incidentTypeInternalText: "住宅楼火灾",
      incidentStatusCommonRegistryText: ["Active"],
      locationReference: [{ $ref: "geo-1" }],
      personReference: [{ $ref: "p-dead" }, { $ref: "p-hurt" }],
      notesReference: [{ $ref: "n-1" }],
    };
    doc.locationComponent.push({
      $id: "geo-1",
      lastUpdateTimeStamp: "2026-07-01T10:05:00+08:00",
      updatedByAgencyReference: { $ref: "state.pa.us" },
      locationTypeDescriptionRegistryText: "Incident",
      localIdentifier: ["urn:eix:codes:gbt2260:110105"],
      locationByValue:
        '<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gml="http://www.opengis.net/gml" entity="pres:zhang.san@example.cn"><tuple id="a"><status><geopriv xmlns="urn:ietf:params:xml:ns:pidf:geopriv10"><location-info><gml:Point srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>39.9219 116.4436</gml:pos></gml:Point><civicAddress xmlns="urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr"><country>CN</country><A1>北京市</A1><A3>朝阳区</A3><RD>工体北路</RD><HNO>8号</HNO></civicAddress></location-info></geopriv></status></tuple></presence>',
    });
    const person = (id: string, role: string, name?: string) => ({
      $id: id,
      lastUpdateTimeStamp: "2026-07-01T10:05:00+08:00",
      updatedByAgencyReference: { $ref: "state.pa.us" },
      personIncidentRoleRegistryText: [role],
      ...(name ? { ncPersonComponent: { PersonName: { PersonFullName: name } } } : {}),
    });
    doc.personComponent.push(person("p-dead", "Deceased", "王五"), person("p-hurt", "Injured", "李四"));
    doc.notesComponent = [
      {
        $id: "n-1",
        lastUpdateTimeStamp: "2026-07-01T10:05:00+08:00",
        updatedByAgencyReference: { $ref: "state.pa.us" },
        notesActionComments: "<p>三楼起火 &amp; 浓烟</p>",
      },
    ];
    return doc;
  };

  test("maps type, geo point, region, casualties and notes; names stay out", () => {
    const message = ok(eido.decode(bytesOf(full()), ctx));
    if (message.kind !== "incident") return expect.fail("not an incident");
    const p = message.payload;
    expect(p.eventType).toBe("12G00");
    expect(p.title).toBe("住宅楼火灾");
    expect(p.location).toEqual({
      regionCode: "110105",
      address: "北京市朝阳区工体北路8号",
      point: { lat: 39.9219, lon: 116.4436 },
    });
    expect(p.casualties).toEqual({ deaths: 1, injured: 1 });
    expect(p.description).toBe("三楼起火 & 浓烟");
    const text = JSON.stringify(message);
    for (const secret of ["王五", "李四", "zhang.san"]) expect(text).not.toContain(secret);
    const encoded = eido.encode(message);
    expect(eidoSchemaErrors(JSON.parse(new TextDecoder().decode(encoded)))).toEqual([]);
    expect(ok(eido.decode(encoded, ctx))).toEqual(message);
  });

  test("a canonical incident that never was EIDO encodes to a valid EIDO", () => {
    const message = ok(eido.decode(bytesOf(full()), ctx));
    if (message.kind !== "incident") return expect.fail("not an incident");
    const { extensions: _e, ...payload } = message.payload;
    const plain = { ...message, payload: { ...payload, stage: "final" as const } } as Envelope;
    const encoded = JSON.parse(new TextDecoder().decode(eido.encode(plain)));
    expect(eidoSchemaErrors(encoded)).toEqual([]);
    const back = ok(eido.decode(bytesOf(encoded), {}));
    if (back.kind !== "incident") return expect.fail("not an incident");
    expect(back.payload.location).toEqual(message.payload.location);
    expect(back.payload.casualties).toEqual(message.payload.casualties);
    expect(back.payload.stage).toBe("initial");
    expect(back.payload.eventType).toBe("12G00");
  });

  test("refuses other kinds", () => {
    const message = ok(eido.decode(sampleBytes, ctx));
    expect(() => eido.encode({ ...message, kind: "ack" } as unknown as Envelope)).toThrow(/cannot express/);
  });
});

describe("public-security.eido: references", () => {
  test("a dangling $ref is refused", () => {
    const doc = sample();
    doc.callComponent[0].personReference = [{ $ref: "nobody" }];
    const result = eido.decode(bytesOf(doc), ctx);
    expect(codeOf(result)).toBe("EIX_EIDO_REF_DANGLING");
    if (!result.ok) expect(result.error.position?.at).toBe("/callComponent/0/personReference/0");
  });

  test("a cycle of content references is refused; self-attribution is not a cycle", () => {
    const doc = sample();
    const [a, b] = doc.additionalDataComponent;
    a.additionalDataDereferencedFromReference = { $ref: b.$id };
    b.additionalDataDereferencedFromReference = { $ref: a.$id };
    const result = eido.decode(bytesOf(doc), ctx);
    expect(codeOf(result)).toBe("EIX_EIDO_REF_CYCLE");
    if (!result.ok) expect(result.error.messages.en).toContain("→");
  });

  test("a duplicate $id is refused", () => {
    const doc = sample();
    doc.personComponent[0].$id = doc.locationComponent[0].$id;
    expect(codeOf(eido.decode(bytesOf(doc), ctx))).toBe("EIX_EIDO_DUPLICATE_ID");
  });

  test("no region at all is refused", () => {
    expect(codeOf(eido.decode(sampleBytes, {}))).toBe("EIX_EIDO_REGION_UNKNOWN");
  });
});

describe("public-security.eido: hostile input", () => {
  test("too large input is refused before parsing", () => {
    expect(codeOf(eido.decode(sampleBytes, { ...ctx, limits: { maxBytes: 1000 } }))).toBe("EIX_ADAPTER_TOO_LARGE");
  });

  test("deep nesting is refused", () => {
    const deep = `{"eidoVersion":"1.0","x":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    expect(codeOf(eido.decode(new TextEncoder().encode(deep), ctx))).toBe("EIX_ADAPTER_WRONG_FORMAT");
  });

  test("wrong types are coded errors with their pointer", () => {
    // biome-ignore lint/suspicious/noExplicitAny: fixtures are JSON mutated freely by each test
    const cases: Array<[(doc: Record<string, any>) => void, string, string]> = [
      [(d) => Object.assign(d, { callComponent: {} }), "EIX_ADAPTER_BAD_VALUE", "/callComponent"],
      [
        (d) => Object.assign(d.callComponent[0], { callStartTimestamp: 5 }),
        "EIX_ADAPTER_BAD_VALUE",
        "/callComponent/0/callStartTimestamp",
      ],
      [
        (d) => Object.assign(d.personComponent[0], { personIncidentRoleRegistryText: "Caller" }),
        "EIX_ADAPTER_BAD_VALUE",
        "/personComponent/0/personIncidentRoleRegistryText",
      ],
      [
        (d) => Object.assign(d.locationComponent[1], { updatedByAgencyReference: { $ref: 7 } }),
        "EIX_ADAPTER_BAD_VALUE",
        "/locationComponent/1/updatedByAgencyReference/$ref",
      ],
      [(d) => delete d.agencyComponent, "EIX_ADAPTER_MISSING_FIELD", "/agencyComponent"],
      [(d) => Object.assign(d, { eidoVersion: "2.0" }), "EIX_EIDO_VERSION_UNSUPPORTED", "/eidoVersion"],
      [
        (d) => Object.assign(d.callComponent[0], { callStartTimestamp: "yesterday" }),
        "EIX_TIME_INVALID",
        "/callComponent/0/callStartTimestamp",
      ],
    ];
    for (const [mutate, code, at] of cases) {
      const doc = sample();
      mutate(doc);
      const result = eido.decode(bytesOf(doc), ctx);
      expect(codeOf(result), at).toBe(code);
      if (!result.ok) expect(result.error.position?.at, at).toBe(at);
    }
    for (const junk of ["[]", "null", "", "{", '"eido"'])
      expect(codeOf(eido.decode(new TextEncoder().encode(junk), ctx)), junk).toBe("EIX_ADAPTER_WRONG_FORMAT");
  });

  test("a PIDF-LO with a DTD is skipped with an issue, never expanded", () => {
    const doc = sample();
    doc.locationComponent[0].locationByValue = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><presence>&e;</presence>';
    const result = eido.decode(bytesOf(doc), ctx);
    const message = ok(result);
    expect(result.issues.map((issue) => issue.code)).toContain("EIX_EIDO_LOCATION_UNREADABLE");
    if (message.kind === "incident") expect(message.payload.location.address).toBeUndefined();
  });

  test("a long chain of references is checked without recursion", () => {
    const doc = sample();
    const n = 20000;
    doc.additionalDataComponent = Array.from({ length: n }, (_, i) => ({
      $id: `ad-${i}`,
      lastUpdateTimeStamp: "2021-04-30T14:40:00.0-04:00",
      updatedByAgencyReference: { $ref: "state.pa.us" },
      ...(i + 1 < n ? { additionalDataDereferencedFromReference: { $ref: `ad-${i + 1}` } } : {}),
    }));
    doc.callComponent[0].additionalDataReference = [{ $ref: "ad-0" }];
    ok(eido.decode(bytesOf(doc), ctx));
  });
});
