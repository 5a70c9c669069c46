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

// A mark with more points than this is not indexed (a hostile or broken payload): the report is
// still stored, it just cannot be found by place.
const MAX_POINTS = 100_000;

/** The mark's reach and points, or undefined when the envelope has none or it is malformed. */
export function nearMarkOf(envelope: unknown): { km: number; hours: number; points: NearPoint[] } | undefined {
  const payload = (envelope as { payload?: { extensions?: { eix?: { near?: unknown } } } } | undefined)?.payload;
  const near = payload?.extensions?.eix?.near as Partial<NearMark> | undefined;
  if (!near || typeof near !== "object") return undefined;
  const { km, hours, points } = near;
  if (typeof km !== "number" || !(km > 0) || typeof hours !== "number" || !(hours >= 0)) return undefined;
  if (!Array.isArray(points) || points.length === 0 || points.length > MAX_POINTS) return undefined;
  const read: NearPoint[] = [];
  for (const point of points) {
    if (!Array.isArray(point)) return undefined;
    const [lat, lon, time] = point as unknown[];
    const at = typeof time === "string" ? Date.parse(time) : Number.NaN;
    if (typeof lat !== "number" || typeof lon !== "number" || Math.abs(lat) > 90 || Math.abs(lon) > 180 || Number.isNaN(at))
      return undefined;
    read.push({ lat, lon, at });
  }
  return { km, hours, points: read };
}

/** The footprint the store indexes for a marked envelope. */
export function nearFootprintOf(envelope: unknown): NearFootprint | undefined {
  const mark = nearMarkOf(envelope);
  if (!mark) return undefined;
  let [from, to, south, north, west, east] = [Infinity, -Infinity, 90, -90, 180, -180];
  for (const { lat, lon, at } of mark.points) {
    from = Math.min(from, at);
    to = Math.max(to, at);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
    west = Math.min(west, lon);
    east = Math.max(east, lon);
  }
  return { from: new Date(from), to: new Date(to), south, north, west, east };
}
