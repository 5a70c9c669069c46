import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bearer, call, countyUnit, exampleFile, type HubUnderTest, startHub, TOKENS } from "./hub-harness.js";

let hub: HubUnderTest;
const chainFiles = [
  "valid/incident-110-fire-update.json",
  "valid/incident-110-fire-initial.json",
  "valid/incident-110-fire-final.json",
];
const receipts = new Map<string, { receiptId: string; messageId: string }>();

beforeAll(async () => {
  hub = await startHub();
  for (const file of chainFiles) {
    const answer = await call(`${hub.url}/v1/messages`, {
      body: exampleFile(file),
      headers: { "content-type": "application/json", ...bearer(TOKENS.county) },
    });
    expect(answer.status).toBe(202);
    receipts.set(file, answer.json.receipts[0]);
  }
});
afterAll(() => hub.close());

const operator = bearer(TOKENS.operator);
const get = (path: string, headers: Record<string, string> = operator) => call(`${hub.url}${path}`, { headers });

describe("query routes need an operator", () => {
  test("401 without a token, 403 for a unit that is not an operator, 200 for the admin token", async () => {
    expect((await get("/v1/deliveries", {})).status).toBe(401);
    const county = await get("/v1/deliveries", bearer(TOKENS.county));
    expect(county.status).toBe(403);
    expect(county.json.error.code).toBe("EIX_HTTP_NOT_OPERATOR");
    expect((await get("/v1/deliveries", bearer(TOKENS.admin))).status).toBe(200);
    expect((await get("/v1/deliveries", operator)).status).toBe(200);
  });
});

describe("GET /v1/messages/:id", () => {
  test("the raw bytes as base64 with their SHA-256, the canonical envelope, provenance and deliveries", async () => {
    const file = "valid/incident-110-fire-initial.json";
    const { messageId, receiptId } = receipts.get(file) ?? { messageId: "", receiptId: "" };
    const answer = await get(`/v1/messages/${encodeURIComponent(messageId)}?unitId=${countyUnit.unitId}`);
    expect(answer.status).toBe(200);
    const raw = Buffer.from(answer.json.raw.base64, "base64");
    expect(raw.equals(exampleFile(file))).toBe(true);
    expect(answer.json.raw.sha256).toBe(createHash("sha256").update(raw).digest("hex"));
    expect(answer.json).toMatchObject({ receiptId, messageId, unitId: countyUnit.unitId });
    expect(answer.json.envelope.payload.incidentId).toBe("330110-20260314-0001");
    expect(answer.json.provenance).toMatchObject({ source: "http", adapter: { id: "eix.json" } });
    expect(
      answer.json.deliveries.map((d: { destination: string; state: string }) => `${d.destination}:${d.state}`).sort(),
    ).toEqual(["city-330100:pending", "national:pending"]);
  });

  test("404 for an unknown message", async () => {
    const answer = await get("/v1/messages/no-such-message");
    expect(answer.status).toBe(404);
    expect(answer.json.error.code).toBe("EIX_HTTP_NOT_FOUND");
  });
});

describe("GET /v1/incidents/:incidentId", () => {
  test("the report chain in sequence order, whatever the arrival order", async () => {
    const answer = await get("/v1/incidents/330110-20260314-0001");
    expect(answer.status).toBe(200);
    expect(answer.json.chain.map((entry: { stage: string; sequence: number }) => `${entry.sequence}:${entry.stage}`)).toEqual([
      "1:initial",
      "2:update",
      "3:final",
    ]);
    expect((await get("/v1/incidents/000000-00000000-0000")).status).toBe(404);
  });
});

describe("GET /v1/deliveries", () => {
  test("filters by destination and pages with afterId", async () => {
    const all = await get("/v1/deliveries?destination=national");
    expect(all.status).toBe(200);
    expect(all.json.deliveries).toHaveLength(3);
    expect(all.json.deliveries.every((d: { destination: string }) => d.destination === "national")).toBe(true);

    const first = await get("/v1/deliveries?destination=national&limit=2");
    expect(first.json.deliveries).toHaveLength(2);
    const next = await get(`/v1/deliveries?destination=national&limit=2&afterId=${first.json.nextAfterId}`);
    expect(next.json.deliveries).toHaveLength(1);
    expect(next.json.nextAfterId).toBeUndefined();
    expect([...first.json.deliveries, ...next.json.deliveries].map((d: { deliveryId: number }) => d.deliveryId)).toEqual(
      all.json.deliveries.map((d: { deliveryId: number }) => d.deliveryId),
    );
  });

  test("400 for a state or limit the API does not know", async () => {
    for (const query of ["state=lost", "limit=0", "limit=5000", "afterId=-1", "afterId=1e3"]) {
      const answer = await get(`/v1/deliveries?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.json.error.code).toBe("EIX_HTTP_BAD_PARAMETER");
    }
  });
});

describe("POST /v1/deliveries/:id/replay", () => {
  test("a dead delivery goes back to pending; replaying it again is 409, an unknown one 404", async () => {
    const [claimed] = await hub.store.claimDue({ destination: "city-330100", now: new Date(), limit: 1, leaseMs: 60_000 });
    if (!claimed) throw new Error("nothing to claim");
    expect(
      await hub.store.recordOutcome(
        claimed.deliveryId,
        { kind: "dead", reason: "HTTP 400 from the city platform" },
        claimed.leaseId,
      ),
    ).toBe(true);
    const dead = await get("/v1/deliveries?state=dead");
    expect(dead.json.deliveries.map((d: { deliveryId: number }) => d.deliveryId)).toEqual([claimed.deliveryId]);

    const replayUrl = `${hub.url}/v1/deliveries/${claimed.deliveryId}/replay`;
    const replayed = await call(replayUrl, { method: "POST", headers: operator });
    expect(replayed.status).toBe(200);
    expect(replayed.json).toEqual({ replayed: 1 });
    expect(hub.replayWakeUps()).toBe(1);
    const [after] = await hub.store.listDeliveries({ afterId: claimed.deliveryId - 1, limit: 1 });
    expect(after).toMatchObject({ deliveryId: claimed.deliveryId, state: "pending", attempts: 0 });

    const again = await call(replayUrl, { method: "POST", headers: operator });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("EIX_HTTP_NOT_DEAD");

    const unknown = await call(`${hub.url}/v1/deliveries/999999/replay`, { method: "POST", headers: operator });
    expect(unknown.status).toBe(404);
    const notANumber = await call(`${hub.url}/v1/deliveries/abc/replay`, { method: "POST", headers: operator });
    expect(notANumber.status).toBe(400);
    const notOperator = await call(replayUrl, { method: "POST", headers: bearer(TOKENS.county) });
    expect(notOperator.status).toBe(403);
  });
});

describe("GET /v1/quarantine", () => {
  test("a refused payload is there with its reasons, its unit and its bytes, filtered by unit and time", async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const refused = exampleFile("invalid/ack-missing-by.json");
    const answer = await call(`${hub.url}/v1/messages`, {
      body: refused,
      headers: { "content-type": "application/json", ...bearer(TOKENS.county) },
    });
    expect(answer.status).toBe(422);
    const listed = await get(`/v1/quarantine?unitId=${encodeURIComponent(countyUnit.unitId)}&from=${encodeURIComponent(before)}`);
    expect(listed.status).toBe(200);
    const [kept] = listed.json.quarantine;
    expect(kept).toMatchObject({ source: "http", unitId: countyUnit.unitId, reasonCodes: ["EIX_SCHEMA_REQUIRED"] });
    expect(Buffer.from(kept.raw.base64, "base64").equals(Buffer.from(refused))).toBe(true);
    expect(kept.raw).toMatchObject({ size: refused.byteLength, truncated: false });
    expect(kept.raw.sha256).toBe(createHash("sha256").update(refused).digest("hex"));
    // Nothing from another unit, nothing before the window.
    expect((await get("/v1/quarantine?unitId=330000-QXJ-YJ")).json.quarantine).toEqual([]);
    expect((await get(`/v1/quarantine?to=${encodeURIComponent(before)}`)).json.quarantine).toEqual([]);
  });

  test("a time without offset is a bad parameter; the route needs an operator", async () => {
    const bad = await get("/v1/quarantine?from=2026-11-22T03:12:00");
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("EIX_HTTP_BAD_PARAMETER");
    expect((await get("/v1/quarantine", bearer(TOKENS.county))).status).toBe(403);
  });
});
