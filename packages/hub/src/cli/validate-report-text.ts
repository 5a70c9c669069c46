import type { Language } from "@eix/schema";
import type { FileCheck } from "./file-check.js";
import { issueLines } from "./issue-lines.js";
import type { Style } from "./style.js";
import type { ValidateSummary } from "./validate-summary.js";

export interface TextReportOptions {
  readonly language: Language;
  readonly style: Style;
  /** Follow each file name with the format it was read as and its envelope count. */
  readonly showFormats: boolean;
}

function summaryLine(s: ValidateSummary, language: Language): string {
  if (language === "en") {
    const extras = [
      s.unreadable > 0 ? `${s.unreadable} unreadable` : "",
      s.warnings > 0 ? `${s.warnings} warning${s.warnings === 1 ? "" : "s"}` : "",
    ].filter(Boolean);
    const tail = extras.length > 0 ? ` (${extras.join(", ")})` : "";
    return `${s.files} file${s.files === 1 ? "" : "s"}: ${s.valid} valid, ${s.invalid} invalid${tail}`;
  }
  const extras = [s.unreadable > 0 ? `${s.unreadable} 个无法读取` : "", s.warnings > 0 ? `${s.warnings} 条警告` : ""].filter(
    Boolean,
  );
  const tail = extras.length > 0 ? `（${extras.join("，")}）` : "";
  return `共 ${s.files} 个文件：${s.valid} 个有效，${s.invalid} 个无效${tail}`;
}

/** "weather.cap, 2 envelopes" / "weather.cap，2 条消息"; nothing when no format was chosen. */
function formatNote(check: FileCheck, language: Language): string {
  if (check.format === undefined) return "";
  if (language === "en") return `${check.format}, ${check.envelopes} envelope${check.envelopes === 1 ? "" : "s"}`;
  return `${check.format}，${check.envelopes} 条消息`;
}

/**
 * `eix validate` for people: per file a ✓/✗ line (with its format and envelope count when the
 * format was not fixed to canonical), then its issues aligned in columns (severity, location,
 * code, message), then one summary line.
 */
export function validateReportText(checks: readonly FileCheck[], summary: ValidateSummary, options: TextReportOptions): string {
  const { language, style } = options;
  const lines: string[] = [];
  for (const check of checks) {
    const mark = check.valid ? style.good("✓") : style.bad("✗");
    const note = options.showFormats ? formatNote(check, language) : "";
    lines.push(note === "" ? `${mark} ${check.file}` : `${mark} ${check.file}  ${style.dim(`(${note})`)}`);
    lines.push(...issueLines(check.issues, language, style));
  }
  const summaryText = summaryLine(summary, language);
  lines.push("", summary.invalid > 0 ? style.bad(summaryText) : style.good(summaryText));
  return `${lines.join("\n")}\n`;
}
