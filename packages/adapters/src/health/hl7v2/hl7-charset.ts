import { normalizeCharset } from "../../kit/charset.js";

/** What the bytes start with, read before decoding (every HL7 charset EIX reads is ASCII-compatible). */
export type Hl7Head =
  | { readonly kind: "empty" }
  /** A UTF-16 byte-order mark: decode first, then parse. */
  | { readonly kind: "utf-16" }
  /** An MSH (or a batch header before one), with the MSH-18 of the first MSH when it has one, and that MSH's line. */
  | { readonly kind: "hl7"; readonly declared: string | undefined; readonly line: number }
  /** Anything else: not HL7. `id` is the start of the first line, `line` its 1-based number. */
  | { readonly kind: "other"; readonly id: string; readonly line: number };

/** Batch headers are searched this far for the first MSH. */
const HEAD_BYTES = 64 * 1024;

// HL7 table 0211 names the kit does not know, as kit labels.
const aliases: Record<string, string> = { "iso ir6": "ascii", "iso ir100": "8859/1", "iso ir192": "utf-8" };

/** The label to give the kit's decoder for an MSH-18 value. */
export function hl7CharsetLabel(value: string): string {
  return aliases[value.trim().toLowerCase().replace(/\s+/g, " ")] ?? value;
}

const isAlphanumeric = (b: number | undefined) =>
  b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));
const isLineEnd = (b: number | undefined) => b === 0x0d || b === 0x0a;

function startsWithId(bytes: Uint8Array, at: number, id: string): boolean {
  return (
    bytes[at] === id.charCodeAt(0) &&
    bytes[at + 1] === id.charCodeAt(1) &&
    bytes[at + 2] === id.charCodeAt(2) &&
    !isAlphanumeric(bytes[at + 3])
  );
}

/** MSH-18, first repetition, from an MSH segment's text with one character per byte. */
function msh18(segment: string): string | undefined {
  const fields = segment.split(segment.charAt(3));
  const repetition = fields[1]?.charAt(1) || "~";
  const value = fields[17]?.split(repetition)[0]?.trim();
  return value || undefined;
}

/**
 * MSH-18 read from bytes. A GB18030 trail byte can be `|` or `^`, so a Chinese facility name in
 * MSH-4 would shift the fields of a byte-per-character reading; the second reading steps over
 * GB18030 multi-byte characters and is believed when it finds a GB charset. (UTF-8 continuation
 * bytes are never ASCII, and Latin-1 has no multi-byte characters: the plain reading is right.)
 */
function declaredCharset(bytes: Uint8Array, start: number): string | undefined {
  let end = start;
  const limit = Math.min(bytes.length, start + HEAD_BYTES);
  while (end < limit && !isLineEnd(bytes[end])) end++;
  const segment = bytes.subarray(start, end);
  const plain = Buffer.from(segment.buffer, segment.byteOffset, segment.byteLength).toString("latin1");
  if (segment.every((b) => b < 0x80)) return msh18(plain);
  let stepped = "";
  for (let i = 0; i < segment.length; i++) {
    const b = segment[i] ?? 0;
    if (b < 0x80) stepped += String.fromCharCode(b);
    else {
      if (b >= 0x81 && b <= 0xfe) i += (segment[i + 1] ?? 0) >= 0x30 && (segment[i + 1] ?? 0) <= 0x39 ? 3 : 1;
      stepped += "?";
    }
  }
  const gb = msh18(stepped);
  if (gb !== undefined && normalizeCharset(hl7CharsetLabel(gb)) === "gb18030") return gb;
  return msh18(plain);
}

/** Skips byte-order marks and blank lines, and says what the first line is. */
export function readHead(bytes: Uint8Array): Hl7Head {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { kind: "utf-16" };
  let at = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) at = 3;
  else if (bytes[0] === 0x84 && bytes[1] === 0x31 && bytes[2] === 0x95 && bytes[3] === 0x33) at = 4;
  let line = 1;
  for (;;) {
    let i = at;
    while (bytes[i] === 0x20 || bytes[i] === 0x09) i++;
    if (i >= bytes.length) return { kind: "empty" };
    if (!isLineEnd(bytes[i])) break;
    at = bytes[i] === 0x0d && bytes[i + 1] === 0x0a ? i + 2 : i + 1;
    line++;
  }
  if (startsWithId(bytes, at, "MSH")) return { kind: "hl7", declared: declaredCharset(bytes, at), line };
  if (startsWithId(bytes, at, "FHS") || startsWithId(bytes, at, "BHS")) {
    const limit = Math.min(bytes.length, at + HEAD_BYTES);
    for (let i = at; i < limit; i++) {
      if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
      if (isLineEnd(bytes[i]) && startsWithId(bytes, i + 1, "MSH"))
        return { kind: "hl7", declared: declaredCharset(bytes, i + 1), line };
    }
    return { kind: "hl7", declared: undefined, line };
  }
  let id = "";
  for (let i = at; i < Math.min(at + 3, bytes.length) && !isLineEnd(bytes[i]); i++) {
    const b = bytes[i] ?? 0;
    id += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : "?";
  }
  return { kind: "other", id, line };
}
