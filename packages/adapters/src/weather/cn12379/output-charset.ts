import iconv from "iconv-lite";
import { AdapterError } from "../../errors.js";
import { normalizeCharset } from "../../kit/charset.js";

export interface OutputCharset {
  /** The label written in the XML declaration. */
  readonly label: string;
  encode(text: string): Uint8Array;
}

const utf8: OutputCharset = { label: "UTF-8", encode: (text) => new TextEncoder().encode(text) };

// Legacy provincial receivers read GB18030 (GBK/GB2312 labels name the same table here).
const gb18030: OutputCharset = { label: "GB18030", encode: (text) => new Uint8Array(iconv.encode(text, "gb18030")) };

/** UTF-8 unless the `charset` encode option names GB18030; any other label is refused. */
export function outputCharset(option: unknown): OutputCharset {
  if (option === undefined) return utf8;
  const charset = typeof option === "string" ? normalizeCharset(option) : undefined;
  if (charset === "utf-8") return utf8;
  if (charset === "gb18030") return gb18030;
  throw new AdapterError("EIX_CHARSET_UNSUPPORTED", { value: String(option) });
}
