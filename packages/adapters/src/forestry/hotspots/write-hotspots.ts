import type { Envelope, IncidentReport } from "@eix/schema";
import { AdapterError } from "../../errors.js";
import { charsetEncoder } from "../../kit/charset.js";
import { writeCsv } from "../../public-security/cad110/csv.js";
import { bulletinFieldOf } from "./bulletin-words.js";
import type { HotspotExtension, HotspotRows } from "./cluster-to-canonical.js";

// Bulletin JSON fields written as numbers when their cell is one as JSON writes numbers.
const NUMERIC_FIELDS = new Set(["lon", "lat", "pixels"]);

function rowsOf(message: Envelope): { layout: string; rows: HotspotRows; charset: string } {
  if (message.kind !== "incident") throw new AdapterError("EIX_ADAPTER_UNSUPPORTED_KIND", { value: message.kind });
  const forestry = (message.payload as IncidentReport).extensions?.forestry as Partial<HotspotExtension> | undefined;
  const found = forestry?.firms
    ? { layout: "firms", rows: forestry.firms, charset: "utf-8" }
    : forestry?.bulletin
      ? { layout: `bulletin-${forestry.bulletin.form}`, rows: forestry.bulletin, charset: forestry.bulletin.charset ?? "utf-8" }
      : undefined;
  if (!found?.rows.columns || !found.rows.hotspots)
    throw new AdapterError("EIX_ADAPTER_MISSING_FIELD", {
      value: "extensions.forestry.firms or .bulletin (hotspots from a hotspot decode)",
    });
  return found;
}

function writeJson(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const numeric = columns.map((column) => NUMERIC_FIELDS.has(bulletinFieldOf(column) ?? ""));
  const records = rows.map((cells) =>
    Object.fromEntries(
      columns.map((column, i) => {
        const cell = cells[i] ?? "";
        // A number only when it reads back as the same cell: "101.2200" and "03" stay strings.
        return [column, numeric[i] && cell !== "" && String(Number(cell)) === cell ? Number(cell) : cell];
      }),
    ),
  );
  return `${JSON.stringify(records, null, 2)}\n`;
}

/**
 * Candidate fires → the hotspots they were made of (observations included), in the layout they
 * came in: FIRMS CSV, or a bulletin as CSV or JSON (in its charset: UTF-8 or GB18030), under the
 * first message's header.
 * Only messages from a hotspot decode can be written: a fire reported by other means has no
 * hotspots to write.
 */
export function writeHotspots(messages: readonly Envelope[]): Uint8Array {
  let first: { layout: string; columns: readonly string[]; charset: string } | undefined;
  const rows: (readonly string[])[] = [];
  for (const message of messages) {
    const found = rowsOf(message);
    first ??= { layout: found.layout, columns: found.rows.columns, charset: found.charset };
    if (found.layout !== first.layout || found.rows.columns.join(",") !== first.columns.join(","))
      throw new AdapterError("EIX_ADAPTER_BAD_VALUE", {
        value: "extensions.forestry",
        detail: "messages with different hotspot layouts or headers",
      });
    rows.push(...found.rows.hotspots, ...(found.rows.observations ?? []));
  }
  if (!first) throw new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: "messages" });
  const text = first.layout === "bulletin-json" ? writeJson(first.columns, rows) : writeCsv([first.columns, ...rows]);
  return charsetEncoder(first.charset).encode(text);
}
