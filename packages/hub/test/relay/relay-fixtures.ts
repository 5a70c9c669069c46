// Shared pieces of the relay tests: claimed deliveries, a logger that keeps its lines, a loopback receiver.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { Envelope } from "@eix/schema";
import { type Logger, pino } from "pino";
import type { ClaimedDelivery } from "../../src/store/store-records.js";
import { checkin, T0 } from "../store/store-fixtures.js";

/** A claimed delivery as the store would hand it out, for destination tests that need no store. */
export function claimedDelivery(overrides: Partial<ClaimedDelivery> = {}, envelope: Envelope = checkin()): ClaimedDelivery {
  return {
    deliveryId: 7,
    receiptId: "rcpt-7",
    messageId: envelope.id,
    unitId: envelope.sender.unitId,
    destination: "national",
    laneKey: `national|${envelope.id}`,
    state: "claimed",
    attempts: 1,
    nextAttemptAt: T0,
    createdAt: T0,
    updatedAt: T0,
    claimedUntil: new Date(T0.getTime() + 60_000),
    leaseId: "lease-1",
    envelope,
    ...overrides,
  };
}

export const jsonBody = (text: string) => ({
  bytes: new TextEncoder().encode(text),
  contentType: "application/json",
  extension: "json",
});

export interface LogLine {
  readonly level: number;
  readonly msg?: string;
  readonly [field: string]: unknown;
}

/** A pino logger writing to memory, so a test can count lines (warn = 40, info = 30, debug = 20). */
export function memoryLogger(level: "debug" | "info" | "warn" | "error" = "debug"): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines };
}

export const silentLogger = (): Logger => pino({ level: "silent" });

/** A clock a test moves by hand. */
export function manualClock(start: Date = T0): { now: () => Date; advance(ms: number): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
  };
}

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly messageId: string;
  /** Date.now() when the whole request had arrived. */
  readonly receivedAt: number;
}

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Answer only after this long. */
  readonly delayMs?: number;
}

export interface Receiver {
  readonly url: string;
  /** Every request in arrival order, answered or not. */
  readonly requests: ReceivedRequest[];
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that answers each request with `reply(request)`. */
export async function startReceiver(reply: (request: ReceivedRequest) => Reply): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: ReceivedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks),
        messageId: String(req.headers["x-eix-message-id"] ?? ""),
        receivedAt: Date.now(),
      };
      requests.push(request);
      const answer = reply(request);
      const send = () => {
        res.writeHead(answer.status, answer.headers ?? {});
        res.end(answer.body ?? "");
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  server.on("connection", () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/messages`,
    requests,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls `check` until it returns true, or fails after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Mulberry32: a small seeded generator, so random waits are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
