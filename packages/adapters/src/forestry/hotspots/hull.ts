import type { Point } from "@eix/schema";

const cross = (o: Point, a: Point, b: Point) => (a.lon - o.lon) * (b.lat - o.lat) - (a.lat - o.lat) * (b.lon - o.lon);

/** One half of Andrew's monotone chain: points kept while each turn is counter-clockwise. */
function chain(points: readonly Point[]): Point[] {
  const kept: Point[] = [];
  for (const p of points) {
    while (kept.length >= 2 && cross(kept[kept.length - 2] as Point, kept[kept.length - 1] as Point, p) <= 0) kept.pop();
    kept.push(p);
  }
  return kept;
}

/**
 * The convex hull of points as a closed ring (first point repeated last, counter-clockwise in
 * lon/lat), or undefined when the points span no area (fewer than 3 distinct, or collinear).
 * Planar in degrees: clusters are a few km across, and one that straddles the antimeridian gets
 * no hull rather than a wrong one.
 */
export function convexHull(points: readonly Point[]): Point[] | undefined {
  const sorted = [...new Map(points.map((p) => [`${p.lon},${p.lat}`, p])).values()].sort(
    (a, b) => a.lon - b.lon || a.lat - b.lat,
  );
  const west = sorted[0];
  const east = sorted[sorted.length - 1];
  if (sorted.length < 3 || !west || !east || east.lon - west.lon > 180) return undefined;
  const ring = [...chain(sorted).slice(0, -1), ...chain([...sorted].reverse()).slice(0, -1)];
  const start = ring[0];
  return ring.length < 3 || !start ? undefined : [...ring, start];
}
