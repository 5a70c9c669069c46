import type { Language } from "@eix/schema";
import type { FileCheck } from "./file-check.js";
import { issueLines } from "./issue-lines.js";
import type { Style } from "./style.js";
import type { ValidateSummary } from "./validate-summary.js";

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

/**
 * `eix validate` for people: per file a ✓/✗ line, then its issues aligned in columns
 * (severity, JSON pointer, code, message), then one summary line.
 */
export function validateReportText(
  checks: readonly FileCheck[],
  summary: ValidateSummary,
  language: Language,
  style: Style,
): string {
  const lines: string[] = [];
  for (const check of checks) {
    lines.push(check.valid ? `${style.good("✓")} ${check.file}` : `${style.bad("✗")} ${check.file}`);
    lines.push(...issueLines(check.issues, language, style));
  }
  const summaryText = summaryLine(summary, language);
  lines.push("", summary.invalid > 0 ? style.bad(summaryText) : style.good(summaryText));
  return `${lines.join("\n")}\n`;
}
