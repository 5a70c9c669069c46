import type { IssueParams, SchemaIssueCode } from "../errors.js";

/** Reports one finding; the rule runner turns it into a bilingual issue. */
export type Emit = (code: SchemaIssueCode, path: string, params?: IssueParams) => void;

/**
 * A semantic rule: what JSON Schema cannot say (code tables, the report chain, time order,
 * jurisdiction). Rules read the document defensively, since they also run on documents that
 * failed the schema, so the sender sees every problem at once.
 */
export interface SemanticRule {
  readonly name: string;
  readonly check: (doc: Record<string, unknown>, emit: Emit) => void;
}

export function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Milliseconds since the epoch for an RFC 3339 time with offset, else undefined. */
export function instant(value: unknown): number | undefined {
  if (typeof value !== "string" || !/(Z|[+-]\d{2}:\d{2})$/i.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
