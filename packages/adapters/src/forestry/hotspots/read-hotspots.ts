import type { AdapterIssue } from "../../contract.js";
import { AdapterError, adapterErrors, type SourcePosition } from "../../errors.js";
import { decodeText } from "../../kit/charset.js";
import { DEFAULT_MAX_XML_BYTES } from "../../kit/xml-input.js";
import { readCsv } from "../../public-security/cad110/csv.js";
import { hotspotIssue } from "./hotspot-issues.js";
import { classOfPercent } from "./hotspot-options.js";
import type { ConfidenceClass, Hotspot, Instrument } from "./hotspot-row.js";

/** What a hotspot payload holds: its layout, its header (as written) and its hotspots. */
export interface HotspotTable {
  /** NASA FIRMS CSV, or the Chinese bulletin (卫星林火监测热点通报). */
  readonly layout: "firms" | "bulletin";
  readonly form: "csv" | "json";
  readonly columns: readonly string[];
  /** MODIS or VIIRS for FIRMS; the bulletin's label otherwise. */
  readonly instrument: string;
  /** The charset the payload came in (utf-8, gb18030 …). */
  readonly charset: string;
  readonly hotspots: Hotspot[];
}

/** What a malformed row does: skipped with a warning (the default), or the payload refused. */
export type BadRowPolicy = "skip" | "refuse";

// Each skipped row is named up to this many; past it one summary says how many more.
const NAMED_SKIPS = 20;

/**
 * A malformed row under `policy`: "refuse" returns the refusal; "skip" records
 * EIX_HOTSPOT_ROW_SKIPPED with the row's position and the cause in both languages.
 */
export function skipOrRefuse(
  error: AdapterError,
  policy: BadRowPolicy,
  issues: AdapterIssue[],
  skipped: { count: number },
): HotspotReading | undefined {
  if (policy === "refuse") return { ok: false, error, issues };
  skipped.count++;
  if (skipped.count > NAMED_SKIPS) return undefined;
  const row = String(error.position?.row ?? "?");
  const definition = adapterErrors.EIX_HOTSPOT_ROW_SKIPPED;
  issues.push({
    code: "EIX_HOTSPOT_ROW_SKIPPED",
    severity: definition.severity,
    message: {
      "zh-CN": definition.zh({ value: row, detail: `${error.code} ${error.messages["zh-CN"]}` }),
      en: definition.en({ value: row, detail: `${error.code} ${error.messages.en}` }),
    },
    ...(error.position ? { position: error.position } : {}),
  });
  return undefined;
}

/** After the rows: the count of unnamed skips, and a refusal when no row was readable. */
export function finishSkipping(skipped: { count: number }, read: number, issues: AdapterIssue[]): HotspotReading | undefined {
  if (skipped.count > NAMED_SKIPS)
    issues.push(
      hotspotIssue("EIX_HOTSPOT_ROW_SKIPPED", {
        value: `${skipped.count - NAMED_SKIPS} more`,
        detail: `${skipped.count} rows skipped in all`,
      }),
    );
  if (read === 0 && skipped.count > 0)
    return {
      ok: false,
      error: new AdapterError("EIX_ADAPTER_BAD_VALUE", { value: "rows", detail: `all ${skipped.count} rows are malformed` }),
      issues,
    };
  return undefined;
}

export type HotspotReading =
  | { readonly ok: true; readonly table: HotspotTable; readonly charset: string; readonly issues: AdapterIssue[] }
  | { readonly ok: false; readonly error: AdapterError; readonly issues: AdapterIssue[] };

const REQUIRED = ["latitude", "longitude", "acq_date", "acq_time", "confidence"] as const;
const CLASS_WORDS: Readonly<Record<string, ConfidenceClass>> = { l: "l", low: "l", n: "n", nominal: "n", h: "h", high: "h" };
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// FIRMS writes HHMM, unpadded in some exports (`5` = 00:05, `140` = 01:40); HH:MM is accepted too.
const TIME = /^(?:(\d{1,4})|(\d{1,2}):(\d{2}))$/;

const badValue = (column: string, value: string, detail: string, position: SourcePosition) =>
  new AdapterError(
    "EIX_ADAPTER_BAD_VALUE",
    { value: `${column}=${value}`, detail },
    { position: { ...position, field: column } },
  );

/** The instrument of a header: VIIRS names its channels bright_ti4/ti5, MODIS brightness/bright_t31. */
function instrumentOf(columns: readonly string[]): Instrument | undefined {
  if (columns.includes("bright_ti4") || columns.includes("bright_ti5")) return "VIIRS";
  if (columns.includes("brightness") || columns.includes("bright_t31")) return "MODIS";
  return undefined;
}

/** UTC acquisition time of `acq_date` + `acq_time`, or undefined when either is not a time. */
export function acquisitionTime(date: string, time: string): number | undefined {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return undefined;
  const hhmm = t[1] === undefined ? Number(t[2]) * 100 + Number(t[3]) : Number(t[1]);
  const hours = Math.floor(hhmm / 100);
  const minutes = hhmm % 100;
  if (hours > 23 || minutes > 59) return undefined;
  const ms = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), hours, minutes);
  // Date.UTC rolls 2020-02-30 over to March: a date that does not round-trip is not a date.
  return new Date(ms).toISOString().slice(0, 10) === date ? ms : undefined;
}

function confidenceOf(
  instrument: Instrument,
  text: string,
  position: SourcePosition,
): { percent?: number; cls: ConfidenceClass } {
  const word = CLASS_WORDS[text.toLowerCase()];
  if (word) return { cls: word };
  if (/^\d{1,3}$/.test(text) && Number(text) <= 100) return { percent: Number(text), cls: classOfPercent(Number(text)) };
  throw badValue("confidence", text, instrument === "MODIS" ? "expected 0–100" : "expected l/n/h or low/nominal/high", position);
}

function toHotspot(
  cells: string[],
  index: Readonly<Record<string, number>>,
  tableInstrument: Instrument,
  position: { row: number; line: number },
): Hotspot {
  const cell = (column: string) => (index[column] === undefined ? undefined : cells[index[column]]?.trim());
  const lat = Number(cell("latitude"));
  const lon = Number(cell("longitude"));
  if (!(cell("latitude") && Number.isFinite(lat) && Math.abs(lat) <= 90))
    throw badValue("latitude", cell("latitude") ?? "", "expected degrees -90..90", position);
  if (!(cell("longitude") && Number.isFinite(lon) && Math.abs(lon) <= 180))
    throw badValue("longitude", cell("longitude") ?? "", "expected degrees -180..180", position);
  const date = cell("acq_date") ?? "";
  const time = acquisitionTime(date, cell("acq_time") ?? "");
  if (time === undefined)
    throw badValue("acq_date", `${date} acq_time=${cell("acq_time") ?? ""}`, "expected YYYY-MM-DD and HHMM (UTC)", position);
  const named = cell("instrument")?.toUpperCase();
  const instrument: Instrument = named === "VIIRS" || named === "MODIS" ? named : tableInstrument;
  const confidence = confidenceOf(instrument, cell("confidence") ?? "", position);
  const frpText = cell("frp");
  const frp = frpText ? Number(frpText) : undefined;
  return {
    cells,
    lat,
    lon,
    time,
    instrument,
    percent: confidence.percent,
    confidence: confidence.cls,
    frp: frp !== undefined && Number.isFinite(frp) ? frp : undefined,
    row: position.row,
  };
}

/**
 * Bytes → FIRMS hotspots. The header names the columns (any order, extra columns kept); MODIS
 * or VIIRS is told by the brightness columns, per row by an `instrument` column when present.
 * Throws nothing: a malformed row is skipped with EIX_HOTSPOT_ROW_SKIPPED (its row and cause),
 * or refuses the payload with EIX_ADAPTER_BAD_VALUE when `badRows` is "refuse".
 */
export function readHotspots(
  bytes: Uint8Array,
  limits: { maxBytes?: number; maxMessages?: number } = {},
  badRows: BadRowPolicy = "skip",
): HotspotReading {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  if (bytes.byteLength > maxBytes)
    return {
      ok: false,
      error: new AdapterError("EIX_ADAPTER_TOO_LARGE", { value: String(bytes.byteLength), limit: String(maxBytes) }),
      issues: [],
    };
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, error: decoded.error, issues: [] };
  const issues = [...decoded.issues];
  const csv = readCsv(decoded.text.replace(/^\uFEFF/, ""));
  if (!csv.ok)
    return {
      ok: false,
      error: new AdapterError(
        "EIX_ADAPTER_BAD_VALUE",
        { value: `line ${csv.line}`, detail: csv.reason },
        { position: { line: csv.line } },
      ),
      issues,
    };
  const [header, ...rows] = csv.rows;
  const columns = header?.cells.map((cell) => cell.trim()) ?? [];
  const lower = columns.map((column) => column.toLowerCase());
  const missing = REQUIRED.filter((column) => !lower.includes(column));
  const instrument = instrumentOf(lower) ?? (lower.includes("instrument") ? "MODIS" : undefined);
  if (missing.length > 0 || instrument === undefined) {
    const detail = missing.length > 0 ? `no ${missing.join(", ")} column` : "neither MODIS nor VIIRS brightness columns";
    return {
      ok: false,
      error: new AdapterError("EIX_ADAPTER_WRONG_FORMAT", { detail: `not a FIRMS hotspot CSV: ${detail}` }),
      issues,
    };
  }
  const index = Object.fromEntries(lower.map((column, i) => [column, i]));
  const hotspots: Hotspot[] = [];
  const skipped = { count: 0 };
  for (const [i, row] of rows.entries()) {
    const position = { row: i + 1, line: row.line };
    try {
      if (row.cells.length !== columns.length)
        throw new AdapterError(
          "EIX_ADAPTER_BAD_VALUE",
          { value: `row ${i + 1}`, detail: `${row.cells.length} cells, the header has ${columns.length}` },
          { position },
        );
      hotspots.push(toHotspot(row.cells, index, instrument, position));
    } catch (error) {
      if (!AdapterError.is(error)) throw error;
      const refusal = skipOrRefuse(error, badRows, issues, skipped);
      if (refusal) return refusal;
    }
  }
  const allBad = finishSkipping(skipped, hotspots.length, issues);
  if (allBad) return allBad;
  return {
    ok: true,
    table: { layout: "firms", form: "csv", columns, instrument, charset: decoded.charset, hotspots },
    charset: decoded.charset,
    issues,
  };
}
