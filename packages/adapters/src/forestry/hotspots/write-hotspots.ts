import type { Envelope, IncidentReport } from "@eix/schema";
import { AdapterError } from "../../errors.js";
import { writeCsv } from "../../public-security/cad110/csv.js";
import type { HotspotExtension } from "./cluster-to-canonical.js";

/**
 * Candidate fires → one FIRMS CSV of the hotspots they were made of (observations included),
 * under the first message's header. Only messages from FIRMS can be written: a fire reported
 * by other means has no hotspots to write.
 */
export function writeHotspots(messages: readonly Envelope[]): Uint8Array {
  let columns: readonly string[] | undefined;
  const rows: (readonly string[])[] = [];
  for (const message of messages) {
    if (message.kind !== "incident") throw new AdapterError("EIX_ADAPTER_UNSUPPORTED_KIND", { value: message.kind });
    const firms = ((message.payload as IncidentReport).extensions?.forestry as Partial<HotspotExtension> | undefined)?.firms;
    if (!firms?.columns || !firms.hotspots)
      throw new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: "extensions.forestry.firms (hotspots from a FIRMS decode)" });
    columns ??= firms.columns;
    if (firms.columns.join(",") !== columns.join(","))
      throw new AdapterError("EIX_ADAPTER_BAD_VALUE", {
        value: "extensions.forestry.firms.columns",
        detail: "messages with different FIRMS headers",
      });
    rows.push(...firms.hotspots, ...(firms.observations ?? []));
  }
  if (!columns) throw new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: "messages" });
  return new TextEncoder().encode(writeCsv([columns, ...rows]));
}
