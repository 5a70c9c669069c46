import type { HubUnit } from "./route-model.js";

type UnitLevel = HubUnit["level"];

// Depth in the administrative hierarchy (层级): the national platform at the top.
const depthOfLevel: Readonly<Record<UnitLevel, number>> = {
  national: 0,
  provincial: 1,
  municipal: 2,
  county: 3,
  township: 4,
};

/** Depth of a level name, or undefined for a word that is not a unit level. */
export function levelDepth(level: string): number | undefined {
  return Object.hasOwn(depthOfLevel, level) ? depthOfLevel[level as UnitLevel] : undefined;
}

/** Whether `level` sits above `than` (a province above a city); unknown words are never below. */
export function isAboveLevel(level: string, than: string): boolean {
  const depth = levelDepth(level);
  const thanDepth = levelDepth(than);
  if (depth === undefined || thanDepth === undefined) return true;
  return depth < thanDepth;
}
