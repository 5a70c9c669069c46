// The HTTP destination against real sockets: keep-alive, timeouts, and the ambiguous case.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { HttpDestination, type HttpDestinationOptions } from "../../src/relay/http-destination.js";
import { claimedDelivery, jsonBody, startReceiver } from "./relay-fixtures.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function destination(url: string, options: Partial<HttpDestinationOptions> = {}): HttpDestination {
  const created = new HttpDestination({ id: "city", url, ...options });
  cleanups.push(() => created.close());
  return created;
}

/** A raw server for behaviours the receiver helper does not have (never answering, never reading). */
async function rawServer(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/in`, server };
}

const body = jsonBody('{"kind":"checkin"}');

describe("HTTP destination (loopback)", () => {
  test("sequential sends reuse one keep-alive connection", async () => {
    const receiver = await startReceiver(() => ({ status: 202, body: "ok" }));
    cleanups.push(() => receiver.close());
    const city = destination(receiver.url, { connections: 1 });
    for (let i = 1; i <= 5; i++) {
      expect((await city.send(claimedDelivery({ deliveryId: i }), body)).kind).toBe("delivered");
    }
    expect(receiver.requests.map((r) => r.headers["x-eix-delivery-id"])).toEqual(["1", "2", "3", "4", "5"]);
    expect(receiver.connections()).toBe(1);
  });

  test("parallel sends use at most `connections` sockets", async () => {
    const receiver = await startReceiver(() => ({ status: 202, delayMs: 30 }));
    cleanups.push(() => receiver.close());
    const city = destination(receiver.url, { connections: 2 });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => city.send(claimedDelivery({ deliveryId: i }), body)));
    expect(results.every((r) => r.kind === "delivered")).toBe(true);
    expect(receiver.requests).toHaveLength(8);
    expect(receiver.connections()).toBe(2);
  });

  test("no answer after the whole request was received is ambiguous", async () => {
    let received = 0;
    const { url } = await rawServer((req) => {
      req.on("data", (chunk: Buffer) => {
        received += chunk.length;
      });
      // Reads everything, never answers: the destination may well have stored the message.
    });
    const started = Date.now();
    const result = await destination(url, { headersTimeoutMs: 200, timeoutMs: 5000 }).send(claimedDelivery(), body);
    expect(received).toBe(body.bytes.byteLength);
    expect(result.kind).toBe("ambiguous");
    expect(result.kind === "ambiguous" && result.reason).toMatch(/^EIX_RELAY_AMBIGUOUS_TIMEOUT: .*UND_ERR_HEADERS_TIMEOUT/);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  test("the send deadline after the request was written is ambiguous too", async () => {
    const { url } = await rawServer((req) => req.resume());
    const result = await destination(url, { timeoutMs: 300 }).send(claimedDelivery(), body);
    expect(result.kind === "ambiguous" && result.reason).toMatch(/^EIX_RELAY_AMBIGUOUS_TIMEOUT: .*deadline/);
  });

  test("a timeout while the body is still going out is retryable: the destination cannot have it", async () => {
    let received = 0;
    const { url } = await rawServer((req) => {
      // Takes the first chunk, then stops reading: the rest of the body backs up in the socket.
      req.once("data", (chunk: Buffer) => {
        received += chunk.length;
        req.pause();
      });
    });
    const big = { ...body, bytes: new Uint8Array(32 * 1024 * 1024) };
    const result = await destination(url, { timeoutMs: 500 }).send(claimedDelivery(), big);
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(big.bytes.byteLength);
    expect(result.kind === "retryable" && result.reason).toMatch(/^EIX_RELAY_TIMEOUT: /);
  });

  test("a refused connection is retryable", async () => {
    const { url, server } = await rawServer(() => undefined);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const result = await destination(url).send(claimedDelivery(), body);
    expect(result.kind === "retryable" && result.reason).toMatch(/^EIX_RELAY_CONNECT_FAILED: .*ECONNREFUSED/);
  });

  test("a connection dropped after the request arrived is retryable, and not resent within the send", async () => {
    let requests = 0;
    const { url } = await rawServer((req) => {
      req.resume();
      req.on("end", () => {
        requests += 1;
        req.socket.destroy();
      });
    });
    const result = await destination(url, { quickRetries: 2 }).send(claimedDelivery(), body);
    expect(result.kind === "retryable" && result.reason).toMatch(/^EIX_RELAY_CONNECT_FAILED: /);
    expect(requests).toBe(1);
  });

  test("the caller's signal aborts a send in flight", async () => {
    const { url } = await rawServer((req) => req.resume());
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("relay stopped")), 100);
    const started = Date.now();
    const result = await destination(url, { timeoutMs: 10_000 }).send(claimedDelivery(), body, controller.signal);
    expect(Date.now() - started).toBeLessThan(2000);
    // The server had read the whole request: whether it keeps it is unknown.
    expect(result.kind === "ambiguous" && result.reason).toBe(
      "EIX_RELAY_AMBIGUOUS_TIMEOUT: The request was sent but no answer came in time; it may or may not have arrived: send aborted",
    );
  });
});
