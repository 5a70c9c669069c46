import { AdapterError } from "../../errors.js";
import type { ConfidenceClass, LandType } from "./hotspot-row.js";
import type { BadRowPolicy } from "./read-hotspots.js";

/** Per land type, the least confidence that may start a candidate fire; "never" keeps it an observation. */
export type LandTypeThresholds = Readonly<Record<LandType, ConfidenceClass | "never">>;

/**
 * Bulletin defaults: any hotspot on forest or grassland starts a candidate fire (the point of
 * the bulletin is that each one gets verified); farmland and other land need a nominal one, so a
 * lone unconfirmed pixel of farmland burning (农事用火) stays an observation.
 */
export const DEFAULT_LAND_TYPE_THRESHOLDS: LandTypeThresholds = { forest: "l", grassland: "l", farmland: "n", other: "n" };

const LAND_TYPE_KEYS: Readonly<Record<string, LandType>> = {
  forest: "forest",
  林地: "forest",
  grassland: "grassland",
  草地: "grassland",
  farmland: "farmland",
  农田: "farmland",
  耕地: "farmland",
  other: "other",
  其他: "other",
};

/** The source options of the adapter (DecodeContext.options), read and checked. */
export interface HotspotOptions {
  /** Hotspots closer than this (great-circle km) and `clusterHours` belong to one candidate fire. */
  readonly clusterKm: number;
  readonly clusterHours: number;
  /** MODIS confidence (0–100) at or above which a hotspot may start a candidate fire. */
  readonly minModisConfidence: number;
  /** VIIRS confidence class at or above which a hotspot may start a candidate fire. */
  readonly minViirsConfidence: ConfidenceClass;
  /** Bulletin hotspots: the threshold by 地类 (FIRMS rows have no land type and use the above). */
  readonly landTypeMinConfidence: LandTypeThresholds;
  readonly badRows: BadRowPolicy;
  /** A county seat farther than this from a fire's centroid is not taken as its county. */
  readonly countySeatKm: number;
}

const CLASS_WORDS: Readonly<Record<string, ConfidenceClass>> = {
  l: "l",
  low: "l",
  n: "n",
  nominal: "n",
  h: "h",
  high: "h",
};
// FIRMS MODIS guidance: low < 30 ≤ nominal < 80 ≤ high; a class threshold is the class's floor.
const CLASS_FLOOR: Readonly<Record<ConfidenceClass, number>> = { l: 0, n: 30, h: 80 };

/** The VIIRS class a MODIS percentage falls in (FIRMS: low < 30 ≤ nominal < 80 ≤ high). */
export function classOfPercent(percent: number): ConfidenceClass {
  return percent < 30 ? "l" : percent < 80 ? "n" : "h";
}

const bad = (name: string, detail: string) => new AdapterError("EIX_ADAPTER_BAD_VALUE", { value: `options.${name}`, detail });

function positive(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) throw bad(name, "expected a number > 0");
  return value;
}

/**
 * Throws EIX_ADAPTER_BAD_VALUE for an option of the wrong kind. `minConfidence` is a MODIS
 * percentage (VIIRS uses the class it falls in) or a class word (MODIS uses the class floor).
 */
const OPTION_NAMES = ["clusterKm", "clusterHours", "minConfidence", "landTypeMinConfidence", "badRows", "countySeatKm"];

export function readHotspotOptions(options: Readonly<Record<string, unknown>> = {}): HotspotOptions {
  // A misspelt option would otherwise be silently ignored (clusterKM for clusterKm).
  const unknown = Object.keys(options).find((name) => !OPTION_NAMES.includes(name));
  if (unknown !== undefined) throw bad(unknown, `not an option of forestry.hotspots (${OPTION_NAMES.join(", ")})`);
  const { clusterKm, clusterHours, minConfidence, landTypeMinConfidence, badRows, countySeatKm } = options;
  if (badRows !== undefined && badRows !== "skip" && badRows !== "refuse")
    throw bad("badRows", `"${String(badRows)}": skip or refuse`);
  const common = {
    clusterKm: positive("clusterKm", clusterKm, 1.5),
    clusterHours: positive("clusterHours", clusterHours, 6),
    landTypeMinConfidence: readLandTypeThresholds(landTypeMinConfidence),
    badRows: (badRows ?? "skip") as BadRowPolicy,
    countySeatKm: positive("countySeatKm", countySeatKm, 60),
  };
  if (minConfidence === undefined) return { ...common, minModisConfidence: 30, minViirsConfidence: "n" };
  if (typeof minConfidence === "number" && minConfidence >= 0 && minConfidence <= 100)
    return { ...common, minModisConfidence: minConfidence, minViirsConfidence: classOfPercent(minConfidence) };
  const word = typeof minConfidence === "string" ? CLASS_WORDS[minConfidence.toLowerCase()] : undefined;
  if (!word) throw bad("minConfidence", `"${String(minConfidence)}": 0–100, or l/n/h (low/nominal/high)`);
  return { ...common, minModisConfidence: CLASS_FLOOR[word], minViirsConfidence: word };
}

/** `{ farmland: "h", 其他: "never" }` over the defaults; keys in English or Chinese. */
function readLandTypeThresholds(value: unknown): LandTypeThresholds {
  if (value === undefined) return DEFAULT_LAND_TYPE_THRESHOLDS;
  if (!value || typeof value !== "object" || Array.isArray(value))
    throw bad("landTypeMinConfidence", 'expected an object such as { farmland: "h" }');
  const thresholds: Record<LandType, ConfidenceClass | "never"> = { ...DEFAULT_LAND_TYPE_THRESHOLDS };
  for (const [key, level] of Object.entries(value)) {
    const landType = LAND_TYPE_KEYS[key.toLowerCase()];
    if (!landType)
      throw bad(`landTypeMinConfidence.${key}`, "a land type: forest/林地, grassland/草地, farmland/农田, other/其他");
    const word = typeof level === "string" ? (level === "never" ? "never" : CLASS_WORDS[level.toLowerCase()]) : undefined;
    if (!word) throw bad(`landTypeMinConfidence.${key}`, `"${String(level)}": l/n/h (low/nominal/high) or never`);
    thresholds[landType] = word;
  }
  return thresholds;
}
