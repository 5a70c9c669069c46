import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, describe, expect, test } from "vitest";
import {
  bearer,
  call,
  corpusFile,
  countyUnit,
  exampleEnvelope,
  exampleFile,
  type HubUnderTest,
  startHub,
  TOKENS,
} from "./hub-harness.js";

let hub: HubUnderTest | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

/** The value of one series in Prometheus text, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("GET /metrics", () => {
  test("counts received and rejected payloads and reads the outbox at scrape time", async () => {
    hub = await startHub();
    const json = { "content-type": "application/json", ...bearer(TOKENS.county) };
    expect(
      (await call(`${hub.url}/v1/messages`, { body: exampleFile("valid/checkin-nothing-to-report.json"), headers: json })).status,
    ).toBe(202);
    expect(
      (await call(`${hub.url}/v1/messages`, { body: exampleFile("valid/checkin-nothing-to-report.json"), headers: json })).status,
    ).toBe(200);
    const cap = { "content-type": "application/cap+xml", ...bearer(TOKENS.weather) };
    expect((await call(`${hub.url}/v1/messages`, { body: corpusFile("cap/google-australia.cap"), headers: cap })).status).toBe(
      202,
    );
    expect((await call(`${hub.url}/v1/messages`, { body: "{", headers: json })).status).toBe(400);
    expect((await call(`${hub.url}/v1/messages`, { body: "{}", headers: { "content-type": "application/json" } })).status).toBe(
      401,
    );

    const answer = await call(`${hub.url}/metrics`);
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toMatch(/^text\/plain/);
    const text = answer.text;
    expect(sample(text, 'eix_messages_received_total{source="http",adapter="eix.json"}')).toBe(2);
    expect(sample(text, 'eix_messages_received_total{source="http",adapter="weather.cap"}')).toBe(2);
    expect(sample(text, 'eix_messages_rejected_total{source="http",adapter="eix.json",code="EIX_SCHEMA_JSON_SYNTAX"}')).toBe(1);
    expect(sample(text, 'eix_messages_rejected_total{source="http",adapter="none",code="EIX_HTTP_UNAUTHENTICATED"}')).toBe(1);
    // One check-in and two CAP warnings, each routed to both destinations, none delivered yet.
    expect(sample(text, 'eix_outbox_depth{destination="national"}')).toBe(3);
    expect(sample(text, 'eix_outbox_depth{destination="city-330100"}')).toBe(3);
    expect(sample(text, 'eix_outbox_oldest_age_seconds{destination="national"}')).toBeGreaterThanOrEqual(0);
  });

  test("the relay's delivery outcomes and end-to-end times appear; a drained destination reads 0", async () => {
    hub = await startHub();
    const json = { "content-type": "application/json", ...bearer(TOKENS.county) };
    await call(`${hub.url}/v1/messages`, { body: exampleFile("valid/checkin-nothing-to-report.json"), headers: json });
    expect(sample((await call(`${hub.url}/metrics`)).text, 'eix_outbox_depth{destination="national"}')).toBe(1);

    for (const claimed of await hub.store.claimDue({ now: new Date(), limit: 10, leaseMs: 60_000 })) {
      await hub.store.recordOutcome(claimed.deliveryId, { kind: "delivered" }, claimed.leaseId);
      hub.metrics.recordDelivery(claimed.destination, "retry", 1);
      hub.metrics.recordDelivery(claimed.destination, "delivered", 2);
      hub.metrics.observeEndToEnd(0.3);
    }
    const text = (await call(`${hub.url}/metrics`)).text;
    expect(sample(text, 'eix_outbox_depth{destination="national"}')).toBe(0);
    expect(sample(text, 'eix_deliveries_total{destination="national",outcome="delivered"}')).toBe(1);
    expect(sample(text, 'eix_deliveries_total{destination="national",outcome="retry"}')).toBe(1);
    expect(sample(text, 'eix_delivery_attempts_count{destination="national"}')).toBe(1);
    expect(sample(text, 'eix_delivery_attempts_sum{destination="national"}')).toBe(2);
    expect(sample(text, "eix_end_to_end_seconds_count")).toBe(2);
  });

  test("two hubs in one process keep separate registries", async () => {
    hub = await startHub();
    const other = await startHub();
    try {
      const json = { "content-type": "application/json", ...bearer(TOKENS.county) };
      await call(`${hub.url}/v1/messages`, { body: exampleFile("valid/checkin-nothing-to-report.json"), headers: json });
      const otherText = (await call(`${other.url}/metrics`)).text;
      expect(sample(otherText, 'eix_messages_received_total{source="http",adapter="eix.json"}')).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});

describe("health and readiness", () => {
  test("/healthz answers while the process lives; /readyz follows the store", async () => {
    hub = await startHub();
    expect((await call(`${hub.url}/healthz`)).json).toEqual({ status: "ok" });
    const ready = await call(`${hub.url}/readyz`);
    expect(ready.status).toBe(200);

    await hub.store.close();
    const closed = await call(`${hub.url}/readyz`);
    expect(closed.status).toBe(503);
    expect(closed.json.error.code).toBe("EIX_HTTP_NOT_READY");
    expect(closed.json.error.message.en).toContain("closed");
    expect(closed.headers["retry-after"]).toBe("3");
    expect((await call(`${hub.url}/healthz`)).status).toBe(200);
  });

  test("/readyz is 503 until the configuration is loaded", async () => {
    let loaded = false;
    hub = await startHub({ configReady: () => loaded });
    const before = await call(`${hub.url}/readyz`);
    expect(before.status).toBe(503);
    expect(before.json.error.message["zh-CN"]).toContain("配置尚未加载");
    loaded = true;
    expect((await call(`${hub.url}/readyz`)).status).toBe(200);
  });
});

describe("logs", () => {
  test("lines carry the request id and message id, never the token or the payload", async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    hub = await startHub({ logger: pino({ level: "info" }, sink) });
    const envelope = exampleEnvelope("valid/checkin-nothing-to-report.json");
    if (envelope.kind !== "checkin") throw new Error("expected a check-in");
    envelope.payload.note = "marker-7c1e payload text that must not be logged";
    const answer = await call(`${hub.url}/v1/messages`, {
      body: JSON.stringify(envelope),
      headers: { "content-type": "application/json", ...bearer(TOKENS.county) },
    });
    expect(answer.status).toBe(202);
    const requestId = answer.headers["x-request-id"];
    const accepted = lines.find((line) => line.msg === "message accepted");
    expect(accepted).toMatchObject({ requestId, messageId: envelope.id, unitId: countyUnit.unitId });
    expect(accepted?.destinations).toEqual(["national", "city-330100"]);
    const everything = JSON.stringify(lines);
    expect(everything).not.toContain(TOKENS.county);
    expect(everything).not.toContain("marker-7c1e");
  });
});
