import { AdapterError } from "../../errors.js";
import type { ConfidenceClass } from "./hotspot-row.js";

/** The source options of the adapter (DecodeContext.options), read and checked. */
export interface HotspotOptions {
  /** Hotspots closer than this (great-circle km) and `clusterHours` belong to one candidate fire. */
  readonly clusterKm: number;
  readonly clusterHours: number;
  /** MODIS confidence (0–100) at or above which a hotspot may start a candidate fire. */
  readonly minModisConfidence: number;
  /** VIIRS confidence class at or above which a hotspot may start a candidate fire. */
  readonly minViirsConfidence: ConfidenceClass;
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
export function readHotspotOptions(options: Readonly<Record<string, unknown>> = {}): HotspotOptions {
  const { clusterKm, clusterHours, minConfidence } = options;
  const km = positive("clusterKm", clusterKm, 1.5);
  const hours = positive("clusterHours", clusterHours, 6);
  if (minConfidence === undefined) return { clusterKm: km, clusterHours: hours, minModisConfidence: 30, minViirsConfidence: "n" };
  if (typeof minConfidence === "number" && minConfidence >= 0 && minConfidence <= 100)
    return {
      clusterKm: km,
      clusterHours: hours,
      minModisConfidence: minConfidence,
      minViirsConfidence: classOfPercent(minConfidence),
    };
  const word = typeof minConfidence === "string" ? CLASS_WORDS[minConfidence.toLowerCase()] : undefined;
  if (!word) throw bad("minConfidence", `"${String(minConfidence)}": 0–100, or l/n/h (low/nominal/high)`);
  return { clusterKm: km, clusterHours: hours, minModisConfidence: CLASS_FLOOR[word], minViirsConfidence: word };
}
