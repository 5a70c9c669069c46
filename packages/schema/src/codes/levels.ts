import type { Severity, WarningLevel } from "../generated/model.js";

/** Incident severity with its Chinese grade (事件分级). I is the highest. */
export const severityNames: Readonly<Record<Severity, { zh: string; en: string }>> = {
  I: { zh: "特别重大", en: "extraordinarily serious" },
  II: { zh: "重大", en: "serious" },
  III: { zh: "较大", en: "relatively serious" },
  IV: { zh: "一般", en: "ordinary" },
  unknown: { zh: "未定级", en: "not yet graded" },
};

/**
 * Warning colours (预警级别) and their adjectives, which differ from the incident grades:
 * 特别严重/严重/较重/一般.
 */
export const warningLevelNames: Readonly<Record<WarningLevel, { zh: string; adjective: string; grade: string }>> = {
  red: { zh: "红色", adjective: "特别严重", grade: "I" },
  orange: { zh: "橙色", adjective: "严重", grade: "II" },
  yellow: { zh: "黄色", adjective: "较重", grade: "III" },
  blue: { zh: "蓝色", adjective: "一般", grade: "IV" },
};

export type CapSeverity = "Extreme" | "Severe" | "Moderate" | "Minor" | "Unknown";

/** CAP severity word ↔ warning colour; mapped explicitly, never by position. */
export const capSeverityByLevel: Readonly<Record<WarningLevel, CapSeverity>> = {
  red: "Extreme",
  orange: "Severe",
  yellow: "Moderate",
  blue: "Minor",
};

export function levelForCapSeverity(word: CapSeverity): WarningLevel | undefined {
  for (const [level, cap] of Object.entries(capSeverityByLevel)) if (cap === word) return level as WarningLevel;
  return undefined;
}
