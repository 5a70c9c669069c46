/** Offset assumed for legacy local times: China uses one time zone (Asia/Shanghai). */
export const BEIJING_OFFSET = "+08:00";

export type TimeReading = { readonly ok: true; readonly value: string; readonly assumedOffset: boolean } | { readonly ok: false };

// YYYY-MM-DD[T or space]hh:mm[:ss[.fff]][Z|±hh:mm|±hhmm], also with / as date separator,
// and the compact YYYYMMDDhhmmss[±hh:mm] used in 110 exports and 12379 identifiers.
const spaced = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|z|[+-]\d{2}:?\d{2})?$/;
const compact = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{2}:?\d{2})?$/;

const pad = (value: string | undefined, width = 2) => (value ?? "0").padStart(width, "0");

function isRealDate(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads the times legacy systems write and returns RFC 3339 with an explicit offset.
 * RFC 3339 and CAP's `-00:00` pass through (the offset is preserved, CAP's UTC marker too);
 * the 12379 form `YYYY-MM-DD hh:mm:ss+08:00` gets its `T`; a time without offset is read as
 * Beijing time and flagged with `assumedOffset` so the adapter can say so in its issues.
 */
export function readTime(input: string, options: { defaultOffset?: string } = {}): TimeReading {
  const text = input.trim();
  const match = spaced.exec(text) ?? compact.exec(text);
  if (!match) return { ok: false };
  const [, y = "", mo, d, h, mi, s, fraction, zoneRaw] =
    match.length === 9 ? match : [match[0], match[1], match[2], match[3], match[4], match[5], match[6], undefined, match[7]];
  const year = Number(y);
  if (!isRealDate(year, Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0))) return { ok: false };
  let zone = zoneRaw;
  if (zone === "z") zone = "Z";
  if (zone && zone !== "Z" && !zone.includes(":")) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const assumedOffset = zone === undefined;
  const offset = zone ?? options.defaultOffset ?? BEIJING_OFFSET;
  const value = `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${fraction ?? ""}${offset}`;
  return { ok: true, value, assumedOffset };
}

/**
 * Formats a canonical time for CAP: no fractional seconds, and UTC written `-00:00`
 * (CAP 1.2 forbids `Z`).
 */
export function toCapTime(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.exec(value);
  if (!match) return value;
  const zone = match[2]?.toUpperCase() === "Z" ? "-00:00" : match[2];
  return `${match[1]}${zone}`;
}

/** Formats a canonical time the 12379 way: a space instead of `T`, seconds, and an offset. */
export function toSpacedTime(value: string): string {
  return toCapTime(value)
    .replace("T", " ")
    .replace(/-00:00$/, "+00:00");
}
