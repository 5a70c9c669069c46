// Shared pieces of the MLLP tests: HL7 messages and ACKs, a raw loopback client, a listener with a
// handler that keeps frames in memory, and a small ACK reader standing in for @eix/adapters' one.
import { connect, type Socket } from "node:net";
import { type Logger, pino } from "pino";
import type { AckReading } from "../../src/mllp/ack-classification.js";
import { readHl7Header } from "../../src/mllp/hl7-header.js";
import type { MllpPeer, MllpRejection } from "../../src/mllp/mllp-connection.js";
import { encodeMllpFrame, MllpFrameDecoder } from "../../src/mllp/mllp-framing.js";
import { MllpServer, type MllpServerOptions } from "../../src/mllp/mllp-server.js";
import { type LogLine, memoryLogger } from "../relay/relay-fixtures.js";

export const utf8 = (text: string) => new TextEncoder().encode(text);
export const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** An ADT^A04 as a hospital sends it (segments end in CR), with MSH-10 = `controlId`. */
export function adt(controlId: string, filler = ""): string {
  return [
    `MSH|^~\\&|HIS|HOSP-A|EIX|HUB|20260701140500||ADT^A04^ADT_A01|${controlId}|P|2.5|||AL|NE||UNICODE UTF-8`,
    "EVN|A04|20260701140500",
    `PID|1||P-0001^^^HOSP-A^MR||张^三${filler}`,
    "PV1|1|E",
    "",
  ].join("\r");
}

/** An ACK as a receiver builds it: MSA-1 `code`, MSA-2 `controlId`, optional ERR. */
export function ackText(code: string, controlId: string, reason?: string): string {
  const segments = [
    `MSH|^~\\&|EIX|HUB|HIS|HOSP-A|20260701140501||ACK^A04^ACK|ACK-${controlId}|P|2.5`,
    `MSA|${code}|${controlId}`,
  ];
  if (reason) segments.push(`ERR|||207^Application internal error^HL70357|E||||${reason}`);
  return `${segments.join("\r")}\r`;
}

/**
 * Reads MSA-1, MSA-2, MSA-3 and ERR-8 the simple way, for tests: the real reader (`readHl7Ack`,
 * @eix/adapters) is injected the same way.
 */
export function testAckReader(message: string): AckReading {
  const segments = message.split(/\r\n|\r|\n/);
  const msa = segments.find((segment) => segment.startsWith("MSA|"))?.split("|");
  const code = msa?.[1];
  if (!msa || !code || !["AA", "AE", "AR", "CA", "CE", "CR"].includes(code)) {
    return { ok: false, error: { code: "TEST_NO_MSA", message: "no MSA segment with a known code" } };
  }
  const errors = segments
    .filter((segment) => segment.startsWith("ERR|"))
    .map((segment) => ({ code: segment.split("|")[3]?.split("^")[0], text: segment.split("|")[8] }))
    .map(({ code: errorCode, text: errorText }) => ({
      ...(errorCode ? { code: errorCode } : {}),
      ...(errorText ? { text: errorText } : {}),
    }));
  return {
    ok: true,
    code: code as "AA",
    ...(msa[2] ? { controlId: msa[2] } : {}),
    ...(msa[3] ? { text: msa[3] } : {}),
    errors,
  };
}

/** The AR/AE a rejecter would build: MSA-2 from the refused frame's MSH-10, the code in ERR. */
export function testReject(rejection: MllpRejection): Uint8Array {
  return utf8(ackText(rejection.ack, rejection.controlId ?? "", rejection.code));
}

/** What the in-memory handler recorded, in the order it committed. */
export interface Committed {
  readonly controlId: string | undefined;
  readonly bytes: Uint8Array;
  readonly peer: MllpPeer;
  /** Date.now() when the commit finished, i.e. when the handler resolved. */
  readonly at: number;
}

export interface TestListener {
  readonly server: MllpServer;
  readonly port: number;
  readonly committed: Committed[];
  readonly rejections: MllpRejection[];
  readonly lines: LogLine[];
  readonly logger: Logger;
}

/**
 * A real listener on 127.0.0.1 whose handler mimics commit-then-ack: it waits `commitMs`, records
 * the frame, then answers AA naming its MSH-10.
 */
export async function startListener(
  options: Partial<MllpServerOptions> & { readonly commitMs?: number } = {},
): Promise<TestListener> {
  const { logger, lines } = memoryLogger();
  const committed: Committed[] = [];
  const rejections: MllpRejection[] = [];
  const server = new MllpServer({
    port: 0,
    logger,
    handler: async (bytes, peer) => {
      if (options.commitMs) await new Promise((resolve) => setTimeout(resolve, options.commitMs));
      const controlId = readHl7Header(bytes)?.controlId;
      committed.push({ controlId, bytes, peer, at: Date.now() });
      return utf8(ackText("AA", controlId ?? ""));
    },
    reject: (rejection) => {
      rejections.push(rejection);
      return testReject(rejection);
    },
    ...options,
  });
  const { port } = await server.listen();
  return { server, port, committed, rejections, lines, logger };
}

/** An ACK frame the client got, and when. */
export interface Received {
  readonly text: string;
  readonly at: number;
}

/** A raw TCP client: writes whatever bytes a test wants and collects the frames that come back. */
export class RawClient {
  readonly received: Received[] = [];
  readonly socket: Socket;
  readonly #decoder = new MllpFrameDecoder();
  closed = false;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on("data", (chunk: Buffer) => {
      for (const event of this.#decoder.push(chunk)) {
        if (event.kind === "frame") this.received.push({ text: text(event.bytes), at: Date.now() });
      }
    });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      this.closed = true;
    });
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: "127.0.0.1", port }, () => resolve(new RawClient(socket)));
      socket.setNoDelay(true);
      socket.once("error", reject);
    });
  }

  /** Writes `bytes` as one TCP write and waits until the kernel took it. */
  write(bytes: Uint8Array | string): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(bytes, (error) => (error ? reject(error) : resolve())));
  }

  /** Writes `bytes` in pieces, pausing between them so each goes out as its own packet. */
  async writeInPieces(bytes: Uint8Array, cuts: readonly number[], pauseMs = 5): Promise<void> {
    let from = 0;
    for (const cut of [...cuts, bytes.length]) {
      await this.write(bytes.subarray(from, cut));
      from = cut;
      await sleep(pauseMs);
    }
  }

  /** The MSA-1 and MSA-2 of every ACK received, "AA:CTRL-1". */
  acks(): string[] {
    return this.received.map(({ text: ack }) => {
      const msa =
        ack
          .split("\r")
          .find((segment) => segment.startsWith("MSA|"))
          ?.split("|") ?? [];
      return `${msa[1]}:${msa[2]}`;
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

export const frame = (message: string) => encodeMllpFrame(utf8(message));

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds, or fails after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

export const silent = (): Logger => pino({ level: "silent" });

/** Log lines at warn (40) or above, as `code message`. */
export const warnings = (lines: readonly LogLine[]) =>
  lines.filter((line) => line.level >= 40).map((line) => `${String(line.code ?? "")} ${line.msg ?? ""}`.trim());
