import { readFileSync } from "node:fs";
import { weatherCapAdapter } from "@eix/adapters";
import type { Envelope } from "@eix/schema";
import { describe, expect, test } from "vitest";
import { adapterEncoder, canonicalJsonEncoder, encodeForDelivery, extensionFor } from "../../src/relay/encoder.js";
import { checkin } from "../store/store-fixtures.js";

const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../schema/examples/valid/${name}`, import.meta.url), "utf8")) as Envelope;

describe("encoders", () => {
  test("an adapter encodes as its first media type, with a matching file extension", () => {
    const warning = example("warning-12379-gale-blue-henan.json");
    const outcome = encodeForDelivery(adapterEncoder(weatherCapAdapter), warning);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.body.contentType).toBe("application/cap+xml");
    expect(outcome.body.extension).toBe("xml");
    const text = new TextDecoder().decode(outcome.body.bytes);
    expect(text).toContain("<alert");
    expect(text).toContain(warning.id);
  });

  test("what the format cannot express comes back as the adapter's code", () => {
    const outcome = encodeForDelivery(adapterEncoder(weatherCapAdapter), example("incident-110-fire-initial.json"));
    expect(outcome).toEqual({
      ok: false,
      reason: 'EIX_ADAPTER_UNSUPPORTED_KIND: This format cannot express a "incident" message',
    });
  });

  test("returned failures and foreign throws become coded reasons too", () => {
    expect(encodeForDelivery(() => ({ code: "EIX_X_NOPE", message: "no" }), checkin())).toEqual({
      ok: false,
      reason: "EIX_X_NOPE: no",
    });
    const throwing = () => {
      throw new RangeError("field too long");
    };
    expect(encodeForDelivery(throwing, checkin())).toEqual({
      ok: false,
      reason: "EIX_RELAY_ENCODE_FAILED: The message cannot be encoded for the destination: field too long",
    });
  });

  test("canonical JSON round-trips", () => {
    const envelope = checkin();
    const outcome = encodeForDelivery(canonicalJsonEncoder(), envelope);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(JSON.parse(new TextDecoder().decode(outcome.body.bytes))).toEqual(envelope);
    expect(outcome.body).toMatchObject({ contentType: "application/json", extension: "json" });
  });

  test("extensions for media types", () => {
    expect(extensionFor("application/cap+xml")).toBe("xml");
    expect(extensionFor("application/json; charset=utf-8")).toBe("json");
    expect(extensionFor("x-application/hl7-v2+er7")).toBe("hl7");
    expect(extensionFor("text/csv")).toBe("csv");
    expect(extensionFor("application/x-protobuf")).toBe("pb");
    expect(extensionFor("application/octet-stream")).toBe("bin");
  });
});
