import { readTime, type TimeReading } from "../../kit/time.js";

// HL7 v2 DTM/TS: YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]; a TS may carry a degree of
// precision as its second component (ignored). Hospitals in China mostly omit the offset.
const dtm = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\.\d{1,4})?([+-]\d{4})?$/;

/**
 * An HL7 time as RFC 3339; missing month/day/hour/minute/second read as their first value
 * (a date alone is midnight), a missing offset as Beijing time (`assumedOffset`).
 */
export function readHl7Time(value: string): TimeReading {
  const match = dtm.exec(value.trim());
  if (!match) return { ok: false };
  const [, year, month = "01", day = "01", hour = "00", minute = "00", second = "00", fraction = "", zone] = match;
  const offset = zone ? `${zone.slice(0, 3)}:${zone.slice(3)}` : "";
  return readTime(`${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}${offset}`);
}

/** RFC 3339 → HL7 DTM with seconds and offset: 2026-07-21T10:15:00+08:00 → 20260721101500+0800. */
export function toHl7Time(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.exec(value);
  if (!match) return value;
  const [, y, mo, d, h, mi, s, , zone = "Z"] = match;
  const offset = zone.toUpperCase() === "Z" ? "+0000" : zone.replace(":", "");
  return `${y}${mo}${d}${h}${mi}${s}${offset}`;
}
