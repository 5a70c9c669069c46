/**
 * 0.95 when the bytes start (after a BOM, whitespace or an MLLP start byte) with "MSH", or a
 * batch header "FHS"/"BHS", followed by a field separator and four encoding characters; 0 otherwise. ASCII only, so the
 * charset does not matter.
 */
export function sniffHl7v2(bytes: Uint8Array): number {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (
    i < bytes.length &&
    (bytes[i] === 0x0b || bytes[i] === 0x20 || bytes[i] === 0x0d || bytes[i] === 0x0a || bytes[i] === 0x09)
  )
    i++;
  const id = String.fromCharCode(bytes[i] ?? 0, bytes[i + 1] ?? 0, bytes[i + 2] ?? 0);
  if (id !== "MSH" && id !== "FHS" && id !== "BHS") return 0;
  const separator = bytes[i + 3];
  if (separator === undefined || separator < 0x21 || separator > 0x7e || isAlphanumeric(separator)) return 0;
  for (let k = 4; k <= 7; k++) {
    const char = bytes[i + k];
    if (char === undefined || char < 0x21 || char > 0x7e || isAlphanumeric(char) || char === separator) return 0;
  }
  return 0.95;
}

const isAlphanumeric = (code: number) =>
  (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
