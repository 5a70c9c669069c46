// The event report of the public-health emergency direct-reporting network (突发公共卫生事件
// 网络直报 · 事件报告), as EIX reads and writes it in JSON and XML. The field set follows the
// report card of the national reporting rules (初次/进程/结案报告, 订正): what happened, where,
// when the first case fell ill, cases and deaths, measures, and who reports. Names of
// patients never appear on an event report; the reporter is a member of staff.

/** 初次报告, 进程报告, 结案报告, and a 订正 (correction) of an earlier report. */
export type PheReportKind = "initial" | "progress" | "final" | "correction";

/** Chinese labels the direct-reporting system and its exports use, read as the kinds above. */
export const REPORT_KIND_LABELS: Readonly<Record<string, PheReportKind>> = {
  initial: "initial",
  progress: "progress",
  final: "final",
  correction: "correction",
  初次报告: "initial",
  初次: "initial",
  首次报告: "initial",
  进程报告: "progress",
  进程: "progress",
  结案报告: "final",
  结案: "final",
  订正报告: "correction",
  订正: "correction",
};

/** 事件级别: graded by the public-health emergency plan, or not yet graded (未分级). */
export const LEVEL_LABELS: Readonly<Record<string, "I" | "II" | "III" | "IV" | "unknown">> = {
  I: "I",
  II: "II",
  III: "III",
  IV: "IV",
  特别重大: "I",
  重大: "II",
  较大: "III",
  一般: "IV",
  未分级: "unknown",
  unknown: "unknown",
};

export interface PheReport {
  /** This report's number (报告编号); the canonical message id. */
  readonly reportId: string;
  /** The event's number (事件编号), the same on every report of the event. */
  readonly eventId: string;
  readonly reportKind: PheReportKind;
  /** 1 for the initial report, then 2, 3… */
  readonly sequence: number;
  /** The report this one follows or corrects. */
  readonly previousReportId?: string;
  readonly previousReportTime?: string;
  readonly eventName: string;
  /** GB/T 35561 event type (13A02 霍乱流行事件, 13B03 食物中毒 …). */
  readonly eventType: string;
  readonly disease?: { readonly icd10?: string; readonly name?: string };
  readonly level: "I" | "II" | "III" | "IV" | "unknown";
  /** First case's onset (首例发病时间), RFC 3339. */
  readonly onsetTime: string;
  /** When the event was discovered or first reported to the health system (发现/接报时间). */
  readonly discoveredTime?: string;
  readonly reportTime: string;
  readonly place: {
    readonly regionCode: string;
    readonly address?: string;
    /** 发生场所: 学校, 医疗机构, 工地, 家庭… */
    readonly placeType?: string;
    readonly lat?: number;
    readonly lon?: number;
  };
  readonly cases: number;
  readonly deaths: number;
  readonly exposed?: number;
  readonly closeContacts?: number;
  readonly description?: string;
  readonly measures?: string;
  readonly reportingUnit: {
    readonly unitId: string;
    readonly name: string;
    readonly regionCode: string;
    readonly level: "national" | "provincial" | "municipal" | "county" | "township";
  };
  readonly reporter?: { readonly name: string; readonly phone?: string; readonly role?: string };
}
