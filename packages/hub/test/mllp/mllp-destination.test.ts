// The MLLP destination against real loopback listeners: each ACK code, silence, refusals, stale
// answers, keep-alive and the pool.
import { type AddressInfo, createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { readHl7Header } from "../../src/mllp/hl7-header.js";
import { MllpDestination, type MllpDestinationOptions } from "../../src/mllp/mllp-destination.js";
import { MllpError } from "../../src/mllp/mllp-errors.js";
import { encodeMllpFrame, MllpFrameDecoder } from "../../src/mllp/mllp-framing.js";
import type { EncodedBody } from "../../src/relay/destination.js";
import { claimedDelivery } from "../relay/relay-fixtures.js";
import { ackText, adt, sleep, startListener, type TestListener, testAckReader, utf8 } from "./mllp-fixtures.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const hl7 = (controlId: string): EncodedBody => ({
  bytes: utf8(adt(controlId)),
  contentType: "application/hl7-v2",
  extension: "hl7",
});

function destination(port: number, options: Partial<MllpDestinationOptions> = {}): MllpDestination {
  const created = new MllpDestination({ id: "cdc", host: "127.0.0.1", port, readAck: testAckReader, ...options });
  cleanups.push(() => created.close());
  return created;
}

/** A listener whose handler answers `code` with an ERR text, like a hospital system would. */
async function answering(code: string, commitMs = 0): Promise<TestListener> {
  const listener = await startListener({
    handler: async (bytes) => {
      if (commitMs) await sleep(commitMs);
      const controlId = readHl7Header(bytes)?.controlId ?? "";
      listener.committed.push({ controlId, bytes, peer: { connectionId: 0, remoteAddress: "", remotePort: 0 }, at: Date.now() });
      return utf8(ackText(code, controlId, code === "AA" || code === "CA" ? undefined : "PID-3 missing"));
    },
  });
  cleanups.push(() => listener.server.close());
  return listener;
}

/** A raw TCP server that hands each received frame to `onFrame` with its socket. */
async function rawServer(
  onFrame: (socket: Socket, frame: Uint8Array) => void,
): Promise<{ port: number; server: Server; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on("error", () => undefined);
    const decoder = new MllpFrameDecoder();
    socket.on("data", (chunk) => {
      for (const event of decoder.push(chunk)) if (event.kind === "frame") onFrame(socket, event.bytes);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return { port: (server.address() as AddressInfo).port, server, sockets };
}

const answer = (socket: Socket, text: string) => socket.write(encodeMllpFrame(utf8(text)));
const controlIdOf = (bytes: Uint8Array) => readHl7Header(bytes)?.controlId ?? "";

describe("MLLP destination (loopback)", () => {
  test.each([
    ["AA", "delivered", undefined],
    ["CA", "delivered", undefined],
    ["AE", "retryable", /^EIX_MLLP_ACK_ERROR: The destination answered AE \(application error\).*207 PID-3 missing/],
    ["CE", "retryable", /^EIX_MLLP_ACK_ERROR: The destination answered CE/],
    ["AR", "permanent", /^EIX_MLLP_ACK_REJECTED: The destination refused the message \(AR\): 207 PID-3 missing$/],
    ["CR", "permanent", /^EIX_MLLP_ACK_REJECTED: .*\(CR\)/],
  ])("an %s ACK is %s", async (code, kind, reason) => {
    const { port, committed } = await answering(code);
    const result = await destination(port).send(claimedDelivery(), hl7("CTRL-1"));
    expect(result.kind).toBe(kind);
    if (reason) expect("reason" in result && result.reason).toMatch(reason);
    expect(result.response?.body).toMatch(new RegExp(`^${code} CTRL-1`));
    expect(committed.map((c) => c.controlId)).toEqual(["CTRL-1"]);
  });

  test("no ACK within ackTimeoutMs after the frame was written is ambiguous", async () => {
    const received: string[] = [];
    const { port } = await rawServer((_socket, bytes) => received.push(controlIdOf(bytes)));
    const started = Date.now();
    const result = await destination(port, { ackTimeoutMs: 150 }).send(claimedDelivery(), hl7("CTRL-1"));
    expect(result).toEqual({
      kind: "ambiguous",
      reason:
        "EIX_MLLP_ACK_TIMEOUT: The frame was sent but no ACK came in time; it may or may not have arrived: no ACK within 150 ms",
    });
    expect(received).toEqual(["CTRL-1"]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test("a refused connection is retryable", async () => {
    const { port, server } = await rawServer(() => undefined);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const result = await destination(port).send(claimedDelivery(), hl7("CTRL-1"));
    expect(result.kind === "retryable" && result.reason).toMatch(/^EIX_MLLP_CONNECT_FAILED: .*ECONNREFUSED/);
  });

  test("a connection not set up within connectTimeoutMs is retryable (a TLS handshake nobody answers)", async () => {
    const received: string[] = [];
    const { port } = await rawServer((_socket, bytes) => received.push(controlIdOf(bytes)));
    const city = destination(port, { connectTimeoutMs: 100, tls: { rejectUnauthorized: false } });
    expect(await city.send(claimedDelivery(), hl7("CTRL-1"))).toEqual({
      kind: "retryable",
      reason: "EIX_MLLP_CONNECT_TIMEOUT: Connecting to the MLLP destination timed out (100 ms)",
    });
    expect(received).toEqual([]);
  });

  test("a connection closed after the frame was written and before an ACK is ambiguous", async () => {
    const { port } = await rawServer((socket) => socket.destroy());
    const result = await destination(port).send(claimedDelivery(), hl7("CTRL-1"));
    expect(result.kind === "ambiguous" && result.reason).toMatch(/^EIX_MLLP_CONNECTION_LOST: /);
  });

  test("a reply that is not an ACK is ambiguous", async () => {
    const { port } = await rawServer((socket) => answer(socket, "hello"));
    const result = await destination(port).send(claimedDelivery(), hl7("CTRL-1"));
    expect(result).toEqual({
      kind: "ambiguous",
      reason: "EIX_MLLP_ACK_UNREADABLE: The destination's ACK cannot be read: TEST_NO_MSA: no MSA segment with a known code",
    });
  });

  test("an ACK over maxAckBytes is ambiguous", async () => {
    const { port } = await rawServer((socket, bytes) => answer(socket, ackText("AA", controlIdOf(bytes), "x".repeat(5000))));
    const result = await destination(port, { maxAckBytes: 1024 }).send(claimedDelivery(), hl7("CTRL-1"));
    expect(result.kind === "ambiguous" && result.reason).toMatch(/^EIX_MLLP_ACK_UNREADABLE: .*over the limit/);
  });

  test("an ACK for another message (MSA-2 is not the sent MSH-10) is ambiguous: a stale answer", async () => {
    const { port } = await rawServer((socket) => answer(socket, ackText("AA", "CTRL-0")));
    const result = await destination(port).send(claimedDelivery(), hl7("CTRL-1"));
    expect(result.kind).toBe("ambiguous");
    expect("reason" in result && result.reason).toBe(
      'EIX_MLLP_ACK_MISMATCH: The ACK acknowledges message control id "CTRL-0", but "CTRL-1" was sent',
    );
  });

  test("a late ACK is never taken for the next message's: the connection it came on is dropped", async () => {
    let frames = 0;
    const { port, sockets } = await rawServer((socket, bytes) => {
      frames++;
      const id = controlIdOf(bytes);
      if (frames === 1) setTimeout(() => answer(socket, ackText("AA", id)), 250);
      else answer(socket, ackText("AA", id));
    });
    const city = destination(port, { ackTimeoutMs: 100 });
    expect((await city.send(claimedDelivery(), hl7("CTRL-1"))).kind).toBe("ambiguous");
    const second = await city.send(claimedDelivery(), hl7("CTRL-2"));
    expect(second).toMatchObject({ kind: "delivered", response: { body: "AA CTRL-2" } });
    expect(sockets).toHaveLength(2);
  });

  test("a message that is not HL7 is sent as it is and its ACK taken without the MSH-10 check", async () => {
    const { port } = await rawServer((socket) => answer(socket, ackText("AA", "SOMETHING")));
    const body = { bytes: utf8('{"kind":"checkin"}'), contentType: "application/json", extension: "json" };
    expect((await destination(port).send(claimedDelivery(), body)).kind).toBe("delivered");
  });

  test("sequential sends reuse one kept-alive connection", async () => {
    const { port, sockets } = await rawServer((socket, bytes) => answer(socket, ackText("AA", controlIdOf(bytes))));
    const city = destination(port);
    for (let i = 1; i <= 5; i++) expect((await city.send(claimedDelivery(), hl7(`CTRL-${i}`))).kind).toBe("delivered");
    expect(sockets).toHaveLength(1);
  });

  test("parallel sends use at most `connections` sockets, one message in flight on each", async () => {
    let inFlight = 0;
    let most = 0;
    const { port, sockets } = await rawServer((socket, bytes) => {
      inFlight++;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight--;
        answer(socket, ackText("AA", controlIdOf(bytes)));
      }, 20);
    });
    const city = destination(port, { connections: 2 });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => city.send(claimedDelivery(), hl7(`CTRL-${i}`))));
    expect(results.map((r) => r.kind)).toEqual(Array(8).fill("delivered"));
    expect(sockets).toHaveLength(2);
    expect(most).toBe(2);
  });

  test("a connection the receiver closed while idle is replaced before the next send", async () => {
    const listener = await answering("AA");
    const city = destination(listener.port);
    expect((await city.send(claimedDelivery(), hl7("CTRL-1"))).kind).toBe("delivered");
    await listener.server.close();
    const again = await startListener({ port: listener.port });
    cleanups.push(() => again.server.close());
    expect((await city.send(claimedDelivery(), hl7("CTRL-2"))).kind).toBe("delivered");
    expect(again.committed.map((c) => c.controlId)).toEqual(["CTRL-2"]);
  });

  test("an idle connection is closed after idleTimeoutMs", async () => {
    const { port, sockets } = await rawServer((socket, bytes) => answer(socket, ackText("AA", controlIdOf(bytes))));
    const city = destination(port, { idleTimeoutMs: 50 });
    await city.send(claimedDelivery(), hl7("CTRL-1"));
    await sleep(150);
    expect(sockets[0]?.readableEnded || sockets[0]?.destroyed).toBe(true);
  });

  test("the caller's signal stops a send waiting for its ACK: ambiguous, since the frame went out", async () => {
    const { port } = await rawServer(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("relay stopping")), 50);
    const result = await destination(port, { ackTimeoutMs: 5000 }).send(claimedDelivery(), hl7("CTRL-1"), controller.signal);
    expect(result.kind === "ambiguous" && result.reason).toMatch(/^EIX_MLLP_ACK_TIMEOUT: .*send aborted$/);
  });

  test("close() lets the send in flight finish; later sends are retryable", async () => {
    const { port } = await answering("AA", 100);
    const city = destination(port);
    const inFlight = city.send(claimedDelivery(), hl7("CTRL-1"));
    await sleep(20);
    await city.close();
    expect((await inFlight).kind).toBe("delivered");
    expect(await city.send(claimedDelivery(), hl7("CTRL-2"))).toEqual({
      kind: "retryable",
      reason: "EIX_MLLP_DESTINATION_CLOSED: The MLLP destination is closed; the message was not sent",
    });
  });

  test("unusable options are refused with EIX_MLLP_INVALID_OPTIONS", () => {
    const base = { id: "cdc", host: "127.0.0.1", port: 2575, readAck: testAckReader };
    expect(() => new MllpDestination({ ...base, port: 0 })).toThrow(MllpError);
    expect(() => new MllpDestination({ ...base, connections: 0 })).toThrow(/connections must be a positive integer/);
    expect(() => new MllpDestination({ ...base, host: "" })).toThrow(/host/);
  });
});
