import type { IssueSeverity, Language, ValidationIssue } from "@eix/schema";
import type { Style } from "./style.js";
import { renderTable } from "./table.js";

const SEVERITY_WORDS: Record<Language, Record<IssueSeverity, string>> = {
  "zh-CN": { error: "错误", warning: "警告" },
  en: { error: "error", warning: "warning" },
};

/** A JSON pointer as printed: the root (the empty pointer) is shown as "/". */
export const displayPointer = (pointer: string) => (pointer === "" ? "/" : pointer);

/**
 * One aligned line per issue: severity, JSON pointer, code, message in `language`.
 */
export function issueLines(issues: readonly ValidationIssue[], language: Language, style: Style, indent = "    "): string[] {
  return renderTable(
    issues.map((issue) => [
      { text: SEVERITY_WORDS[language][issue.severity], paint: issue.severity === "error" ? style.bad : style.warn },
      displayPointer(issue.path),
      { text: issue.code, paint: style.dim },
      issue.message[language],
    ]),
    { indent },
  );
}
