import type { Hl7Delimiters } from "./hl7-message.js";

export type DelimiterReading =
  | { readonly ok: true; readonly delimiters: Hl7Delimiters }
  | { readonly ok: false; readonly value: string; readonly field: "MSH-1" | "MSH-2" };

/** A separator must be a visible ASCII character that cannot occur in a segment id or a number. */
function usable(c: string): boolean {
  const code = c.charCodeAt(0);
  if (c.length !== 1 || code < 0x21 || code > 0x7e) return false;
  return !((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a));
}

/**
 * MSH-1 and MSH-2 of an MSH segment's text: the character after "MSH" is the field separator;
 * up to the next one come the component, repetition, escape and subcomponent characters and,
 * from v2.7, the truncation character. All must be distinct (a parser could not tell them apart).
 */
export function readDelimiters(segment: string): DelimiterReading {
  const field = segment.charAt(3);
  if (!usable(field)) return { ok: false, value: segment.slice(3, 9), field: "MSH-1" };
  let end = segment.indexOf(field, 4);
  if (end < 0) end = segment.length;
  const encoding = segment.slice(4, end);
  const all = field + encoding;
  const distinct = new Set(all).size === all.length;
  if (encoding.length < 4 || encoding.length > 5 || !distinct || ![...encoding].every(usable))
    return { ok: false, value: segment.slice(3, Math.min(end + 1, 12)), field: "MSH-2" };
  const [component = "", repetition = "", escapeCharacter = "", subcomponent = "", truncation] = encoding;
  const delimiters: Hl7Delimiters = { field, component, repetition, escape: escapeCharacter, subcomponent };
  if (truncation !== undefined) delimiters.truncation = truncation;
  return { ok: true, delimiters };
}
