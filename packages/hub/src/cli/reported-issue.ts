import { AdapterError, type AdapterIssue, adapterMessage, type SourcePosition } from "@eix/adapters";
import type { IssueSeverity, LocalizedText } from "@eix/schema";

/**
 * One finding about an input file, whoever made it: the schema validator (with `path`, a JSON
 * pointer into the message), an adapter (with `position` in the source bytes, and `path` when
 * it is about the decoded message) or the command line itself. A schema `ValidationIssue` is
 * one already, unchanged, so `--json` keeps the shape it had before adapters were involved.
 */
export interface ReportedIssue {
  readonly code: string;
  readonly severity: IssueSeverity;
  readonly message: LocalizedText;
  readonly path?: string;
  readonly position?: SourcePosition;
}

/** An adapter's finding: its fields, without the undefined ones. */
export function fromAdapterIssue(issue: AdapterIssue): ReportedIssue {
  const { code, severity, message, path, position } = issue;
  return { code, severity, message, ...(path === undefined ? {} : { path }), ...(position ? { position } : {}) };
}

/**
 * The error an adapter returned from decode or threw from encode. Anything else thrown by an
 * encoder is reported as the adapters' own internal-failure code, never as a crash of eix.
 */
export function fromAdapterError(error: unknown): ReportedIssue {
  if (AdapterError.is(error)) {
    const { code, messages: message, position } = error;
    return { code, severity: "error", message, ...(position ? { position } : {}) };
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: "EIX_ADAPTER_INTERNAL", severity: "error", message: adapterMessage("EIX_ADAPTER_INTERNAL", { detail }) };
}
