import type { IssueSeverity, Language } from "@eix/schema";
import type { ReportedIssue } from "./reported-issue.js";
import type { Style } from "./style.js";
import { renderTable } from "./table.js";

const SEVERITY_WORDS: Record<Language, Record<IssueSeverity, string>> = {
  "zh-CN": { error: "错误", warning: "警告" },
  en: { error: "error", warning: "warning" },
};

const ROW_WORD: Record<Language, string> = { "zh-CN": "行", en: "row" };

/** A JSON pointer as printed: the root (the empty pointer) is shown as "/". */
export const displayPointer = (pointer: string) => (pointer === "" ? "/" : pointer);

/**
 * Where an issue is, in one word: line:column in the source bytes when the adapter knows it
 * (else its row, element path or field), else the JSON pointer into the message, else "-"
 * (an adapter refusal that concerns the whole input, such as a missing sender unit).
 */
export function issueLocation(issue: ReportedIssue, language: Language): string {
  const position = issue.position;
  if (position?.line !== undefined) return `${position.line}:${position.column ?? 1}`;
  if (position?.row !== undefined) return `${ROW_WORD[language]} ${position.row}`;
  if (position?.at !== undefined) return position.at;
  if (position?.field !== undefined) return position.field;
  return issue.path === undefined ? "-" : displayPointer(issue.path);
}

/**
 * One aligned line per issue: severity, location (line:column or JSON pointer), code,
 * message in `language`.
 */
export function issueLines(issues: readonly ReportedIssue[], language: Language, style: Style, indent = "    "): string[] {
  return renderTable(
    issues.map((issue) => [
      { text: SEVERITY_WORDS[language][issue.severity], paint: issue.severity === "error" ? style.bad : style.warn },
      issueLocation(issue, language),
      { text: issue.code, paint: style.dim },
      issue.message[language],
    ]),
    { indent },
  );
}
