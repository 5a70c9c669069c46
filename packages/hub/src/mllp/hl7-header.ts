// The two MSH fields the MLLP layer needs without parsing a message: MSH-10 and MSH-18.

/** What the MLLP layer reads from a message's MSH segment. */
export interface Hl7Header {
  /** MSH-10, the message control id an ACK names in MSA-2. */
  readonly controlId?: string;
  /** MSH-18, the character set ("UNICODE UTF-8", "8859/1", "GB 18030-2000"…), first repetition. */
  readonly charset?: string;
}

/** An MSH segment is read only this far: the fields needed come early in it. */
const MAX_HEADER_BYTES = 4096;

/**
 * Reads MSH-10 and MSH-18 from the start of a message, with the field separator the message
 * declares itself (MSH-1) and the repetition separator from MSH-2. Returns undefined when the
 * bytes do not start with an MSH segment; a field that is empty or not printable ASCII is left
 * out (a control id is compared byte for byte, and a guess is worse than no check).
 */
export function readHl7Header(message: Uint8Array): Hl7Header | undefined {
  let start = 0;
  // A UTF-8 byte order mark, or line breaks before the first segment.
  if (message[0] === 0xef && message[1] === 0xbb && message[2] === 0xbf) start = 3;
  while (message[start] === 0x0d || message[start] === 0x0a) start++;
  const limit = Math.min(message.length, start + MAX_HEADER_BYTES);
  let end = start;
  while (end < limit && message[end] !== 0x0d && message[end] !== 0x0a) end++;
  const segment = Buffer.from(message.buffer, message.byteOffset + start, end - start).toString("latin1");
  if (!segment.startsWith("MSH") || segment.length < 8) return undefined;
  const separator = segment.charAt(3);
  const fields = segment.split(separator);
  // fields[0] is "MSH" and fields[1] MSH-2 (MSH-1 is the separator itself): MSH-n is fields[n - 1].
  const repetition = fields[1]?.charAt(1) || "~";
  const controlId = printable(fields[9]);
  const charset = printable(fields[17]?.split(repetition)[0]);
  return { ...(controlId ? { controlId } : {}), ...(charset ? { charset } : {}) };
}

function printable(field: string | undefined): string | undefined {
  const trimmed = field?.trim();
  return trimmed && /^[\x20-\x7e]+$/.test(trimmed) ? trimmed : undefined;
}

/**
 * Text of an HL7 message in the character set its MSH-18 names: GB18030 or GBK for the Chinese
 * sets, Latin-1 for 8859/1, UTF-8 otherwise. Never throws: a wrong byte becomes U+FFFD.
 */
export function decodeHl7Text(message: Uint8Array): string {
  const charset =
    readHl7Header(message)
      ?.charset?.toUpperCase()
      .replace(/[\s_-]/g, "") ?? "";
  const label = charset.startsWith("GB18030") ? "gb18030" : charset === "GBK" ? "gbk" : charset === "8859/1" ? "latin1" : "utf-8";
  return new TextDecoder(label).decode(message);
}
