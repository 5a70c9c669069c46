import type { FileCheck } from "./file-check.js";

export interface ValidateSummary {
  readonly files: number;
  readonly valid: number;
  readonly invalid: number;
  /** Files that could not be read (counted in `invalid` too). */
  readonly unreadable: number;
  readonly errors: number;
  readonly warnings: number;
}

export function summarize(checks: readonly FileCheck[]): ValidateSummary {
  const issues = checks.flatMap((check) => check.issues);
  const valid = checks.filter((check) => check.valid).length;
  return {
    files: checks.length,
    valid,
    invalid: checks.length - valid,
    unreadable: checks.filter((check) => check.unreadable).length,
    errors: issues.filter((issue) => issue.severity === "error").length,
    warnings: issues.filter((issue) => issue.severity === "warning").length,
  };
}

/** 0 every file valid (warnings allowed), 1 some file invalid, 2 some file could not be read. */
export function validateExitCode(summary: ValidateSummary): number {
  if (summary.unreadable > 0) return 2;
  return summary.invalid > 0 ? 1 : 0;
}
