import { validate } from "@eix/schema";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  bearer,
  call,
  corpusFile,
  exampleEnvelope,
  exampleFile,
  type HubUnderTest,
  startHub,
  TOKENS,
  weatherUnit,
} from "./hub-harness.js";

let hub: HubUnderTest;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.close());

const validateUrl = () => `${hub.url}/v1/validate`;

describe("POST /v1/validate: decode and validate, store nothing", () => {
  test("a valid canonical message comes back as decoded, without a token, and nothing is stored", async () => {
    const body = exampleFile("valid/incident-110-fire-initial.json");
    const answer = await call(validateUrl(), { body, headers: { "content-type": "application/json" } });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ valid: true, adapter: "eix.json", issues: [] });
    expect(answer.json.messages).toEqual([exampleEnvelope("valid/incident-110-fire-initial.json")]);
    expect(hub.store.counters().ingestedMessages).toBe(0);
    expect(await hub.store.listQuarantine()).toEqual([]);
  });

  test("CAP is decoded to canonical warnings, the token's unit being the sender CAP cannot name", async () => {
    const body = corpusFile("cap/google-australia.cap");
    // CAP's sender is free text: without a unit to stand for it, the message has no sender.
    const anonymous = await call(validateUrl(), { body, headers: { "content-type": "application/cap+xml" } });
    expect(anonymous.status).toBe(422);
    expect(anonymous.json.error.issues[0].code).toBe("EIX_ADAPTER_MISSING_FIELD");

    const asUnit = await call(validateUrl(), {
      body,
      headers: { "content-type": "application/cap+xml", ...bearer(TOKENS.weather) },
    });
    expect(asUnit.status).toBe(200);
    expect(asUnit.json.adapter).toBe("weather.cap");
    expect(asUnit.json.messages.map((m: { kind: string }) => m.kind)).toEqual(["warning", "warning"]);
    expect(asUnit.json.messages.map((m: { sender: { unitId: string } }) => m.sender.unitId)).toEqual([
      weatherUnit.unitId,
      weatherUnit.unitId,
    ]);
    // Validation adds no hop: nothing was received for real.
    expect(asUnit.json.messages[0].provenance).toBeUndefined();
  });

  test("an invalid message is 422 with every issue, and is not quarantined", async () => {
    const envelope = exampleEnvelope("valid/checkin-nothing-to-report.json") as unknown as Record<string, unknown>;
    envelope.classification = "secret";
    envelope.kind = "ack";
    const answer = await call(validateUrl(), { body: JSON.stringify(envelope), headers: { "content-type": "application/json" } });
    expect(answer.status).toBe(422);
    expect(answer.json.error.issues.map((i: { code: string; path: string }) => `${i.code} ${i.path}`)).toEqual(
      validate(envelope).issues.map((i) => `${i.code} ${i.path}`),
    );
    expect(await hub.store.listQuarantine()).toEqual([]);
  });

  test("400 for unparseable bytes, 415 for an unknown format, 401 for a wrong token", async () => {
    const broken = await call(validateUrl(), { body: "<alert><info>", headers: { "content-type": "application/cap+xml" } });
    expect(broken.status).toBe(400);
    expect(broken.json.error.issues[0]).toMatchObject({ code: "EIX_XML_MALFORMED" });
    expect(broken.json.error.issues[0].position.line).toBe(1);

    const unknown = await call(validateUrl(), { body: "id,lat,lon\n1,2,3\n", headers: { "content-type": "text/csv" } });
    expect(unknown.status).toBe(415);

    const wrongToken = await call(validateUrl(), {
      body: "{}",
      headers: { "content-type": "application/json", ...bearer("nope") },
    });
    expect(wrongToken.status).toBe(401);
  });
});
