import type { Point } from "@eix/schema";
import { distanceKm } from "./cluster.js";
import { nearestCountySeat } from "./county-seats.js";
import { compareText, type Hotspot } from "./hotspot-row.js";

/**
 * Where a candidate fire's region code came from, most certain first: the county its hotspot
 * records name (the bulletin's producer placed them against boundaries); the county whose seat
 * is nearest the centroid (within the province the records name, and `countySeatKm`); the
 * province the records name; the sending unit's region. No boundaries ship with EIX, so there is
 * no point-in-region test: these are the fallbacks, and the message says which one was used.
 */
export type RegionSource = "record-county" | "county-seat" | "record-province" | "sender";

export interface FireRegion {
  readonly code: string;
  readonly from: RegionSource;
  /** County seat only: the seat's distance from the centroid, km (1 decimal). */
  readonly seatKm?: number;
}

/** The most frequent value, ties to the smallest, so the choice does not depend on row order. */
function mostFrequent(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: [string, number] | undefined;
  for (const entry of counts)
    if (!best || entry[1] > best[1] || (entry[1] === best[1] && compareText(entry[0], best[0]) < 0)) best = entry;
  return best?.[0];
}

export function regionOfFire(
  hotspots: readonly Hotspot[],
  centroid: Point,
  senderRegion: string,
  countySeatKm: number,
): FireRegion {
  // The county of the named hotspot nearest the centroid (ties: the smaller code).
  let nearest: { code: string; km: number } | undefined;
  for (const h of hotspots) {
    if (h.countyCode === undefined) continue;
    const km = distanceKm(h, centroid);
    if (!nearest || km < nearest.km || (km === nearest.km && compareText(h.countyCode, nearest.code) < 0))
      nearest = { code: h.countyCode, km };
  }
  if (nearest) return { code: nearest.code, from: "record-county" };
  const province = mostFrequent(hotspots.flatMap((h) => (h.provinceCode ? [h.provinceCode] : [])));
  const seat = nearestCountySeat(centroid, province, countySeatKm);
  if (seat) return { code: seat.code, from: "county-seat", seatKm: Number(seat.km.toFixed(1)) };
  if (province) return { code: province, from: "record-province" };
  return { code: senderRegion, from: "sender" };
}
