// A destination's reply read in its format and recorded with the outcome (nock intercepts fetch).
import { readFileSync } from "node:fs";
import { createRegistry } from "@eix/adapters";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { HttpDestination } from "../../src/relay/http-destination.js";
import { replyReader } from "../../src/serve/reply-reader.js";
import { claimedDelivery, jsonBody } from "./relay-fixtures.js";

const ORIGIN = "http://national-platform.example";
const destinations: HttpDestination[] = [];
const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../schema/examples/valid/${name}`, import.meta.url), "utf8")) as Record<string, unknown>;

/** A canonical ack of the delivered message, as another EIX hub or the platform might answer. */
function ackReply(type: string, note?: string): string {
  const ack = example("ack-directive-received.json") as { payload: Record<string, unknown> };
  return JSON.stringify({ ...ack, payload: { ...ack.payload, of: "msg-1", type, ...(note ? { note } : {}) } });
}

function destination(): HttpDestination {
  const created = new HttpDestination({
    id: "national",
    url: `${ORIGIN}/edxl`,
    readReply: replyReader("canonical", createRegistry()),
  });
  destinations.push(created);
  return created;
}

const body = jsonBody('{"hello":"world"}');

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(async () => {
  nock.enableNetConnect();
  await Promise.all(destinations.map((d) => d.close()));
});

describe("replies read in the destination's format", () => {
  test("a 2xx whose reply is an ack 'received' is delivered, the reply recorded", async () => {
    nock(ORIGIN).post("/edxl").reply(200, ackReply("received"), { "content-type": "application/json" });
    const result = await destination().send(claimedDelivery({ messageId: "msg-1" }), body);
    expect(result).toMatchObject({
      kind: "delivered",
      response: { status: 200, reply: { type: "received", of: "msg-1", format: "canonical" } },
    });
  });

  test("a 2xx whose reply rejects the message is a refusal with the reply's reason", async () => {
    nock(ORIGIN).post("/edxl").reply(200, ackReply("rejected", "事件类型代码无效 / unknown event type"));
    const result = await destination().send(claimedDelivery({ messageId: "msg-1" }), body);
    expect(result.kind).toBe("permanent");
    if (result.kind !== "permanent") return;
    expect(result.reason).toMatch(/^EIX_RELAY_REPLY_REJECTED: .*unknown event type/);
    expect(result.response?.reply).toMatchObject({ type: "rejected", note: "事件类型代码无效 / unknown event type" });
  });

  test("a 4xx keeps its own classification; the reply is recorded beside it", async () => {
    nock(ORIGIN).post("/edxl").reply(422, ackReply("rejected", "schema"));
    const result = await destination().send(claimedDelivery({ messageId: "msg-1" }), body);
    expect(result).toMatchObject({ kind: "permanent", response: { status: 422, reply: { type: "rejected" } } });
    if (result.kind === "permanent") expect(result.reason).toMatch(/^EIX_RELAY_HTTP_REJECTED/);
  });

  test("a 5xx is retried whatever its body says", async () => {
    nock(ORIGIN).post("/edxl").reply(503, ackReply("rejected"));
    const result = await destination().send(claimedDelivery({ messageId: "msg-1" }), body);
    expect(result.kind).toBe("retryable");
  });

  test("a reply that is no acknowledgement, or a truncated one, reads as nothing", async () => {
    nock(ORIGIN).post("/edxl").reply(202, { receiptId: "r-1" });
    const plain = await destination().send(claimedDelivery({ messageId: "msg-1" }), body);
    expect(plain).toMatchObject({ kind: "delivered" });
    expect(plain.kind === "delivered" && plain.response?.reply).toBeFalsy();

    const long = ackReply("rejected", "x".repeat(40_000));
    nock(ORIGIN).post("/edxl").reply(200, long);
    const truncated = await destination().send(claimedDelivery({ messageId: "msg-1" }), body);
    expect(truncated.kind).toBe("delivered");
  });

  test("a reader that throws changes nothing", async () => {
    const throwing = new HttpDestination({
      id: "national",
      url: `${ORIGIN}/edxl`,
      readReply: () => {
        throw new Error("boom");
      },
    });
    destinations.push(throwing);
    nock(ORIGIN).post("/edxl").reply(200, ackReply("rejected"));
    expect((await throwing.send(claimedDelivery({ messageId: "msg-1" }), body)).kind).toBe("delivered");
  });
});

describe("which message a reply is about", () => {
  test("a rejection naming another message is recorded but does not refuse this delivery", async () => {
    const other = JSON.parse(ackReply("rejected", "not yours")) as { payload: Record<string, unknown> };
    other.payload.of = "some-other-message";
    nock(ORIGIN).post("/edxl").reply(200, JSON.stringify(other));
    const result = await destination().send(claimedDelivery({ messageId: "msg-1" }), body);
    expect(result).toMatchObject({ kind: "delivered", response: { reply: { type: "rejected", of: "some-other-message" } } });
  });

  test("a rejection naming this message refuses it; replies up to 32 KiB are read whole", async () => {
    nock(ORIGIN)
      .post("/edxl")
      .reply(200, ackReply("rejected", "理由".repeat(2000)));
    const result = await destination().send(claimedDelivery({ messageId: "msg-1" }), body);
    expect(result.kind).toBe("permanent");
  });
});
