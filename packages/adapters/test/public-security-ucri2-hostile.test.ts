import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import type { DecodeResult } from "../src/contract.js";
import { publicSecurityUcri2Adapter as ucri2 } from "../src/public-security/ucri2/index.js";

const fireBytes = new Uint8Array(readFileSync(new URL("../../../test/corpus/ucri2/ucri2-synthetic-fire.json", import.meta.url)));
// biome-ignore lint/suspicious/noExplicitAny: fixtures are JSON mutated freely by each test
const fire = () => JSON.parse(new TextDecoder().decode(fireBytes)) as Record<string, any>;
const bytesOf = (value: unknown) => new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));
const ctx = {
  sender: {
    unitId: "FOREIGN-UCRI2",
    name: "UCRI2-Partner",
    department: "public-security" as const,
    level: "municipal" as const,
    regionCode: "110000",
  },
};
const decode = (value: unknown, limits?: { maxBytes?: number }) =>
  ucri2.decode(bytesOf(value), limits ? { ...ctx, limits } : ctx);
const codeOf = (result: DecodeResult) => (result.ok ? "ok" : result.error.code);
const atOf = (result: DecodeResult) => (result.ok ? undefined : result.error.position?.at);

describe("public-security.ucri2: hostile input", () => {
  test.each([
    ["sharedIncidentId", 42, "/sharedIncidentId"],
    ["sharedIncidentId", "not-a-uuid", "/sharedIncidentId"],
    ["classifications", "B 3", "/classifications"],
    ["classifications", [], "/classifications"],
    ["informers", [{ surname: "ohne Nachname" }], "/informers/0/name"],
    ["flashingLights", "ja", "/flashingLights"],
    ["missionLocation", { coordinate: { lat: "52", lon: 13 } }, "/missionLocation/coordinate/lat"],
    ["missionLocation", { coordinate: { lat: 91, lon: 13 } }, "/missionLocation/coordinate"],
    ["missionLocation", { floor: "EG" }, "/missionLocation/coordinate (or /missionLocation/address)"],
    ["missionLocation", { address: { street: "X", postalCode: "D-123" } }, "/missionLocation/address/postalCode"],
    ["protocolRemarks", [{ timestamp: "gestern", message: "x" }], "/protocolRemarks/0/timestamp"],
    ["sentByDispatcherAt", "2026-03-14 09:12:40", "/sentByDispatcherAt"],
    ["eCallData", { timestamp: "2026-03-14T09:00:00Z", directionOfTravel: 1.5 }, "/eCallData/directionOfTravel"],
    ["__proto__", { polluted: true }, "/__proto__"],
    ["unknownMember", "x", "/unknownMember"],
  ])("%s = %j is refused at its pointer", (key, value, at) => {
    const doc = fire();
    if (key === "__proto__") Object.defineProperty(doc, key, { value, enumerable: true });
    else doc[key] = value;
    const result = decode(doc);
    expect(codeOf(result)).toMatch(/^EIX_(ADAPTER_BAD_VALUE|ADAPTER_MISSING_FIELD|TIME_INVALID)$/);
    expect(atOf(result)).toBe(at);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("not JSON, not an object", () => {
    expect(codeOf(decode("{ nope"))).toBe("EIX_ADAPTER_WRONG_FORMAT");
    expect(codeOf(decode([fire()]))).toBe("EIX_ADAPTER_WRONG_FORMAT");
    expect(codeOf(decode("null"))).toBe("EIX_ADAPTER_WRONG_FORMAT");
  });

  test("too large input is refused before parsing", () => {
    expect(codeOf(decode(fire(), { maxBytes: 100 }))).toBe("EIX_ADAPTER_TOO_LARGE");
    const huge = { ...fire(), additionalInformation: "x".repeat(5 * 1024 * 1024) };
    expect(codeOf(decode(huge))).toBe("EIX_ADAPTER_TOO_LARGE");
  });

  test("deep nesting is refused", () => {
    const deep = `{"sharedIncidentId":"3f1c9a52-7d4e-4b8a-9c21-5e6f7a8b9c0d","x":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    expect(codeOf(decode(deep))).toBe("EIX_ADAPTER_WRONG_FORMAT");
  });

  test("too many persons are refused; long text is clipped to the model's limits", () => {
    expect(atOf(decode({ ...fire(), informers: Array.from({ length: 501 }, () => ({ name: "N" })) }))).toBe("/informers");
    const long = decode({ ...fire(), issue: "I".repeat(5000), additionalInformation: "D".repeat(30000) });
    expect(codeOf(long)).toBe("ok");
    if (!long.ok || long.messages[0]?.kind !== "incident") return;
    expect(long.messages[0].payload.title.length).toBe(300);
    expect(long.messages[0].payload.description?.length).toBe(20000);
  });
});
