import { isWithinRegion } from "@eix/schema";
import table from "../../../data/county-seats.json" with { type: "json" };
import { distanceKm } from "./cluster.js";

/** A county seat (县级政府驻地) and its distance from a point. */
export interface CountySeat {
  readonly code: string;
  readonly km: number;
}

/** Where the seat table came from; it is rebuilt by scripts/make-county-seats.mjs. */
export const countySeatTableInfo = { source: table.source, size: Object.keys(table.seats).length } as const;

// Sorted by latitude, so a lookup visits only the band of seats within reach north and south.
const seats: readonly { code: string; lat: number; lon: number }[] = Object.entries(
  table.seats as unknown as Record<string, [number, number]>,
)
  .map(([code, [lon, lat]]) => ({ code, lat, lon }))
  .sort((a, b) => a.lat - b.lat);

/**
 * The county whose seat is nearest `point` within `maxKm`, among the counties of `within` (a
 * province or city code) when given; undefined when none is that near.
 */
export function nearestCountySeat(
  point: { lat: number; lon: number },
  within: string | undefined,
  maxKm: number,
): CountySeat | undefined {
  let best: CountySeat | undefined;
  // One degree of latitude is 111.2 km along any meridian: seats farther than that in latitude
  // alone cannot be within reach.
  const latReach = maxKm / 111 + 0.01;
  let lo = 0;
  let hi = seats.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((seats[mid]?.lat ?? 0) < point.lat - latReach) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < seats.length; i++) {
    const seat = seats[i] as (typeof seats)[number];
    if (seat.lat > point.lat + latReach) break;
    if (within !== undefined && !isWithinRegion(seat.code, within)) continue;
    const km = distanceKm(point, seat);
    if (km <= maxKm && (!best || km < best.km || (km === best.km && seat.code < best.code))) best = { code: seat.code, km };
  }
  return best;
}
