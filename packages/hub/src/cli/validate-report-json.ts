import type { FileCheck } from "./file-check.js";
import type { ValidateSummary } from "./validate-summary.js";

/**
 * `eix validate --json`: one JSON document. Issues keep the library's shape, with `path` a
 * JSON pointer ("" for the root) and `message` in both languages.
 */
export function validateReportJson(checks: readonly FileCheck[], summary: ValidateSummary): string {
  const files = checks.map(({ file, valid, issues }) => ({ file, valid, issues }));
  return `${JSON.stringify({ files, summary }, null, 2)}\n`;
}
