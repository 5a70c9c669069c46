import type { FileCheck } from "./file-check.js";
import type { ValidateSummary } from "./validate-summary.js";

/**
 * `eix validate --json`: one JSON document `{ files, summary }`. Each file has `format` (the
 * adapter id or "canonical" it was read with, null when none could be chosen) and `envelopes`
 * (how many valid envelopes it yields). Schema issues keep the library's shape, with `path` a
 * JSON pointer ("" for the root); adapter issues add `position` ({ line, column, at, … }) and
 * have `path` only when they concern the decoded message. Messages are in both languages.
 */
export function validateReportJson(checks: readonly FileCheck[], summary: ValidateSummary): string {
  const files = checks.map(({ file, format, envelopes, valid, issues }) => ({
    file,
    format: format ?? null,
    envelopes,
    valid,
    issues,
  }));
  return `${JSON.stringify({ files, summary }, null, 2)}\n`;
}
