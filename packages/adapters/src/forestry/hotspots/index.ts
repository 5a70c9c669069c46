import type { Envelope } from "@eix/schema";
import { type DecodeContext, defineAdapter, type EncodeContext } from "../../contract.js";
import { AdapterError } from "../../errors.js";
import { runDecode } from "../../kit/decode-frame.js";
import { decodeHotspotTable } from "./decode-hotspots.js";
import { readHotspotOptions } from "./hotspot-options.js";
import { readHotspots } from "./read-hotspots.js";
import { sniffHotspots } from "./sniff.js";
import { writeHotspots } from "./write-hotspots.js";

export { clusterHotspots, distanceKm } from "./cluster.js";
export { HOTSPOT_EVENT_TYPE, type HotspotExtension, incidentIdOf } from "./cluster-to-canonical.js";
export { type HotspotIssueCode, hotspotIssues } from "./hotspot-issues.js";
export type { HotspotOptions } from "./hotspot-options.js";
export type { ConfidenceClass, Hotspot, Instrument } from "./hotspot-row.js";
export { convexHull } from "./hull.js";
export { acquisitionTime, type HotspotTable, readHotspots } from "./read-hotspots.js";
export { writeHotspots } from "./write-hotspots.js";

const ref = { id: "forestry.hotspots", version: "0.1.0" } as const;

/**
 * NASA FIRMS active-fire hotspots (卫星热点), MODIS or VIIRS CSV: hotspots are observations, so
 * decode clusters them in space and time into candidate fires (疑似火情). See README.md.
 */
export const forestryHotspotsAdapter = defineAdapter({
  ...ref,
  department: "forestry",
  title: { "zh-CN": "卫星热点（NASA FIRMS MODIS/VIIRS）", en: "Satellite hotspots (NASA FIRMS MODIS/VIIRS)" },
  // Not text/csv: any CSV would be handed to this adapter; plain CSV bodies are sniffed.
  mediaTypes: ["application/vnd.eix.firms-hotspots+csv"],
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
      const input = readHotspots(bytes, ctx.limits ?? {});
      if (!input.ok) return input;
      const body = decodeHotspotTable(input.table, options, ctx.sender, [...input.issues], ctx.limits?.maxMessages);
      return body.ok ? { ...body, charset: input.charset } : body;
    }),
  encode: (message: Envelope, _ctx?: EncodeContext) => writeHotspots([message]),
});

/** Several candidate fires → one FIRMS CSV (their hotspots, for a GIS or a FIRMS-reading tool). */
export function encodeHotspotBatch(messages: readonly Envelope[]): Uint8Array {
  return writeHotspots(messages);
}
