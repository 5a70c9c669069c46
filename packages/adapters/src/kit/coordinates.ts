import type { Point } from "@eix/schema";
import gcoordModule from "gcoord";

// gcoord's CommonJS build sets module.exports to the API object, while its types call that
// object the default export; take whichever the loader produced.
const gcoord = ((gcoordModule as unknown as { default?: unknown }).default ?? gcoordModule) as typeof gcoordModule.default;

/** Coordinate reference systems met in Chinese sources: WGS-84, GCJ-02 (国测局), BD-09 (百度). */
export type Datum = "WGS84" | "GCJ02" | "BD09";

/**
 * Converts a point to WGS-84. GCJ-02 and BD-09 are obfuscated datums used by Chinese map
 * services; the conversions (gcoord) are accurate to about a metre inside China and identity
 * outside it, as the datums themselves are.
 */
export function toWgs84(point: Point, datum: Datum): Point {
  if (datum === "WGS84") return point;
  const [lon, lat] = gcoord.transform([point.lon, point.lat], gcoord[datum], gcoord.WGS84) as [number, number];
  return { lat: round(lat), lon: round(lon) };
}

/** Converts a WGS-84 point to another datum, for encoders that feed Chinese map systems. */
export function fromWgs84(point: Point, datum: Datum): Point {
  if (datum === "WGS84") return point;
  const [lon, lat] = gcoord.transform([point.lon, point.lat], gcoord.WGS84, gcoord[datum]) as [number, number];
  return { lat: round(lat), lon: round(lon) };
}

// 7 decimals ≈ 1 cm: more digits are noise from the iterative inverse transform.
function round(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

export type PointReading = { readonly ok: true; readonly point: Point } | { readonly ok: false; readonly reason: string };

/** Reads CAP's `lat,lon` pair (latitude first), checking ranges. */
export function readLatLon(text: string): PointReading {
  const parts = text.trim().split(",");
  if (parts.length !== 2) return { ok: false, reason: "expected lat,lon" };
  const lat = Number(parts[0]);
  const lon = Number(parts[1]);
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || parts.some((p) => p.trim() === ""))
    return { ok: false, reason: "not a number" };
  if (lat < -90 || lat > 90) return { ok: false, reason: "latitude out of range" };
  if (lon < -180 || lon > 180) return { ok: false, reason: "longitude out of range" };
  return { ok: true, point: { lat, lon } };
}

// One `lat,lon` pair of a polygon with the whitespace before it, read in a single sticky match:
// polygons of a provincial warning run to tens of thousands of points, and splitting then
// re-checking each pair cost more than parsing the XML around them.
const decimal = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?`;
const polygonPair = new RegExp(String.raw`\s*(${decimal}),(${decimal})(?=\s|$)`, "y");

/** Reads a CAP polygon: whitespace-separated `lat,lon` pairs. */
export function readPolygon(text: string): { ok: true; points: Point[] } | { ok: false; reason: string } {
  const points: Point[] = [];
  const end = text.trimEnd().length;
  polygonPair.lastIndex = 0;
  while (polygonPair.lastIndex < end) {
    const start = polygonPair.lastIndex;
    const match = polygonPair.exec(text);
    if (!match) {
      // Say which pair is wrong, in the words readLatLon uses.
      const pair = text.slice(start).trim().split(/\s+/)[0] ?? "";
      const reading = readLatLon(pair);
      return { ok: false, reason: `${pair}: ${reading.ok ? "not a number" : reading.reason}` };
    }
    const lat = Number(match[1]);
    const lon = Number(match[2]);
    if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
      const pair = `${match[1]},${match[2]}`;
      return { ok: false, reason: `${pair}: ${lat < -90 || lat > 90 ? "latitude" : "longitude"} out of range` };
    }
    points.push({ lat, lon });
  }
  return { ok: true, points };
}

/** Reads a CAP circle: `lat,lon radius` with the radius in kilometres. */
export function readCircle(text: string): { ok: true; center: Point; radiusKm: number } | { ok: false; reason: string } {
  const [pair = "", radius = "", ...rest] = text.trim().split(/\s+/);
  const center = readLatLon(pair);
  const radiusKm = Number(radius);
  if (!center.ok) return { ok: false, reason: center.reason };
  if (rest.length > 0 || radius === "" || !Number.isFinite(radiusKm) || radiusKm < 0)
    return { ok: false, reason: "expected lat,lon radius" };
  return { ok: true, center: center.point, radiusKm };
}

/** Writes points the CAP way. */
export function writeLatLon(point: Point): string {
  return `${point.lat},${point.lon}`;
}
