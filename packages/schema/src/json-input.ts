import { makeIssue } from "./errors.js";
import { jsonErrorOffset, lineAndColumn } from "./internal/json-error-position.js";
import type { ValidationIssue } from "./issue.js";

export interface JsonInputLimits {
  /** Largest accepted input in bytes (default 10 MiB). */
  readonly maxBytes?: number;
  /** Deepest accepted nesting of objects and arrays (default 64). */
  readonly maxDepth?: number;
}

export type JsonInputResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly issue: ValidationIssue };

export const DEFAULT_MAX_JSON_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_JSON_DEPTH = 64;

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

// Fewer brackets than the limit cannot nest deeper than it: skips the scan for typical messages.
function bracketCount(text: string, stopAbove: number): number {
  let count = 0;
  for (let i = text.indexOf("{"); i >= 0 && count <= stopAbove; i = text.indexOf("{", i + 1)) count++;
  for (let i = text.indexOf("["); i >= 0 && count <= stopAbove; i = text.indexOf("[", i + 1)) count++;
  return count;
}

// Bracket depth measured on the text, outside strings, before JSON.parse builds anything:
// a 10,000-level document is refused without recursing through it.
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/**
 * Decodes canonical JSON bytes (UTF-8, optional BOM) into a value, refusing empty, oversized,
 * too deeply nested, non-UTF-8 and malformed input with a coded issue. Never throws.
 */
export function parseJsonInput(bytes: Uint8Array, limits: JsonInputLimits = {}): JsonInputResult {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_JSON_BYTES;
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_JSON_DEPTH;
  if (bytes.byteLength > maxBytes)
    return {
      ok: false,
      issue: makeIssue("EIX_SCHEMA_JSON_TOO_LARGE", "", { value: String(bytes.byteLength), limit: String(maxBytes) }),
    };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const hint = bytes[0] === 0xff || bytes[0] === 0xfe ? "UTF-16 byte-order mark" : "invalid UTF-8 byte sequence";
    return { ok: false, issue: makeIssue("EIX_SCHEMA_JSON_ENCODING", "", { detail: hint }) };
  }
  if (text.trim() === "") return { ok: false, issue: makeIssue("EIX_SCHEMA_JSON_EMPTY", "") };
  if (bracketCount(text, maxDepth) > maxDepth && nestingDepth(text, maxDepth) > maxDepth)
    return { ok: false, issue: makeIssue("EIX_SCHEMA_JSON_TOO_DEEP", "", { limit: String(maxDepth) }) };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    // JSON.parse's own message echoes the input (possibly megabytes); report the position.
    const offset = Math.max(0, jsonErrorOffset(text));
    const near = JSON.stringify(text.slice(offset, offset + 20));
    return {
      ok: false,
      issue: makeIssue("EIX_SCHEMA_JSON_SYNTAX", "", {
        detail: `${offset >= text.length ? "unexpected end of input" : `unexpected ${near}`} at ${lineAndColumn(text, offset)}`,
      }),
    };
  }
}
