// One hotspot (热点): a fire pixel seen on one satellite pass, from a NASA FIRMS CSV (MODIS,
// VIIRS) or a Chinese hotspot bulletin (FY-3/FY-4 and others). The row's own cells are kept as
// read so encode writes them back unchanged.

export type Instrument = "MODIS" | "VIIRS";
/** Confidence class (low / nominal / high): VIIRS writes it, MODIS percentages fall in one. */
export type ConfidenceClass = "l" | "n" | "h";
/** 地类 of a bulletin hotspot: 林地, 草地, 农田 (耕地), 其他. FIRMS rows carry none. */
export type LandType = "forest" | "grassland" | "farmland" | "other";

export interface Hotspot {
  /** The row's cells, in the header's column order. */
  readonly cells: readonly string[];
  readonly lat: number;
  readonly lon: number;
  /** Acquisition time, ms since the epoch (UTC). */
  readonly time: number;
  /** MODIS or VIIRS for FIRMS; the satellite as written (FY-3D, NOAA-20, …) for a bulletin. */
  readonly instrument: string;
  /** MODIS 0–100; undefined otherwise. */
  readonly percent: number | undefined;
  readonly confidence: ConfidenceClass;
  /** Fire radiative power (MW), when the row has it. */
  readonly frp: number | undefined;
  /** 1-based data row of the payload, for issue positions. */
  readonly row: number;
  /** Bulletin only: the land type under the pixel. */
  readonly landType?: LandType;
  /** Bulletin only: ground verification (核查结果) found no fire here (农事用火, 工业热源, 误报 …). */
  readonly dismissed?: boolean;
  /** Bulletin only: GB/T 2260 codes of the county and province the record names, when known. */
  readonly countyCode?: string;
  readonly provinceCode?: string;
}

/** A total order on hotspots that does not depend on the order of the rows. */
export function compareHotspots(a: Hotspot, b: Hotspot): number {
  return a.time - b.time || a.lat - b.lat || a.lon - b.lon || compareText(a.cells.join(","), b.cells.join(","));
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
