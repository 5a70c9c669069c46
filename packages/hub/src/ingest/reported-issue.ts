import type { AdapterError, AdapterIssue, SourcePosition } from "@eix/adapters";
import type { IssueSeverity, LocalizedText, ValidationIssue } from "@eix/schema";

/**
 * One problem with an inbound payload, as the sender and the quarantine see it: the shape of a
 * schema `ValidationIssue`, plus where in the source bytes it is when the adapter knows
 * (line:column, element path, row). `path` is a JSON pointer into the (canonical) message and
 * may be "" when only the source position is known.
 */
export interface ReportedIssue {
  readonly code: string;
  readonly severity: IssueSeverity;
  readonly path: string;
  readonly position?: SourcePosition;
  readonly message: LocalizedText;
}

export function fromValidationIssue(issue: ValidationIssue): ReportedIssue {
  return { code: issue.code, severity: issue.severity, path: issue.path, message: issue.message };
}

export function fromAdapterIssue(issue: AdapterIssue): ReportedIssue {
  return {
    code: issue.code,
    severity: issue.severity,
    path: issue.path ?? "",
    ...(issue.position === undefined ? {} : { position: issue.position }),
    message: issue.message,
  };
}

export function fromAdapterError(error: AdapterError): ReportedIssue {
  return {
    code: error.code,
    severity: "error",
    path: "",
    ...(error.position === undefined ? {} : { position: error.position }),
    message: error.messages,
  };
}

/**
 * Issues of message `index` of a payload that decoded to several: their pointers get the
 * `/<index>` prefix adapters use, so every issue of a file still says which message it is about.
 */
export function forMessage(issues: readonly ReportedIssue[], index: number, count: number): ReportedIssue[] {
  return count > 1 ? issues.map((issue) => ({ ...issue, path: `/${index}${issue.path}` })) : [...issues];
}

export const hasError = (issues: readonly ReportedIssue[]): boolean => issues.some((issue) => issue.severity === "error");

/** The distinct codes of error issues, in order of first appearance (quarantine reason codes). */
export function errorCodes(issues: readonly ReportedIssue[]): string[] {
  return [...new Set(issues.filter((issue) => issue.severity === "error").map((issue) => issue.code))];
}

/** Appends `extra` to `issues`, leaving out exact repeats (an adapter that validated already). */
export function mergeIssues(issues: readonly ReportedIssue[], extra: readonly ReportedIssue[]): ReportedIssue[] {
  const key = (issue: ReportedIssue) => `${issue.severity}\u0000${issue.code}\u0000${issue.path}`;
  const seen = new Set(issues.map(key));
  return [...issues, ...extra.filter((issue) => !seen.has(key(issue)))];
}
