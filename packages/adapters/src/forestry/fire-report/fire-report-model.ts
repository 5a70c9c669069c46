// The verified forest-fire report (林火报告) as EIX reads and writes it in JSON and XML: the
// fire number, where and when it started, cause, losses (受害森林面积, 过火面积, deaths and
// serious injuries), forces deployed and the fire's status. Severity is never taken on trust:
// it is computed from the losses (see fire-grade.ts).

import type { ForestFireGrade } from "./fire-grade.js";

/** 初报, 续报, 终报. */
export type FireReportStage = "initial" | "update" | "final";

/** 明火 (open flame), 余火 (smouldering remnants), 扑灭 (extinguished). */
export type FireStatus = "open-flame" | "smouldering" | "extinguished";

export const STAGE_LABELS: Readonly<Record<string, FireReportStage>> = {
  initial: "initial",
  update: "update",
  final: "final",
  初报: "initial",
  首报: "initial",
  续报: "update",
  终报: "final",
};

export const STATUS_LABELS: Readonly<Record<string, FireStatus>> = {
  "open-flame": "open-flame",
  smouldering: "smouldering",
  extinguished: "extinguished",
  明火: "open-flame",
  余火: "smouldering",
  扑灭: "extinguished",
  已扑灭: "extinguished",
};

export const SEVERITY_LABELS: Readonly<Record<string, ForestFireGrade>> = {
  I: "I",
  II: "II",
  III: "III",
  IV: "IV",
  特别重大: "I",
  重大: "II",
  较大: "III",
  一般: "IV",
};

/** GB/T 35561 森林草原火灾 细类 a forest-fire report may carry; 11G01 境内森林火灾事件 by default. */
export const FOREST_FIRE_EVENT_TYPES = ["11G01", "11G02", "11G03", "11G04"] as const;
export const DEFAULT_FOREST_FIRE_EVENT_TYPE = "11G01";

export type UnitLevel = "national" | "provincial" | "municipal" | "county" | "township";

/** 扑救力量. */
export interface FireForces {
  readonly personnel?: number;
  readonly vehicles?: number;
  readonly aircraft?: number;
  /** 参战队伍 in words: 森林消防队伍, 专业扑火队, 半专业扑火队… */
  readonly description?: string;
}

export interface FireReport {
  /** This report's number; the canonical message id. */
  readonly reportId: string;
  /** 火场编号: the same on every report of the fire; the canonical incident id. */
  readonly fireNumber: string;
  readonly stage: FireReportStage;
  readonly sequence: number;
  readonly previousReportId?: string;
  readonly previousReportTime?: string;
  readonly title: string;
  readonly eventType: string;
  /** 起火时间, RFC 3339. */
  readonly ignitionTime: string;
  readonly discoveredTime?: string;
  readonly reportTime: string;
  readonly place: {
    readonly regionCode: string;
    readonly address?: string;
    /** WGS-84 decimal degrees. */
    readonly lat?: number;
    readonly lon?: number;
  };
  /** 起火原因. */
  readonly cause?: string;
  /** 受害森林面积, ha: what article 40 grades by. */
  readonly burnedForestHa: number;
  /** 过火面积, ha. */
  readonly burnedAreaHa?: number;
  readonly deaths: number;
  readonly seriousInjuries: number;
  readonly injured?: number;
  readonly forces?: FireForces;
  readonly status: FireStatus;
  /** The severity the report states, if it states one (kept; the computed grade is used). */
  readonly severity?: ForestFireGrade;
  readonly description?: string;
  readonly reportingUnit: {
    readonly unitId: string;
    readonly name: string;
    readonly regionCode: string;
    readonly level: UnitLevel;
  };
  readonly reporter?: { readonly name: string; readonly phone?: string; readonly role?: string };
}
