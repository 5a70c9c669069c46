import type { LocalizedText } from "@eix/schema";

/** Values an MLLP message may use: sizes, limits, an errno or an ACK's own code and text; never a message body. */
export interface MllpErrorParams {
  readonly value?: string;
  readonly limit?: string;
  readonly detail?: string;
  /** An ACK code (AA, AE, AR, CA, CE, CR). */
  readonly ack?: string;
}

/**
 * What a code leads to. Listener codes: the ACK the `reject` builder should answer with (`AR`:
 * resending the same bytes cannot help; `AE`: try again later), or `log` when there is nobody to
 * answer. Destination codes: the relay's `SendResult` kind. `thrown`: a configuration error.
 */
export type MllpOutcome = "AR" | "AE" | "log" | "retryable" | "permanent" | "ambiguous" | "thrown";

interface MllpErrorDefinition {
  /** One line for docs/errors.md. */
  readonly summary: string;
  readonly outcome: MllpOutcome;
  /** Whether sending the same message again later may succeed. */
  readonly retryable: boolean;
  readonly zh: (p: MllpErrorParams) => string;
  readonly en: (p: MllpErrorParams) => string;
}

const value = (p: MllpErrorParams) => p.value ?? "…";
const limit = (p: MllpErrorParams) => p.limit ?? "…";
const detail = (p: MllpErrorParams) => p.detail ?? "…";
const ack = (p: MllpErrorParams) => p.ack ?? "…";

/**
 * The table of MLLP codes (`EIX_MLLP_*`, HL7 v2 over TCP): what the listener refuses or skips,
 * and how a send to an MLLP destination ended. Codes are never reused or renamed; destination
 * codes begin the reason the relay records on a delivery, like `EIX_RELAY_*`.
 */
export const mllpErrors = {
  EIX_MLLP_FRAME_TOO_LARGE: {
    summary:
      "A frame grew past the listener's maxFrameBytes; the rest of it was discarded unread up to its end marker and the sender is answered AR. The connection stays open.",
    outcome: "AR",
    retryable: false,
    zh: (p) => `MLLP 帧过大（${value(p)} 字节，上限 ${limit(p)} 字节），已丢弃`,
    en: (p) => `The MLLP frame is too large (${value(p)} bytes, the limit is ${limit(p)} bytes) and was discarded`,
  },
  EIX_MLLP_FRAME_EMPTY: {
    summary: "A frame with no bytes between its start and end markers; the sender is answered AR.",
    outcome: "AR",
    retryable: false,
    zh: () => "MLLP 帧中没有消息内容",
    en: () => "The MLLP frame holds no message",
  },
  EIX_MLLP_HANDLER_FAILED: {
    summary:
      "The hub failed while processing a frame (not a fault of the message); nothing was acknowledged as stored and the sender is answered AE, to send it again later.",
    outcome: "AE",
    retryable: true,
    zh: (p) => `枢纽处理消息时出错，请稍后重发：${detail(p)}`,
    en: (p) => `The hub failed to process the message; send it again later: ${detail(p)}`,
  },
  EIX_MLLP_GARBAGE: {
    summary:
      "Bytes outside any frame (before a start marker) were skipped; logged with their count and first bytes. Line breaks between frames are not counted.",
    outcome: "log",
    retryable: false,
    zh: (p) => `跳过帧外的 ${value(p)} 个字节（开头：${detail(p)}）`,
    en: (p) => `Skipped ${value(p)} bytes outside any frame (starting ${detail(p)})`,
  },
  EIX_MLLP_FRAME_UNTERMINATED: {
    summary:
      "A frame was started but never ended: a new start marker came first, or the connection closed. Its bytes were dropped unanswered.",
    outcome: "log",
    retryable: false,
    zh: (p) => `MLLP 帧未结束即被丢弃（${value(p)} 字节）：${detail(p)}`,
    en: (p) => `An MLLP frame was dropped before its end marker (${value(p)} bytes): ${detail(p)}`,
  },
  EIX_MLLP_IDLE_TIMEOUT: {
    summary: "A connection sent nothing for idleTimeoutMs while no message of it was in hand; the listener closed it.",
    outcome: "log",
    retryable: false,
    zh: (p) => `连接空闲超过 ${limit(p)} 毫秒，已关闭`,
    en: (p) => `The connection was idle for more than ${limit(p)} ms and was closed`,
  },
  EIX_MLLP_TOO_MANY_CONNECTIONS: {
    summary: "A connection arrived while maxConnections were open; it was closed at once.",
    outcome: "log",
    retryable: true,
    zh: (p) => `连接数已达上限 ${limit(p)}，新连接被关闭`,
    en: (p) => `The connection limit of ${limit(p)} is reached; the new connection was closed`,
  },
  EIX_MLLP_TLS_FAILED: {
    summary: "A TLS handshake failed (protocol, or a client certificate the configured CA does not vouch for).",
    outcome: "log",
    retryable: false,
    zh: (p) => `TLS 握手失败：${detail(p)}`,
    en: (p) => `The TLS handshake failed: ${detail(p)}`,
  },
  EIX_MLLP_CONNECT_FAILED: {
    summary: "No connection to the MLLP destination: refused, reset, DNS or TLS failure. The frame was not sent.",
    outcome: "retryable",
    retryable: true,
    zh: (p) => `无法连接 MLLP 目的地：${detail(p)}`,
    en: (p) => `Cannot connect to the MLLP destination: ${detail(p)}`,
  },
  EIX_MLLP_CONNECT_TIMEOUT: {
    summary: "The connection to the MLLP destination was not established within connectTimeoutMs. The frame was not sent.",
    outcome: "retryable",
    retryable: true,
    zh: (p) => `连接 MLLP 目的地超时（${limit(p)} 毫秒）`,
    en: (p) => `Connecting to the MLLP destination timed out (${limit(p)} ms)`,
  },
  EIX_MLLP_SEND_FAILED: {
    summary:
      "The connection failed, or the send was stopped, before the frame was completely written: the destination cannot have it.",
    outcome: "retryable",
    retryable: true,
    zh: (p) => `消息帧未能完整发出：${detail(p)}`,
    en: (p) => `The frame could not be written completely: ${detail(p)}`,
  },
  EIX_MLLP_CONNECTION_LOST: {
    summary:
      "The frame was written but the connection closed before an ACK came: the destination may or may not have it (onAmbiguousTimeout decides).",
    outcome: "ambiguous",
    retryable: true,
    zh: (p) => `消息已发出，但连接在收到确认（ACK）前断开，无法确定对方是否已接收：${detail(p)}`,
    en: (p) => `The frame was sent but the connection closed before an ACK; it may or may not have arrived: ${detail(p)}`,
  },
  EIX_MLLP_ACK_TIMEOUT: {
    summary:
      "The frame was written but no ACK came within ackTimeoutMs (or the send was stopped while waiting): the destination may or may not have it.",
    outcome: "ambiguous",
    retryable: true,
    zh: (p) => `消息已发出，但未在时限内收到确认（ACK），无法确定对方是否已接收：${detail(p)}`,
    en: (p) => `The frame was sent but no ACK came in time; it may or may not have arrived: ${detail(p)}`,
  },
  EIX_MLLP_ACK_UNREADABLE: {
    summary: "The destination answered with a frame that is not a readable HL7 ACK (no MSA, unknown code, too large).",
    outcome: "ambiguous",
    retryable: true,
    zh: (p) => `无法读取目的地返回的确认（ACK）：${detail(p)}`,
    en: (p) => `The destination's ACK cannot be read: ${detail(p)}`,
  },
  EIX_MLLP_ACK_MISMATCH: {
    summary:
      "The ACK's MSA-2 is not the sent message's MSH-10: a stale answer to an earlier message, so whether this one arrived is unknown.",
    outcome: "ambiguous",
    retryable: true,
    zh: (p) => `确认（ACK）对应的消息控制号为 “${value(p)}”，而发送的是 “${limit(p)}”`,
    en: (p) => `The ACK acknowledges message control id "${value(p)}", but "${limit(p)}" was sent`,
  },
  EIX_MLLP_ACK_ERROR: {
    summary: "The destination answered AE or CE (application error): it did not take the message now; sent again later.",
    outcome: "retryable",
    retryable: true,
    zh: (p) => `目的地返回 ${ack(p)}（应用错误），稍后重发：${detail(p)}`,
    en: (p) => `The destination answered ${ack(p)} (application error); it will be sent again later: ${detail(p)}`,
  },
  EIX_MLLP_ACK_REJECTED: {
    summary: "The destination answered AR or CR: it refuses the message as it is; retrying cannot help (dead letter).",
    outcome: "permanent",
    retryable: false,
    zh: (p) => `目的地拒收（${ack(p)}）：${detail(p)}`,
    en: (p) => `The destination refused the message (${ack(p)}): ${detail(p)}`,
  },
  EIX_MLLP_DESTINATION_CLOSED: {
    summary: "The MLLP destination was closed (the hub is stopping) before this send could start; the delivery stays pending.",
    outcome: "retryable",
    retryable: true,
    zh: () => "MLLP 目的地已关闭，消息未发送",
    en: () => "The MLLP destination is closed; the message was not sent",
  },
  EIX_MLLP_INVALID_OPTIONS: {
    summary:
      "An MLLP listener or destination setting is unusable (a port, a number out of range, TLS without key and certificate).",
    outcome: "thrown",
    retryable: false,
    zh: (p) => `MLLP 配置无效：${detail(p)}`,
    en: (p) => `Invalid MLLP configuration: ${detail(p)}`,
  },
} as const satisfies Record<string, MllpErrorDefinition>;

export type MllpErrorCode = keyof typeof mllpErrors;

export function mllpMessage(code: MllpErrorCode, params: MllpErrorParams = {}): LocalizedText {
  const definition: MllpErrorDefinition = mllpErrors[code];
  return { "zh-CN": definition.zh(params), en: definition.en(params) };
}

/** The reason recorded with a delivery: the stable code first, then the English text (as `relayReason`). */
export function mllpReason(code: MllpErrorCode, params: MllpErrorParams = {}): string {
  return `${code}: ${mllpErrors[code].en(params)}`;
}

// Branded like undici's errors so the check survives two copies of the package in one process.
const brand = Symbol.for("eix.mllp.error");

/** An MLLP problem thrown at the caller (only configuration; frames and sends report theirs as data). */
export class MllpError extends Error {
  readonly code: MllpErrorCode;
  readonly text: LocalizedText;
  readonly retryable: boolean;
  readonly [brand] = true;

  constructor(code: MllpErrorCode, params: MllpErrorParams = {}, options: { readonly cause?: unknown } = {}) {
    const text = mllpMessage(code, params);
    super(text.en, "cause" in options ? { cause: options.cause } : undefined);
    this.name = "MllpError";
    this.code = code;
    this.text = text;
    this.retryable = mllpErrors[code].retryable;
  }
}

export function isMllpError(value: unknown): value is MllpError {
  return typeof value === "object" && value !== null && (value as { [brand]?: unknown })[brand] === true;
}
