import { isRegionCodeFormat } from "@eix/schema";

// 12379 `area/geocode` lists 12-digit statistical codes (GB/T 2260 + township + village),
// comma-separated, often with repeats (`410000000000,410000000000`). Canonical region codes
// are 6 digits for a division and 12 only below the county.

export interface GeocodeReading {
  /** Canonical region codes, first occurrence order, without repeats. */
  readonly regionCodes: string[];
  /** Tokens that are not region codes; the caller reports them. */
  readonly rejected: string[];
}

/** One code: 12 digits whose township/village tail is zeros → the 6-digit division; 9 digits → township. */
export function canonicalRegionCode(token: string): string | undefined {
  let code = token;
  if (/^\d{9}$/.test(code)) code = `${code}000`;
  if (/^\d{12}$/.test(code) && code.endsWith("000000")) code = code.slice(0, 6);
  return isRegionCodeFormat(code) ? code : undefined;
}

/** Reads geocode texts (one per `<geocode>` element) into canonical codes. Separators are lenient. */
export function readGeocodes(texts: readonly string[]): GeocodeReading {
  const regionCodes: string[] = [];
  const rejected: string[] = [];
  for (const text of texts)
    for (const token of text.split(/[\s,，;；、]+/)) {
      if (token === "") continue;
      const code = canonicalRegionCode(token);
      if (code === undefined) rejected.push(token);
      else if (!regionCodes.includes(code)) regionCodes.push(code);
    }
  return { regionCodes, rejected };
}

/** Writes canonical codes the 12379 way: every code 12 digits, comma-separated. */
export function writeGeocode(regionCodes: readonly string[]): string {
  return regionCodes.map((code) => code.padEnd(12, "0")).join(",");
}

/**
 * The kept source texts when they still read as exactly these codes (exact re-encoding: a
 * token that is not a code was reported at decoding and is written back, not dropped), else
 * the canonical text.
 */
export function geocodeTexts(regionCodes: readonly string[], kept: readonly string[] | undefined): string[] {
  if (kept && kept.length > 0) {
    const reading = readGeocodes(kept);
    if (reading.regionCodes.length === regionCodes.length && reading.regionCodes.every((code, i) => code === regionCodes[i]))
      return [...kept];
  }
  return regionCodes.length > 0 ? [writeGeocode(regionCodes)] : [];
}
