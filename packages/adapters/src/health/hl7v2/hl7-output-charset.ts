import iconv from "iconv-lite";
import { normalizeCharset } from "../../kit/charset.js";
import { hl7CharsetLabel } from "./hl7-charset.js";

/**
 * HL7 text as the bytes its MSH-18 promises: GB18030 (and GBK/GB2312, its subsets) through
 * iconv, ISO 8859/1 as Latin-1, anything else (UTF-8, ASCII, none) as UTF-8. A receiver that
 * honours MSH-18 would misread UTF-8 bytes under a GB18030 declaration, so an encoder or an
 * ACK writer must not default to UTF-8 when the message says otherwise.
 */
export function encodeHl7Text(text: string, declared: string | undefined): Uint8Array {
  const charset = declared ? normalizeCharset(hl7CharsetLabel(declared)) : undefined;
  if (charset === "gb18030") return new Uint8Array(iconv.encode(text, "gb18030"));
  if (charset === "iso-8859-1") return new Uint8Array(iconv.encode(text, "latin1"));
  return new TextEncoder().encode(text);
}
