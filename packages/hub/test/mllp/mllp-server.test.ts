// The MLLP listener against real loopback sockets: framing on the wire, strict turn-taking,
// refusals that keep the connection, idle and connection limits, and a clean close.
import { afterEach, describe, expect, test } from "vitest";
import { readHl7Header } from "../../src/mllp/hl7-header.js";
import { MllpError } from "../../src/mllp/mllp-errors.js";
import { MllpServer } from "../../src/mllp/mllp-server.js";
import { memoryLogger } from "../relay/relay-fixtures.js";
import {
  ackText,
  adt,
  frame,
  RawClient,
  sleep,
  startListener,
  type TestListener,
  testReject,
  until,
  utf8,
  warnings,
} from "./mllp-fixtures.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listener(options: Parameters<typeof startListener>[0] = {}): Promise<TestListener> {
  const started = await startListener(options);
  cleanups.push(() => started.server.close());
  return started;
}

async function client(port: number): Promise<RawClient> {
  const opened = await RawClient.connect(port);
  cleanups.push(() => opened.close());
  return opened;
}

/** A handler the test answers by hand, to see what happens while a message is being committed. */
function gatedHandler() {
  const pending: { controlId: string | undefined; commit: () => void }[] = [];
  const handler = (bytes: Uint8Array) =>
    new Promise<Uint8Array>((resolve) => {
      const controlId = readHl7Header(bytes)?.controlId;
      pending.push({ controlId, commit: () => resolve(utf8(ackText("AA", controlId ?? ""))) });
    });
  return { pending, handler };
}

/** No log line may carry message content: the patient's name, a PID segment. */
function expectNoBodies(lines: readonly unknown[]): void {
  const logged = JSON.stringify(lines);
  expect(logged).not.toContain("张");
  expect(logged).not.toContain("PID");
}

describe("MLLP listener (loopback)", () => {
  test("a frame split across packets, even between FS and CR, is answered once with its ACK", async () => {
    const { port, committed, lines } = await listener();
    const sender = await client(port);
    const bytes = frame(adt("CTRL-1"));
    await sender.writeInPieces(bytes, [1, 7, 40, bytes.length - 1]);
    await until(() => sender.received.length === 1, "the ACK");
    expect(sender.acks()).toEqual(["AA:CTRL-1"]);
    expect(new TextDecoder().decode(committed[0]?.bytes)).toBe(adt("CTRL-1"));
    expect(warnings(lines)).toEqual([]);
    expectNoBodies(lines);
  });

  test("several frames in one packet are answered in order, one handler at a time", async () => {
    let running = 0;
    let most = 0;
    const { port, committed } = await listener({
      handler: async (bytes) => {
        running++;
        most = Math.max(most, running);
        await sleep(10);
        running--;
        const controlId = readHl7Header(bytes)?.controlId ?? "";
        committed.push({ controlId, bytes, peer: undefined as never, at: Date.now() });
        return utf8(ackText("AA", controlId));
      },
    });
    const sender = await client(port);
    const ids = Array.from({ length: 12 }, (_, i) => `CTRL-${i + 1}`);
    await sender.write(Buffer.concat(ids.map((id) => frame(adt(id)))));
    await until(() => sender.received.length === ids.length, "every ACK");
    expect(sender.acks()).toEqual(ids.map((id) => `AA:${id}`));
    expect(committed.map((c) => c.controlId)).toEqual(ids);
    expect(most).toBe(1);
  });

  test("the ACK is written only after the handler resolved, and the next frame waits for it", async () => {
    const { pending, handler } = gatedHandler();
    const { port } = await listener({ handler });
    const sender = await client(port);
    await sender.write(Buffer.concat([frame(adt("CTRL-1")), frame(adt("CTRL-2"))]));
    await until(() => pending.length === 1, "the first frame in hand");
    await sleep(50);
    expect(sender.received).toEqual([]);
    expect(pending).toHaveLength(1); // the second frame is not handled before the first ACK
    pending[0]?.commit();
    await until(() => pending.length === 2, "the second frame in hand");
    expect(sender.acks()).toEqual(["AA:CTRL-1"]);
    pending[1]?.commit();
    await until(() => sender.received.length === 2, "the second ACK");
    expect(sender.acks()).toEqual(["AA:CTRL-1", "AA:CTRL-2"]);
  });

  test("an oversize frame gets AR naming its MSH-10 and the next frame on the connection works", async () => {
    const { port, committed, rejections, lines } = await listener({ maxFrameBytes: 1000 });
    const sender = await client(port);
    await sender.write(frame(adt("CTRL-BIG", "x".repeat(50_000))));
    await sender.write(frame(adt("CTRL-2")));
    await until(() => sender.received.length === 2, "both ACKs");
    expect(sender.acks()).toEqual(["AR:CTRL-BIG", "AA:CTRL-2"]);
    expect(rejections.map((r) => [r.code, r.ack, r.controlId])).toEqual([["EIX_MLLP_FRAME_TOO_LARGE", "AR", "CTRL-BIG"]]);
    expect(rejections[0]?.message.en).toMatch(/too large \(50\d+ bytes, the limit is 1000 bytes\)/);
    expect(committed.map((c) => c.controlId)).toEqual(["CTRL-2"]);
    expect(warnings(lines)).toEqual(["EIX_MLLP_FRAME_TOO_LARGE mllp: frame too large, refused"]);
    expect(sender.closed).toBe(false);
    expectNoBodies(lines);
  });

  test("garbage between frames is skipped and logged with its count and first bytes", async () => {
    const { port, committed, lines } = await listener();
    const sender = await client(port);
    await sender.write(Buffer.concat([frame(adt("CTRL-1")), utf8("GET / HTTP/1.1\r\n\r\n"), frame(adt("CTRL-2"))]));
    await until(() => sender.received.length === 2, "both ACKs");
    expect(committed.map((c) => c.controlId)).toEqual(["CTRL-1", "CTRL-2"]);
    const garbage = lines.filter((line) => line.code === "EIX_MLLP_GARBAGE");
    expect(garbage).toMatchObject([{ level: 40, bytes: 18, start: "GET / HTTP/1.1\\x0d\\x0a" }]);
  });

  test("an empty frame gets AR, and a failing handler AE; the connection goes on", async () => {
    let calls = 0;
    const { port, rejections, lines } = await listener({
      handler: async (bytes) => {
        calls++;
        if (calls === 1) throw Object.assign(new Error("database is locked"), { code: "EIX_STORE_BUSY" });
        return utf8(ackText("AA", readHl7Header(bytes)?.controlId ?? ""));
      },
    });
    const sender = await client(port);
    await sender.write(Buffer.concat([frame(""), frame(adt("CTRL-1")), frame(adt("CTRL-2"))]));
    await until(() => sender.received.length === 3, "three ACKs");
    expect(sender.acks()).toEqual(["AR:", "AE:CTRL-1", "AA:CTRL-2"]);
    expect(rejections.map((r) => r.code)).toEqual(["EIX_MLLP_FRAME_EMPTY", "EIX_MLLP_HANDLER_FAILED"]);
    expect(rejections[1]?.message.en).toContain("EIX_STORE_BUSY");
    expect(rejections[1]?.message.en).not.toContain("database is locked");
    expect(warnings(lines)).toEqual(["EIX_MLLP_HANDLER_FAILED mllp: handler failed, answering AE"]);
  });

  test("a sender that sends its frame and FIN together still gets its ACK", async () => {
    const { port } = await listener({ commitMs: 30 });
    const sender = await client(port);
    sender.socket.end(frame(adt("CTRL-1")));
    await until(() => sender.closed, "the connection to close");
    expect(sender.acks()).toEqual(["AA:CTRL-1"]);
  });

  test("an idle connection is closed after idleTimeoutMs, a busy one is not", async () => {
    const { port, lines } = await listener({ idleTimeoutMs: 100, commitMs: 250 });
    const idle = await client(port);
    const busy = await client(port);
    await busy.write(frame(adt("CTRL-1")));
    const started = Date.now();
    await until(() => idle.closed, "the idle connection to close");
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
    await until(() => busy.received.length === 1, "the slow ACK");
    expect(busy.acks()).toEqual(["AA:CTRL-1"]);
    expect(busy.closed).toBe(false);
    await until(() => busy.closed, "the busy connection to close once idle");
    expect(lines.filter((line) => line.code === "EIX_MLLP_IDLE_TIMEOUT")).toHaveLength(2);
  });

  test("close() lets the frame in hand finish and write its ACK, drops the ones not started, refuses new connections", async () => {
    const { pending, handler } = gatedHandler();
    const { server, port, lines } = await listener({ handler });
    const sender = await client(port);
    await sender.write(Buffer.concat([frame(adt("CTRL-1")), frame(adt("CTRL-2"))]));
    await until(() => pending.length === 1, "the first frame in hand");
    let closed = false;
    const closing = server.close().then(() => {
      closed = true;
    });
    await sleep(30);
    expect(closed).toBe(false);
    await expect(RawClient.connect(port)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    pending[0]?.commit();
    await closing;
    expect(sender.acks()).toEqual(["AA:CTRL-1"]);
    expect(pending).toHaveLength(1); // CTRL-2 was never handled: the sender resends it
    await until(() => sender.closed, "the client to see the close");
    expect(lines.some((line) => line.msg === "mllp: listener closing, frames left for the sender to resend")).toBe(true);
  });

  test("close() destroys connections whose handler outlives closeTimeoutMs", async () => {
    const { pending, handler } = gatedHandler();
    const { server, port } = await listener({ handler, closeTimeoutMs: 100 });
    const sender = await client(port);
    await sender.write(frame(adt("CTRL-1")));
    await until(() => pending.length === 1, "the frame in hand");
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await until(() => sender.closed, "the connection destroyed");
    pending[0]?.commit(); // finishes late, writes nothing
    expect(sender.received).toEqual([]);
  });

  test("a connection over maxConnections is closed at once; the others keep working", async () => {
    const { port, lines } = await listener({ maxConnections: 2 });
    const first = await client(port);
    const second = await client(port);
    const third = await client(port);
    await until(() => third.closed, "the third connection to be dropped");
    await first.write(frame(adt("CTRL-1")));
    await second.write(frame(adt("CTRL-2")));
    await until(() => first.received.length === 1 && second.received.length === 1, "both ACKs");
    expect(warnings(lines)).toEqual(["EIX_MLLP_TOO_MANY_CONNECTIONS mllp: connection refused, too many open"]);
  });

  test("a sender that hangs up while its message is committed: the commit completes and the connection is let go", async () => {
    const { pending, handler } = gatedHandler();
    const { server, port, lines } = await listener({ handler });
    const sender = await client(port);
    await sender.write(frame(adt("CTRL-1")));
    await until(() => pending.length === 1, "the frame in hand");
    sender.close();
    await sleep(20);
    expect(server.connectionCount).toBe(1); // the handler is not cut short
    pending[0]?.commit();
    await until(() => server.connectionCount === 0, "the server side to close");
    expect(warnings(lines)).toEqual([]);
  });

  test("peer details reach the handler", async () => {
    const { port, committed } = await listener();
    const sender = await client(port);
    await sender.write(frame(adt("CTRL-1")));
    await until(() => committed.length === 1, "the commit");
    expect(committed[0]?.peer).toMatchObject({
      connectionId: 1,
      remoteAddress: "127.0.0.1",
      remotePort: sender.socket.localPort,
    });
    expect(committed[0]?.peer.tls).toBeUndefined();
  });

  test("unusable options are refused with EIX_MLLP_INVALID_OPTIONS", () => {
    const { logger } = memoryLogger();
    const base = { port: 0, logger, handler: async () => new Uint8Array(), reject: testReject };
    expect(() => new MllpServer({ ...base, port: 70_000 })).toThrow(MllpError);
    expect(() => new MllpServer({ ...base, idleTimeoutMs: 0 })).toThrow(/idleTimeoutMs/);
    expect(() => new MllpServer({ ...base, tls: { key: "", cert: "" } })).toThrow(/key and cert/);
  });

  test("a port in use fails listen()", async () => {
    const { port } = await listener();
    const { logger } = memoryLogger();
    const second = new MllpServer({ port, logger, handler: async () => new Uint8Array(), reject: testReject });
    await expect(second.listen()).rejects.toMatchObject({ code: "EADDRINUSE" });
  });
});
