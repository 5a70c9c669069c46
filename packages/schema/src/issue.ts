/** A localised message: every text a duty officer reads exists in Chinese and English. */
export interface LocalizedText {
  readonly "zh-CN": string;
  readonly en: string;
}

export type IssueSeverity = "error" | "warning";

/**
 * One finding of validation. Issues are data, never exceptions: `path` is a JSON pointer
 * into the document, `code` a stable `EIX_SCHEMA_*` code listed in docs/errors.md.
 */
export interface ValidationIssue {
  readonly code: string;
  readonly severity: IssueSeverity;
  readonly path: string;
  readonly message: LocalizedText;
}

export interface ValidationResult {
  /** True when no issue has severity `error`; warnings alone leave a document valid. */
  readonly valid: boolean;
  readonly issues: readonly ValidationIssue[];
}

export type Language = "zh-CN" | "en";
