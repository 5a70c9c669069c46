import { parseJsonInput } from "@eix/schema";
import type { AdapterIssue } from "../contract.js";
import { AdapterError } from "../errors.js";
import { decodeText } from "./charset.js";
import { type Tree, treeOf } from "./report-fields.js";
import { DEFAULT_MAX_XML_BYTES, readXmlBytes } from "./xml-input.js";

/** A report's bytes read into one tree, whichever of JSON or XML they came as. */
export type ReportTreeInput =
  | { ok: true; tree: Tree; format: "json" | "xml"; charset: string; issues: AdapterIssue[] }
  | { ok: false; error: AdapterError; issues: AdapterIssue[] };

// Whitespace and a UTF-8 byte-order mark before the first character that tells XML from JSON.
const LEADING = new Set([0x20, 0x0a, 0x0d, 0x09, 0xef, 0xbb, 0xbf]);

function firstByte(bytes: Uint8Array): number | undefined {
  let head = 0;
  while (head < bytes.length && head < 64 && LEADING.has(bytes[head] ?? -1)) head++;
  return bytes[head];
}

/**
 * Bytes → the tree of a report format that comes as XML `<xmlRoot>` (through the kit's hardened
 * parser) or as a JSON object with the same field names; UTF-8, or GB18030 detected by the kit.
 * Too large, the wrong root, not an object: coded errors, never a throw.
 */
export function readReportTree(bytes: Uint8Array, xmlRoot: string, limits: { maxBytes?: number } = {}): ReportTreeInput {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  if (bytes.byteLength > maxBytes)
    return {
      ok: false,
      error: new AdapterError("EIX_ADAPTER_TOO_LARGE", { value: String(bytes.byteLength), limit: String(maxBytes) }),
      issues: [],
    };
  const issues: AdapterIssue[] = [];
  if (firstByte(bytes) === 0x3c) {
    const input = readXmlBytes(bytes, limits);
    if (!input.ok) return input;
    issues.push(...input.issues);
    if (input.root.name !== xmlRoot)
      return {
        ok: false,
        error: new AdapterError("EIX_ADAPTER_WRONG_FORMAT", {
          detail: `root element <${input.root.qname}>, expected <${xmlRoot}>`,
        }),
        issues,
      };
    return { ok: true, tree: treeOf(input.root), format: "xml", charset: input.charset, issues };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, error: decoded.error, issues };
  issues.push(...decoded.issues);
  const parsed = parseJsonInput(new TextEncoder().encode(decoded.text), limits);
  if (!parsed.ok)
    return { ok: false, error: new AdapterError("EIX_ADAPTER_WRONG_FORMAT", { detail: parsed.issue.message.en }), issues };
  if (typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value))
    return { ok: false, error: new AdapterError("EIX_ADAPTER_WRONG_FORMAT", { detail: "expected a JSON object" }), issues };
  return { ok: true, tree: parsed.value as Tree, format: "json", charset: decoded.charset, issues };
}
