import { findRegionsByName, lookupRegion, parseJsonInput, type RegionLevel, regionLevel } from "@eix/schema";
import type { AdapterIssue } from "../../contract.js";
import { AdapterError, type SourcePosition } from "../../errors.js";
import { decodeText } from "../../kit/charset.js";
import { readTime } from "../../kit/time.js";
import { readCsv } from "../../public-security/cad110/csv.js";
import {
  BULLETIN_COLUMNS,
  BULLETIN_REQUIRED,
  type BulletinField,
  bulletinFieldOf,
  continuityOf,
  landTypeOf,
  verificationOf,
} from "./bulletin-words.js";
import { hotspotIssue } from "./hotspot-issues.js";
import { type ConfidenceClass, compareText, type Hotspot } from "./hotspot-row.js";
import { type BadRowPolicy, finishSkipping, type HotspotReading, skipOrRefuse } from "./read-hotspots.js";

/** The label of the layout in sourceFormat and in a fire's extension. */
export const BULLETIN_LAYOUT = "卫星林火监测热点通报";

// JSON bulletins come as an array of records or an object holding one under a key such as these.
const MAX_JSON_KEYS = 256;
const BULLETIN_FIELD_ORDER = Object.keys(BULLETIN_COLUMNS);
const LIST_KEYS = ["热点", "热点列表", "热点信息", "hotspots", "data", "records", "rows", "list"];

const badValue = (field: string, value: string, detail: string, position: SourcePosition) =>
  new AdapterError("EIX_ADAPTER_BAD_VALUE", { value: `${field}=${value}`, detail }, { position: { ...position, field } });

// 126.53, 126.53E, 126°31′48″E, 126°31'48"E, 东经126.53: decimal degrees or degrees-minutes-seconds.
const DMS =
  /^(?:(东经|西经|北纬|南纬))?\s*(\d{1,3}(?:\.\d+)?)(?:°\s*(?:(\d{1,2}(?:\.\d+)?)\s*[′']\s*)?(?:(\d{1,2}(?:\.\d+)?)\s*(?:″|"|''|’’)\s*)?)?\s*([NSEW])?$/i;

/** Degrees from a bulletin's 经度/纬度 cell, or undefined when it is not a coordinate. */
export function readDegrees(text: string, axis: "lat" | "lon"): number | undefined {
  const trimmed = text.trim();
  // Decimal only: Number() would also take 0x50 and 1e2.
  if (/^[+-]?\d+(?:\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const m = DMS.exec(trimmed);
  if (!m) return undefined;
  const [minutes, seconds] = [Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (minutes >= 60 || seconds >= 60) return undefined;
  const value = Number(m[2]) + minutes / 60 + seconds / 3600;
  const hemisphere = (m[1] ?? m[5] ?? "").toUpperCase();
  const negative = hemisphere === "S" || hemisphere === "W" || hemisphere === "南纬" || hemisphere === "西经";
  const fitsAxis =
    hemisphere === "" || (axis === "lat" ? ["N", "S", "北纬", "南纬"] : ["E", "W", "东经", "西经"]).includes(hemisphere);
  return fitsAxis ? (negative ? -value : value) : undefined;
}

// 2024年3月15日14时25分 → 2024-3-15 14:25; other forms go to readTime as written.
function normalizeTime(text: string): string {
  return text
    .trim()
    .replace(/^(\d{4})年(\d{1,2})月(\d{1,2})日\s*/, "$1-$2-$3 ")
    .replace(
      /(\d{1,2})时(\d{1,2})分(?:(\d{1,2})秒)?$/,
      (_, h, m, s) => `${h}:${m.padStart(2, "0")}${s ? `:${s.padStart(2, "0")}` : ""}`,
    )
    .trim();
}

/** Observation time (观测时间, Beijing time unless it carries an offset), ms since the epoch. */
export function readObservationTime(text: string): number | undefined {
  const reading = readTime(normalizeTime(text));
  return reading.ok ? Date.parse(reading.value) : undefined;
}

/**
 * A region of `level` named by code or name: a 6-digit code in the table, or one unambiguous
 * name of that level within `within` (吉林 in the 省 column is the province, not the city).
 */
function regionOf(text: string, within: string | undefined, level: RegionLevel): string | undefined {
  const value = text.trim();
  if (value === "") return undefined;
  if (/^\d{6}$/.test(value)) return lookupRegion(value) ? value : undefined;
  const codes = findRegionsByName(value, within).filter((code) => regionLevel(code) === level);
  return codes.length === 1 ? codes[0] : undefined;
}

/**
 * The confidence a bulletin gives a hotspot, which it does not write as a number: a fire
 * confirmed on the ground (核查结果) or seen on consecutive passes (是否连续 = 是) is high; an
 * unconfirmed hotspot of 3 pixels (像元数) or more is nominal, of 1 or 2 low; without a pixel
 * count there is no evidence either way, and it is nominal.
 */
export function bulletinConfidence(
  verification: ReturnType<typeof verificationOf>,
  continuous: boolean | undefined,
  pixels: number | undefined,
): ConfidenceClass {
  if (verification === "not-fire") return "l";
  if (verification === "fire" || continuous === true) return "h";
  return pixels === undefined || pixels >= 3 ? "n" : "l";
}

interface PlaceNames {
  readonly unknown: Set<string>;
}

function toBulletinHotspot(
  cells: readonly string[],
  fields: ReadonlyMap<BulletinField, number>,
  position: { row: number; line?: number },
  places: PlaceNames,
): Hotspot {
  const cell = (field: BulletinField) => {
    const i = fields.get(field);
    return i === undefined ? "" : (cells[i] ?? "").trim();
  };
  if (cell("id") === "") throw badValue("热点编号", "", "a hotspot needs its number", position);
  const lat = readDegrees(cell("lat"), "lat");
  const lon = readDegrees(cell("lon"), "lon");
  if (lat === undefined || Math.abs(lat) > 90) throw badValue("纬度", cell("lat"), "expected degrees -90..90", position);
  if (lon === undefined || Math.abs(lon) > 180) throw badValue("经度", cell("lon"), "expected degrees -180..180", position);
  const time = readObservationTime(cell("time"));
  if (time === undefined)
    throw badValue("观测时间", cell("time"), "expected a date and time such as 2024-03-15 14:25 (Beijing time)", position);
  const pixelsText = cell("pixels");
  const pixels = pixelsText === "" ? undefined : Number(pixelsText);
  if (pixels !== undefined && !(Number.isInteger(pixels) && pixels > 0))
    throw badValue("像元数", pixelsText, "expected a whole number of pixels > 0", position);
  const verification = verificationOf(cell("verification"));
  const continuous = continuityOf(cell("continuous"));
  const provinceCode = regionOf(cell("province"), undefined, "province");
  const cityCode = regionOf(cell("city"), provinceCode, "municipal");
  const countyCode = regionOf(cell("county"), cityCode ?? provinceCode, "county");
  for (const [field, code] of [
    ["province", provinceCode],
    ["city", cityCode],
    ["county", countyCode],
  ] as const)
    if (code === undefined && cell(field) !== "") places.unknown.add(cell(field));
  return {
    cells,
    lat,
    lon,
    time,
    instrument: cell("satellite") || "卫星",
    percent: undefined,
    confidence: bulletinConfidence(verification, continuous, pixels),
    frp: undefined,
    row: position.row,
    landType: landTypeOf(cell("landType")),
    ...(verification === "not-fire" ? { dismissed: true } : {}),
    ...(countyCode && countyCode !== cityCode ? { countyCode } : {}),
    ...(provinceCode || countyCode ? { provinceCode: `${(provinceCode ?? countyCode ?? "").slice(0, 2)}0000` } : {}),
  };
}

type Table = { columns: string[]; rows: { cells: string[]; line?: number }[] };

function fromCsv(text: string): Table | AdapterError {
  const csv = readCsv(text);
  if (!csv.ok)
    return new AdapterError(
      "EIX_ADAPTER_BAD_VALUE",
      { value: `line ${csv.line}`, detail: csv.reason },
      { position: { line: csv.line } },
    );
  const [header, ...rows] = csv.rows;
  return { columns: header?.cells.map((c) => c.trim()) ?? [], rows: rows.map((r) => ({ cells: r.cells, line: r.line })) };
}

const cellText = (value: unknown) =>
  value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);

function fromJson(value: unknown): Table | AdapterError {
  let list: unknown = value;
  if (list && typeof list === "object" && !Array.isArray(list)) {
    const record = list as Record<string, unknown>;
    const key = LIST_KEYS.find((k) => Array.isArray(record[k])) ?? Object.keys(record).find((k) => Array.isArray(record[k]));
    list = key === undefined ? undefined : record[key];
  }
  if (!Array.isArray(list) || list.some((r) => !r || typeof r !== "object" || Array.isArray(r)))
    return new AdapterError("EIX_ADAPTER_WRONG_FORMAT", {
      detail: "not a hotspot bulletin: expected an array of hotspot records, or an object holding one",
    });
  const keys = new Set<string>();
  for (const record of list as Record<string, unknown>[])
    for (const key of Object.keys(record)) {
      keys.add(key);
      // Every record is spread over every key: a bulletin has a dozen; thousands are an attack.
      if (keys.size > MAX_JSON_KEYS)
        return new AdapterError("EIX_ADAPTER_TOO_LARGE", {
          value: "distinct keys of the hotspot records",
          limit: String(MAX_JSON_KEYS),
        });
    }
  // The bulletin's fields in their order, then any others by name: the records' order and the
  // order of their keys do not change the columns, so the same hotspots give the same messages.
  const rank = (key: string) => {
    const field = bulletinFieldOf(key);
    return field === undefined ? Number.MAX_SAFE_INTEGER : BULLETIN_FIELD_ORDER.indexOf(field);
  };
  const columns = [...keys].sort((a, b) => rank(a) - rank(b) || compareText(a, b));
  const rows = (list as Record<string, unknown>[]).map((record) => ({ cells: columns.map((c) => cellText(record[c])) }));
  return { columns, rows };
}

/**
 * Bytes → the hotspots of a Chinese bulletin (CSV with a header, or JSON records), UTF-8 or
 * GB18030. Column names are matched by their usual spellings (bulletin-words.ts); other
 * columns are kept. A malformed row is skipped with EIX_HOTSPOT_ROW_SKIPPED (or refuses the
 * payload when `badRows` is "refuse").
 */
export function readBulletin(bytes: Uint8Array, limits: { maxBytes?: number }, badRows: BadRowPolicy): HotspotReading {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, error: decoded.error, issues: [] };
  const issues: AdapterIssue[] = [...decoded.issues];
  const text = decoded.text.replace(/^\uFEFF/, "");
  const first = text.trimStart()[0];
  let form: "csv" | "json" = "csv";
  let table: Table | AdapterError;
  if (first === "[" || first === "{") {
    form = "json";
    const parsed = parseJsonInput(new TextEncoder().encode(text), limits);
    if (!parsed.ok)
      return {
        ok: false,
        error: new AdapterError("EIX_ADAPTER_WRONG_FORMAT", { detail: parsed.issue.message.en }),
        issues,
      };
    table = fromJson(parsed.value);
  } else table = fromCsv(text);
  if (table instanceof AdapterError) return { ok: false, error: table, issues };
  const fields = new Map<BulletinField, number>();
  table.columns.forEach((column, i) => {
    const field = bulletinFieldOf(column);
    if (field && !fields.has(field)) fields.set(field, i);
  });
  const missing = BULLETIN_REQUIRED.filter((field) => !fields.has(field));
  // An empty JSON list names no keys: a bulletin with no hotspot, not a wrong format.
  if (missing.length > 0 && !(form === "json" && table.rows.length === 0))
    return {
      ok: false,
      error: new AdapterError("EIX_ADAPTER_WRONG_FORMAT", {
        detail: `not a hotspot bulletin: no column for ${missing.join(", ")} (热点编号, 观测时间, 经度, 纬度)`,
      }),
      issues,
    };
  const places: PlaceNames = { unknown: new Set() };
  const skipped = { count: 0 };
  const hotspots: Hotspot[] = [];
  for (const [i, row] of table.rows.entries()) {
    const position = { row: i + 1, ...(row.line === undefined ? {} : { line: row.line }) };
    try {
      if (form === "csv" && row.cells.length !== table.columns.length)
        throw new AdapterError(
          "EIX_ADAPTER_BAD_VALUE",
          { value: `row ${i + 1}`, detail: `${row.cells.length} cells, the header has ${table.columns.length}` },
          { position },
        );
      hotspots.push(toBulletinHotspot(row.cells, fields, position, places));
    } catch (error) {
      if (!AdapterError.is(error)) throw error;
      const refusal = skipOrRefuse(error, badRows, issues, skipped);
      if (refusal) return refusal;
    }
  }
  if (places.unknown.size > 0)
    issues.push(
      hotspotIssue("EIX_HOTSPOT_PLACE_UNKNOWN", {
        value: [...places.unknown].slice(0, 5).join("、") + (places.unknown.size > 5 ? ` …（${places.unknown.size}）` : ""),
      }),
    );
  const allBad = finishSkipping(skipped, hotspots.length, issues);
  if (allBad) return allBad;
  return {
    ok: true,
    table: { layout: "bulletin", form, columns: table.columns, instrument: BULLETIN_LAYOUT, charset: decoded.charset, hotspots },
    charset: decoded.charset,
    issues,
  };
}
