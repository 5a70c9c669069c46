// One FIRMS hotspot (热点): a fire pixel seen by MODIS or VIIRS on one satellite pass. The
// row's own cells are kept as read so encode writes them back unchanged.

export type Instrument = "MODIS" | "VIIRS";
/** VIIRS confidence class (low / nominal / high); MODIS percentages fall in one too. */
export type ConfidenceClass = "l" | "n" | "h";

export interface Hotspot {
  /** The row's cells, in the header's column order. */
  readonly cells: readonly string[];
  readonly lat: number;
  readonly lon: number;
  /** Acquisition time, ms since the epoch (UTC). */
  readonly time: number;
  readonly instrument: Instrument;
  /** MODIS 0–100; undefined for VIIRS. */
  readonly percent: number | undefined;
  readonly confidence: ConfidenceClass;
  /** Fire radiative power (MW), when the row has it. */
  readonly frp: number | undefined;
  /** 1-based data row of the payload, for issue positions. */
  readonly row: number;
}

/** A total order on hotspots that does not depend on the order of the rows. */
export function compareHotspots(a: Hotspot, b: Hotspot): number {
  return a.time - b.time || a.lat - b.lat || a.lon - b.lon || compareText(a.cells.join(","), b.cells.join(","));
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
