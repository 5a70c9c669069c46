import { readdirSync, readFileSync } from "node:fs";
import { type Envelope, validate } from "@eix/schema";
import { describe, expect, test } from "vitest";
import { createRegistry } from "../src/builtin-adapters.js";
import type { DecodeResult } from "../src/contract.js";
import { publicSecurityEidoAdapter } from "../src/public-security/eido/index.js";
import { publicSecurityUcri2Adapter as ucri2 } from "../src/public-security/ucri2/index.js";
import { ucri2SchemaErrors } from "./public-security-ucri2-validators.js";

const corpus = (file: string) => new Uint8Array(readFileSync(new URL(`../../../test/corpus/${file}`, import.meta.url)));
const fireBytes = corpus("ucri2/ucri2-synthetic-fire.json");
const policeBytes = corpus("ucri2/ucri2-synthetic-traffic-accident-police.json");
const missingBytes = corpus("ucri2/ucri2-synthetic-missing-location.json");
const json = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes));
const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const sender = {
  unitId: "FOREIGN-UCRI2-BRANDENBURG",
  name: "UCRI2-Partnerleitstelle",
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
type Ucri2Ext = { ucri2: Record<string, unknown> };
const extOf = (payload: { extensions?: Record<string, unknown> }) =>
  (payload.extensions?.["public-security"] as Ucri2Ext | undefined)?.ucri2 ?? {};
const payloadOf = (message: Envelope) => {
  if (message.kind !== "incident") return expect.fail("not an incident");
  return message.payload;
};

describe("public-security.ucri2: the fixtures", () => {
  test("the synthetic fixtures validate against the UCRI2 schemas (the fixtures and validator are sound)", () => {
    expect(ucri2SchemaErrors(json(fireBytes))).toEqual([]);
    expect(ucri2SchemaErrors(json(fireBytes), "incident_transfer_police")).toEqual([]);
    expect(ucri2SchemaErrors(json(policeBytes), "incident_transfer_police")).toEqual([]);
    expect(ucri2SchemaErrors(json(policeBytes))).not.toEqual([]);
    expect(ucri2SchemaErrors(json(missingBytes)).join()).toContain("missionLocation");
  });

  test("the schemas' own examples decode", () => {
    for (const profile of ["incident_transfer", "incident_transfer_police"] as const) {
      const example = json(corpus(`eido/ucri2-${profile}-1.0-incident.schema.json`)).examples[0];
      expect(ucri2SchemaErrors(example, profile)).toEqual([]);
      expect(validate(ok(ucri2.decode(bytesOf(example), ctx))).valid).toBe(true);
    }
  });
});

describe("public-security.ucri2: a fire", () => {
  const result = ucri2.decode(fireBytes, ctx);
  const message = ok(result);
  const p = payloadOf(message);

  test("decodes to a valid incident envelope", () => {
    expect(validate(message).valid).toBe(true);
    expect(message.id).toBe("ucri2-3f1c9a52-7d4e-4b8a-9c21-5e6f7a8b9c0d@2026-03-14T09:12:40+01:00");
    expect(message.sentAt).toBe("2026-03-14T09:12:40+01:00");
    expect(message.sender).toEqual(sender);
    expect(p.incidentId).toBe("ucri2-3f1c9a52-7d4e-4b8a-9c21-5e6f7a8b9c0d");
    expect(p.occurredAt).toBe("2026-03-14T09:05:10+01:00");
    expect(p.eventType).toBe("12G00");
    expect(p.title).toBe("Wohnungsbrand 2. OG, Person im Gebäude vermutet");
    expect(p.location).toEqual({
      regionCode: "110000",
      address: "Beispielstraße 7a, 14467 Potsdam-Innenstadt, Brandenburg, DE",
      point: { lat: 52.39886, lon: 13.06566 },
    });
    expect(p.stage).toBe("initial");
    expect(p.extensions?.eix).toEqual({ placement: "follow-up" });
    expect(result.ok && result.source.sourceFormat).toBe("UCRI2 incident_transfer 1.0 (JSON)");
  });

  test("copies no personal data; masks it in free text; says so", () => {
    const text = JSON.stringify(message);
    for (const secret of ["Beispielfrau", "Erika", "0331 9876543", "erika.beispielfrau"]) expect(text).not.toContain(secret);
    expect(p.description).toBe("Starke Rauchentwicklung aus Fenster. Rückruf Frau *** unter ***.");
    const warning = result.issues.find((i) => i.code === "EIX_UCRI2_PERSONAL_DATA_WITHHELD");
    expect(warning?.message.en).toContain("1 informer(s)");
    expect(warning?.message["zh-CN"]).toContain("个人信息");
    expect(extOf(p).persons).toEqual({
      informers: 1,
      accused: 0,
      victims: 0,
    });
  });

  test("decode → encode → decode is a fixed point; the output validates against both schemas", () => {
    const encoded = ucri2.encode(message);
    expect(ucri2SchemaErrors(json(encoded))).toEqual([]);
    expect(ucri2SchemaErrors(json(encoded), "incident_transfer_police")).toEqual([]);
    expect(new TextDecoder().decode(encoded)).not.toContain("Beispielfrau");
    expect(ok(ucri2.decode(encoded, ctx))).toEqual(message);
    expect(ucri2.sniff(encoded)).toBeGreaterThan(0.9);
  });
});

describe("public-security.ucri2: a police traffic accident", () => {
  const result = ucri2.decode(policeBytes, ctx);
  const message = ok(result);
  const p = payloadOf(message);

  test("maps keyword and location; keeps counts and eCall without personal data", () => {
    expect(validate(message).valid).toBe(true);
    expect(p.eventType).toBe("12H00");
    expect(p.location.point).toEqual({ lat: 52.52745, lon: 13.41201 });
    expect(p.location.address).toBe("Musterallee, 10405 Berlin, DE");
    const ext = extOf(p);
    expect(ext.profile).toBe("incident_transfer_police");
    expect(ext.persons).toEqual({ informers: 1, accused: 1, victims: 2 });
    expect(ext.eCall).toMatchObject({ numberOfPassengers: 2, vehicleType: "M1" });
    const text = JSON.stringify(message);
    for (const secret of [
      "Mustermann",
      "Max",
      "+49 170",
      "Testperson",
      "Anna",
      "1990-01-01",
      "Probe",
      "Fiktiv",
      "Erfundener",
      "WVWZZZ",
    ])
      expect(text).not.toContain(secret);
    expect(result.issues.find((i) => i.code === "EIX_UCRI2_PERSONAL_DATA_WITHHELD")?.message.en).toContain("eCall VIN");
  });

  test("round trip is stable and validates against the police schema", () => {
    const encoded = ucri2.encode(message);
    const doc = json(encoded);
    expect(ucri2SchemaErrors(doc, "incident_transfer_police")).toEqual([]);
    expect(doc.victimPersons).toEqual([{ name: "***" }, { name: "***" }]);
    expect(doc.eCallData.vin).toBeUndefined();
    expect(ok(ucri2.decode(encoded, ctx))).toEqual(message);
  });
});

describe("public-security.ucri2: mapping", () => {
  const base = () => json(fireBytes);

  test("an unknown keyword maps to the generic code with EIX_ADAPTER_UNMAPPED", () => {
    const doc = { ...base(), classifications: ["XY 9"] };
    const result = ucri2.decode(bytesOf(doc), ctx);
    expect(payloadOf(ok(result)).eventType).toBe("14Y00");
    expect(result.issues.map((i) => i.code)).toContain("EIX_ADAPTER_UNMAPPED");
  });

  test.each([
    ["B2", "12G00"],
    ["TH-VU", "12H00"],
    ["RD 1", "13Y00"],
    ["ABC 2", "12D00"],
  ])("keyword %s → %s", (keyword, code) => {
    expect(payloadOf(ok(ucri2.decode(bytesOf({ ...base(), classifications: [keyword] }), ctx))).eventType).toBe(code);
  });

  test("no region: refused with a code", () => {
    const result = ucri2.decode(fireBytes, {});
    expect(codeOf(result)).toBe("EIX_ADAPTER_MISSING_FIELD");
    if (!result.ok) expect(result.error.messages.en).toContain("regionCode");
  });

  test("a missing required member is refused with its pointer", () => {
    const result = ucri2.decode(missingBytes, ctx);
    expect(codeOf(result)).toBe("EIX_ADAPTER_MISSING_FIELD");
    if (!result.ok) expect(result.error.position?.at).toBe("/missionLocation");
  });

  test("a canonical incident that never was UCRI2 encodes to a valid UCRI2 incident", () => {
    const message = ok(ucri2.decode(fireBytes, ctx));
    const { extensions: _e, ...payload } = payloadOf(message);
    const plain = {
      ...message,
      payload: { ...payload, incidentId: "110-20260314-0001", eventType: "12G03", casualties: { deaths: 1, injured: 2 } },
    } as Envelope;
    const doc = json(ucri2.encode(plain));
    expect(ucri2SchemaErrors(doc)).toEqual([]);
    expect(doc.classifications).toEqual(["GEBÄUDEBRAND"]);
    expect(doc.protocolRemarks[0].message).toBe("Tote: 1, Verletzte: 2");
    const back = payloadOf(ok(ucri2.decode(bytesOf(doc), ctx)));
    expect(back.eventType).toBe("12G03");
    expect(back.location).toEqual(payload.location);
    expect(back.incidentId).toBe(`ucri2-${doc.sharedIncidentId}`);
    expect(json(ucri2.encode(plain)).sharedIncidentId).toBe(doc.sharedIncidentId);
  });

  test("an incident with only a region still writes a valid location", () => {
    const message = ok(ucri2.decode(fireBytes, ctx));
    const { extensions: _e, ...payload } = payloadOf(message);
    const plain = { ...message, payload: { ...payload, location: { regionCode: "110105" } } } as Envelope;
    expect(ucri2SchemaErrors(json(ucri2.encode(plain)))).toEqual([]);
  });

  test("refuses other kinds", () => {
    const message = ok(ucri2.decode(fireBytes, ctx));
    expect(() => ucri2.encode({ ...message, kind: "ack" } as unknown as Envelope)).toThrow(/cannot express/);
  });
});

describe("public-security.ucri2: sniffing", () => {
  test("sniffs UCRI2 and not EIDO, the schema files or canonical JSON", () => {
    expect(ucri2.sniff(fireBytes)).toBeGreaterThan(0.9);
    expect(ucri2.sniff(policeBytes)).toBeGreaterThan(0.9);
    expect(ucri2.sniff(corpus("eido/nena-sample-call-transfer-EIDO.json"))).toBe(0);
    expect(ucri2.sniff(corpus("eido/ucri2-incident_transfer-1.0-incident.schema.json"))).toBe(0);
    const canonical = ok(ucri2.decode(fireBytes, ctx));
    expect(ucri2.sniff(bytesOf(canonical))).toBe(0);
    expect(publicSecurityEidoAdapter.sniff(fireBytes)).toBe(0);
  });
});

describe("public-security.ucri2: among the built-in adapters", () => {
  // Registered here until builtin-adapters.ts lists it; afterwards the built-in one is used.
  const registry = createRegistry();
  if (!registry.has(ucri2.id)) registry.register(ucri2);
  const jsonFiles = (dir: string): string[] =>
    readdirSync(new URL(`../../../test/corpus/${dir}`, import.meta.url), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? jsonFiles(`${dir}/${entry.name}`) : entry.name.endsWith(".json") ? [`${dir}/${entry.name}`] : [],
    );

  test("sniffing picks it for the valid fixtures", () => {
    expect(registry.pick({ bytes: fireBytes }).id).toBe(ucri2.id);
    expect(registry.pick({ bytes: policeBytes }).id).toBe(ucri2.id);
  });

  test("no other JSON file of the corpus sniffs as UCRI2", () => {
    const others = jsonFiles(".").filter((file) => !file.includes("/ucri2/"));
    expect(others.length).toBeGreaterThan(3);
    for (const file of others) expect([file, ucri2.sniff(corpus(file))]).toEqual([file, 0]);
  });
});
