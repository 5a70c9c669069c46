import { type Envelope, type IncidentReport, type Point, regionName, type Unit } from "@eix/schema";
import { sha256Hex } from "../../kit/digest.js";
import { compareHotspots, type Hotspot } from "./hotspot-row.js";
import { convexHull } from "./hull.js";
import type { HotspotTable } from "./read-hotspots.js";
import { type FireRegion, regionOfFire } from "./region-of-fire.js";

/** GB/T 35561 森林草原火灾: a satellite pixel tells neither forest from grassland nor 境内 from 跨境. */
export const HOTSPOT_EVENT_TYPE = "11G00";

/** The hotspot rows behind a candidate fire, as read, so encode writes them back. */
export interface HotspotRows {
  /** The header (CSV) or the record keys (JSON) as read. */
  readonly columns: readonly string[];
  /** The cluster's hotspots (cells as read), earliest first. */
  readonly hotspots: readonly (readonly string[])[];
  /** Low-confidence hotspots beside the cluster: observations only, never a fire by themselves. */
  readonly observations: readonly (readonly string[])[];
}

/** What `extensions.forestry` holds for a candidate fire from satellite hotspots. */
export interface HotspotExtension {
  /** A NASA FIRMS CSV: MODIS or VIIRS. */
  readonly firms?: HotspotRows & { readonly instrument: string };
  /** A Chinese hotspot bulletin (卫星林火监测热点通报), CSV or JSON, and the satellites in it. */
  readonly bulletin?: HotspotRows & {
    readonly form: "csv" | "json";
    readonly satellites: readonly string[];
    /** The charset it came in when not UTF-8: a GB18030 system gets GB18030 back. */
    readonly charset?: "gb18030";
  };
  /** How location.regionCode was found (see region-of-fire.ts). */
  readonly region: FireRegion;
}

const round = (value: number, places: number) => Number(value.toFixed(places));
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

/**
 * `FIRMS-20200930T0040Z-4.55S-41.14W`: the earliest hotspot's time and position (0.01°); a
 * bulletin's fires start `HOTSPOT-`.
 */
export function incidentIdOf(first: Hotspot, prefix = "FIRMS"): string {
  const stamp = iso(first.time).slice(0, 16).replace(/[-:]/g, "");
  const lat = `${Math.abs(first.lat).toFixed(2)}${first.lat < 0 ? "S" : "N"}`;
  const lon = `${Math.abs(first.lon).toFixed(2)}${first.lon < 0 ? "W" : "E"}`;
  return `${prefix}-${stamp}Z-${lat}-${lon}`;
}

function centroidOf(hotspots: readonly Hotspot[]): Point {
  const lat = hotspots.reduce((sum, h) => sum + h.lat, 0) / hotspots.length;
  const lon = hotspots.reduce((sum, h) => sum + h.lon, 0) / hotspots.length;
  return { lat: round(lat, 5), lon: round(lon, 5) };
}

function describe(hotspots: readonly Hotspot[], instrument: string): string {
  const first = hotspots[0] as Hotspot;
  const last = hotspots[hotspots.length - 1] as Hotspot;
  const frps = hotspots.map((h) => h.frp).filter((frp) => frp !== undefined);
  const frp = frps.length > 0 ? `，最大火辐射功率 ${Math.max(...frps)} MW` : "";
  return `${instrument} 卫星热点 ${hotspots.length} 个，观测时间 ${iso(first.time)} 至 ${iso(last.time)}（UTC）${frp}。热点为卫星观测，火情待核实。`;
}

const distinct = (values: readonly string[]) => [...new Set(values)].sort();

/**
 * One cluster of confident hotspots (with the low-confidence ones beside it) → a candidate
 * fire: an initial report (初报) whose incident id comes from its earliest hotspot, marked as a
 * follow-up so a hub numbers later passes over the same fire as updates (续报). Everything is
 * derived from the cluster alone, so the same rows in any order give the same message.
 */
export function clusterToCanonical(
  members: readonly Hotspot[],
  observations: readonly Hotspot[],
  table: HotspotTable,
  sender: Unit,
  reach: { readonly clusterKm: number; readonly clusterHours: number; readonly countySeatKm: number },
): { message: Envelope; region: FireRegion } {
  const hotspots = [...members].sort(compareHotspots);
  const beside = [...observations].sort(compareHotspots);
  const first = hotspots[0] as Hotspot;
  const latest = Math.max(...hotspots.map((h) => h.time), ...beside.map((h) => h.time));
  const bulletin = table.layout === "bulletin";
  const instrument = bulletin ? distinct(hotspots.map((h) => h.instrument)).join("/") : first.instrument;
  const point = centroidOf(hotspots);
  const region = regionOfFire(hotspots, point, sender.regionCode, reach.countySeatKm);
  const ring = convexHull(hotspots.map((h) => ({ lat: round(h.lat, 5), lon: round(h.lon, 5) })));
  const incidentId = incidentIdOf(first, bulletin ? "HOTSPOT" : "FIRMS");
  const rows: HotspotRows = {
    columns: table.columns,
    hotspots: hotspots.map((h) => h.cells),
    observations: beside.map((h) => h.cells),
  };
  const extension: HotspotExtension = {
    ...(bulletin
      ? {
          bulletin: {
            form: table.form,
            satellites: distinct(hotspots.map((h) => h.instrument)),
            ...(table.charset === "gb18030" ? { charset: "gb18030" as const } : {}),
            ...rows,
          },
        }
      : { firms: { instrument, ...rows } }),
    region,
  };
  const place = region.from === "sender" ? "" : `${regionName(region.code) ?? region.code} `;
  const payload: IncidentReport = {
    incidentId,
    stage: "initial",
    sequence: 1,
    title: `卫星热点疑似火情：${place}${Math.abs(point.lat)}°${point.lat < 0 ? "S" : "N"} ${Math.abs(point.lon)}°${point.lon < 0 ? "W" : "E"}（${hotspots.length} 个热点）`,
    eventType: HOTSPOT_EVENT_TYPE,
    severity: "unknown",
    occurredAt: iso(first.time),
    discoveredAt: iso(first.time),
    location: { regionCode: region.code, point, ...(ring ? { area: { polygons: [ring] } } : {}) },
    source: { channel: "satellite", detail: `${bulletin ? "卫星林火监测热点通报" : "NASA FIRMS"} ${instrument} ${incidentId}` },
    description: describe(hotspots, instrument),
    // A fire is seen again on later passes: a hub places each report in the chain of its
    // incident id (the first stays the initial report, later ones become updates), and `near`
    // lets it find the fire when a later payload's cluster starts under another id.
    extensions: {
      forestry: extension as unknown as Record<string, unknown>,
      eix: {
        placement: "follow-up",
        near: {
          km: reach.clusterKm,
          hours: reach.clusterHours,
          points: hotspots.map((h) => [round(h.lat, 5), round(h.lon, 5), iso(h.time)]),
        },
      },
    },
  };
  const message = {
    id: `${incidentId}-${sha256Hex(JSON.stringify(payload)).slice(0, 12)}`,
    schema: "eix/1",
    kind: "incident",
    sentAt: iso(latest),
    sender,
    status: "actual",
    classification: "internal",
    payload,
  } as Envelope;
  return { message, region };
}
