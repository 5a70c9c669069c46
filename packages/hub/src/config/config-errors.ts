import type { Language, LocalizedText, ValidationIssue } from "@eix/schema";

/** Values a config message may use. Never a token: a misplaced secret is described, not echoed. */
export interface ConfigIssueParams {
  /** The offending value or name, as the file has it. */
  readonly value?: string;
  /** What is allowed or expected instead. */
  readonly expected?: string;
  /** A limit (count, length, duration). */
  readonly limit?: string;
  /** Further explanation: a parser message, a suggestion, where the first occurrence is. */
  readonly detail?: string;
  /** The configuration file. */
  readonly file?: string;
  /** A likely intended name, for a misspelt one. */
  readonly suggestion?: string;
  /** A coded finding of another part (an adapter refusing its options), in both languages. */
  readonly cause?: LocalizedText;
}

interface ConfigIssueDefinition {
  /** One line for docs/errors.md. */
  readonly summary: string;
  readonly zh: (p: ConfigIssueParams) => string;
  readonly en: (p: ConfigIssueParams) => string;
}

const v = (p: ConfigIssueParams) => p.value ?? "…";

/**
 * The table of configuration issue codes (`EIX_CONFIG_*`). Codes are never reused or renamed.
 * Every problem of a file is reported at once, each with its JSON pointer and line:column.
 */
export const configIssues = {
  EIX_CONFIG_REJECTED: {
    summary: "The configuration file has problems; the hub does not start. Each problem follows with its own code.",
    zh: (p) => `配置文件 “${p.file ?? "…"}” 有 ${p.limit ?? "…"} 处问题，枢纽未启动`,
    en: (p) => `The configuration file "${p.file ?? "…"}" has ${p.limit ?? "…"} problem(s); the hub does not start`,
  },
  EIX_CONFIG_FILE_UNREADABLE: {
    summary: "The configuration file does not exist or cannot be read.",
    zh: (p) => `无法读取配置文件 “${p.file ?? "…"}”：${p.detail ?? "…"}`,
    en: (p) => `Cannot read the configuration file "${p.file ?? "…"}": ${p.detail ?? "…"}`,
  },
  EIX_CONFIG_SYNTAX: {
    summary: "The file is not well-formed YAML or JSON (also: duplicate keys, several YAML documents, unknown tags).",
    zh: (p) => `配置文件语法错误：${p.detail ?? "…"}`,
    en: (p) => `Syntax error in the configuration file: ${p.detail ?? "…"}`,
  },
  EIX_CONFIG_REQUIRED: {
    summary: "A required setting is missing.",
    zh: (p) => `缺少必填项 “${v(p)}”`,
    en: (p) => `Required setting "${v(p)}" is missing`,
  },
  EIX_CONFIG_UNKNOWN_PROPERTY: {
    summary: "A setting the configuration does not define (often a misspelling); the message lists the allowed names.",
    zh: (p) =>
      `未定义的配置项 “${v(p)}”${p.suggestion ? `（是否想写 “${p.suggestion}”？）` : ""}；此处允许：${p.expected ?? "…"}`,
    en: (p) =>
      `Unknown setting "${v(p)}"${p.suggestion ? ` (did you mean "${p.suggestion}"?)` : ""}; allowed here: ${p.expected ?? "…"}`,
  },
  EIX_CONFIG_TYPE: {
    summary: "A value has the wrong type (e.g. a quoted number, a list where one value is expected).",
    zh: (p) =>
      `取值类型错误：应为 ${p.expected ?? "…"}，实际为 ${v(p)}${p.value === "string" ? `（加引号的值和 \${…} 替换的结果都是字符串）` : ""}`,
    en: (p) =>
      `Wrong type: expected ${p.expected ?? "…"}, got ${v(p)}${p.value === "string" ? ` (quoted values and \${…} substitutions are strings)` : ""}`,
  },
  EIX_CONFIG_ENUM: {
    summary: "A value is not one of the allowed words.",
    zh: (p) => `取值 “${v(p)}” 无效，应为：${p.expected ?? "…"}`,
    en: (p) => `Invalid value "${v(p)}"; allowed: ${p.expected ?? "…"}`,
  },
  EIX_CONFIG_PATTERN: {
    summary: "A value does not have the required form (identifier, region code, URL, event type prefix...).",
    zh: (p) => `取值 “${v(p)}” 的格式不符合要求，应匹配 ${p.expected ?? "…"}`,
    en: (p) => `The value "${v(p)}" does not have the required form ${p.expected ?? "…"}`,
  },
  EIX_CONFIG_RANGE: {
    summary: "A number is outside its allowed range.",
    zh: (p) => `数值 ${v(p)} 超出允许范围（${p.expected ?? "…"}）`,
    en: (p) => `The number ${v(p)} is out of range (${p.expected ?? "…"})`,
  },
  EIX_CONFIG_LENGTH: {
    summary: "A text or list is too short or too long (e.g. an empty list where one value is needed).",
    zh: (p) => `长度或数量不符合要求（${p.expected ?? "…"}）`,
    en: (p) => `Wrong length or count (${p.expected ?? "…"})`,
  },
  EIX_CONFIG_DUPLICATE_VALUE: {
    summary: "A list holds the same value twice.",
    zh: (p) => `列表中有重复的取值（第 ${p.detail ?? "…"} 项）`,
    en: (p) => `The list holds the same value twice (items ${p.detail ?? "…"})`,
  },
  EIX_CONFIG_INVALID: {
    summary: "Any other violation of the configuration schema.",
    zh: (p) => `配置项不符合要求：${p.detail ?? "…"}`,
    en: (p) => `The setting is invalid: ${p.detail ?? "…"}`,
  },
  EIX_CONFIG_ENV_UNSET: {
    summary: `A \${NAME} reference or tokenEnv names an environment variable that is not set (or is empty).`,
    zh: (p) => `环境变量 ${v(p)} 未设置或为空`,
    en: (p) => `The environment variable ${v(p)} is not set or is empty`,
  },
  EIX_CONFIG_ENV_SYNTAX: {
    summary: `A "\${" in a string value does not start a \${NAME} reference; write "$\${" for a literal "\${".`,
    zh: (p) => `“${v(p)}” 不是有效的环境变量引用，应写成 \${NAME}（NAME 由字母、数字和下划线组成）；如需字面量 “\${” 请写 “$\${”`,
    en: (p) =>
      `"${v(p)}" is not a valid environment reference; write \${NAME} (letters, digits, underscore), or "$\${" for a literal "\${"`,
  },
  EIX_CONFIG_NO_TOKEN: {
    summary: "A unit has no credential: give tokenSha256 or tokenEnv.",
    zh: (p) => `单位 “${v(p)}” 未配置令牌：请给出 tokenSha256（令牌的 SHA-256 摘要）或 tokenEnv（存放令牌的环境变量名）`,
    en: (p) =>
      `Unit "${v(p)}" has no credential: give tokenSha256 (the token's SHA-256) or tokenEnv (an environment variable holding it)`,
  },
  EIX_CONFIG_TOKEN_HASH: {
    summary: "A tokenSha256 entry is not 64 hexadecimal digits (perhaps the plain token was pasted: it is not shown).",
    zh: (p) =>
      `tokenSha256 应为 64 位十六进制 SHA-256 摘要，此处为 ${p.limit ?? "…"} 个字符（内容不予显示）；若这是令牌原文，请改用 tokenEnv，或填写 printf %s 令牌 | sha256sum 的结果`,
    en: (p) =>
      `tokenSha256 must be a 64-digit hex SHA-256 digest; this entry has ${p.limit ?? "…"} characters (not shown). If it is the token itself, use tokenEnv, or put the output of printf %s TOKEN | sha256sum`,
  },
  EIX_CONFIG_TOKEN_WEAK: {
    summary: "A token read from the environment is shorter than 16 characters; bearer tokens must not be guessable.",
    zh: (p) => `环境变量 ${v(p)} 中的令牌过短（至少 ${p.limit ?? "16"} 个字符），容易被猜中`,
    en: (p) => `The token in ${v(p)} is too short (at least ${p.limit ?? "16"} characters); it could be guessed`,
  },
  EIX_CONFIG_TOKEN_SHARED: {
    summary: "Two units accept the same token, so a request could not tell which unit sent it.",
    zh: (p) => `该令牌已被单位 “${v(p)}” 使用；每个单位须有自己的令牌`,
    en: (p) => `This token is already accepted for unit "${v(p)}"; each unit needs its own token`,
  },
  EIX_CONFIG_UNIT_DUPLICATE: {
    summary: "Two units have the same unitId.",
    zh: (p) => `单位标识 “${v(p)}” 重复（首次出现于 ${p.detail ?? "…"}）`,
    en: (p) => `The unitId "${v(p)}" is used twice (first at ${p.detail ?? "…"})`,
  },
  EIX_CONFIG_DESTINATION_DUPLICATE: {
    summary: "Two destinations have the same id.",
    zh: (p) => `目的地标识 “${v(p)}” 重复（首次出现于 ${p.detail ?? "…"}）`,
    en: (p) => `The destination id "${v(p)}" is used twice (first at ${p.detail ?? "…"})`,
  },
  EIX_CONFIG_ROUTE_DUPLICATE: {
    summary: "Two routing rules have the same name (the name is recorded with every routing decision).",
    zh: (p) => `路由规则名称 “${v(p)}” 重复（首次出现于 ${p.detail ?? "…"}）`,
    en: (p) => `The route name "${v(p)}" is used twice (first at ${p.detail ?? "…"})`,
  },
  EIX_CONFIG_DESTINATION_UNKNOWN: {
    summary: "A route or a unit's inbox names a destination id that is not configured.",
    zh: (p) => `目的地 “${v(p)}” 未配置；已配置：${p.expected || "（无）"}`,
    en: (p) => `"${v(p)}" is not a configured destination; configured: ${p.expected || "(none)"}`,
  },
  EIX_CONFIG_UNIT_UNKNOWN: {
    summary: "A file-drop directory names a unitId that is not configured.",
    zh: (p) => `单位 “${v(p)}” 未在 units 中配置`,
    en: (p) => `Unit "${v(p)}" is not configured under units`,
  },
  EIX_CONFIG_REGION_UNKNOWN: {
    summary: "A region code is not in the GB/T 2260 region table.",
    zh: (p) => `行政区划代码 “${v(p)}” 不在 GB/T 2260 区划表（${p.detail ?? "…"}）中`,
    en: (p) => `The region code "${v(p)}" is not in the GB/T 2260 region table (${p.detail ?? "…"})`,
  },
  EIX_CONFIG_ADAPTER_UNKNOWN: {
    summary: 'An adapter id is neither "canonical" nor registered.',
    zh: (p) => `适配器 “${v(p)}” 不存在；可用：${p.expected ?? "…"}`,
    en: (p) => `No adapter "${v(p)}"; available: ${p.expected ?? "…"}`,
  },
  EIX_CONFIG_ADAPTER_NO_ENCODER: {
    summary: "A destination's adapter can only decode; sending needs an adapter that encodes.",
    zh: (p) => `适配器 “${v(p)}” 只能解码，不能为目的地编码报文`,
    en: (p) => `Adapter "${v(p)}" can only decode; it cannot encode messages for a destination`,
  },
  EIX_CONFIG_ADAPTER_OPTIONS: {
    summary:
      "A unit's or listener's adapterOptions are refused by the adapter (a misspelt or out-of-range option); every payload would be refused.",
    zh: (p) => `适配器 “${v(p)}” 的设置无效：${p.cause?.["zh-CN"] ?? "…"}`,
    en: (p) => `The options of adapter "${v(p)}" are invalid: ${p.cause?.en ?? "…"}`,
  },
  EIX_CONFIG_RETRY_DELAYS: {
    summary: "A retry policy's initialDelayMs is larger than its maxDelayMs.",
    zh: (p) => `重试初始间隔 ${v(p)} 毫秒大于最大间隔 ${p.limit ?? "…"} 毫秒`,
    en: (p) => `The initial retry delay of ${v(p)} ms exceeds the maximum delay of ${p.limit ?? "…"} ms`,
  },
  EIX_CONFIG_LEASE_TOO_SHORT: {
    summary: "relay.leaseMs does not exceed a destination's longest send; a slow send would be repeated by another worker.",
    zh: (p) =>
      `转发租约 ${v(p)} 毫秒不长于目的地 “${p.detail ?? "…"}” 的最长发送时间 ${p.limit ?? "…"} 毫秒（连接+响应头+响应体超时），慢速发送会被其他工作进程重复发送`,
    en: (p) =>
      `The relay lease of ${v(p)} ms does not exceed the longest send of destination "${p.detail ?? "…"}", ${p.limit ?? "…"} ms (connect + headers + body timeouts); a slow send would be repeated by another worker`,
  },
  EIX_CONFIG_DIRECTORY_CONFLICT: {
    summary:
      "A file-drop directory is watched twice, or is also a directory destination (the hub would read back its own output).",
    zh: (p) => `目录 “${v(p)}” 已在 ${p.detail ?? "…"} 使用；同一目录不能重复监视，也不能同时作为目的地目录`,
    en: (p) =>
      `The directory "${v(p)}" is already used at ${p.detail ?? "…"}; a directory is watched once and is never also a destination`,
  },
  EIX_CONFIG_PORT_CONFLICT: {
    summary: "Two listeners (the HTTP API, MLLP sources) would bind the same host and port.",
    zh: (p) => `端口 ${v(p)} 已由 ${p.detail ?? "…"} 使用`,
    en: (p) => `Port ${v(p)} is already used at ${p.detail ?? "…"}`,
  },
  EIX_CONFIG_TLS_INCOMPLETE: {
    summary: "A TLS listener needs both certFile and keyFile; mutual TLS (requestCert) also needs caFile.",
    zh: (p) => `TLS 配置缺少 “${v(p)}”`,
    en: (p) => `The TLS settings lack "${v(p)}"`,
  },
  EIX_CONFIG_TLS_FILE: {
    summary: "A TLS certificate, key or CA file named in the configuration cannot be read.",
    zh: (p) => `无法读取 TLS 文件 “${v(p)}”：${p.detail ?? "…"}`,
    en: (p) => `Cannot read the TLS file "${v(p)}": ${p.detail ?? "…"}`,
  },
} as const satisfies Record<string, ConfigIssueDefinition>;

export type ConfigIssueCode = keyof typeof configIssues;

/** A configuration problem: a validation issue plus where it is in the file. */
export interface ConfigIssue extends ValidationIssue {
  readonly code: ConfigIssueCode;
  readonly file?: string;
  /** 1-based. */
  readonly line?: number;
  /** 1-based. */
  readonly column?: number;
}

/** A problem before it is placed in the file: `at: "key"` points at the property name. */
export interface ConfigProblem {
  readonly code: ConfigIssueCode;
  readonly path: string;
  readonly params?: ConfigIssueParams;
  readonly at?: "key" | "value";
}

export function configMessage(code: ConfigIssueCode, params: ConfigIssueParams = {}): LocalizedText {
  const definition: ConfigIssueDefinition = configIssues[code];
  return { "zh-CN": definition.zh(params), en: definition.en(params) };
}

// Branded like the store's errors, so the check survives two copies of the package in one process.
const brand = Symbol.for("eix.config.error");

/** A configuration that cannot be used; `issues` lists every problem found, in file order. */
export class ConfigError extends Error {
  readonly code = "EIX_CONFIG_REJECTED" as const;
  readonly file: string;
  readonly issues: readonly ConfigIssue[];
  readonly text: LocalizedText;
  readonly [brand] = true;

  constructor(file: string, issues: readonly ConfigIssue[]) {
    const text = configMessage("EIX_CONFIG_REJECTED", { file, limit: String(issues.length) });
    super(`${text.en}\n${formatConfigIssues(issues, "en")}`);
    this.name = "ConfigError";
    this.file = file;
    this.issues = issues;
    this.text = text;
  }

  line(language: Language): string {
    return `${this.code} ${this.text[language]}`;
  }
}

export function isConfigError(value: unknown): value is ConfigError {
  return typeof value === "object" && value !== null && (value as { [brand]?: unknown })[brand] === true;
}

/**
 * One line per issue, for the command line and logs:
 * `hub.yaml:12:17 EIX_CONFIG_REGION_UNKNOWN /units/2/regionCode message`.
 */
export function formatConfigIssues(issues: readonly ConfigIssue[], language: Language): string {
  return issues
    .map((issue) => {
      const place = [issue.file, issue.line, issue.column].filter((part) => part !== undefined).join(":");
      const pointer = issue.path === "" ? "/" : issue.path;
      return `${place ? `${place} ` : ""}${issue.code} ${pointer} ${issue.message[language]}`;
    })
    .join("\n");
}
