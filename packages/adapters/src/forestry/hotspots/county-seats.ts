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

const seats: readonly { code: string; lat: number; lon: number }[] = Object.entries(
  table.seats as unknown as Record<string, [number, number]>,
).map(([code, [lon, lat]]) => ({ code, lat, lon }));

/**
 * The county whose seat is nearest `point` within `maxKm`, among the counties of `within` (a
 * province or city code) when given; undefined when none is that near. A linear scan of about
 * 2,800 seats: a candidate fire asks once, so an index would not pay for itself.
 */
export function nearestCountySeat(
  point: { lat: number; lon: number },
  within: string | undefined,
  maxKm: number,
): CountySeat | undefined {
  let best: CountySeat | undefined;
  // One degree of latitude is 111 km: seats farther than that in latitude alone are skipped unmeasured.
  const latReach = maxKm / 111 + 0.01;
  for (const seat of seats) {
    if (Math.abs(seat.lat - point.lat) > latReach) continue;
    if (within !== undefined && !isWithinRegion(seat.code, within)) continue;
    const km = distanceKm(point, seat);
    if (km <= maxKm && (!best || km < best.km || (km === best.km && seat.code < best.code))) best = { code: seat.code, km };
  }
  return best;
}
