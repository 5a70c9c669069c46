import type { LocalizedText } from "@eix/schema";

/** Values a relay message may use; `detail` is a status text, a trimmed response or an errno, never a payload. */
export interface RelayErrorParams {
  readonly status?: string;
  readonly detail?: string;
  readonly value?: string;
  readonly limit?: string;
  readonly file?: string;
}

interface RelayErrorDefinition {
  /** One line for docs/errors.md. */
  readonly summary: string;
  /**
   * Whether trying the same delivery again later may succeed: the relay schedules another attempt
   * for these and sends the others to the dead letters (死信).
   */
  readonly retryable: boolean;
  readonly zh: (p: RelayErrorParams) => string;
  readonly en: (p: RelayErrorParams) => string;
}

const detail = (p: RelayErrorParams) => p.detail ?? "…";
const status = (p: RelayErrorParams) => p.status ?? "…";

/**
 * The table of relay codes (`EIX_RELAY_*`): why a delivery was retried or given up. Codes are
 * never reused or renamed. They begin every reason the relay records in the store, so operators
 * and the query API can filter dead letters by code; encoding failures carry the adapter's own
 * code instead.
 */
export const relayErrors = {
  EIX_RELAY_HTTP_REJECTED: {
    summary: "The destination answered with a 4xx status other than 408/425/429: it refuses this message as it is.",
    retryable: false,
    zh: (p) => `目的地拒收（HTTP ${status(p)}）：${detail(p)}`,
    en: (p) => `The destination refused the message (HTTP ${status(p)}): ${detail(p)}`,
  },
  EIX_RELAY_REPLY_REJECTED: {
    summary:
      "The destination accepted the request but its reply (e.g. an EDXL-DE Error distribution, an ack of type rejected) refuses the message.",
    retryable: false,
    zh: (p) => `目的地回复拒收（HTTP ${status(p)}）：${detail(p)}`,
    en: (p) => `The destination's reply refuses the message (HTTP ${status(p)}): ${detail(p)}`,
  },
  EIX_RELAY_HTTP_REDIRECT: {
    summary: "The destination answered with a redirect; a message is never re-posted elsewhere without configuration.",
    retryable: false,
    zh: (p) => `目的地返回重定向（HTTP ${status(p)}，${detail(p)}），请更正目的地地址`,
    en: (p) => `The destination redirects (HTTP ${status(p)}, ${detail(p)}); correct the destination URL`,
  },
  EIX_RELAY_HTTP_UNAVAILABLE: {
    summary: "The destination answered 408, 425, 429 or 5xx: busy or failing for now.",
    retryable: true,
    zh: (p) => `目的地暂时无法接收（HTTP ${status(p)}）：${detail(p)}`,
    en: (p) => `The destination cannot take the message now (HTTP ${status(p)}): ${detail(p)}`,
  },
  EIX_RELAY_CONNECT_FAILED: {
    summary: "No usable connection: refused, reset, closed, DNS or TLS failure.",
    retryable: true,
    zh: (p) => `无法连接目的地：${detail(p)}`,
    en: (p) => `Cannot connect to the destination: ${detail(p)}`,
  },
  EIX_RELAY_TIMEOUT: {
    summary: "The send timed out before the request was fully sent, so the destination cannot have taken it.",
    retryable: true,
    zh: (p) => `请求在发送完成前超时：${detail(p)}`,
    en: (p) => `The request timed out before it was fully sent: ${detail(p)}`,
  },
  EIX_RELAY_AMBIGUOUS_TIMEOUT: {
    summary:
      "The request was fully sent but no answer came in time: the destination may or may not have it. Retried by default (it deduplicates on X-EIX-Message-Id).",
    retryable: true,
    zh: (p) => `请求已发出但未在时限内收到应答，无法确定目的地是否已收到：${detail(p)}`,
    en: (p) => `The request was sent but no answer came in time; it may or may not have arrived: ${detail(p)}`,
  },
  EIX_RELAY_DIRECTORY_UNAVAILABLE: {
    summary: "The destination directory is missing, not writable or full; writes resume once an operator fixes it.",
    retryable: true,
    zh: (p) => `目的目录不可写（${detail(p)}）：${p.file ?? "…"}`,
    en: (p) => `The destination directory cannot be written (${detail(p)}): ${p.file ?? "…"}`,
  },
  EIX_RELAY_FILE_CONFLICT: {
    summary: "A file of the same name with different content is already in the destination directory; it is not replaced.",
    retryable: false,
    zh: (p) => `目的目录中已有同名但内容不同的文件，未覆盖：${p.file ?? "…"}`,
    en: (p) => `A different file of the same name is already in the destination directory and was kept: ${p.file ?? "…"}`,
  },
  EIX_RELAY_FILE_WRITE_FAILED: {
    summary: "The file cannot be written for a reason that will not pass by itself (name too long, invalid name).",
    retryable: false,
    zh: (p) => `无法写入文件（${detail(p)}）：${p.file ?? "…"}`,
    en: (p) => `Cannot write the file (${detail(p)}): ${p.file ?? "…"}`,
  },
  EIX_RELAY_ENCODE_FAILED: {
    summary:
      "The message could not be encoded for the destination by something other than an adapter (adapters give their own code).",
    retryable: false,
    zh: (p) => `无法按目的地格式编码：${detail(p)}`,
    en: (p) => `The message cannot be encoded for the destination: ${detail(p)}`,
  },
  EIX_RELAY_SEND_FAILED: {
    summary: "A destination failed in an unexpected way; the delivery is retried. Please report it with the hub's log line.",
    retryable: true,
    zh: (p) => `发送时发生意外错误：${detail(p)}`,
    en: (p) => `Unexpected failure while sending: ${detail(p)}`,
  },
  EIX_RELAY_MAX_ATTEMPTS: {
    summary: "The delivery failed as many times as the destination's retry policy allows.",
    retryable: false,
    zh: (p) => `已尝试 ${p.value ?? "…"} 次（上限 ${p.limit ?? "…"} 次），放弃投递；最后一次错误：${detail(p)}`,
    en: (p) => `Gave up after ${p.value ?? "…"} attempts (limit ${p.limit ?? "…"}); last error: ${detail(p)}`,
  },
  EIX_RELAY_MAX_AGE: {
    summary: "The delivery is older than the destination's age limit (from creation, or from its replay).",
    retryable: false,
    zh: (p) => `投递已超过时限（${p.limit ?? "…"}），放弃投递；最后一次错误：${detail(p)}`,
    en: (p) => `The delivery is past its age limit (${p.limit ?? "…"}); last error: ${detail(p)}`,
  },
  EIX_RELAY_INVALID_OPTIONS: {
    summary: "A destination or relay setting is unusable (bad URL, a number out of range).",
    retryable: false,
    zh: (p) => `转发配置无效：${detail(p)}`,
    en: (p) => `Invalid relay configuration: ${detail(p)}`,
  },
} as const satisfies Record<string, RelayErrorDefinition>;

export type RelayErrorCode = keyof typeof relayErrors;

export function relayMessage(code: RelayErrorCode, params: RelayErrorParams = {}): LocalizedText {
  const definition: RelayErrorDefinition = relayErrors[code];
  return { "zh-CN": definition.zh(params), en: definition.en(params) };
}

/**
 * The reason string stored with a delivery (`lastError`, dead-letter reason): the stable code
 * first, so it can be matched and translated, then the English text.
 */
export function relayReason(code: RelayErrorCode, params: RelayErrorParams = {}): string {
  return `${code}: ${relayErrors[code].en(params)}`;
}

// Branded like undici's errors so the check survives two copies of the package in one process.
const brand = Symbol.for("eix.relay.error");

/** A relay failure thrown at the caller (only configuration problems; send failures are results, not throws). */
export class RelayError extends Error {
  readonly code: RelayErrorCode;
  readonly text: LocalizedText;
  readonly retryable: boolean;
  readonly [brand] = true;

  constructor(code: RelayErrorCode, params: RelayErrorParams = {}, options: { readonly cause?: unknown } = {}) {
    const text = relayMessage(code, params);
    super(text.en, "cause" in options ? { cause: options.cause } : undefined);
    this.name = "RelayError";
    this.code = code;
    this.text = text;
    this.retryable = relayErrors[code].retryable;
  }
}

export function isRelayError(value: unknown): value is RelayError {
  return typeof value === "object" && value !== null && (value as { [brand]?: unknown })[brand] === true;
}
