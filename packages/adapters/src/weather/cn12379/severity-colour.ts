import { type CapSeverity, capSeverityByLevel, levelForCapSeverity, type WarningLevel } from "@eix/schema";
import { capitalize } from "./vocabulary.js";

/**
 * 12379 `severity` holds the warning colour (预警级别), not CAP's severity word. Read in any
 * case, in English or Chinese; CAP's own words are accepted too, since some publishers copy
 * them. CAP severity is derived from the colour (red ↔ Extreme … blue ↔ Minor), explicitly.
 */
const colours: Readonly<Record<string, WarningLevel>> = Object.assign(Object.create(null) as Record<string, WarningLevel>, {
  red: "red",
  orange: "orange",
  yellow: "yellow",
  blue: "blue",
  红色: "red",
  橙色: "orange",
  黄色: "yellow",
  蓝色: "blue",
});

export type SeverityReading =
  | { readonly ok: true; readonly level?: WarningLevel; readonly capSeverity: CapSeverity }
  | { readonly ok: false };

export function readSeverity(word: string): SeverityReading {
  const lower = word.toLowerCase();
  const level = colours[lower];
  if (level) return { ok: true, level, capSeverity: capSeverityByLevel[level] };
  const cap = capitalize(lower);
  if (cap === "Unknown") return { ok: true, capSeverity: "Unknown" };
  if (cap === "Extreme" || cap === "Severe" || cap === "Moderate" || cap === "Minor") {
    const fromCap = levelForCapSeverity(cap);
    return fromCap ? { ok: true, level: fromCap, capSeverity: cap } : { ok: false };
  }
  return { ok: false };
}

/**
 * The colour word with a capital initial (`Blue`). Without a level, the CAP word decides
 * (`Unknown` is written as such); nothing at all leaves the element empty.
 */
export function writeSeverity(level: WarningLevel | undefined, capSeverity: CapSeverity | undefined): string | undefined {
  const colour = level ?? (capSeverity === undefined || capSeverity === "Unknown" ? undefined : levelForCapSeverity(capSeverity));
  if (colour) return capitalize(colour);
  return capSeverity === "Unknown" ? "Unknown" : undefined;
}
