// How a `fetch` that produced no response is classified: connection failures, timeouts, aborts.
import type { SendResult } from "./destination.js";
import { relayReason } from "./relay-errors.js";

/** What the HTTP destination knew when the request failed. */
export interface FailureContext {
  /** undici reported the request (headers and whole body) written to the socket. */
  readonly requestSent: boolean;
  /** The destination's own per-send deadline fired. */
  readonly deadlineHit: boolean;
  /** The caller aborted the send (the relay is stopping). */
  readonly aborted?: boolean;
}

/** undici timeouts that mean "no answer": the request may have gone out completely. */
const ANSWER_TIMEOUTS = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);
/** A socket that died under a request before it was written: typically a keep-alive socket the server just closed. */
const STALE_SOCKET = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);

/** The innermost error that carries a system or undici code, else the innermost error. */
export function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    if (codeOf(current) !== undefined) return current;
    if (current instanceof AggregateError && current.errors.length > 0) current = current.errors[0];
    else if (current instanceof Error && current.cause !== undefined) current = current.cause;
    else return current;
  }
  return current;
}

export function codeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/** "CODE message", short; error messages from sockets and DNS name hosts, never the request body. */
function describe(error: unknown): string {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === undefined) return message;
  return message.includes(code) ? message : `${code} ${message}`;
}

/**
 * Classifies a failed fetch. A timeout (the deadline, or undici's headers/body timeout) is
 * ambiguous once the request was completely sent and retryable before that; a connect timeout can
 * never have reached the destination. Refused, reset and closed connections, DNS and TLS failures
 * are retryable.
 */
export function classifyFetchFailure(error: unknown, context: FailureContext): SendResult {
  const cause = rootCause(error);
  const code = codeOf(cause);
  const name = cause instanceof Error ? cause.name : "";
  const timedOut = context.deadlineHit || (code !== undefined && ANSWER_TIMEOUTS.has(code)) || name === "TimeoutError";
  if (code === "UND_ERR_CONNECT_TIMEOUT") {
    return { kind: "retryable", reason: relayReason("EIX_RELAY_TIMEOUT", { detail: describe(cause) }) };
  }
  if (timedOut || context.aborted || name === "AbortError") {
    const detail = context.deadlineHit ? "send deadline reached" : context.aborted ? "send aborted" : describe(cause);
    return context.requestSent
      ? { kind: "ambiguous", reason: relayReason("EIX_RELAY_AMBIGUOUS_TIMEOUT", { detail }) }
      : { kind: "retryable", reason: relayReason("EIX_RELAY_TIMEOUT", { detail }) };
  }
  if (code !== undefined) {
    return { kind: "retryable", reason: relayReason("EIX_RELAY_CONNECT_FAILED", { detail: describe(cause) }) };
  }
  return { kind: "retryable", reason: relayReason("EIX_RELAY_SEND_FAILED", { detail: describe(cause) }) };
}

/**
 * Whether an immediate second try is safe and worthwhile: the socket failed before the request
 * was written, so the destination has nothing, and a fresh connection usually works at once.
 */
export function isStaleSocketFailure(error: unknown, requestSent: boolean): boolean {
  const code = codeOf(rootCause(error));
  return !requestSent && code !== undefined && STALE_SOCKET.has(code);
}
