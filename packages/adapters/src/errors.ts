import type { IssueSeverity, LocalizedText } from "@eix/schema";

/** Where in the source bytes a problem is: line:column for text formats, row, segment/field. */
export interface SourcePosition {
  readonly line?: number;
  readonly column?: number;
  /** Element path such as /alert/info[1]/area[0] (XML), or segment id (HL7). */
  readonly at?: string;
  readonly row?: number;
  readonly field?: string;
}

export interface AdapterParams {
  readonly value?: string;
  readonly expected?: string;
  readonly limit?: string;
  readonly detail?: string;
}

interface AdapterErrorDefinition {
  readonly severity: IssueSeverity;
  readonly summary: string;
  readonly zh: (p: AdapterParams) => string;
  readonly en: (p: AdapterParams) => string;
}

/**
 * The adapter error table: `EIX_ADAPTER_*` for the contract and registry, `EIX_XML_*`,
 * `EIX_CHARSET_*`, `EIX_TIME_*` and `EIX_COORD_*` for the kit, `EIX_HL7_*` for the HL7 v2 parse layer.
 * Codes are never reused.
 */
export const adapterErrors = {
  EIX_ADAPTER_DEFINITION: {
    severity: "error",
    summary: "An adapter definition lacks a required member or has a malformed one.",
    zh: (p) => `适配器定义无效：${p.detail}`,
    en: (p) => `Invalid adapter definition: ${p.detail}`,
  },
  EIX_ADAPTER_DUPLICATE: {
    severity: "error",
    summary: "An adapter with the same id is already registered.",
    zh: (p) => `适配器 “${p.value}” 已注册`,
    en: (p) => `An adapter with id "${p.value}" is already registered`,
  },
  EIX_ADAPTER_SCHEMA_RANGE: {
    severity: "error",
    summary: "The adapter does not support this version of the canonical model.",
    zh: (p) => `适配器 “${p.value}” 支持的模型版本为 ${p.expected}，与当前模型版本 ${p.limit} 不兼容`,
    en: (p) => `Adapter "${p.value}" supports model versions ${p.expected}, not the current ${p.limit}`,
  },
  EIX_ADAPTER_NOT_FOUND: {
    severity: "error",
    summary: "No adapter is registered under that id or media type.",
    zh: (p) => `未找到适配器 “${p.value}”`,
    en: (p) => `No adapter "${p.value}" is registered`,
  },
  EIX_ADAPTER_NO_MATCH: {
    severity: "error",
    summary: "No registered adapter recognises the bytes (format sniffing failed).",
    zh: () => "无法识别报文格式：没有适配器能够处理该内容",
    en: () => "Unrecognised format: no registered adapter recognises the content",
  },
  EIX_ADAPTER_TOO_LARGE: {
    severity: "error",
    summary: "The input exceeds the adapter's size limit; it is refused before parsing.",
    zh: (p) => `报文过大：${p.value} 字节，上限 ${p.limit} 字节`,
    en: (p) => `The input is too large: ${p.value} bytes, the limit is ${p.limit} bytes`,
  },
  EIX_ADAPTER_WRONG_FORMAT: {
    severity: "error",
    summary: "The input is well-formed but not the format this adapter reads (e.g. wrong root element).",
    zh: (p) => `报文不是本适配器处理的格式：${p.detail}`,
    en: (p) => `The input is not in this adapter's format: ${p.detail}`,
  },
  EIX_ADAPTER_MISSING_FIELD: {
    severity: "error",
    summary: "A field the source format requires is missing.",
    zh: (p) => `缺少必需的字段 “${p.value}”`,
    en: (p) => `Required field "${p.value}" is missing`,
  },
  EIX_ADAPTER_BAD_VALUE: {
    severity: "error",
    summary: "A field of the source has a value the format does not allow.",
    zh: (p) => `字段 “${p.value}” 的取值无效：${p.detail}`,
    en: (p) => `Field "${p.value}" has an invalid value: ${p.detail}`,
  },
  EIX_ADAPTER_UNMAPPED: {
    severity: "warning",
    summary: "A source value has no equivalent in the canonical model; it is kept under extensions.",
    zh: (p) => `“${p.value}” 无法映射到规范模型，已保留在扩展字段中（${p.detail}）`,
    en: (p) => `"${p.value}" has no equivalent in the canonical model; kept under extensions (${p.detail})`,
  },
  EIX_ADAPTER_INVALID_OUTPUT: {
    severity: "error",
    summary: "The decoded message does not pass canonical validation; the validation issues follow.",
    zh: (p) => `转换后的消息未通过规范校验：${p.detail}`,
    en: (p) => `The decoded message fails canonical validation: ${p.detail}`,
  },
  EIX_ADAPTER_UNSUPPORTED_KIND: {
    severity: "error",
    summary: "The format cannot express this kind of message (encode).",
    zh: (p) => `该格式无法表达 “${p.value}” 类消息`,
    en: (p) => `This format cannot express a "${p.value}" message`,
  },
  EIX_ADAPTER_SIGNATURE_UNVERIFIED: {
    severity: "warning",
    summary: "The message carries an enveloped XML signature; it is kept with the message but not verified.",
    zh: () => "报文带有 XML 数字签名，已原样保留，但尚未验证",
    en: () => "The message carries an XML signature; it is kept but not verified",
  },
  EIX_ADAPTER_BLOB_MISSING: {
    severity: "error",
    summary: "Encoding needs the content of an attachment that the caller did not supply.",
    zh: (p) => `编码需要附件内容（摘要 ${p.value}），但未提供`,
    en: (p) => `Encoding needs the content of attachment ${p.value}, which was not supplied`,
  },
  EIX_ADAPTER_INTERNAL: {
    severity: "error",
    summary: "An unexpected failure inside an adapter; reported instead of thrown.",
    zh: (p) => `适配器内部错误：${p.detail}`,
    en: (p) => `Internal adapter failure: ${p.detail}`,
  },
  EIX_HL7_NO_MSH: {
    severity: "error",
    summary: "The input does not start with an MSH segment (blank lines and batch headers aside): not an HL7 v2 message.",
    zh: (p) => (p.value ? `不是 HL7 v2 消息：第一个段为 “${p.value}”，应为 MSH` : "不是 HL7 v2 消息：内容为空或没有 MSH 段"),
    en: (p) =>
      p.value
        ? `Not an HL7 v2 message: the first segment is "${p.value}", not MSH`
        : "Not an HL7 v2 message: the input is empty or has no MSH segment",
  },
  EIX_HL7_MSH_ENCODING: {
    severity: "error",
    summary: "MSH-1/MSH-2 do not give a field separator and 4 (v2.7+: 5) distinct encoding characters.",
    zh: (p) => `MSH-1/MSH-2 分隔符 “${p.value}” 无效：应为一个字段分隔符和 4 至 5 个互不相同、非字母数字的编码字符`,
    en: (p) =>
      `Unusable separators "${p.value}" in MSH-1/MSH-2: expected a field separator and 4 or 5 distinct non-alphanumeric encoding characters`,
  },
  EIX_HL7_SEGMENT_ID: {
    severity: "error",
    summary: "A segment id is not 3 characters [A-Z][A-Z0-9]{2} followed by the field separator.",
    zh: (p) => `段标识 “${p.value}” 无效：应为 3 个字符，大写字母开头，后跟大写字母或数字`,
    en: (p) => `Invalid segment id "${p.value}": expected 3 characters, a capital letter then capitals or digits`,
  },
  EIX_HL7_VERSION_UNSUPPORTED: {
    severity: "error",
    summary: "MSH-12 names an HL7 version outside the supported 2.1–2.8.x, or none.",
    zh: (p) =>
      p.value ? `不支持的 HL7 版本 “${p.value}”（MSH-12），支持 ${p.expected}` : `MSH-12 未填写 HL7 版本，支持 ${p.expected}`,
    en: (p) =>
      p.value
        ? `Unsupported HL7 version "${p.value}" (MSH-12); supported: ${p.expected}`
        : `MSH-12 names no HL7 version; supported: ${p.expected}`,
  },
  EIX_HL7_ESCAPE_MALFORMED: {
    severity: "warning",
    summary: "An escape sequence is unterminated or unknown; its text is kept as written.",
    zh: (p) => `转义序列 “${p.value}” 无效，已按原文保留`,
    en: (p) => `Malformed escape sequence "${p.value}"; kept as written`,
  },
  EIX_HL7_BATCH_SEGMENT_SKIPPED: {
    severity: "warning",
    summary: "A batch header or trailer (FHS, BHS, BTS, FTS) is not part of any message; it is skipped.",
    zh: (p) => `批处理段 ${p.value} 不属于任何消息，已跳过`,
    en: (p) => `Batch segment ${p.value} belongs to no message; skipped`,
  },
  EIX_HL7_TOO_MANY_SEGMENTS: {
    severity: "error",
    summary: "The input has more segments than the limit; refused.",
    zh: (p) => `段数超过上限 ${p.limit}`,
    en: (p) => `More segments than the limit of ${p.limit}`,
  },
  EIX_HL7_TOO_MANY_VALUES: {
    severity: "error",
    summary: "The input has more values (fields, repetitions, components, subcomponents) than the limit; refused.",
    zh: (p) => `字段、重复、组件和子组件的总数超过上限 ${p.limit}`,
    en: (p) => `More values (fields, repetitions, components, subcomponents) than the limit of ${p.limit}`,
  },
  EIX_HL7_NOT_ACK: {
    severity: "error",
    summary: "The text is not an HL7 acknowledgment (no MSA segment, or MSA-1 is not AA/AE/AR/CA/CE/CR).",
    zh: (p) => `不是 HL7 确认消息（ACK）：${p.detail}`,
    en: (p) => `Not an HL7 acknowledgment: ${p.detail}`,
  },
  EIX_HL7_NOT_REPORTABLE: {
    severity: "warning",
    summary:
      "The HL7 message carries no notifiable-disease case (no ICD-10 diagnosis in DG1 or OBX), so it yields no canonical message; the hub keeps it and acknowledges it.",
    zh: (p) => `HL7 消息 ${p.value}（控制号 ${p.detail}）不含法定传染病病例诊断，不生成应急报告`,
    en: (p) => `HL7 message ${p.value} (control id ${p.detail}) carries no notifiable-disease case; no report is made`,
  },
  EIX_HL7_REGION_FROM_SENDER: {
    severity: "warning",
    summary: "The patient address has no region code (PID-11.9); the incident is placed in the sending unit's region.",
    zh: (p) => `患者住址无行政区划代码（PID-11.9），事件地点取报告单位所在区划 ${p.value}`,
    en: (p) => `The patient address has no region code (PID-11.9); the incident is placed in the sender's region ${p.value}`,
  },
  EIX_HL7_PERSONAL_DATA_WITHHELD: {
    severity: "warning",
    summary:
      "Segments carrying personal data (PID, PD1, NK1, IN1–IN3, GT1, MRG) are not copied into the canonical message; they stay in the hospital system.",
    zh: (p) => `含个人信息的段（${p.value}）未写入规范报文，个人信息留在医院系统内`,
    en: (p) => `Segments with personal data (${p.value}) are not copied into the canonical message`,
  },
  EIX_XML_DTD_FORBIDDEN: {
    severity: "error",
    summary: "The XML has a DOCTYPE or entity declaration; refused to prevent XXE and entity expansion.",
    zh: () => "XML 含有 DOCTYPE 或实体声明，为防止外部实体注入和实体膨胀攻击而拒绝",
    en: () => "The XML contains a DOCTYPE or entity declaration; refused to prevent external-entity and expansion attacks",
  },
  EIX_XML_MALFORMED: {
    severity: "error",
    summary: "The XML is not well-formed (e.g. truncated); the position says where.",
    zh: (p) => `XML 格式错误：${p.detail}`,
    en: (p) => `Malformed XML: ${p.detail}`,
  },
  EIX_XML_TOO_DEEP: {
    severity: "error",
    summary: "Elements nest deeper than the limit.",
    zh: (p) => `XML 元素嵌套层数超过上限 ${p.limit}`,
    en: (p) => `XML elements nest deeper than the limit of ${p.limit}`,
  },
  EIX_CHARSET_UNSUPPORTED: {
    severity: "error",
    summary: "The declared character set is not supported.",
    zh: (p) => `不支持的字符集 “${p.value}”`,
    en: (p) => `Unsupported character set "${p.value}"`,
  },
  EIX_CHARSET_INVALID: {
    severity: "error",
    summary: "The bytes are not valid in the declared or detected character set.",
    zh: (p) => `内容不是有效的 ${p.value} 编码${p.detail ? `（${p.detail}）` : ""}`,
    en: (p) => `The bytes are not valid ${p.value}${p.detail ? ` (${p.detail})` : ""}`,
  },
  EIX_CHARSET_GUESSED: {
    severity: "warning",
    summary: "No charset was declared; the detected one was used.",
    zh: (p) => `未声明字符集，按检测结果 ${p.value} 解码`,
    en: (p) => `No character set declared; decoded as detected ${p.value}`,
  },
  EIX_TIME_INVALID: {
    severity: "error",
    summary: "A time value cannot be read.",
    zh: (p) => `时间 “${p.value}” 无法识别`,
    en: (p) => `Cannot read the time "${p.value}"`,
  },
  EIX_TIME_LOCAL_ASSUMED: {
    severity: "warning",
    summary: "A time without offset was read as Beijing time (+08:00).",
    zh: (p) => `时间 “${p.value}” 未带时区，按北京时间（+08:00）处理`,
    en: (p) => `The time "${p.value}" has no offset; read as Beijing time (+08:00)`,
  },
  EIX_COORD_INVALID: {
    severity: "error",
    summary: "A coordinate is malformed or out of range.",
    zh: (p) => `坐标 “${p.value}” 无效：${p.detail}`,
    en: (p) => `Invalid coordinate "${p.value}": ${p.detail}`,
  },
} as const satisfies Record<string, AdapterErrorDefinition>;

export type AdapterErrorCode = keyof typeof adapterErrors;

export function adapterMessage(code: AdapterErrorCode, params: AdapterParams = {}): LocalizedText {
  const definition: AdapterErrorDefinition = adapterErrors[code];
  return { "zh-CN": definition.zh(params), en: definition.en(params) };
}

const brand = Symbol.for("eix.AdapterError");

/**
 * A coded failure of an adapter. Decoders return it (never throw it at the caller); the
 * registry and encoders throw it. Match on `code`, not on the class: the brand makes
 * `AdapterError.is` work across duplicate installs (undici's habit).
 */
export class AdapterError extends Error {
  readonly code: AdapterErrorCode;
  readonly messages: LocalizedText;
  readonly position: SourcePosition | undefined;
  readonly retryable = false;
  readonly [brand] = true;

  constructor(code: AdapterErrorCode, params: AdapterParams = {}, options: { position?: SourcePosition; cause?: unknown } = {}) {
    const messages = adapterMessage(code, params);
    super(messages.en, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AdapterError";
    this.code = code;
    this.messages = messages;
    this.position = options.position;
  }

  static is(value: unknown): value is AdapterError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;
  }
}
