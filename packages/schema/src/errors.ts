import type { IssueSeverity, LocalizedText, ValidationIssue } from "./issue.js";

/** Values a message template may use; `field` is the property name, `label` its Chinese term. */
export interface IssueParams {
  readonly field?: string;
  readonly label?: string;
  readonly value?: string;
  readonly expected?: string;
  readonly limit?: string;
  readonly detail?: string;
}

interface IssueDefinition {
  readonly severity: IssueSeverity;
  /** One line for docs/errors.md. */
  readonly summary: string;
  readonly zh: (p: IssueParams) => string;
  readonly en: (p: IssueParams) => string;
}

const zhField = (p: IssueParams) => (p.label ? `“${p.label}”（${p.field}）` : `“${p.field ?? "文档"}”`);
const enField = (p: IssueParams) => `"${p.field ?? "document"}"`;

/**
 * The table of validation issue codes (fastify's errors.js habit). Codes are never reused
 * or renamed; a new rule gets a new code.
 */
export const schemaIssues = {
  // Input that is not a JSON document at all.
  EIX_SCHEMA_JSON_EMPTY: {
    severity: "error",
    summary: "The input is empty.",
    zh: () => "内容为空，不是 JSON 文档",
    en: () => "The input is empty; expected a JSON document",
  },
  EIX_SCHEMA_JSON_SYNTAX: {
    severity: "error",
    summary: "The input is not well-formed JSON; the message gives line and column.",
    zh: (p) => `JSON 格式错误：${p.detail}`,
    en: (p) => `Malformed JSON: ${p.detail}`,
  },
  EIX_SCHEMA_JSON_ENCODING: {
    severity: "error",
    summary: "The input is not UTF-8 (e.g. GB18030 text sent as canonical JSON).",
    zh: (p) => `内容不是 UTF-8 编码（${p.detail}）；规范 JSON 必须使用 UTF-8，GB18030 等编码请经适配器转换`,
    en: (p) =>
      `The input is not UTF-8 (${p.detail}); canonical JSON must be UTF-8, convert GB18030 and other encodings through an adapter`,
  },
  EIX_SCHEMA_JSON_TOO_LARGE: {
    severity: "error",
    summary: "The input exceeds the size limit.",
    zh: (p) => `内容过大：${p.value} 字节，上限 ${p.limit} 字节`,
    en: (p) => `The input is too large: ${p.value} bytes, the limit is ${p.limit} bytes`,
  },
  EIX_SCHEMA_JSON_TOO_DEEP: {
    severity: "error",
    summary: "The JSON nests deeper than the limit.",
    zh: (p) => `JSON 嵌套层数超过上限 ${p.limit}`,
    en: (p) => `The JSON nests deeper than the limit of ${p.limit} levels`,
  },
  // Structure, from the JSON Schema.
  EIX_SCHEMA_NOT_OBJECT: {
    severity: "error",
    summary: "The document is not a JSON object.",
    zh: () => "文档必须是 JSON 对象",
    en: () => "The document must be a JSON object",
  },
  EIX_SCHEMA_VERSION: {
    severity: "error",
    summary: 'The `schema` field is not "eix/1".',
    zh: (p) => `模型版本应为 “eix/1”，实际为 “${p.value}”`,
    en: (p) => `The model version must be "eix/1", got "${p.value}"`,
  },
  EIX_SCHEMA_REQUIRED: {
    severity: "error",
    summary: "A required field is missing.",
    zh: (p) => `缺少必填项 ${zhField(p)}`,
    en: (p) => `Required field ${enField(p)} is missing`,
  },
  EIX_SCHEMA_UNKNOWN_FIELD: {
    severity: "error",
    summary: "A field the model does not define; department-specific data belongs under `extensions`.",
    zh: (p) => `未定义的字段 “${p.field}”；部门特有数据请放在 extensions 下`,
    en: (p) => `Unknown field "${p.field}"; department-specific data belongs under "extensions"`,
  },
  EIX_SCHEMA_TYPE: {
    severity: "error",
    summary: "A value has the wrong JSON type.",
    zh: (p) => `${zhField(p)} 的类型应为 ${p.expected}`,
    en: (p) => `${enField(p)} must be of type ${p.expected}`,
  },
  EIX_SCHEMA_ENUM: {
    severity: "error",
    summary: "A value is not one of the allowed codes.",
    zh: (p) => `${zhField(p)} 的取值 “${p.value}” 无效，应为：${p.expected}`,
    en: (p) => `${enField(p)} has invalid value "${p.value}"; allowed: ${p.expected}`,
  },
  EIX_SCHEMA_FORMAT: {
    severity: "error",
    summary: "A date, date-time or other formatted string is malformed.",
    zh: (p) => `${zhField(p)} 的格式无效（“${p.value}”），应为 ${p.expected}`,
    en: (p) => `${enField(p)} is not a valid ${p.expected}: "${p.value}"`,
  },
  EIX_SCHEMA_TIME_OFFSET: {
    severity: "error",
    summary: "A time has no UTC offset; write e.g. 2026-07-01T14:05:00+08:00.",
    zh: (p) => `${zhField(p)} 缺少时区（“${p.value}”），请写成如 2026-07-01T14:05:00+08:00`,
    en: (p) => `${enField(p)} has no UTC offset ("${p.value}"); write e.g. 2026-07-01T14:05:00+08:00`,
  },
  EIX_SCHEMA_PATTERN: {
    severity: "error",
    summary: "A code or identifier does not have the required shape.",
    zh: (p) => `${zhField(p)} 的格式不符合要求：“${p.value}”`,
    en: (p) => `${enField(p)} does not have the required form: "${p.value}"`,
  },
  EIX_SCHEMA_RANGE: {
    severity: "error",
    summary: "A number is outside its allowed range.",
    zh: (p) => `${zhField(p)} 超出允许范围（${p.detail}）`,
    en: (p) => `${enField(p)} is out of range (${p.detail})`,
  },
  EIX_SCHEMA_LENGTH: {
    severity: "error",
    summary: "A text, list or object is too short or too long.",
    zh: (p) => `${zhField(p)} 的长度或数量不符合要求（${p.detail}）`,
    en: (p) => `${enField(p)} has the wrong length or count (${p.detail})`,
  },
  EIX_SCHEMA_INVALID: {
    severity: "error",
    summary: "Any other structural violation of the JSON Schema.",
    zh: (p) => `${zhField(p)} 不符合模型（${p.detail}）`,
    en: (p) => `${enField(p)} does not conform to the model (${p.detail})`,
  },
  EIX_SCHEMA_CASUALTY_COUNT: {
    severity: "error",
    summary: "A casualty count is not a non-negative integer.",
    zh: (p) => `${zhField(p)} 必须是非负整数，实际为 ${p.value}`,
    en: (p) => `${enField(p)} must be a non-negative integer, got ${p.value}`,
  },
  // Code tables.
  EIX_SCHEMA_EVENT_TYPE_UNKNOWN: {
    severity: "error",
    summary: "The event type code's subcategory (亚类) is not in the GB/T 35561 table.",
    zh: (p) => `事件类型代码 “${p.value}” 不在分类代码表中，且其亚类未知`,
    en: (p) => `Event type "${p.value}" is not in the classification table and its subcategory is unknown`,
  },
  EIX_SCHEMA_EVENT_TYPE_UNLISTED: {
    severity: "warning",
    summary: "The event type code is not in the table, but its subcategory is known (the list is open).",
    zh: (p) => `事件类型代码 “${p.value}” 不在代码表中，按其亚类“${p.detail}”接受`,
    en: (p) => `Event type "${p.value}" is not in the table; accepted under its subcategory ${p.detail}`,
  },
  EIX_SCHEMA_REGION_UNKNOWN: {
    severity: "error",
    summary: "The region code's province is not a GB/T 2260 province.",
    zh: (p) => `${zhField(p)} 的行政区划代码 “${p.value}” 无效：省级代码不存在`,
    en: (p) => `${enField(p)}: region code "${p.value}" is invalid; its province does not exist`,
  },
  EIX_SCHEMA_REGION_UNLISTED: {
    severity: "warning",
    summary: "The region code is not in the shipped table (codes change yearly); its province is known.",
    zh: (p) => `${zhField(p)} 的行政区划代码 “${p.value}” 不在区划表（${p.detail}）中`,
    en: (p) => `${enField(p)}: region code "${p.value}" is not in the region table (${p.detail})`,
  },
  // Report chain (初报/续报/终报).
  EIX_SCHEMA_STAGE_SEQUENCE: {
    severity: "error",
    summary: "The initial report must have sequence 1; an update or final report a sequence above 1.",
    zh: (p) => `报告阶段为“${p.detail}”时报告序号不能为 ${p.value}（初报为 1，续报和终报大于 1）`,
    en: (p) => `A report at stage "${p.detail}" cannot have sequence ${p.value} (initial is 1, update and final above 1)`,
  },
  EIX_SCHEMA_STAGE_REFERENCES: {
    severity: "error",
    summary: "An initial report (初报) must not reference earlier messages.",
    zh: () => "初报不应引用前序消息",
    en: () => "An initial report must not reference earlier messages",
  },
  EIX_SCHEMA_STAGE_REFERENCE_MISSING: {
    severity: "error",
    summary: "An update (续报) or final report (终报) must reference an earlier message of the chain.",
    zh: (p) => `${p.detail === "final" ? "终报" : "续报"}必须在 references 中引用此前的报告`,
    en: (p) => `An ${p.detail} report must reference an earlier report in "references"`,
  },
  EIX_SCHEMA_REFERENCE_SELF: {
    severity: "error",
    summary: "A message references itself.",
    zh: () => "消息不能引用自身",
    en: () => "A message cannot reference itself",
  },
  // Times.
  EIX_SCHEMA_OCCURRED_AFTER_SENT: {
    severity: "error",
    summary: "The incident occurs after the report was sent (beyond 5 minutes of clock skew).",
    zh: (p) => `事发时间 ${p.value} 晚于发送时间 ${p.limit}（允许 5 分钟时钟误差）`,
    en: (p) => `Occurrence time ${p.value} is after the sending time ${p.limit} (5 minutes of clock skew allowed)`,
  },
  EIX_SCHEMA_DISCOVERED_BEFORE_OCCURRED: {
    severity: "warning",
    summary: "The incident was discovered before it occurred.",
    zh: (p) => `发现时间 ${p.value} 早于事发时间 ${p.limit}`,
    en: (p) => `Discovery time ${p.value} is before the occurrence time ${p.limit}`,
  },
  EIX_SCHEMA_EXPIRES_BEFORE_EFFECTIVE: {
    severity: "error",
    summary: "A warning expires before it takes effect.",
    zh: (p) => `失效时间 ${p.value} 早于生效时间 ${p.limit}`,
    en: (p) => `Expiry ${p.value} is before the effective time ${p.limit}`,
  },
  EIX_SCHEMA_DEADLINE_BEFORE_SENT: {
    severity: "error",
    summary: "A directive deadline lies before the directive was sent.",
    zh: (p) => `办理时限 ${p.value} 早于发送时间 ${p.limit}`,
    en: (p) => `Deadline ${p.value} is before the sending time ${p.limit}`,
  },
  // Directives, acknowledgements, check-ins.
  EIX_SCHEMA_FEEDBACK_DEADLINE: {
    severity: "error",
    summary: "A directive that requires feedback (必报) has no feedback deadline.",
    zh: () => "要求反馈（必报）的指令必须给出反馈时限",
    en: () => "A directive that requires feedback must give a feedback deadline",
  },
  EIX_SCHEMA_ACK_REJECT_REASON: {
    severity: "warning",
    summary: "A rejection acknowledgement gives no reason.",
    zh: () => "拒收回执应说明理由",
    en: () => "A rejection should give its reason in the note",
  },
  EIX_SCHEMA_CHECKIN_INCIDENTS: {
    severity: "error",
    summary: 'A "nothing to report" check-in lists incidents.',
    zh: () => "“无事报平安”的值班报告不应列出事件",
    en: () => 'A "nothing-to-report" check-in must not list incidents',
  },
  // Handling and authority.
  EIX_SCHEMA_CLASSIFIED_REFUSED: {
    severity: "error",
    summary: "The message declares itself classified (涉密); classified traffic is refused.",
    zh: (p) => `消息标注为涉密（“${p.value}”），涉密信息不得通过本网络传输`,
    en: (p) => `The message is marked classified ("${p.value}"); classified information must not travel on this network`,
  },
  EIX_SCHEMA_OUTSIDE_JURISDICTION: {
    severity: "warning",
    summary: "A county or municipal sender reports a place outside its own region.",
    zh: (p) => `${zhField(p)} “${p.value}” 不在发送单位辖区 “${p.limit}” 内`,
    en: (p) => `${enField(p)} "${p.value}" is outside the sender's region "${p.limit}"`,
  },
  EIX_SCHEMA_SENDER_LEVEL_REGION: {
    severity: "warning",
    summary: "The sender's tier does not match the tier of its region code.",
    zh: (p) => `发送单位层级“${p.value}”与其辖区代码 “${p.limit}” 的层级不一致`,
    en: (p) => `The sender's level "${p.value}" does not match the level of its region code "${p.limit}"`,
  },
  EIX_SCHEMA_SENDER_CODE_REGION: {
    severity: "warning",
    summary: "A 14-character sender code's area part differs from the sender's region code.",
    zh: (p) => `发布单位编码的区划部分 “${p.value}” 与发送单位辖区 “${p.limit}” 不一致`,
    en: (p) => `The area part "${p.value}" of the sender code differs from the sender's region "${p.limit}"`,
  },
  EIX_SCHEMA_WARNING_LEVEL_MISMATCH: {
    severity: "warning",
    summary: "The CAP severity word disagrees with the warning colour.",
    zh: (p) => `CAP 严重程度 “${p.value}” 与预警级别 “${p.limit}” 不对应（应为 ${p.expected}）`,
    en: (p) => `CAP severity "${p.value}" does not match warning level "${p.limit}" (expected ${p.expected})`,
  },
  EIX_SCHEMA_WARNING_REFERENCE_MISSING: {
    severity: "warning",
    summary: "A warning update or cancellation does not reference the warning it updates or cancels.",
    zh: (p) => `预警${p.value === "cancel" ? "解除" : "更新"}消息应在 references 中引用原预警`,
    en: (p) =>
      `A warning ${p.value} should reference the warning it ${p.value === "cancel" ? "cancels" : "updates"} in "references"`,
  },
  EIX_SCHEMA_POLYGON_NOT_CLOSED: {
    severity: "error",
    summary: "A polygon's last point differs from its first.",
    zh: () => "多边形首尾坐标点必须相同（闭合）",
    en: () => "A polygon's first and last points must be equal (closed ring)",
  },
  EIX_SCHEMA_CASUALTY_INCONSISTENT: {
    severity: "error",
    summary: "Seriously injured exceeds injured.",
    zh: (p) => `重伤人数 ${p.value} 大于受伤人数 ${p.limit}`,
    en: (p) => `Seriously injured (${p.value}) exceeds injured (${p.limit})`,
  },
} as const satisfies Record<string, IssueDefinition>;

export type SchemaIssueCode = keyof typeof schemaIssues;

export function makeIssue(code: SchemaIssueCode, path: string, params: IssueParams = {}): ValidationIssue {
  const definition: IssueDefinition = schemaIssues[code];
  const message: LocalizedText = { "zh-CN": definition.zh(params), en: definition.en(params) };
  return { code, severity: definition.severity, path, message };
}
