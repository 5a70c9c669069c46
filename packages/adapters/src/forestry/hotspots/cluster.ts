import type { Hotspot } from "./hotspot-row.js";

/** Mean Earth radius (km), IUGG. */
const EARTH_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in km (haversine). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] as number;
    for (let j = i; this.parent[j] !== root; ) {
      const next = this.parent[j] as number;
      this.parent[j] = root;
      j = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * Cells of a 3-D grid over points on the sphere (scaled to km), `km` wide: two points within
 * `km` along the surface are within `km` in a straight line (a chord is never longer than its
 * arc), so they sit in the same or adjacent cells — also across the antimeridian and the poles.
 */
function cellOf(h: Hotspot, km: number): [number, number, number] {
  const lat = h.lat * RAD;
  const lon = h.lon * RAD;
  const r = EARTH_KM / km;
  return [
    Math.floor(r * Math.cos(lat) * Math.cos(lon)),
    Math.floor(r * Math.cos(lat) * Math.sin(lon)),
    Math.floor(r * Math.sin(lat)),
  ];
}

/**
 * Single-linkage clusters: two hotspots within `km` (great circle) and `hours` of each other
 * are linked, and a cluster is a connected set of links (A–B–C is one fire even when A and C
 * are far apart). The result, as sets, does not depend on the order of the input.
 */
export function clusterHotspots(hotspots: readonly Hotspot[], km: number, hours: number): Hotspot[][] {
  const window = hours * 3600_000;
  const cells = new Map<string, number[]>();
  const keys: [number, number, number][] = [];
  for (const [i, h] of hotspots.entries()) {
    const cell = cellOf(h, km);
    keys.push(cell);
    const key = cell.join(",");
    const list = cells.get(key);
    if (list) list.push(i);
    else cells.set(key, [i]);
  }
  // Each cell's members sorted by time, so a pair scan stops at the end of the time window.
  for (const list of cells.values()) list.sort((a, b) => (hotspots[a] as Hotspot).time - (hotspots[b] as Hotspot).time);
  const sets = new UnionFind(hotspots.length);
  for (const [i, h] of hotspots.entries()) {
    const [x, y, z] = keys[i] as [number, number, number];
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (let dz = -1; dz <= 1; dz++) {
          const list = cells.get(`${x + dx},${y + dy},${z + dz}`);
          if (!list) continue;
          // First member not earlier than h.time - window (binary search).
          let lo = 0;
          let hi = list.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if ((hotspots[list[mid] as number] as Hotspot).time < h.time - window) lo = mid + 1;
            else hi = mid;
          }
          for (let k = lo; k < list.length; k++) {
            const j = list[k] as number;
            const other = hotspots[j] as Hotspot;
            if (other.time > h.time + window) break;
            if (j > i && distanceKm(h, other) <= km) sets.union(i, j);
          }
        }
  }
  const groups = new Map<number, Hotspot[]>();
  for (const [i, h] of hotspots.entries()) {
    const root = sets.find(i);
    const group = groups.get(root);
    if (group) group.push(h);
    else groups.set(root, [h]);
  }
  return [...groups.values()];
}

/**
 * The cluster a low-confidence hotspot stands beside: the one holding the nearest confident
 * hotspot within `km` and `hours` (ties to the earlier-sorted cluster), else undefined.
 */
export function nearestCluster(
  h: Hotspot,
  index: ReadonlyMap<string, { readonly hotspot: Hotspot; readonly cluster: number }[]>,
  km: number,
  hours: number,
): number | undefined {
  const [x, y, z] = cellOf(h, km);
  let best: { distance: number; cluster: number } | undefined;
  for (let dx = -1; dx <= 1; dx++)
    for (let dy = -1; dy <= 1; dy++)
      for (let dz = -1; dz <= 1; dz++)
        for (const { hotspot, cluster } of index.get(`${x + dx},${y + dy},${z + dz}`) ?? []) {
          if (Math.abs(hotspot.time - h.time) > hours * 3600_000) continue;
          const distance = distanceKm(h, hotspot);
          if (distance > km) continue;
          if (!best || distance < best.distance || (distance === best.distance && cluster < best.cluster))
            best = { distance, cluster };
        }
  return best?.cluster;
}

/** Cell index of the confident hotspots, each with the number of its cluster. */
export function indexClusters(clusters: readonly (readonly Hotspot[])[], km: number) {
  const index = new Map<string, { hotspot: Hotspot; cluster: number }[]>();
  clusters.forEach((members, cluster) => {
    for (const hotspot of members) {
      const key = cellOf(hotspot, km).join(",");
      const list = index.get(key);
      if (list) list.push({ hotspot, cluster });
      else index.set(key, [{ hotspot, cluster }]);
    }
  });
  return index;
}
