import { parseJsonInput } from "@eix/schema";
import type { AdapterIssue, DecodeContext, DecodeResult } from "../../contract.js";
import { AdapterError } from "../../errors.js";
import { decodeText } from "../../kit/charset.js";
import { type DecodeBody, runDecode } from "../../kit/decode-frame.js";
import { DEFAULT_MAX_XML_BYTES, readXmlBytes } from "../../kit/xml-input.js";
import { distributionToCanonical } from "./distribution-to-canonical.js";
import type { Distribution } from "./edxl-model.js";
import { readJsonDistribution } from "./read-json.js";
import { readXmlDistribution } from "./read-xml.js";

export const EDXL_ADAPTER = { id: "national.edxl", version: "0.1.0" } as const;

type Input =
  /** `distribution` reads the parsed document, throwing AdapterError for what EDXL does not allow. */
  | { ok: true; distribution: () => Distribution; text: string; charset: string; issues: AdapterIssue[] }
  | { ok: false; error: AdapterError; issues: AdapterIssue[] };

/** The first byte that is not a byte-order mark or white space: `<` for XML, `{` for JSON. */
function firstSignificantByte(bytes: Uint8Array): number | undefined {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i];
}

function readInput(bytes: Uint8Array, ctx: DecodeContext): Input {
  const limits = ctx.limits ?? {};
  if (firstSignificantByte(bytes) !== 0x7b /* { */) {
    const input = readXmlBytes(bytes, limits);
    if (!input.ok) return input;
    const { root, text, charset, issues } = input;
    return { ok: true, distribution: () => readXmlDistribution(root, text), text, charset, issues };
  }
  // The JSON form is UTF-8 (RFC 8259); GB18030 is still detected, with a warning, and read.
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  if (bytes.byteLength > maxBytes)
    return {
      ok: false,
      error: new AdapterError("EIX_ADAPTER_TOO_LARGE", { value: String(bytes.byteLength), limit: String(maxBytes) }),
      issues: [],
    };
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, error: decoded.error, issues: [] };
  const parsed = parseJsonInput(
    new TextEncoder().encode(decoded.text),
    limits.maxDepth === undefined
      ? { maxBytes: Number.POSITIVE_INFINITY }
      : { maxBytes: Number.POSITIVE_INFINITY, maxDepth: limits.maxDepth },
  );
  if (!parsed.ok)
    return {
      ok: false,
      error: new AdapterError("EIX_ADAPTER_WRONG_FORMAT", { detail: parsed.issue.message.en }),
      issues: decoded.issues,
    };
  if (typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value))
    return {
      ok: false,
      error: new AdapterError("EIX_ADAPTER_WRONG_FORMAT", { detail: "expected a JSON object" }),
      issues: decoded.issues,
    };
  const tree = parsed.value as Record<string, unknown>;
  return {
    ok: true,
    distribution: () => readJsonDistribution(tree),
    text: decoded.text,
    charset: decoded.charset,
    issues: decoded.issues,
  };
}

/** EDXL-DE 1.0 or 2.0 (XML), or 2.0 in SAMU-Hub's JSON form → canonical messages. Never throws. */
export function decodeEdxl(bytes: Uint8Array, ctx: DecodeContext = {}): DecodeResult {
  return runDecode(EDXL_ADAPTER, bytes, ctx, (): DecodeBody => {
    const input = readInput(bytes, ctx);
    if (!input.ok) return input;
    try {
      const distribution = input.distribution();
      const mapped = distributionToCanonical(distribution, input.text, ctx);
      const cap = mapped.capVersion ? `, CAP ${mapped.capVersion}` : "";
      return {
        ok: true,
        messages: mapped.messages,
        issues: [...input.issues, ...mapped.issues],
        sourceFormat: `EDXL-DE ${distribution.version} ${distribution.form.toUpperCase()}${cap}`,
        charset: input.charset,
        blobs: mapped.blobs,
      };
    } catch (error) {
      if (AdapterError.is(error)) return { ok: false, error, issues: input.issues };
      throw error;
    }
  });
}
