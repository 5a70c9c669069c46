import type { Envelope } from "@eix/schema";
import { type DecodeContext, defineAdapter, type EncodeContext } from "../../contract.js";
import { AdapterError } from "../../errors.js";
import { runDecode } from "../../kit/decode-frame.js";
import { optionsCheck } from "../../kit/options-check.js";
import { DEFAULT_MAX_XML_BYTES } from "../../kit/xml-input.js";
import { decodeHotspotTable } from "./decode-hotspots.js";
import { readHotspotOptions } from "./hotspot-options.js";
import { readBulletin } from "./read-bulletin.js";
import { readHotspots } from "./read-hotspots.js";
import { hotspotLayout, sniffHotspots } from "./sniff.js";
import { writeHotspots } from "./write-hotspots.js";

export { continuityOf, landTypeOf, verificationOf } from "./bulletin-words.js";
export { clusterHotspots, distanceKm } from "./cluster.js";
export { HOTSPOT_EVENT_TYPE, type HotspotExtension, type HotspotRows, incidentIdOf } from "./cluster-to-canonical.js";
export { type CountySeat, countySeatTableInfo, nearestCountySeat } from "./county-seats.js";
export { type HotspotIssueCode, hotspotIssues } from "./hotspot-issues.js";
export { DEFAULT_LAND_TYPE_THRESHOLDS, type HotspotOptions, type LandTypeThresholds } from "./hotspot-options.js";
export type { ConfidenceClass, Hotspot, Instrument, LandType } from "./hotspot-row.js";
export { convexHull } from "./hull.js";
export { bulletinConfidence, readBulletin, readDegrees, readObservationTime } from "./read-bulletin.js";
export { acquisitionTime, type HotspotTable, readHotspots } from "./read-hotspots.js";
export type { FireRegion, RegionSource } from "./region-of-fire.js";
export { writeHotspots } from "./write-hotspots.js";

const ref = { id: "forestry.hotspots", version: "0.1.0" } as const;

/**
 * Satellite hotspots (卫星热点): NASA FIRMS MODIS or VIIRS CSV, and the Chinese hotspot bulletin
 * (卫星林火监测热点通报) as CSV or JSON. Hotspots are observations, so decode clusters them in space
 * and time into candidate fires (疑似火情). See README.md.
 */
export const forestryHotspotsAdapter = defineAdapter({
  ...ref,
  department: "forestry",
  title: {
    "zh-CN": "卫星热点（NASA FIRMS MODIS/VIIRS、卫星林火监测热点通报）",
    en: "Satellite hotspots (NASA FIRMS MODIS/VIIRS, Chinese hotspot bulletins)",
  },
  // Not text/csv: any CSV would be handed to this adapter; plain CSV bodies are sniffed.
  mediaTypes: [
    "application/vnd.eix.firms-hotspots+csv",
    "application/vnd.eix.hotspot-bulletin+csv",
    "application/vnd.eix.hotspot-bulletin+json",
  ],
  schemaRange: "^1.0.0",
  sniff: sniffHotspots,
  decode: (bytes: Uint8Array, ctx: DecodeContext = {}) =>
    runDecode(ref, bytes, ctx, () => {
      let options: ReturnType<typeof readHotspotOptions>;
      try {
        options = readHotspotOptions(ctx.options);
      } catch (error) {
        if (AdapterError.is(error)) return { ok: false, error, issues: [] };
        throw error;
      }
      // FIRMS rows name no unit and no region: the source configuration must.
      if (!ctx.sender)
        return {
          ok: false,
          error: new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: "ctx.sender (the unit relaying the feed)" }),
          issues: [],
        };
      const maxBytes = ctx.limits?.maxBytes ?? DEFAULT_MAX_XML_BYTES;
      if (bytes.byteLength > maxBytes)
        return {
          ok: false,
          error: new AdapterError("EIX_ADAPTER_TOO_LARGE", { value: String(bytes.byteLength), limit: String(maxBytes) }),
          issues: [],
        };
      const input =
        hotspotLayout(bytes) === "bulletin"
          ? readBulletin(bytes, ctx.limits ?? {}, options.badRows)
          : readHotspots(bytes, ctx.limits ?? {}, options.badRows);
      if (!input.ok) return input;
      const body = decodeHotspotTable(input.table, options, ctx.sender, [...input.issues], ctx.limits?.maxMessages);
      return body.ok ? { ...body, charset: input.charset } : body;
    }),
  encode: (message: Envelope, _ctx?: EncodeContext) => writeHotspots([message]),
  checkOptions: optionsCheck(readHotspotOptions),
});

/** Several candidate fires → one FIRMS CSV (their hotspots, for a GIS or a FIRMS-reading tool). */
export function encodeHotspotBatch(messages: readonly Envelope[]): Uint8Array {
  return writeHotspots(messages);
}
