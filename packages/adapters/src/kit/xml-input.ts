import type { AdapterIssue } from "../contract.js";
import { AdapterError } from "../errors.js";
import { decodeText } from "./charset.js";
import { parseXml, type XmlElement } from "./xml.js";

/** Bodies above this are refused before decoding or parsing (adapters may lower or raise it). */
export const DEFAULT_MAX_XML_BYTES = 10 * 1024 * 1024;

export type XmlInputResult =
  | {
      readonly ok: true;
      readonly root: XmlElement;
      readonly text: string;
      readonly charset: string;
      readonly issues: AdapterIssue[];
    }
  | { readonly ok: false; readonly error: AdapterError; readonly issues: AdapterIssue[] };

/**
 * Bytes → element tree for XML adapters: size limit first (nothing is decoded above it),
 * then the charset (BOM, `encoding=`, or detection), then the hardened parse.
 */
export function readXmlBytes(bytes: Uint8Array, limits: { maxBytes?: number; maxDepth?: number } = {}): XmlInputResult {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  if (bytes.byteLength > maxBytes)
    return {
      ok: false,
      error: new AdapterError("EIX_ADAPTER_TOO_LARGE", { value: String(bytes.byteLength), limit: String(maxBytes) }),
      issues: [],
    };
  const decoded = decodeText(bytes, { xml: true });
  if (!decoded.ok) return { ok: false, error: decoded.error, issues: [] };
  const parsed = parseXml(decoded.text, limits.maxDepth === undefined ? {} : { maxDepth: limits.maxDepth });
  if (!parsed.ok) return { ok: false, error: parsed.error, issues: decoded.issues };
  return { ok: true, root: parsed.root, text: decoded.text, charset: decoded.charset, issues: decoded.issues };
}
