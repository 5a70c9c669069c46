import type { Envelope, Unit } from "@eix/schema";
import type { AdapterIssue } from "../../contract.js";
import { AdapterError } from "../../errors.js";
import type { DecodeBody } from "../../kit/decode-frame.js";
import { clusterHotspots, indexClusters, nearestCluster } from "./cluster.js";
import { clusterToCanonical } from "./cluster-to-canonical.js";
import { hotspotIssue } from "./hotspot-issues.js";
import type { HotspotOptions } from "./hotspot-options.js";
import { compareHotspots, compareText, type Hotspot } from "./hotspot-row.js";
import type { HotspotTable } from "./read-hotspots.js";

const RANK = { l: 0, n: 1, h: 2 } as const;

/** Whether a hotspot may start a candidate fire: MODIS by percentage, VIIRS by class. */
export function isConfident(h: Hotspot, options: HotspotOptions): boolean {
  return h.percent !== undefined
    ? h.percent >= options.minModisConfidence
    : RANK[h.confidence] >= RANK[options.minViirsConfidence];
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
    const limit = table.instrument === "MODIS" ? String(options.minModisConfidence) : options.minViirsConfidence;
    issues.push(
      hotspotIssue("EIX_HOTSPOT_LOW_CONFIDENCE", {
        value: String(low.length),
        limit,
        detail: `${low.length - dropped} kept beside a candidate fire, ${dropped} with none within reach dropped`,
      }),
    );
  }
  if (clusters.length === 0) {
    issues.push(
      hotspotIssue("EIX_HOTSPOT_NOT_REPORTABLE", {
        detail: `${table.hotspots.length} hotspot(s), none at or above the confidence threshold`,
      }),
    );
    return { ok: true, messages: [], issues, sourceFormat: `NASA FIRMS ${table.instrument} hotspot CSV` };
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
  issues.push(hotspotIssue("EIX_HOTSPOT_REGION_ASSUMED", { value: sender.regionCode }));
  const messages: Envelope[] = clusters.map((members, i) => clusterToCanonical(members, beside[i] ?? [], table.columns, sender));
  // Two clusters can share an incident id only when their first hotspots round alike; the
  // message ids still differ (their payloads do), and the order stays fixed.
  messages.sort((a, b) => compareText(a.id, b.id));
  return { ok: true, messages, issues, sourceFormat: `NASA FIRMS ${table.instrument} hotspot CSV` };
}
