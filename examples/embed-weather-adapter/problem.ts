// Why a document gave no envelope, in one shape whether the adapter refused it or it never
// arrived: a code to match on, where it went wrong when known, and the reason in both languages.
import type { AdapterError, AdapterIssue, SourcePosition } from "@eix/adapters";

/** A message in both languages the project speaks; printed zh-CN first, as duty officers read it. */
export interface Bilingual {
  readonly "zh-CN": string;
  readonly en: string;
}

export interface Problem {
  /**
   * `EIX_…` from the adapters' error table; for a document that never reached the adapter,
   * `HTTP-<status>`, `TIMEOUT` or `NETWORK` (download) or `UNREADABLE` (local file).
   */
  readonly code: string;
  /** `line:column`, the element path, or both; absent when the problem has no place in the bytes. */
  readonly where?: string;
  readonly message: Bilingual;
  /** The decoder's own findings (e.g. the validation issues behind EIX_ADAPTER_INVALID_OUTPUT). */
  readonly issues?: readonly AdapterIssue[];
}

/** `12:3 /alert/references`: the line and column first, because that is what an editor jumps to. */
export function placeOf(position: SourcePosition | undefined): string | undefined {
  if (!position) return undefined;
  const parts = [
    position.line === undefined ? undefined : `${position.line}:${position.column ?? 1}`,
    position.at,
    position.row === undefined ? undefined : `row ${position.row}`,
    position.field,
  ].filter((part): part is string => part !== undefined && part !== "");
  return parts.length > 0 ? parts.join(" ") : undefined;
}

/** The problem an adapter reported (decoders return their error; the registry throws one). */
export function adapterProblem(error: AdapterError, issues: readonly AdapterIssue[] = []): Problem {
  const where = placeOf(error.position);
  return { code: error.code, ...(where === undefined ? {} : { where }), message: error.messages, issues };
}

export function bothLanguages(text: Bilingual): string {
  return `${text["zh-CN"]} / ${text.en}`;
}
