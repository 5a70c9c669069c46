import type { LocalizedText } from "@eix/schema";

/** Values an HTTP error message may use; never a token or payload content. */
export interface HttpErrorParams {
  readonly value?: string;
  readonly limit?: string;
  readonly detail?: string;
  /** An already localised reason (a store error's text). */
  readonly reason?: LocalizedText;
}

interface HttpErrorDefinition {
  readonly status: number;
  /** One line for docs/errors.md. */
  readonly summary: string;
  readonly zh: (p: HttpErrorParams) => string;
  readonly en: (p: HttpErrorParams) => string;
}

const value = (p: HttpErrorParams) => p.value ?? "…";
const limit = (p: HttpErrorParams) => p.limit ?? "…";
const detail = (p: HttpErrorParams) => p.detail ?? "…";
const zhReason = (p: HttpErrorParams) => p.reason?.["zh-CN"] ?? detail(p);
const enReason = (p: HttpErrorParams) => p.reason?.en ?? detail(p);

/**
 * The table of the hub's HTTP API error codes (`EIX_HTTP_*`), each with the status it is sent
 * with. Every error body is `{ error: { code, message: { zh-CN, en }, issues? } }`; codes are
 * never reused or renamed.
 */
export const httpErrors = {
  EIX_HTTP_MALFORMED: {
    status: 400,
    summary: "The payload cannot be read as its format (syntax, character set, empty body); the issues give the position.",
    zh: () => "报文无法解析，详见问题列表中的位置",
    en: () => "The payload cannot be parsed; the issues give the position",
  },
  EIX_HTTP_BAD_PARAMETER: {
    status: 400,
    summary: "A query parameter or path parameter has a value the route does not accept.",
    zh: (p) => `参数 “${value(p)}” 的取值无效：${detail(p)}`,
    en: (p) => `The parameter "${value(p)}" is invalid: ${detail(p)}`,
  },
  EIX_HTTP_UNAUTHENTICATED: {
    status: 401,
    summary: "No bearer token was given, or the token belongs to no configured unit.",
    zh: () => "未提供有效的访问令牌（Authorization: Bearer …）",
    en: () => "A valid bearer token is required (Authorization: Bearer …)",
  },
  EIX_HTTP_FORBIDDEN: {
    status: 403,
    summary: "The authenticated unit may not send this message (sender, level, jurisdiction, marking); the issues say why.",
    zh: () => "当前单位无权报送该消息，原因见问题列表",
    en: () => "The authenticated unit may not send this message; the issues say why",
  },
  EIX_HTTP_NOT_OPERATOR: {
    status: 403,
    summary: "The query and replay routes need an operator's or the admin token.",
    zh: () => "查询与重放接口仅限运维人员使用",
    en: () => "The query and replay routes are for operators only",
  },
  EIX_HTTP_NOT_FOUND: {
    status: 404,
    summary: "No such route, message, incident or delivery.",
    zh: (p) => `未找到：${value(p)}`,
    en: (p) => `Not found: ${value(p)}`,
  },
  EIX_HTTP_NOT_DEAD: {
    status: 409,
    summary: "Only a dead delivery (死信) can be replayed; this one is pending, claimed or delivered.",
    zh: (p) => `投递 ${value(p)} 当前状态为 ${detail(p)}，只有死信可以重放`,
    en: (p) => `Delivery ${value(p)} is ${detail(p)}; only a dead delivery can be replayed`,
  },
  EIX_HTTP_TOO_LARGE: {
    status: 413,
    summary: "The body is larger than the hub accepts; refused from Content-Length before reading, or while reading.",
    zh: (p) => `报文过大${p.limit ? `，上限为 ${p.limit} 字节` : ""}`,
    en: (p) => `The payload is too large${p.limit ? `; the limit is ${p.limit} bytes` : ""}`,
  },
  EIX_HTTP_UNSUPPORTED_FORMAT: {
    status: 415,
    summary: "No adapter is named, configured, declared by Content-Type or recognised by sniffing for the payload.",
    zh: () => "无法识别报文格式，请通过 adapter 参数或 Content-Type 指明",
    en: () => "Unrecognised payload format; name it with the adapter parameter or the Content-Type",
  },
  EIX_HTTP_INVALID: {
    status: 422,
    summary: "The payload was read but its messages are not valid; every issue is listed.",
    zh: () => "消息未通过校验，全部问题见问题列表",
    en: () => "The message is not valid; every issue is listed",
  },
  EIX_HTTP_OVERLOADED: {
    status: 503,
    summary: "Too many ingests are in progress in the whole hub; try again after Retry-After seconds.",
    zh: (p) => `正在处理的报文过多（上限 ${limit(p)}），请稍后重试`,
    en: (p) => `Too many payloads are being processed (limit ${limit(p)}); try again later`,
  },
  EIX_HTTP_UNIT_BUSY: {
    status: 429,
    summary:
      "This unit has too many ingests in progress at once; try again after Retry-After seconds (other units are not held back).",
    zh: (p) => `本单位正在处理的报文过多（上限 ${limit(p)}），请稍后重试`,
    en: (p) => `Too many of this unit's payloads are being processed (limit ${limit(p)}); try again later`,
  },
  EIX_HTTP_INTERNAL: {
    status: 500,
    summary: "An unexpected failure in the hub; the log line with the request id tells more.",
    zh: (p) => `枢纽内部错误（请求编号 ${value(p)}）`,
    en: (p) => `Internal hub error (request id ${value(p)})`,
  },
  EIX_HTTP_UNAVAILABLE: {
    status: 503,
    summary:
      "The store is unavailable, busy or closed; resend the same payload after Retry-After seconds (what did commit comes back as duplicates).",
    zh: (p) => `存储暂不可用，请稍后原样重发：${zhReason(p)}`,
    en: (p) => `The store is unavailable; resend the payload later: ${enReason(p)}`,
  },
  EIX_HTTP_NOT_READY: {
    status: 503,
    summary: "The hub is not ready: its configuration is not loaded or its store does not answer.",
    zh: (p) => `枢纽尚未就绪：${zhReason(p)}`,
    en: (p) => `The hub is not ready: ${enReason(p)}`,
  },
} as const satisfies Record<string, HttpErrorDefinition>;

export type HttpErrorCode = keyof typeof httpErrors;

export function httpMessage(code: HttpErrorCode, params: HttpErrorParams = {}): LocalizedText {
  const definition: HttpErrorDefinition = httpErrors[code];
  return { "zh-CN": definition.zh(params), en: definition.en(params) };
}

export const httpStatus = (code: HttpErrorCode): number => httpErrors[code].status;
