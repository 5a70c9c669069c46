import iconv from "iconv-lite";
import type { AdapterIssue } from "../contract.js";
import { AdapterError, adapterMessage } from "../errors.js";

/** Text decoded from bytes, with the charset actually used (recorded in provenance). */
export interface DecodedText {
  readonly text: string;
  /** Canonical name of the charset used: utf-8, gb18030, utf-16le, utf-16be, iso-8859-1. */
  readonly charset: string;
  /** The label as declared (BOM, prolog, MSH-18, Content-Type), when there was one. */
  readonly declared: string | undefined;
  readonly issues: AdapterIssue[];
}

export type CharsetResult = ({ readonly ok: true } & DecodedText) | { readonly ok: false; readonly error: AdapterError };

// Labels seen in the field for each decoder. GB2312 and GBK are subsets of GB18030, so all
// three decode with the GB18030 table (a GB2312-labelled file often holds GBK characters).
const charsetByLabel: Record<string, string> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  "unicode-1-1-utf-8": "utf-8",
  "unicode utf-8": "utf-8",
  gb18030: "gb18030",
  "gb 18030": "gb18030",
  "gb 18030-2000": "gb18030",
  "gb18030-2000": "gb18030",
  "gb18030-2005": "gb18030",
  gbk: "gb18030",
  gb2312: "gb18030",
  "gb_2312-80": "gb18030",
  cp936: "gb18030",
  "x-gbk": "gb18030",
  "euc-cn": "gb18030",
  "iso-8859-1": "iso-8859-1",
  "iso8859-1": "iso-8859-1",
  "8859/1": "iso-8859-1",
  latin1: "iso-8859-1",
  "us-ascii": "utf-8",
  ascii: "utf-8",
  "utf-16": "utf-16le",
  "utf-16le": "utf-16le",
  "utf-16be": "utf-16be",
};

/** The decoder's name for a declared label, or undefined when unsupported. */
export function normalizeCharset(label: string): string | undefined {
  return charsetByLabel[label.trim().toLowerCase().replace(/\s+/g, " ")];
}

const decoders = new Map<string, InstanceType<typeof TextDecoder>>();

function decoderFor(charset: string): InstanceType<typeof TextDecoder> {
  let decoder = decoders.get(charset);
  if (!decoder) {
    // WHATWG decodes "iso-8859-1" as windows-1252, identical except for the C1 controls
    // 0x80-0x9F, which text formats do not use.
    decoder = new TextDecoder(charset === "iso-8859-1" ? "latin1" : charset, { fatal: true, ignoreBOM: true });
    decoders.set(charset, decoder);
  }
  return decoder;
}

function tryDecode(bytes: Uint8Array, charset: string): string | undefined {
  try {
    return decoderFor(charset).decode(bytes);
  } catch {
    return undefined;
  }
}

function bomOf(bytes: Uint8Array): { charset: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: "utf-16be", length: 2 };
  if (bytes[0] === 0x84 && bytes[1] === 0x31 && bytes[2] === 0x95 && bytes[3] === 0x33) return { charset: "gb18030", length: 4 };
  return undefined;
}

/** The `encoding` of an XML declaration, read as ASCII from the first bytes. */
export function xmlDeclaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 200)).toString("latin1");
  const declaration = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:/ -]+)["']/.exec(head);
  return declaration?.[1];
}

/**
 * Decodes bytes to text. Order of evidence: byte-order mark, then the declared label (from
 * the caller — Content-Type, HL7 MSH-18 — or the XML declaration), then detection: valid
 * UTF-8 is UTF-8, otherwise valid GB18030 is GB18030 (with an `EIX_CHARSET_GUESSED`
 * warning). Bytes invalid in the declared charset are an error, never silently replaced.
 */
export function decodeText(bytes: Uint8Array, options: { declared?: string; xml?: boolean } = {}): CharsetResult {
  const bom = bomOf(bytes);
  if (bom) {
    const text = tryDecode(bytes.subarray(bom.length), bom.charset);
    if (text === undefined)
      return {
        ok: false,
        error: new AdapterError("EIX_CHARSET_INVALID", { value: bom.charset, detail: "after its byte-order mark" }),
      };
    return { ok: true, text, charset: bom.charset, declared: `BOM ${bom.charset}`, issues: [] };
  }
  const declared = options.declared ?? (options.xml ? xmlDeclaredEncoding(bytes) : undefined);
  if (declared !== undefined) {
    const charset = normalizeCharset(declared);
    if (!charset) return { ok: false, error: new AdapterError("EIX_CHARSET_UNSUPPORTED", { value: declared }) };
    const text = tryDecode(bytes, charset);
    if (text === undefined) {
      const hint = charset === "utf-8" && tryDecode(bytes, "gb18030") !== undefined ? "the bytes look like GB18030" : "";
      return { ok: false, error: new AdapterError("EIX_CHARSET_INVALID", { value: declared, detail: hint }) };
    }
    return { ok: true, text, charset, declared, issues: [] };
  }
  const utf8 = tryDecode(bytes, "utf-8");
  if (utf8 !== undefined) return { ok: true, text: utf8, charset: "utf-8", declared: undefined, issues: [] };
  const gb = tryDecode(bytes, "gb18030");
  if (gb !== undefined) {
    const issue: AdapterIssue = {
      code: "EIX_CHARSET_GUESSED",
      severity: "warning",
      message: adapterMessage("EIX_CHARSET_GUESSED", { value: "GB18030" }),
    };
    return { ok: true, text: gb, charset: "gb18030", declared: undefined, issues: [issue] };
  }
  return {
    ok: false,
    error: new AdapterError("EIX_CHARSET_INVALID", { value: "UTF-8 or GB18030", detail: "no declaration and neither decodes" }),
  };
}

/** Bytes in a legacy charset, for encoders that write what the source wrote. */
export interface CharsetEncoder {
  /** The label to declare (an XML declaration, Content-Type). */
  readonly label: "UTF-8" | "GB18030";
  encode(text: string): Uint8Array;
}

/**
 * The encoder for a charset label: UTF-8 (the default) or GB18030 (GBK and GB2312 write as
 * GB18030, their superset). Another label is EIX_CHARSET_UNSUPPORTED.
 */
export function charsetEncoder(label: unknown = "utf-8"): CharsetEncoder {
  const charset = typeof label === "string" ? normalizeCharset(label) : undefined;
  if (charset === "utf-8") return { label: "UTF-8", encode: (text) => new TextEncoder().encode(text) };
  if (charset === "gb18030") return { label: "GB18030", encode: (text) => new Uint8Array(iconv.encode(text, "gb18030")) };
  throw new AdapterError("EIX_CHARSET_UNSUPPORTED", { value: String(label) });
}
