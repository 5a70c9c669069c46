import type { Hl7Delimiters } from "./hl7-message.js";

// Escape sequences kept verbatim, escape characters included: the formatting commands of FT
// fields (\H\ \N\ \.sp\ \.in\ \.ti\ \.sk\ \.ce\ \.fi\ \.nf\), character-set switches (\C…\
// \M…\) and locally defined \Z…\ sequences have no plain-text equivalent, and a receiver that
// understands them gets them back unchanged when the message is written again.
const RETAINED = /^(?:[HN]|\.(?:sp|in|ti|sk)[+-]?\d*|\.(?:ce|fi|nf)|Z.*|C[0-9A-Fa-f]{4}|M[0-9A-Fa-f]{4}(?:[0-9A-Fa-f]{2})?)$/;
const HEX = /^X(?:[0-9A-Fa-f]{2})+$/;

const decoders = new Map<string, InstanceType<typeof TextDecoder>>();

/** \Xhh…\: bytes in the message's own charset (UTF-8 or GB18030 for a multi-byte character). */
function decodeHex(hex: string, charset: string): string | undefined {
  const bytes = Buffer.from(hex, "hex");
  if (bytes.every((byte) => byte < 0x80)) return bytes.toString("latin1");
  let decoder = decoders.get(charset);
  if (!decoder) {
    decoder = new TextDecoder(charset === "iso-8859-1" ? "latin1" : charset, { fatal: true, ignoreBOM: true });
    decoders.set(charset, decoder);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The text an escape sequence stands for (its body, between the escape characters), or undefined when malformed. */
function expand(body: string, d: Hl7Delimiters, charset: string): string | undefined {
  switch (body) {
    case "F":
      return d.field;
    case "S":
      return d.component;
    case "T":
      return d.subcomponent;
    case "R":
      return d.repetition;
    case "E":
      return d.escape;
    case "P":
      return d.truncation;
    case ".br":
      return "\n";
  }
  if (HEX.test(body)) return decodeHex(body.slice(1), charset);
  if (RETAINED.test(body)) return d.escape + body + d.escape;
  return undefined;
}

/**
 * Unescapes one value (a subcomponent's text). A malformed sequence — unterminated, unknown,
 * bad hex — keeps its escape character as written and is reported once per value through
 * `malformed`; scanning resumes after that character.
 */
export function unescapeHl7(text: string, d: Hl7Delimiters, charset: string, malformed?: (sequence: string) => void): string {
  const e = d.escape;
  let at = text.indexOf(e);
  if (at < 0) return text;
  let out = "";
  let from = 0;
  let reported = false;
  while (at >= 0) {
    const end = text.indexOf(e, at + 1);
    const expanded = end < 0 ? undefined : expand(text.slice(at + 1, end), d, charset);
    if (expanded === undefined) {
      if (!reported) malformed?.(end < 0 ? text.slice(at) : text.slice(at, end + 1));
      reported = true;
      if (end < 0) break;
      out += text.slice(from, at + 1);
      from = at + 1;
      at = end;
      continue;
    }
    out += text.slice(from, at) + expanded;
    from = end + 1;
    at = text.indexOf(e, from);
  }
  return out + text.slice(from);
}

const specialsByKey = new Map<string, RegExp>();

/** The characters escapeHl7 must replace, as one pattern (look it up once per field, not per value). */
export function specialsOf(d: Hl7Delimiters): RegExp {
  const key = d.field + d.component + d.repetition + d.escape + d.subcomponent;
  let pattern = specialsByKey.get(key);
  if (!pattern) {
    pattern = new RegExp(`[${key.replace(/[\\\]^-]/g, "\\$&")}\\r\\n]`);
    if (specialsByKey.size >= 64) specialsByKey.clear(); // a sender could vary MSH-2 without end
    specialsByKey.set(key, pattern);
  }
  return pattern;
}

/**
 * Escapes one value for writing: delimiters become \F\ \S\ \T\ \R\ \E\, a line feed \.br\ and
 * a carriage return \X0D\ (it would end the segment). Retained sequences (see above) are
 * written as they are. The truncation character is not escaped: EIX never truncates.
 * `specials` is `specialsOf(d)`, passed in by callers that escape many values.
 */
export function escapeHl7(text: string, d: Hl7Delimiters, specials: RegExp = specialsOf(d)): string {
  if (!specials.test(text)) return text;
  const e = d.escape;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === e) {
      const end = text.indexOf(e, i + 1);
      if (end > i && RETAINED.test(text.slice(i + 1, end))) {
        out += text.slice(i, end + 1);
        i = end;
      } else out += `${e}E${e}`;
    } else if (c === d.field) out += `${e}F${e}`;
    else if (c === d.component) out += `${e}S${e}`;
    else if (c === d.subcomponent) out += `${e}T${e}`;
    else if (c === d.repetition) out += `${e}R${e}`;
    else if (c === "\n") out += `${e}.br${e}`;
    else if (c === "\r") out += `${e}X0D${e}`;
    else out += c;
  }
  return out;
}
