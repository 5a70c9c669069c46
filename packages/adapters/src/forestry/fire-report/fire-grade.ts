// Forest-fire grading by the Forest Fire Prevention Regulations (森林防火条例, 2008), article 40.
// "以上" includes the number, "以下" excludes it; whichever of the three criteria reaches the
// highest grade decides.

export type ForestFireGrade = "I" | "II" | "III" | "IV";

export interface ForestFireLosses {
  /** 受害森林面积 in hectares. */
  readonly burnedForestHa: number;
  /** 死亡人数. */
  readonly deaths: number;
  /** 重伤人数. */
  readonly seriousInjuries: number;
}

/** 特别重大 I, 重大 II, 较大 III, 一般 IV. */
export const GRADE_LABELS: Readonly<Record<ForestFireGrade, string>> = { I: "特别重大", II: "重大", III: "较大", IV: "一般" };

/** Lower bounds of 较大, 重大 and 特别重大 for each criterion, in that order. */
const THRESHOLDS = {
  burnedForestHa: [1, 100, 1000],
  deaths: [3, 10, 30],
  seriousInjuries: [10, 50, 100],
} as const satisfies Record<keyof ForestFireLosses, readonly [number, number, number]>;

const BY_RANK: readonly ForestFireGrade[] = ["IV", "III", "II", "I"];

function rank(value: number, bounds: readonly number[]): number {
  return bounds.filter((bound) => value >= bound).length;
}

/**
 * The grade of a forest fire (森林火灾等级). A fire with no forest damage and no casualties is
 * still 一般 (IV): the regulations have no grade below it.
 */
export function gradeForestFire(losses: ForestFireLosses): ForestFireGrade {
  const highest = Math.max(
    rank(losses.burnedForestHa, THRESHOLDS.burnedForestHa),
    rank(losses.deaths, THRESHOLDS.deaths),
    rank(losses.seriousInjuries, THRESHOLDS.seriousInjuries),
  );
  return BY_RANK[highest] ?? "I";
}
