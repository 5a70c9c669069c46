import pRetry from "p-retry";
import { Agent } from "undici";
import type { ClaimedDelivery, DeliveryReply } from "../store/store-records.js";
import type { Destination, EncodedBody, SendResult } from "./destination.js";
import { classifyFetchFailure, isStaleSocketFailure } from "./http-failure.js";
import { DEFAULT_MAX_RESPONSE_BYTES, readTrimmedResponse } from "./http-response.js";
import { classifyStatus } from "./http-status.js";
import { RelayError, relayReason } from "./relay-errors.js";
import { requestSentDispatcher } from "./request-sent-dispatcher.js";
import { parseRetryAfter } from "./retry-after.js";

/** TLS settings for an https destination (client certificate, private CA). */
export interface HttpDestinationTls {
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  readonly servername?: string;
  readonly rejectUnauthorized?: boolean;
}

export interface HttpDestinationOptions {
  readonly id: string;
  /** The endpoint messages are POSTed to (http or https). */
  readonly url: string | URL;
  /** Extra request headers, such as `Authorization`; they never override the X-EIX-* headers. Never logged. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Whole send, from connecting to the end of the response body. Default 30 s; keep it below the relay's lease. */
  readonly timeoutMs?: number;
  /** Default 5 s. */
  readonly connectTimeoutMs?: number;
  /** From the request written to the response headers. Default 30 s. */
  readonly headersTimeoutMs?: number;
  /** Between two chunks of the response body. Default 30 s. */
  readonly bodyTimeoutMs?: number;
  /** Open connections at most (keep-alive pool). Default 8. */
  readonly connections?: number;
  /** Idle keep-alive connections are closed after this long; keep it below the server's own. Default 4 s. */
  readonly keepAliveTimeoutMs?: number;
  /** Response body bytes kept with the outcome. Default 4 KiB. */
  readonly maxResponseBytes?: number;
  /**
   * Immediate extra tries (0–2, default 1) when the socket fails before the request was written,
   * which is what a keep-alive connection closed by the server at the same moment looks like.
   * The destination cannot have the message then, so the resend is safe and saves a backoff.
   */
  readonly quickRetries?: number;
  readonly tls?: HttpDestinationTls;
  /** For `Retry-After` dates when the response has no `Date` header. */
  readonly clock?: () => Date;
  /**
   * Reads the destination's reply body in its format (an EDXL-DE Ack or Error distribution):
   * recorded with the outcome, and a reply that refuses the message makes a 2xx a refusal.
   */
  readonly readReply?: (body: string, contentType: string | undefined) => DeliveryReply | undefined;
}

/** Response bytes kept when replies are read: a whole EDXL-DE Ack or Error distribution. */
const REPLY_RESPONSE_BYTES = 32 * 1024;

/** Thrown inside one attempt to have p-retry try again at once; carries the result if it is the last try. */
class StaleSocket extends Error {
  readonly result: SendResult;
  constructor(result: SendResult) {
    super("socket failed before the request was written");
    this.result = result;
  }
}

/** Per send: set when the destination's own deadline fired, to tell it from a shutdown abort. */
interface SendState {
  deadlineHit: boolean;
}

/**
 * POSTs each message to an HTTP endpoint over a keep-alive undici `Agent`. It uses the global
 * `fetch` with the agent as `dispatcher`: nock intercepts that `fetch`, not undici's own export,
 * so the unit tests can mock it while real sends still go through the agent's pool and timeouts.
 * The receiver deduplicates on `X-EIX-Unit-Id` + `X-EIX-Message-Id` (the envelope's idempotency
 * key), which makes resending after an ambiguous timeout safe.
 */
export class HttpDestination implements Destination {
  readonly id: string;
  readonly #url: URL;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #agent: Agent;
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #quickRetries: number;
  readonly #clock: () => Date;
  readonly #readReply: HttpDestinationOptions["readReply"];

  constructor(options: HttpDestinationOptions) {
    this.id = options.id;
    this.#url = parseEndpoint(options);
    this.#headers = checkHeaders(options);
    this.#timeoutMs = positive(options, "timeoutMs", 30_000);
    // A reply that is read (an EDXL-DE Error distribution with a long Chinese reason) must arrive whole.
    const keptByDefault = options.readReply ? REPLY_RESPONSE_BYTES : DEFAULT_MAX_RESPONSE_BYTES;
    this.#maxResponseBytes = positive(options, "maxResponseBytes", keptByDefault);
    this.#quickRetries = Math.min(2, Math.max(0, Math.trunc(options.quickRetries ?? 1)));
    this.#clock = options.clock ?? (() => new Date());
    this.#readReply = options.readReply;
    this.#agent = new Agent({
      connections: positive(options, "connections", 8),
      keepAliveTimeout: positive(options, "keepAliveTimeoutMs", 4000),
      headersTimeout: positive(options, "headersTimeoutMs", 30_000),
      bodyTimeout: positive(options, "bodyTimeoutMs", 30_000),
      connect: { ...tlsOptions(options.tls), timeout: positive(options, "connectTimeoutMs", 5000) },
    });
  }

  async send(delivery: ClaimedDelivery, body: EncodedBody, signal?: AbortSignal): Promise<SendResult> {
    const controller = new AbortController();
    const state: SendState = { deadlineHit: false };
    const timer = setTimeout(() => {
      state.deadlineHit = true;
      controller.abort(new DOMException("send deadline reached", "TimeoutError"));
    }, this.#timeoutMs);
    const forwardAbort = () => controller.abort(signal?.reason);
    if (signal?.aborted) forwardAbort();
    else signal?.addEventListener("abort", forwardAbort, { once: true });
    try {
      return await pRetry(() => this.#attempt(delivery, body, controller.signal, state), {
        retries: this.#quickRetries,
        minTimeout: 20,
        // No `signal` here: p-retry would reject at once on abort, before the attempt has said
        // whether the request was already written; the attempt itself stops on the signal.
        shouldRetry: ({ error }) => error instanceof StaleSocket && !controller.signal.aborted,
      });
    } catch (error) {
      if (error instanceof StaleSocket) return error.result;
      return classifyFetchFailure(error, {
        requestSent: false,
        deadlineHit: state.deadlineHit,
        aborted: controller.signal.aborted,
      });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", forwardAbort);
    }
  }

  async #attempt(delivery: ClaimedDelivery, body: EncodedBody, signal: AbortSignal, state: SendState): Promise<SendResult> {
    let requestSent = false;
    const dispatcher = requestSentDispatcher(this.#agent, () => {
      requestSent = true;
    });
    let response: Response;
    try {
      response = await fetch(this.#url, {
        method: "POST",
        headers: this.#requestHeaders(delivery, body),
        body: body.bytes,
        redirect: "manual",
        signal,
        // The global fetch is typed with Node's bundled undici; the agent is undici 7, same protocol.
        dispatcher: dispatcher as unknown as NonNullable<RequestInit["dispatcher"]>,
      });
    } catch (error) {
      const result = classifyFetchFailure(error, { requestSent, deadlineHit: state.deadlineHit, aborted: signal.aborted });
      if (isStaleSocketFailure(error, requestSent) && !signal.aborted) throw new StaleSocket(result);
      return result;
    }
    const trimmed = await readTrimmedResponse(response, this.#maxResponseBytes);
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), {
      now: this.#clock(),
      responseDate: response.headers.get("date"),
    });
    return this.#withReply(classifyStatus({ ...trimmed, status: response.status }, retryAfterMs), response, delivery);
  }

  /** The reply read and recorded; a 2xx whose reply refuses the message is a refusal (resending cannot help). */
  #withReply(result: SendResult, response: Response, delivery: ClaimedDelivery): SendResult {
    const kept = result.response;
    if (!this.#readReply || !kept?.body || kept.body.endsWith("…")) return result;
    let reply: DeliveryReply | undefined;
    try {
      reply = this.#readReply(kept.body, response.headers.get("content-type") ?? undefined);
    } catch {
      reply = undefined; // an unreadable reply changes nothing: the status already decided
    }
    if (!reply) return result;
    const withReply = { ...kept, reply };
    // A reply about another message is recorded but decides nothing about this one.
    const aboutThis = reply.of === undefined || reply.of === delivery.messageId;
    if (result.kind === "delivered" && reply.type === "rejected" && aboutThis) {
      const detail = `${reply.format} reply: rejected${reply.note ? ` — ${reply.note}` : ""}`;
      return {
        kind: "permanent",
        reason: relayReason("EIX_RELAY_REPLY_REJECTED", { status: String(response.status), detail }),
        response: withReply,
      };
    }
    return { ...result, response: withReply };
  }

  #requestHeaders(delivery: ClaimedDelivery, body: EncodedBody): Record<string, string> {
    return {
      ...this.#headers,
      "content-type": body.contentType,
      "x-eix-message-id": headerValue(delivery.messageId),
      "x-eix-unit-id": headerValue(delivery.unitId),
      "x-eix-delivery-id": String(delivery.deliveryId),
    };
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }
}

/**
 * Header values must be ASCII. Message ids are printable ASCII by schema; a unit id may hold
 * Chinese characters, and then travels percent-encoded as UTF-8 (decodeURIComponent reads it).
 */
export function headerValue(value: string): string {
  return /^[\x20-\x7E]*$/.test(value) ? value : encodeURIComponent(value);
}

function parseEndpoint(options: HttpDestinationOptions): URL {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new RelayError("EIX_RELAY_INVALID_OPTIONS", { detail: `destination ${options.id}: url is not a URL` });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new RelayError("EIX_RELAY_INVALID_OPTIONS", { detail: `destination ${options.id}: url must be http or https` });
  }
  return url;
}

function checkHeaders(options: HttpDestinationOptions): Readonly<Record<string, string>> {
  const headers = options.headers ?? {};
  try {
    new Headers(headers);
  } catch {
    // The message would name the value, which may be a token: say only which header.
    const names = Object.keys(headers).join(", ");
    throw new RelayError("EIX_RELAY_INVALID_OPTIONS", { detail: `destination ${options.id}: invalid header among ${names}` });
  }
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

type NumericOption =
  | "timeoutMs"
  | "connectTimeoutMs"
  | "headersTimeoutMs"
  | "bodyTimeoutMs"
  | "connections"
  | "keepAliveTimeoutMs"
  | "maxResponseBytes";

function positive(options: HttpDestinationOptions, name: NumericOption, fallback: number): number {
  const value = options[name] ?? fallback;
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RelayError("EIX_RELAY_INVALID_OPTIONS", { detail: `destination ${options.id}: ${name} must be a number > 0` });
  }
  return value;
}

function tlsOptions(tls: HttpDestinationTls | undefined): Record<string, unknown> {
  if (!tls) return {};
  return Object.fromEntries(Object.entries(tls).filter(([, value]) => value !== undefined));
}
