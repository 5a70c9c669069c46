import { afterEach, describe, expect, test } from "vitest";
import type { IngestItem, IngestResult } from "../../src/store/store-records.js";
import { bearer, call, exampleFile, type HubUnderTest, operatorUnit, rawExchange, startHub, TOKENS } from "./hub-harness.js";

let hub: HubUnderTest | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

const LIMIT = 64 * 1024;
const checkin = exampleFile("valid/checkin-nothing-to-report.json");
const headers = { "content-type": "application/json", ...bearer(TOKENS.county) };

describe("413: bodies over the limit", () => {
  test("a Content-Length over the limit is refused before any of the body is sent", async () => {
    hub = await startHub({ maxBodyBytes: LIMIT });
    // Only the head goes out: had the server waited for the body, no answer would ever come.
    const head = [
      "POST /v1/messages HTTP/1.1",
      "Host: 127.0.0.1",
      `Authorization: Bearer ${TOKENS.county}`,
      "Content-Type: application/json",
      `Content-Length: ${50 * 1024 * 1024}`,
      "",
      "",
    ].join("\r\n");
    const answer = await rawExchange(hub.port, head);
    expect(answer.status).toBe(413);
    expect(answer.bodyBytesWritten).toBe(0);
    expect(JSON.parse(answer.text).error).toMatchObject({ code: "EIX_HTTP_TOO_LARGE" });
    expect(JSON.parse(answer.text).error.message.en).toContain(String(LIMIT));
  });

  test("a chunked body is refused once it passes the limit, without reading it to the end", async () => {
    hub = await startHub({ maxBodyBytes: LIMIT });
    const head = [
      "POST /v1/messages HTTP/1.1",
      "Host: 127.0.0.1",
      `Authorization: Bearer ${TOKENS.county}`,
      "Content-Type: application/cap+xml",
      "Transfer-Encoding: chunked",
      "",
      "",
    ].join("\r\n");
    const chunk = Buffer.alloc(8 * 1024, "x");
    // Up to 4 MiB would follow, far more than the limit; the answer must come long before.
    const answer = await rawExchange(hub.port, head, async ({ write, answered }) => {
      for (let sent = 0; sent < 512 && !answered(); sent++) {
        write(`${chunk.length.toString(16)}\r\n`);
        write(chunk);
        write("\r\n");
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text).error.code).toBe("EIX_HTTP_TOO_LARGE");
    expect(answer.bodyBytesWritten).toBeLessThan(4 * 1024 * 1024);
    const metrics = await call(`${hub.url}/metrics`);
    expect(metrics.text).toMatch(/eix_messages_rejected_total\{source="http",adapter="none",code="EIX_HTTP_TOO_LARGE"\} 1/);
  });

  test("a body just under the limit is read as usual", async () => {
    hub = await startHub({ maxBodyBytes: checkin.byteLength });
    const answer = await call(`${hub.url}/v1/messages`, { body: checkin, headers });
    expect(answer.status).toBe(202);
  });
});

describe("429 and 503: the hub or its store cannot take more", () => {
  /** A hub whose store holds every commit until `release()`; `inStore` resolves when one waits there. */
  async function hubWithSlowStore(limits: { maxInFlight?: number; maxInFlightPerUnit?: number }) {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = () => {};
    const inStore = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const started = await startHub({
      ...limits,
      pipelineStore: (store) => ({
        async ingestBatch(items: readonly IngestItem[]): Promise<IngestResult[]> {
          entered();
          await gate;
          return store.ingestBatch(items);
        },
        quarantine: (entry) => store.quarantine(entry),
        incidentChain: (incidentId) => store.incidentChain(incidentId),
        incidentsNear: (query) => store.incidentsNear(query),
      }),
    });
    hub = started;
    return { hub: started, release, inStore };
  }

  test("503 with Retry-After while maxInFlight ingests of the whole hub wait for a slow store", async () => {
    const { hub, release, inStore } = await hubWithSlowStore({ maxInFlight: 1 });
    const first = call(`${hub.url}/v1/messages`, { body: checkin, headers });
    await inStore;
    const second = await call(`${hub.url}/v1/messages`, { body: checkin, headers });
    expect(second.status).toBe(503);
    expect(second.headers["retry-after"]).toBe("3");
    expect(second.json.error.code).toBe("EIX_HTTP_OVERLOADED");
    release();
    expect((await first).status).toBe(202);
    // The slot is free again once the first ingest is answered.
    const third = await call(`${hub.url}/v1/messages`, { body: checkin, headers });
    expect(third.status).toBe(200);
  });

  test("429 with Retry-After for one unit over its own limit, while another unit is still served", async () => {
    const { hub, release, inStore } = await hubWithSlowStore({ maxInFlightPerUnit: 1 });
    const first = call(`${hub.url}/v1/messages`, { body: checkin, headers });
    await inStore;
    const second = await call(`${hub.url}/v1/messages`, { body: checkin, headers });
    expect(second.status).toBe(429);
    expect(second.headers["retry-after"]).toBe("3");
    expect(second.json.error.code).toBe("EIX_HTTP_UNIT_BUSY");
    // Another unit is not held back by the first one's limit: its message goes in (and waits
    // for the slow store like the first).
    const envelope = JSON.parse(new TextDecoder().decode(checkin));
    const { unitId, name, department, level, regionCode } = operatorUnit;
    envelope.sender = { unitId, name, department, level, regionCode };
    const other = call(`${hub.url}/v1/messages`, {
      body: JSON.stringify(envelope),
      headers: { "content-type": "application/json", ...bearer(TOKENS.operator) },
    });
    release();
    expect((await first).status).toBe(202);
    expect((await other).status).toBe(202);
  });

  test("503 with Retry-After when the store is closed", async () => {
    hub = await startHub();
    await hub.store.close();
    const answer = await call(`${hub.url}/v1/messages`, { body: checkin, headers });
    expect(answer.status).toBe(503);
    expect(answer.headers["retry-after"]).toBe("3");
    expect(answer.json.error).toMatchObject({ code: "EIX_HTTP_UNAVAILABLE", issues: [{ code: "EIX_STORE_CLOSED" }] });
    expect(answer.json.error.message["zh-CN"]).toContain("存储已关闭");
  });
});
