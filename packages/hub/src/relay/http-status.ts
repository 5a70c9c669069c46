// How an HTTP answer is classified: the destination spoke, so its status decides.
import type { DeliveryResponse } from "../store/store-records.js";
import type { SendResult } from "./destination.js";
import { bodyExcerpt } from "./http-response.js";
import { relayReason } from "./relay-errors.js";

/** Statuses that mean "not now" (RFC 9110 408, RFC 8470 425 Too Early, RFC 6585 429) besides every 5xx. */
const RETRYABLE_4XX = new Set([408, 425, 429]);

/**
 * 2xx delivered; 408, 425, 429 and 5xx retryable (with the destination's `Retry-After`); 3xx
 * permanent — a POST is never re-sent to another address on the destination's say-so, the
 * configuration must change; any other status permanent, with the status and the start of the
 * body as the reason.
 */
export function classifyStatus(response: DeliveryResponse & { readonly status: number }, retryAfterMs?: number): SendResult {
  const { status } = response;
  if (status >= 200 && status < 300) return { kind: "delivered", response };
  const statusText = String(status);
  if (status >= 500 || RETRYABLE_4XX.has(status)) {
    const reason = relayReason("EIX_RELAY_HTTP_UNAVAILABLE", { status: statusText, detail: bodyExcerpt(response.body) });
    return retryAfterMs === undefined
      ? { kind: "retryable", reason, response }
      : { kind: "retryable", reason, retryAfterMs, response };
  }
  if (status >= 300 && status < 400) {
    const location = response.headers?.location ?? "no Location header";
    return {
      kind: "permanent",
      reason: relayReason("EIX_RELAY_HTTP_REDIRECT", { status: statusText, detail: location }),
      response,
    };
  }
  return {
    kind: "permanent",
    reason: relayReason("EIX_RELAY_HTTP_REJECTED", { status: statusText, detail: bodyExcerpt(response.body) }),
    response,
  };
}
