// The place and time a follow-up covers, for finding the incident it may continue. An adapter
// that decodes observations without history (satellite hotspots) marks each report with
// `extensions.eix.near`: the points it is made of and how near a point of another report must
// be, in km and hours, to be the same incident. The store keeps each marked message's time span
// and bounding box in columns of its own, so the hub can ask for the reports near new ones.

/** `extensions.eix.near` as an adapter writes it. */
export interface NearMark {
  readonly km: number;
  readonly hours: number;
  /** [latitude, longitude, RFC 3339 time] of each point. */
  readonly points: readonly (readonly [number, number, string])[];
}

/** A point of a near mark, its time in ms since the epoch. */
export interface NearPoint {
  readonly lat: number;
  readonly lon: number;
  readonly at: number;
}

/** The span and box of a message's points: the columns the store indexes. */
export interface NearFootprint {
  readonly from: Date;
  readonly to: Date;
  readonly south: number;
  readonly north: number;
  readonly west: number;
  readonly east: number;
}

// What a real mark can hold. Any unit may send canonical JSON with a mark, so a mark past these
// (too many points, a reach or a span no fire has, a box the size of a country) is neither
// indexed nor used to join: the report is still stored, it just cannot be found by place, and
// it cannot make itself a candidate for every query or a quadratic cost for the hub.
const MAX_POINTS = 5000;
const MAX_KM = 50;
const MAX_HOURS = 7 * 24;
const MAX_SPAN_MS = 31 * 24 * 3600_000;
const MAX_EXTENT_DEGREES = 5;
const LATEST_MS = Date.UTC(9999, 11, 31);

const finite = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** The mark's reach and points, or undefined when the envelope has none or it is malformed or past the limits. */
export function nearMarkOf(envelope: unknown): { km: number; hours: number; points: NearPoint[] } | undefined {
  const payload = (envelope as { payload?: { extensions?: { eix?: { near?: unknown } } } } | undefined)?.payload;
  const near = payload?.extensions?.eix?.near as Partial<NearMark> | undefined;
  if (!near || typeof near !== "object") return undefined;
  const { km, hours, points } = near;
  if (!finite(km) || km <= 0 || km > MAX_KM || !finite(hours) || hours < 0 || hours > MAX_HOURS) return undefined;
  if (!Array.isArray(points) || points.length === 0 || points.length > MAX_POINTS) return undefined;
  const read: NearPoint[] = [];
  for (const point of points) {
    if (!Array.isArray(point)) return undefined;
    const [lat, lon, time] = point as unknown[];
    const at = typeof time === "string" ? Date.parse(time) : Number.NaN;
    if (!finite(lat) || !finite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
    if (!(at >= 0 && at <= LATEST_MS)) return undefined;
    read.push({ lat, lon, at });
  }
  return footprintOf(read) ? { km, hours, points: read } : undefined;
}

/** The time span (ms) and the box of points, longitudes taken as they are. */
export function spanOf(points: readonly NearPoint[]) {
  const span = { from: Infinity, to: -Infinity, south: 90, north: -90, west: 180, east: -180 };
  for (const { lat, lon, at } of points) {
    span.from = Math.min(span.from, at);
    span.to = Math.max(span.to, at);
    span.south = Math.min(span.south, lat);
    span.north = Math.max(span.north, lat);
    span.west = Math.min(span.west, lon);
    span.east = Math.max(span.east, lon);
  }
  return span;
}

/**
 * The span and box of points, or undefined past the limits. Points on both sides of the
 * antimeridian get the whole circle of longitude (the box is then a band of latitude).
 */
function footprintOf(points: readonly NearPoint[]): NearFootprint | undefined {
  const { from, to, south, north, west, east } = spanOf(points);
  if (to - from > MAX_SPAN_MS || north - south > MAX_EXTENT_DEGREES) return undefined;
  const across = east - west > MAX_EXTENT_DEGREES;
  // Wide as read, narrow with western longitudes taken past 180: the points straddle the antimeridian.
  if (across) {
    const shifted = spanOf(points.map((p) => ({ ...p, lon: p.lon < 0 ? p.lon + 360 : p.lon })));
    if (shifted.east - shifted.west > MAX_EXTENT_DEGREES) return undefined;
  }
  return {
    from: new Date(from),
    to: new Date(to),
    south,
    north,
    west: across ? -180 : west,
    east: across ? 180 : east,
  };
}

/** The footprint the store indexes for a marked envelope. */
export function nearFootprintOf(envelope: unknown): NearFootprint | undefined {
  const mark = nearMarkOf(envelope);
  return mark ? footprintOf(mark.points) : undefined;
}
