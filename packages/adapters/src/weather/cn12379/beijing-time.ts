import { AdapterError } from "../../errors.js";
import { BEIJING_OFFSET, readTime, toSpacedTime } from "../../kit/time.js";
import { childElement, type XmlElement } from "../../kit/xml.js";
import type { SourceReader } from "./source-reader.js";

const rfc3339 = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const HOUR_MS = 3_600_000;

/**
 * A canonical time the 12379 way, `YYYY-MM-DD hh:mm:ss+08:00`: the profile is Beijing time,
 * so a time with another offset is converted (the instant is kept; fractions are dropped).
 */
export function toBeijingSpacedTime(value: string, field: string): string {
  const match = rfc3339.exec(value);
  if (!match) throw new AdapterError("EIX_ADAPTER_BAD_VALUE", { value: field, detail: `"${value}" is not an RFC 3339 time` });
  if (match[3] === BEIJING_OFFSET) return toSpacedTime(value);
  const instant = Date.parse(`${match[1]}T${match[2]}${match[3]}`);
  if (Number.isNaN(instant))
    throw new AdapterError("EIX_ADAPTER_BAD_VALUE", { value: field, detail: `"${value}" is not an RFC 3339 time` });
  const beijing = new Date(instant + 8 * HOUR_MS).toISOString(); // read back as UTC digits = Beijing wall clock
  return `${beijing.slice(0, 10)} ${beijing.slice(11, 19)}${BEIJING_OFFSET}`;
}

/** `YYYYMMDDhhmmss` in Beijing time, for a synthesised identifier. */
export function compactBeijingTime(value: string, field: string): string {
  return toBeijingSpacedTime(value, field).slice(0, 19).replace(/[- :]/g, "");
}

/**
 * Reads a time element: `YYYY-MM-DD hh:mm:ss+08:00` as the profile writes it, any form the
 * kit reads, and a time without offset as Beijing time with `EIX_TIME_LOCAL_ASSUMED`. An
 * empty element is absent; an unreadable time stops decoding with `EIX_TIME_INVALID`.
 */
export function readBeijingTime(
  reader: SourceReader,
  parent: XmlElement,
  name: string,
  parentPath: string,
  canonicalPath: string,
): string | undefined {
  const text = reader.text(parent, name);
  if (text === undefined) return undefined;
  const at = `${parentPath}/${name}`;
  const element = childElement(parent, name);
  const reading = readTime(text);
  if (!reading.ok) reader.fail("EIX_TIME_INVALID", { value: text }, element, at);
  if (reading.assumedOffset) reader.note("EIX_TIME_LOCAL_ASSUMED", { value: text }, element, at, canonicalPath);
  return reading.value;
}
