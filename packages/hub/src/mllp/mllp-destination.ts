// The relay's MLLP destination: one framed message out, its ACK in, over kept-alive connections.
import type { Destination, EncodedBody, SendResult } from "../relay/destination.js";
import type { ClaimedDelivery } from "../store/store-records.js";
import { type AckReader, classifyAck } from "./ack-classification.js";
import { decodeHl7Text, readHl7Header } from "./hl7-header.js";
import { MllpError, mllpReason } from "./mllp-errors.js";
import { type Exchange, MllpLink, type MllpLinkTls } from "./mllp-link.js";

export interface MllpDestinationOptions {
  readonly id: string;
  readonly host: string;
  readonly port: number;
  readonly tls?: MllpLinkTls;
  /**
   * Reads an ACK's text: `readHl7Ack` from @eix/adapters once it is exported there. Injected until
   * then, and so tests and other HL7 dialects can bring their own.
   */
  readonly readAck: AckReader;
  /** Kept-alive connections, each carrying one message at a time. Default 1: MLLP is strictly request/response, and one connection keeps the receiver's order. */
  readonly connections?: number;
  /** Default 5 s. */
  readonly connectTimeoutMs?: number;
  /** From the start of writing the frame to its ACK. Default 30 s; keep it below the relay's lease. */
  readonly ackTimeoutMs?: number;
  /** An idle connection is closed after this long; keep it below the receiver's own idle timeout. Default 30 s. */
  readonly idleTimeoutMs?: number;
  /** Largest ACK frame read. Default 64 KiB. */
  readonly maxAckBytes?: number;
}

/**
 * Sends each message as one MLLP frame and classifies its ACK: AA/CA delivered, AE/CE retryable,
 * AR/CR permanent (dead letter). No connection or a failure before the frame was completely
 * written is retryable; a frame written and not answered (timeout, connection closed, an
 * unreadable or stale ACK) is ambiguous, and the relay's `onAmbiguousTimeout` decides — HL7
 * receivers do not all deduplicate on MSH-10.
 */
export class MllpDestination implements Destination {
  readonly id: string;
  readonly #options: MllpDestinationOptions;
  readonly #connectTimeoutMs: number;
  readonly #ackTimeoutMs: number;
  readonly #idleTimeoutMs: number;
  readonly #maxAckBytes: number;
  readonly #idle: MllpLink[] = [];
  readonly #waiting: ((link: MllpLink | undefined) => void)[] = [];
  readonly #inFlight = new Set<Promise<SendResult>>();
  readonly #links: MllpLink[] = [];
  readonly #connections: number;
  #closed = false;

  constructor(options: MllpDestinationOptions) {
    this.id = options.id;
    this.#options = options;
    const invalid = (detail: string) =>
      new MllpError("EIX_MLLP_INVALID_OPTIONS", { detail: `destination ${options.id}: ${detail}` });
    if (!options.host) throw invalid("host is empty");
    if (!(Number.isInteger(options.port) && options.port > 0 && options.port <= 65_535)) throw invalid("port must be 1–65535");
    const positive = (value: number | undefined, fallback: number, name: string) => {
      const chosen = value ?? fallback;
      if (!(Number.isSafeInteger(chosen) && chosen > 0)) throw invalid(`${name} must be a positive integer`);
      return chosen;
    };
    this.#connections = positive(options.connections, 1, "connections");
    this.#connectTimeoutMs = positive(options.connectTimeoutMs, 5000, "connectTimeoutMs");
    this.#ackTimeoutMs = positive(options.ackTimeoutMs, 30_000, "ackTimeoutMs");
    this.#idleTimeoutMs = positive(options.idleTimeoutMs, 30_000, "idleTimeoutMs");
    this.#maxAckBytes = positive(options.maxAckBytes, 64 * 1024, "maxAckBytes");
  }

  // The delivery's ids do not travel: HL7 receivers identify a message by its own MSH-10.
  send(_delivery: ClaimedDelivery, body: EncodedBody, signal?: AbortSignal): Promise<SendResult> {
    const sending = this.#send(body, signal);
    this.#inFlight.add(sending);
    void sending.finally(() => this.#inFlight.delete(sending));
    return sending;
  }

  async #send(body: EncodedBody, signal: AbortSignal | undefined): Promise<SendResult> {
    const link = await this.#acquire(signal);
    if (!link) {
      return this.#closed
        ? { kind: "retryable", reason: mllpReason("EIX_MLLP_DESTINATION_CLOSED") }
        : { kind: "retryable", reason: mllpReason("EIX_MLLP_SEND_FAILED", { detail: "send aborted before connecting" }) };
    }
    try {
      return await this.#sendOn(link, body, signal);
    } finally {
      this.#release(link);
    }
  }

  async #sendOn(link: MllpLink, body: EncodedBody, signal: AbortSignal | undefined): Promise<SendResult> {
    // A kept-alive socket the receiver closed (its FIN arrived) is not usable: a fresh one is opened.
    if (!link.usable) {
      const failure = await link.connect(signal);
      if (failure?.kind === "connect-timeout") {
        return { kind: "retryable", reason: mllpReason("EIX_MLLP_CONNECT_TIMEOUT", { limit: String(this.#connectTimeoutMs) }) };
      }
      if (failure) return { kind: "retryable", reason: mllpReason("EIX_MLLP_CONNECT_FAILED", { detail: failure.detail }) };
    }
    return this.#classify(await link.exchange(body.bytes, this.#ackTimeoutMs, signal), body);
  }

  #classify(exchange: Exchange, body: EncodedBody): SendResult {
    switch (exchange.kind) {
      case "ack": {
        const sent = readHl7Header(body.bytes)?.controlId;
        return classifyAck(this.#options.readAck(decodeHl7Text(exchange.bytes)), sent);
      }
      case "ack-too-large": {
        const detail = `ACK frame of ${exchange.byteCount} bytes is over the limit`;
        return { kind: "ambiguous", reason: mllpReason("EIX_MLLP_ACK_UNREADABLE", { detail }) };
      }
      case "closed":
        return exchange.written
          ? { kind: "ambiguous", reason: mllpReason("EIX_MLLP_CONNECTION_LOST", { detail: exchange.detail }) }
          : { kind: "retryable", reason: mllpReason("EIX_MLLP_SEND_FAILED", { detail: exchange.detail }) };
      case "timeout":
        return exchange.written
          ? {
              kind: "ambiguous",
              reason: mllpReason("EIX_MLLP_ACK_TIMEOUT", { detail: `no ACK within ${this.#ackTimeoutMs} ms` }),
            }
          : {
              kind: "retryable",
              reason: mllpReason("EIX_MLLP_SEND_FAILED", { detail: `not written within ${this.#ackTimeoutMs} ms` }),
            };
      case "aborted":
        return exchange.written
          ? { kind: "ambiguous", reason: mllpReason("EIX_MLLP_ACK_TIMEOUT", { detail: "send aborted" }) }
          : { kind: "retryable", reason: mllpReason("EIX_MLLP_SEND_FAILED", { detail: "send aborted" }) };
    }
  }

  /** A link of the pool, created on demand; waits while all are in use. Undefined once closed or aborted. */
  #acquire(signal: AbortSignal | undefined): Promise<MllpLink | undefined> {
    if (this.#closed || signal?.aborted) return Promise.resolve(undefined);
    const idle = this.#idle.pop();
    if (idle) return Promise.resolve(idle);
    if (this.#links.length < this.#connections) {
      const link = new MllpLink({
        host: this.#options.host,
        port: this.#options.port,
        connectTimeoutMs: this.#connectTimeoutMs,
        maxAckBytes: this.#maxAckBytes,
        ...(this.#options.tls ? { tls: this.#options.tls } : {}),
      });
      this.#links.push(link);
      return Promise.resolve(link);
    }
    return new Promise((resolve) => {
      const onAbort = () => {
        this.#waiting.splice(this.#waiting.indexOf(take), 1);
        resolve(undefined);
      };
      const take = (link: MllpLink | undefined) => {
        signal?.removeEventListener("abort", onAbort);
        resolve(link);
      };
      this.#waiting.push(take);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  #release(link: MllpLink): void {
    const next = this.#waiting.shift();
    if (next) next(link);
    else if (this.#closed) link.close();
    else {
      link.park(this.#idleTimeoutMs);
      this.#idle.push(link);
    }
  }

  /** Sends in flight finish (each within its ACK timeout); sends still waiting for a connection return retryable. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const take of this.#waiting.splice(0)) take(undefined);
    await Promise.allSettled([...this.#inFlight]);
    for (const link of this.#links) link.close();
    this.#idle.length = 0;
  }
}
