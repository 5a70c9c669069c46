import type { Envelope, Unit } from "@eix/schema";
import type { AdapterIssue } from "../../contract.js";
import { AdapterError } from "../../errors.js";
import type { DecodeBody } from "../../kit/decode-frame.js";
import { clusterHotspots, indexClusters, nearestCluster } from "./cluster.js";
import { clusterToCanonical } from "./cluster-to-canonical.js";
import { hotspotIssue } from "./hotspot-issues.js";
import type { HotspotOptions } from "./hotspot-options.js";
import { compareHotspots, compareText, type Hotspot } from "./hotspot-row.js";
import { BULLETIN_LAYOUT } from "./read-bulletin.js";
import type { HotspotTable } from "./read-hotspots.js";
import type { RegionSource } from "./region-of-fire.js";

const RANK = { l: 0, n: 1, h: 2 } as const;

/**
 * Whether a hotspot may start a candidate fire: a bulletin hotspot by the threshold of its land
 * type (never when the ground found no fire), MODIS by percentage, VIIRS by class.
 */
export function isConfident(h: Hotspot, options: HotspotOptions): boolean {
  if (h.dismissed) return false;
  if (h.landType !== undefined) {
    const threshold = options.landTypeMinConfidence[h.landType];
    return threshold !== "never" && RANK[h.confidence] >= RANK[threshold];
  }
  return h.percent !== undefined
    ? h.percent >= options.minModisConfidence
    : RANK[h.confidence] >= RANK[options.minViirsConfidence];
}

const LAND_NAMES = { forest: "林地", grassland: "草地", farmland: "农田", other: "其他" } as const;
const landName = (land: string) => `${LAND_NAMES[land as keyof typeof LAND_NAMES]}(${land})`;

/** The threshold a table's hotspots were held to, for the low-confidence issue. */
function thresholdText(table: HotspotTable, options: HotspotOptions): string {
  if (table.layout === "bulletin")
    return Object.entries(options.landTypeMinConfidence)
      .map(([land, level]) => `${landName(land)} ${level}`)
      .join(", ");
  return table.instrument === "MODIS" ? String(options.minModisConfidence) : options.minViirsConfidence;
}

export function sourceFormatOf(table: HotspotTable): string {
  return table.layout === "bulletin"
    ? `${BULLETIN_LAYOUT} (${table.form.toUpperCase()})`
    : `NASA FIRMS ${table.instrument} hotspot CSV`;
}

/**
 * Hotspots → candidate fires: confident hotspots clustered (single linkage, `clusterKm` and
 * `clusterHours`), each low-confidence one kept as an observation beside the nearest cluster
 * within reach, or counted and dropped. Messages come out earliest fire first.
 */
export function decodeHotspotTable(
  table: HotspotTable,
  options: HotspotOptions,
  sender: Unit,
  issues: AdapterIssue[],
  maxMessages?: number,
): DecodeBody {
  const confident = table.hotspots.filter((h) => isConfident(h, options));
  const low = table.hotspots.filter((h) => !isConfident(h, options));
  const clusters = clusterHotspots(confident, options.clusterKm, options.clusterHours)
    .map((members) => members.sort(compareHotspots))
    .sort((a, b) => compareHotspots(a[0] as Hotspot, b[0] as Hotspot));
  const beside: Hotspot[][] = clusters.map(() => []);
  let dropped = 0;
  if (low.length > 0) {
    const index = indexClusters(clusters, options.clusterKm);
    for (const h of low) {
      const cluster = nearestCluster(h, index, options.clusterKm, options.clusterHours);
      if (cluster === undefined) dropped++;
      else beside[cluster]?.push(h);
    }
    const dismissed = low.filter((h) => h.dismissed).length;
    issues.push(
      hotspotIssue("EIX_HOTSPOT_LOW_CONFIDENCE", {
        value: String(low.length),
        limit: thresholdText(table, options),
        detail:
          `${low.length - dropped} kept beside a candidate fire, ${dropped} with none within reach dropped` +
          (dismissed > 0 ? `; ${dismissed} found on the ground to be no fire (核查非林火)` : ""),
      }),
    );
  }
  if (clusters.length === 0) {
    issues.push(
      hotspotIssue("EIX_HOTSPOT_NOT_REPORTABLE", {
        detail: `${table.hotspots.length} hotspot(s), none at or above the confidence threshold`,
      }),
    );
    return { ok: true, messages: [], issues, sourceFormat: sourceFormatOf(table) };
  }
  if (maxMessages !== undefined && clusters.length > maxMessages)
    return {
      ok: false,
      error: new AdapterError("EIX_ADAPTER_TOO_LARGE", {
        value: `${clusters.length} candidate fires`,
        limit: String(maxMessages),
      }),
      issues,
    };
  // Per fallback, how many fires took it and the farthest county seat taken.
  const fallbacks = new Map<RegionSource, { fires: number; farthestKm: number }>();
  const messages: Envelope[] = clusters.map((members, i) => {
    const fire = clusterToCanonical(members, beside[i] ?? [], table, sender, options);
    const { from, seatKm = 0 } = fire.region;
    if (from !== "record-county") {
      const tally = fallbacks.get(from) ?? { fires: 0, farthestKm: 0 };
      fallbacks.set(from, { fires: tally.fires + 1, farthestKm: Math.max(tally.farthestKm, seatKm) });
    }
    return fire.message;
  });
  for (const [from, { fires, farthestKm }] of fallbacks)
    issues.push(
      hotspotIssue("EIX_HOTSPOT_REGION_ASSUMED", {
        value: String(fires),
        expected: from,
        ...(from === "county-seat" ? { detail: `≤ ${farthestKm} km` } : from === "sender" ? { detail: sender.regionCode } : {}),
      }),
    );
  // Two clusters can share an incident id only when their first hotspots round alike; the
  // message ids still differ (their payloads do), and the order stays fixed.
  messages.sort((a, b) => compareText(a.id, b.id));
  return { ok: true, messages, issues, sourceFormat: sourceFormatOf(table) };
}
