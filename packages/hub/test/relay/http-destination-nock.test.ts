// The HTTP destination's classification, against nock (which intercepts the global fetch).
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { HttpDestination, type HttpDestinationOptions } from "../../src/relay/http-destination.js";
import { checkin } from "../store/store-fixtures.js";
import { claimedDelivery, jsonBody } from "./relay-fixtures.js";

const ORIGIN = "http://national-hub.example";
const destinations: HttpDestination[] = [];

function destination(options: Partial<HttpDestinationOptions> = {}): HttpDestination {
  const created = new HttpDestination({ id: "national", url: `${ORIGIN}/v1/messages`, ...options });
  destinations.push(created);
  return created;
}

const body = jsonBody('{"hello":"世界"}');

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(async () => {
  nock.enableNetConnect();
  await Promise.all(destinations.map((d) => d.close()));
});

describe("HTTP destination (nock)", () => {
  test("POSTs the encoded body with the EIX headers and the configured ones; 2xx is delivered", async () => {
    const envelope = checkin({ unitId: "330110-YJJ-ZBS" });
    const delivery = claimedDelivery({ deliveryId: 42 }, envelope);
    const scope = nock(ORIGIN, {
      reqheaders: {
        "content-type": "application/json",
        "x-eix-message-id": envelope.id,
        "x-eix-unit-id": "330110-YJJ-ZBS",
        "x-eix-delivery-id": "42",
        authorization: "Bearer s3cret",
      },
    })
      .post("/v1/messages", (sent) => JSON.stringify(sent) === '{"hello":"世界"}')
      .reply(202, { receiptId: "r-1" }, { "x-request-id": "abc" });
    const result = await destination({ headers: { Authorization: "Bearer s3cret" } }).send(delivery, body);
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      kind: "delivered",
      response: { status: 202, headers: expect.objectContaining({ "x-request-id": "abc" }), body: '{"receiptId":"r-1"}' },
    });
  });

  test("configured headers cannot override the EIX headers", async () => {
    const delivery = claimedDelivery({ deliveryId: 5 });
    const scope = nock(ORIGIN, { reqheaders: { "x-eix-delivery-id": "5", "x-eix-message-id": delivery.messageId } })
      .post("/v1/messages")
      .reply(200);
    const result = await destination({ headers: { "X-EIX-Delivery-Id": "999", "X-EIX-Message-Id": "forged" } }).send(
      delivery,
      body,
    );
    expect(scope.isDone()).toBe(true);
    expect(result.kind).toBe("delivered");
  });

  test("a unit id outside ASCII travels percent-encoded", async () => {
    const delivery = claimedDelivery({ unitId: "余杭区应急局" });
    const scope = nock(ORIGIN, { reqheaders: { "x-eix-unit-id": encodeURIComponent("余杭区应急局") } })
      .post("/v1/messages")
      .reply(204);
    expect((await destination().send(delivery, body)).kind).toBe("delivered");
    expect(scope.isDone()).toBe(true);
  });

  test.each([200, 201, 202, 204])("%i is delivered", async (status) => {
    nock(ORIGIN).post("/v1/messages").reply(status);
    expect((await destination().send(claimedDelivery(), body)).kind).toBe("delivered");
  });

  test.each([408, 425, 429, 500, 502, 503, 504])("%i is retryable", async (status) => {
    nock(ORIGIN).post("/v1/messages").reply(status, "busy");
    const result = await destination().send(claimedDelivery(), body);
    expect(result).toMatchObject({ kind: "retryable", response: { status, body: "busy" } });
    expect(result.kind === "retryable" && result.reason).toBe(
      `EIX_RELAY_HTTP_UNAVAILABLE: The destination cannot take the message now (HTTP ${status}): busy`,
    );
    expect(result.kind === "retryable" && result.retryAfterMs).toBeUndefined();
  });

  test.each([400, 401, 403, 404, 409, 413, 422])(
    "%i is permanent, with the status and the body's start as the reason",
    async (status) => {
      nock(ORIGIN)
        .post("/v1/messages")
        .reply(status, `unknown region code 999999\n${"x".repeat(5000)}`);
      const result = await destination().send(claimedDelivery(), body);
      expect(result).toMatchObject({ kind: "permanent", response: { status } });
      if (result.kind !== "permanent") throw new Error("not permanent");
      expect(result.reason).toMatch(
        new RegExp(`^EIX_RELAY_HTTP_REJECTED: .*\\(HTTP ${status}\\): unknown region code 999999 x+…$`),
      );
      expect(result.reason.length).toBeLessThan(400);
    },
  );

  test("a redirect is not followed: permanent, naming where it pointed", async () => {
    const elsewhere = nock("http://elsewhere.example").post("/in").reply(202);
    nock(ORIGIN).post("/v1/messages").reply(307, "", { Location: "http://elsewhere.example/in" });
    const result = await destination().send(claimedDelivery(), body);
    expect(result.kind).toBe("permanent");
    expect(result.kind === "permanent" && result.reason).toMatch(/^EIX_RELAY_HTTP_REDIRECT: .*307.*elsewhere\.example\/in/);
    expect(elsewhere.isDone()).toBe(false);
  });

  test("Retry-After in seconds", async () => {
    nock(ORIGIN).post("/v1/messages").reply(503, "maintenance", { "Retry-After": "120" });
    expect(await destination().send(claimedDelivery(), body)).toMatchObject({ kind: "retryable", retryAfterMs: 120_000 });
  });

  test("Retry-After as an HTTP-date, measured against the response's Date", async () => {
    const clock = () => new Date("2030-01-01T00:00:00Z"); // the hub's clock is far off; the receiver's Date wins
    nock(ORIGIN)
      .post("/v1/messages")
      .reply(429, "slow down", { "Retry-After": "Sat, 14 Mar 2026 08:01:30 GMT", Date: "Sat, 14 Mar 2026 08:00:00 GMT" });
    expect(await destination({ clock }).send(claimedDelivery(), body)).toMatchObject({ kind: "retryable", retryAfterMs: 90_000 });
  });

  test("the response kept is trimmed and carries no cookies", async () => {
    nock(ORIGIN)
      .post("/v1/messages")
      .reply(200, "a".repeat(10_000), { "Set-Cookie": "session=secret", "X-Long": "v".repeat(1000) });
    const result = await destination({ maxResponseBytes: 100 }).send(claimedDelivery(), body);
    if (result.kind !== "delivered") throw new Error(result.kind);
    expect(result.response?.body).toBe(`${"a".repeat(100)}…`);
    expect(result.response?.headers).not.toHaveProperty("set-cookie");
    expect(result.response?.headers?.["x-long"]).toHaveLength(257);
  });

  test.each([
    ["ECONNREFUSED", "connect ECONNREFUSED 10.0.0.1:443"],
    ["ENOTFOUND", "getaddrinfo ENOTFOUND national-hub.example"],
    ["EAI_AGAIN", "getaddrinfo EAI_AGAIN national-hub.example"],
    ["CERT_HAS_EXPIRED", "certificate has expired"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "Hostname/IP does not match certificate's altnames"],
  ])("a connection failure (%s) is retryable", async (code, message) => {
    nock(ORIGIN).post("/v1/messages").replyWithError({ code, message });
    const result = await destination().send(claimedDelivery(), body);
    expect(result.kind).toBe("retryable");
    expect(result.kind === "retryable" && result.reason).toMatch(new RegExp(`^EIX_RELAY_CONNECT_FAILED: .*${code}`));
  });

  test("a connect timeout is retryable: the request never left", async () => {
    nock(ORIGIN).post("/v1/messages").replyWithError({ code: "UND_ERR_CONNECT_TIMEOUT", message: "Connect Timeout Error" });
    const result = await destination().send(claimedDelivery(), body);
    expect(result.kind === "retryable" && result.reason).toMatch(/^EIX_RELAY_TIMEOUT: /);
  });

  test("a socket reset before the request was written is retried at once, within the same send", async () => {
    const scope = nock(ORIGIN)
      .post("/v1/messages")
      .replyWithError({ code: "ECONNRESET", message: "socket hang up" })
      .post("/v1/messages")
      .reply(202);
    expect((await destination().send(claimedDelivery(), body)).kind).toBe("delivered");
    expect(scope.isDone()).toBe(true);
  });

  test("quick retries are bounded; without them a reset is an ordinary retryable failure", async () => {
    const reset = { code: "ECONNRESET", message: "socket hang up" };
    const twice = nock(ORIGIN).post("/v1/messages").times(2).replyWithError(reset).post("/v1/messages").reply(202);
    const once = await destination({ quickRetries: 1 }).send(claimedDelivery(), body);
    expect(once.kind === "retryable" && once.reason).toMatch(/^EIX_RELAY_CONNECT_FAILED: .*ECONNRESET/);
    expect(twice.pendingMocks()).toHaveLength(1);
    nock.cleanAll();

    nock(ORIGIN).post("/v1/messages").replyWithError(reset).post("/v1/messages").reply(202);
    expect((await destination({ quickRetries: 0 }).send(claimedDelivery(), body)).kind).toBe("retryable");
  });

  test("an answer slower than the send deadline times out instead of hanging", async () => {
    nock(ORIGIN).post("/v1/messages").delay(3000).reply(202);
    const started = Date.now();
    const result = await destination({ timeoutMs: 200 }).send(claimedDelivery(), body);
    expect(Date.now() - started).toBeLessThan(1500);
    // nock answers without undici's agent, so the request is never reported written and the safe
    // reading applies; the loopback test covers the ambiguous case with a real socket.
    expect(result.kind === "retryable" && result.reason).toMatch(/^EIX_RELAY_TIMEOUT: .*deadline/);
  });

  test("settings are checked when the destination is made", () => {
    expect(() => new HttpDestination({ id: "x", url: "ftp://example.org/" })).toThrow(/http or https/);
    expect(() => new HttpDestination({ id: "x", url: "not a url" })).toThrow(
      expect.objectContaining({ code: "EIX_RELAY_INVALID_OPTIONS" }),
    );
    expect(() => new HttpDestination({ id: "x", url: ORIGIN, timeoutMs: 0 })).toThrow(/timeoutMs/);
    const bad = () => new HttpDestination({ id: "x", url: ORIGIN, headers: { Authorization: "Bearer\nsecret-token" } });
    expect(bad).toThrow(/invalid header among Authorization/);
    expect(bad).not.toThrow(/secret-token/);
  });
});
