import type { Language, LocalizedText, ValidationIssue } from "@eix/schema";

/** Values a CLI message may use; `reason` is already localised, `detail` is a raw system code. */
export interface CliErrorParams {
  readonly file?: string;
  readonly reason?: LocalizedText;
  readonly detail?: string;
  /** The value given on the command line (a format name, for instance). */
  readonly value?: string;
  /** What would have been accepted, as a list the reader can copy from. */
  readonly expected?: string;
}

interface CliErrorDefinition {
  /** One line for docs/errors.md. */
  readonly summary: string;
  readonly zh: (p: CliErrorParams) => string;
  readonly en: (p: CliErrorParams) => string;
}

const zhReason = (p: CliErrorParams) => p.reason?.["zh-CN"] ?? p.detail ?? "…";
const enReason = (p: CliErrorParams) => p.reason?.en ?? p.detail ?? "…";

/**
 * The table of `eix` command-line error codes. Like the `EIX_SCHEMA_*` table, codes are never
 * reused or renamed. Each of them means exit status 2: most stop the command at once; the
 * file-level ones (unreadable input, unwritable or clashing output) are reported with their file
 * and the command goes on with the others.
 */
export const cliErrors = {
  EIX_CLI_USAGE: {
    summary: "The command line is not understood: unknown command or option, bad option value, no file given.",
    zh: (p) => `用法错误：${zhReason(p)}`,
    en: (p) => `Usage error: ${enReason(p)}`,
  },
  EIX_CLI_FILE_NOT_FOUND: {
    summary: "A file or directory named on the command line does not exist.",
    zh: (p) => `找不到文件或目录 “${p.file ?? "…"}”`,
    en: (p) => `No such file or directory: "${p.file ?? "…"}"`,
  },
  EIX_CLI_FILE_UNREADABLE: {
    summary: "A file or directory exists but cannot be read (permissions, not a regular file).",
    zh: (p) => `无法读取 “${p.file ?? "…"}”：${zhReason(p)}`,
    en: (p) => `Cannot read "${p.file ?? "…"}": ${enReason(p)}`,
  },
  EIX_CLI_NO_JSON_FILES: {
    summary: "A directory named on the command line holds no .json files.",
    zh: (p) => `目录 “${p.file ?? "…"}” 中没有 .json 文件`,
    en: (p) => `The directory "${p.file ?? "…"}" holds no .json files`,
  },
  EIX_CLI_UNKNOWN_FORMAT: {
    summary: "A format named by --format, --from or --to is neither an adapter id nor canonical (nor auto, for input).",
    zh: (p) => `未知格式 “${p.value ?? "…"}”，可用格式：${p.expected ?? "…"}`,
    en: (p) => `Unknown format "${p.value ?? "…"}"; known formats: ${p.expected ?? "…"}`,
  },
  EIX_CLI_NO_MATCHING_FILES: {
    summary: "A directory named on the command line holds no file with an extension of the input format.",
    zh: (p) => `目录 “${p.file ?? "…"}” 中没有扩展名为 ${p.expected ?? "…"} 的文件`,
    en: (p) => `The directory "${p.file ?? "…"}" holds no ${p.expected ?? "…"} files`,
  },
  EIX_CLI_BAD_SENDER: {
    summary: "The --sender file is not a JSON object describing a valid sending unit.",
    zh: (p) => `发送单位文件 “${p.file ?? "…"}” 无效：${zhReason(p)}`,
    en: (p) => `The sender file "${p.file ?? "…"}" is not a valid unit: ${enReason(p)}`,
  },
  EIX_CLI_FILE_UNWRITABLE: {
    summary: "An output file or the --out directory cannot be created or written.",
    zh: (p) => `无法写入 “${p.file ?? "…"}”：${zhReason(p)}`,
    en: (p) => `Cannot write "${p.file ?? "…"}": ${enReason(p)}`,
  },
  EIX_CLI_OUTPUT_CLASH: {
    summary: "An output file would overwrite an input file or another output of the same run; it is not written.",
    zh: (p) => `不写入 “${p.file ?? "…"}”：${zhReason(p)}`,
    en: (p) => `Not writing "${p.file ?? "…"}": ${enReason(p)}`,
  },
  EIX_CLI_INTERNAL: {
    summary: "An unexpected failure inside eix; please report it with the command line used.",
    zh: (p) => `内部错误：${zhReason(p)}（请连同所用命令报告此问题）`,
    en: (p) => `Internal error: ${enReason(p)} (please report it with the command used)`,
  },
} as const satisfies Record<string, CliErrorDefinition>;

export type CliErrorCode = keyof typeof cliErrors;

export function cliMessage(code: CliErrorCode, params: CliErrorParams = {}): LocalizedText {
  const definition: CliErrorDefinition = cliErrors[code];
  return { "zh-CN": definition.zh(params), en: definition.en(params) };
}

/** A failure that stops the command; `runCli` prints it as one coded line and exits 2. */
export class CliError extends Error {
  readonly code: CliErrorCode;
  readonly text: LocalizedText;

  constructor(code: CliErrorCode, params: CliErrorParams = {}) {
    const text = cliMessage(code, params);
    super(text.en);
    this.name = "CliError";
    this.code = code;
    this.text = text;
  }

  line(language: Language): string {
    return `${this.code} ${this.text[language]}`;
  }
}

/** A CLI problem reported as one file's issue, in the same shape as validation issues. */
export function cliIssue(code: CliErrorCode, params: CliErrorParams = {}): ValidationIssue {
  return { code, severity: "error", path: "", message: cliMessage(code, params) };
}

/** Localised words for a failed file-system call, by its errno code. */
export function ioReason(error: unknown): LocalizedText {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (code === "EACCES" || code === "EPERM") return { "zh-CN": `权限不足（${code}）`, en: `permission denied (${code})` };
  if (code === "EISDIR") return { "zh-CN": "是目录而不是文件（EISDIR）", en: "is a directory, not a file (EISDIR)" };
  if (code === "ENOENT") return { "zh-CN": "读取时已不存在（ENOENT）", en: "vanished before it could be read (ENOENT)" };
  const detail = code || (error instanceof Error ? error.message : String(error));
  return { "zh-CN": `系统错误（${detail}）`, en: `system error (${detail})` };
}
