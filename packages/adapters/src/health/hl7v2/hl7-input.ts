import type { AdapterIssue } from "../../contract.js";
import { AdapterError } from "../../errors.js";
import { decodeText, normalizeCharset } from "../../kit/charset.js";
import { hl7CharsetLabel, readHead } from "./hl7-charset.js";
import { DEFAULT_MAX_HL7_BYTES, type Hl7Message } from "./hl7-message.js";
import { parseHl7Text } from "./hl7-text-parser.js";

export type Hl7ParseResult =
  | { ok: true; messages: Hl7Message[]; charset: string; issues: AdapterIssue[] }
  | { ok: false; error: AdapterError; issues: AdapterIssue[] };

export interface Hl7ParseOptions {
  /** Default 10 MiB (DEFAULT_MAX_HL7_BYTES). */
  maxBytes?: number;
  /** Default 200,000 (DEFAULT_MAX_HL7_SEGMENTS). */
  maxSegments?: number;
  /** Default 500,000 (DEFAULT_MAX_HL7_VALUES): fields, repetitions, components and subcomponents. */
  maxValues?: number;
}

/**
 * Bytes → messages. Charset from MSH-18 of the first message (ASCII, 8859/1, UNICODE UTF-8,
 * GB 18030-2000 / GB18030, …), else BOM / UTF-8 validity / GB18030 fallback with an issue,
 * reusing kit/charset.ts. Input that does not start with an MSH is refused before decoding,
 * so binary garbage says "not HL7" rather than "bad charset". Never throws.
 */
export function parseHl7(bytes: Uint8Array, options: Hl7ParseOptions = {}): Hl7ParseResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_HL7_BYTES;
  if (bytes.byteLength > maxBytes)
    return {
      ok: false,
      error: new AdapterError("EIX_ADAPTER_TOO_LARGE", { value: String(bytes.byteLength), limit: String(maxBytes) }),
      issues: [],
    };
  const head = readHead(bytes);
  if (head.kind === "empty")
    return { ok: false, error: new AdapterError("EIX_HL7_NO_MSH", {}, { position: { line: 1 } }), issues: [] };
  if (head.kind === "other")
    return {
      ok: false,
      error: new AdapterError("EIX_HL7_NO_MSH", { value: head.id }, { position: { line: head.line } }),
      issues: [],
    };
  const msh18 = head.kind === "hl7" ? head.declared : undefined;
  const declared = msh18 === undefined ? undefined : hl7CharsetLabel(msh18);
  if (msh18 !== undefined && declared !== undefined && normalizeCharset(declared) === undefined) {
    const position = { line: head.kind === "hl7" ? head.line : 1, at: "MSH[0]", field: "MSH-18" };
    return { ok: false, error: new AdapterError("EIX_CHARSET_UNSUPPORTED", { value: msh18 }, { position }), issues: [] };
  }
  const decoded = decodeText(bytes, declared === undefined ? {} : { declared });
  if (!decoded.ok) return { ok: false, error: decoded.error, issues: [] };
  const parsed = parseHl7Text(decoded.text, {
    charset: decoded.charset,
    ...(options.maxSegments === undefined ? {} : { maxSegments: options.maxSegments }),
    ...(options.maxValues === undefined ? {} : { maxValues: options.maxValues }),
  });
  const issues = [...decoded.issues, ...parsed.issues];
  if (!parsed.ok) return { ok: false, error: parsed.error, issues };
  return { ok: true, messages: parsed.messages, charset: decoded.charset, issues };
}
