import { createHash } from "node:crypto";
import { type Envelope, validate } from "@eix/schema";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  bearer,
  call,
  corpusFile,
  countyUnit,
  exampleEnvelope,
  exampleFile,
  HUB_ID,
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

const json = { "content-type": "application/json" };
const post = (body: string | Uint8Array, headers: Record<string, string>, query = "") =>
  call(`${hub.url}/v1/messages${query}`, { body, headers });
/** The example with a fresh id, so the tests of this file do not depend on each other. */
const fresh = (name: string, change: (envelope: Envelope) => void = () => {}): Envelope => {
  const envelope = exampleEnvelope(name);
  envelope.id = `${envelope.id.slice(0, 24)}${Math.random().toString(16).slice(2, 14).padEnd(12, "0")}`;
  change(envelope);
  return envelope;
};

describe("POST /v1/messages with canonical JSON", () => {
  test("202 with a receipt after the commit, then 200 with the same receipt on resend", async () => {
    const body = exampleFile("valid/checkin-nothing-to-report.json");
    const wakeUpsBefore = hub.wakeUps();
    const first = await post(body, { ...json, ...bearer(TOKENS.county) });
    expect(first.status).toBe(202);
    expect(first.json.receipts).toHaveLength(1);
    const [receipt] = first.json.receipts;
    expect(receipt).toMatchObject({
      messageId: "019cf3f5-d3e0-7bc5-85c1-16ee70ed895c",
      unitId: countyUnit.unitId,
      duplicate: false,
      destinations: ["national", "city-330100"],
    });
    expect(receipt.receiptId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(hub.wakeUps()).toBe(wakeUpsBefore + 1);

    // Acknowledged means committed: the message and its deliveries are in the store already.
    const stored = await hub.store.getMessage(receipt.messageId, countyUnit.unitId);
    expect(stored?.receiptId).toBe(receipt.receiptId);
    expect(Buffer.from(stored?.raw ?? []).equals(body)).toBe(true);
    expect(stored?.deliveries.map((d) => d.destination).sort()).toEqual(["city-330100", "national"]);
    expect(stored?.provenance).toMatchObject({
      source: "http",
      authenticatedUnitId: countyUnit.unitId,
      remoteAddress: "127.0.0.1",
    });

    const again = await post(body, { ...json, ...bearer(TOKENS.county) });
    expect(again.status).toBe(200);
    expect(again.json.receipts[0]).toMatchObject({
      receiptId: receipt.receiptId,
      receivedAt: receipt.receivedAt,
      duplicate: true,
    });
    expect(hub.wakeUps()).toBe(wakeUpsBefore + 1);
    const deliveries = await hub.store.listDeliveries({ limit: 1000 });
    expect(deliveries.filter((d) => d.messageId === receipt.messageId)).toHaveLength(2);
  });

  test("the stored envelope carries this hub's provenance hop", async () => {
    const envelope = fresh("valid/incident-110-fire-initial.json");
    const body = JSON.stringify(envelope);
    const answer = await post(body, { "content-type": "application/eix+json", ...bearer(TOKENS.county) });
    expect(answer.status).toBe(202);
    const stored = await hub.store.getMessage(envelope.id, countyUnit.unitId);
    const hops = stored?.envelope.provenance ?? [];
    expect(hops).toHaveLength(1);
    expect(hops[0]).toMatchObject({
      hubId: HUB_ID,
      adapter: { id: "eix.json" },
      sourceFormat: "EIX JSON",
      charset: "UTF-8",
      rawSha256: createHash("sha256").update(body).digest("hex"),
    });
    expect(Date.parse(hops[0]?.receivedAt ?? "")).toBe(stored?.receivedAt.getTime());
    expect(validate(stored?.envelope).valid).toBe(true);
  });

  test("policy-withheld destinations are recorded with the message, not delivered", async () => {
    const envelope = fresh("valid/checkin-nothing-to-report.json", (e) => {
      e.status = "exercise";
    });
    const answer = await post(JSON.stringify(envelope), { ...json, ...bearer(TOKENS.county) });
    expect(answer.status).toBe(202);
    expect(answer.json.receipts[0]).toMatchObject({
      destinations: ["city-330100"],
      withheld: [{ destination: "national", reason: "status exercise is not accepted" }],
    });
    const stored = await hub.store.getMessage(envelope.id, countyUnit.unitId);
    expect(stored?.provenance.withheld).toEqual([{ destination: "national", reason: "status exercise is not accepted" }]);
    expect(stored?.deliveries.map((d) => d.destination)).toEqual(["city-330100"]);
  });

  test("JSON is sniffed when the Content-Type says nothing useful", async () => {
    const envelope = fresh("valid/checkin-nothing-to-report.json");
    const answer = await post(JSON.stringify(envelope), { "content-type": "application/octet-stream", ...bearer(TOKENS.county) });
    expect(answer.status).toBe(202);
    expect(answer.json.receipts[0].messageId).toBe(envelope.id);
  });

  test("a message already on this hub's path is acknowledged as a loop and neither stored nor relayed", async () => {
    const envelope = fresh("valid/checkin-nothing-to-report.json", (e) => {
      e.provenance = [
        { hubId: "eix-hub-330100", receivedAt: "2026-03-16T08:05:02+08:00" },
        { hubId: HUB_ID, receivedAt: "2026-03-16T08:05:03+08:00" },
      ];
    });
    const wakeUpsBefore = hub.wakeUps();
    const answer = await post(JSON.stringify(envelope), { ...json, ...bearer(TOKENS.county) });
    expect(answer.status).toBe(202);
    expect(answer.json.receipts).toEqual([
      { messageId: envelope.id, unitId: countyUnit.unitId, duplicate: false, loop: true, destinations: [] },
    ]);
    expect(answer.json.issues.map((issue: { code: string }) => issue.code)).toEqual(["EIX_INGEST_LOOP"]);
    expect(await hub.store.getMessage(envelope.id)).toBeUndefined();
    expect(hub.wakeUps()).toBe(wakeUpsBefore);
  });
});

describe("POST /v1/messages with CAP", () => {
  test("a CAP alert with two info blocks gives two receipts, committed together", async () => {
    const body = corpusFile("cap/google-australia.cap");
    const transactionsBefore = hub.store.counters().ingestTransactions;
    const answer = await post(body, { "content-type": "application/cap+xml", ...bearer(TOKENS.weather) });
    expect(answer.status).toBe(202);
    expect(answer.json.receipts).toHaveLength(2);
    const ids = answer.json.receipts.map((r: { messageId: string }) => r.messageId);
    expect(new Set(ids).size).toBe(2);
    expect(hub.store.counters().ingestTransactions).toBe(transactionsBefore + 1);
    for (const id of ids) {
      const stored = await hub.store.getMessage(id, weatherUnit.unitId);
      expect(stored?.envelope.kind).toBe("warning");
      expect(stored?.envelope.sender.unitId).toBe(weatherUnit.unitId);
      expect(stored?.envelope.provenance?.at(-1)).toMatchObject({
        hubId: HUB_ID,
        adapter: { id: "weather.cap" },
        sourceFormat: "CAP 1.2",
      });
    }
  });

  test("a CAP file posted without a Content-Type is sniffed; ?adapter= names the adapter outright", async () => {
    const sniffed = await post(corpusFile("cap/oasiscap-v1dot2_appendix_adot1.xml"), bearer(TOKENS.weather));
    expect(sniffed.status).toBe(202);
    const stored = await hub.store.getMessage(sniffed.json.receipts[0].messageId, weatherUnit.unitId);
    expect(stored?.provenance.adapter?.id).toBe("weather.cap");

    const named = await post(
      corpusFile("cap/google-thunderstorm.cap"),
      { "content-type": "text/plain", ...bearer(TOKENS.weather) },
      "?adapter=weather.cap",
    );
    expect(named.status).toBe(202);
  });

  test("a GB18030 12379 warning is sniffed and its charset recorded", async () => {
    const answer = await post(corpusFile("cn12379/henan-11B06-blue-gb18030.xml"), bearer(TOKENS.weather));
    expect(answer.status).toBe(202);
    const stored = await hub.store.getMessage(answer.json.receipts[0].messageId, weatherUnit.unitId);
    expect(stored?.provenance).toMatchObject({ adapter: { id: "weather.cn12379" } });
    expect(stored?.provenance.charset?.toUpperCase()).toBe("GB18030");
  });

  test("CAP with a DOCTYPE is malformed (400) with the position, and quarantined", async () => {
    const answer = await post(corpusFile("cap/google-xee.cap"), {
      "content-type": "application/cap+xml",
      ...bearer(TOKENS.weather),
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe("EIX_HTTP_MALFORMED");
    expect(answer.json.error.issues[0]).toMatchObject({ code: "EIX_XML_DTD_FORBIDDEN", position: { line: 3, column: 1 } });
    const [kept] = (await hub.store.listQuarantine({ unitId: weatherUnit.unitId })).slice(-1);
    expect(kept?.reasonCodes).toEqual(["EIX_XML_DTD_FORBIDDEN"]);
  });

  test("CAP missing a required element is invalid (422) with its position", async () => {
    const answer = await post(corpusFile("cap/google-invalid.cap"), {
      "content-type": "application/cap+xml",
      ...bearer(TOKENS.weather),
    });
    expect(answer.status).toBe(422);
    expect(answer.json.error.issues[0]).toMatchObject({ code: "EIX_ADAPTER_MISSING_FIELD", position: { at: "/alert/scope" } });
  });
});

describe("POST /v1/messages refusals", () => {
  test("401 without a token and with an unknown one, with WWW-Authenticate", async () => {
    const body = exampleFile("valid/checkin-nothing-to-report.json");
    for (const headers of [
      json,
      { ...json, authorization: "Bearer not-a-configured-token" },
      { ...json, authorization: TOKENS.county },
    ]) {
      const answer = await post(body, headers);
      expect(answer.status).toBe(401);
      expect(answer.headers["www-authenticate"]).toMatch(/^Bearer/);
      expect(answer.json.error.code).toBe("EIX_HTTP_UNAUTHENTICATED");
      expect(answer.json.error.message["zh-CN"]).toContain("令牌");
    }
  });

  test("403 when the unit sends as another, and the payload is quarantined with the reason", async () => {
    const envelope = fresh("valid/checkin-nothing-to-report.json");
    const answer = await post(JSON.stringify(envelope), { ...json, ...bearer(TOKENS.weather) });
    expect(answer.status).toBe(403);
    expect(answer.json.error).toMatchObject({
      code: "EIX_HTTP_FORBIDDEN",
      issues: [{ code: "EIX_AUTH_UNIT_MISMATCH", path: "/sender/unitId" }],
    });
    expect(await hub.store.getMessage(envelope.id)).toBeUndefined();
    const kept = (await hub.store.listQuarantine({ unitId: weatherUnit.unitId })).at(-1);
    expect(kept?.reasonCodes).toEqual(["EIX_AUTH_UNIT_MISMATCH"]);
    expect(Buffer.from(kept?.raw ?? []).toString("utf8")).toBe(JSON.stringify(envelope));
  });

  test("422 lists every issue the validator finds, each with its pointer and both languages", async () => {
    const envelope = fresh("valid/checkin-nothing-to-report.json") as unknown as Record<string, unknown>;
    delete envelope.sentAt;
    envelope.status = "drill";
    (envelope.payload as Record<string, unknown>).date = "2026-02-30";
    const expected = validate(envelope).issues;
    expect(expected.filter((issue) => issue.severity === "error").length).toBeGreaterThanOrEqual(3);

    const answer = await post(JSON.stringify(envelope), { ...json, ...bearer(TOKENS.county) });
    expect(answer.status).toBe(422);
    expect(answer.json.error.code).toBe("EIX_HTTP_INVALID");
    expect(answer.json.error.issues.map((i: { code: string; path: string }) => [i.code, i.path])).toEqual(
      expected.map((i) => [i.code, i.path]),
    );
    for (const issue of answer.json.error.issues) {
      expect(issue.message["zh-CN"]).toBeTruthy();
      expect(issue.message.en).toBeTruthy();
    }
    const kept = (await hub.store.listQuarantine({ unitId: countyUnit.unitId })).at(-1);
    expect(kept?.reasonCodes).toEqual([...new Set(expected.filter((i) => i.severity === "error").map((i) => i.code))]);
  });

  test("400 for broken JSON, with line and column", async () => {
    const answer = await post('{\n  "id": "x",\n  "kind": }', { ...json, ...bearer(TOKENS.county) });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe("EIX_HTTP_MALFORMED");
    expect(answer.json.error.issues[0].code).toBe("EIX_SCHEMA_JSON_SYNTAX");
    expect(answer.json.error.issues[0].message.en).toContain("3:");
  });

  test("400 for an empty body", async () => {
    const answer = await post("", { ...json, ...bearer(TOKENS.county) });
    expect(answer.status).toBe(400);
    expect(answer.json.error.issues[0].code).toBe("EIX_INGEST_EMPTY");
  });

  test("415 for bytes no adapter recognises and for an adapter that is not registered", async () => {
    const unknown = await post("YYYY,MM,DD,latitude,longitude\n2026,03,14,34.7,113.6\n", {
      "content-type": "text/plain",
      ...bearer(TOKENS.county),
    });
    expect(unknown.status).toBe(415);
    expect(unknown.json.error).toMatchObject({ code: "EIX_HTTP_UNSUPPORTED_FORMAT", issues: [{ code: "EIX_ADAPTER_NO_MATCH" }] });

    const named = await call(`${hub.url}/v1/messages`, {
      body: exampleFile("valid/checkin-nothing-to-report.json"),
      headers: { ...json, "x-eix-adapter": "fire.firms", ...bearer(TOKENS.county) },
    });
    expect(named.status).toBe(415);
    expect(named.json.error.issues[0].code).toBe("EIX_ADAPTER_NOT_FOUND");
  });

  test("an unknown route is a coded 404", async () => {
    const answer = await call(`${hub.url}/v1/nothing-here`);
    expect(answer.status).toBe(404);
    expect(answer.json.error.code).toBe("EIX_HTTP_NOT_FOUND");
  });
});
