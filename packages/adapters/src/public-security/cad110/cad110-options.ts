import type { Severity } from "@eix/schema";
import { AdapterError } from "../../errors.js";
import type { Datum } from "../../kit/coordinates.js";
import type { PersonalDataPolicy } from "./personal-data.js";

/** The source options of the adapter (DecodeContext.options), read and checked. */
export interface Cad110Options {
  /** Datum of ZDDWXZB/ZDDWYZB and SDDWXZB/SDDWYZB; undefined = not told (read as WGS-84). */
  readonly datum: Datum | undefined;
  readonly personalData: PersonalDataPolicy;
  /** Explicit 警情级别/灾害等级 value → severity, for the numbering this source uses. */
  readonly levels: Readonly<Record<string, Severity>>;
  /** Charset to decode with when the source says so out of band (Content-Type). */
  readonly charset: string | undefined;
  /** 案件状态 (AJZT) values that close the case: a hub places such a record as the final report (终报). */
  readonly closedStatuses: ReadonlySet<string>;
  /**
   * What 关联接警单编号 (GLJJDBH) means: "separate" (default) keeps each record its own incident;
   * "same-incident" makes a linked record (a repeat call) a follow-up of the incident it links to.
   */
  readonly linkedRecords: "separate" | "same-incident";
}

/**
 * AJZT values meaning the case is closed, as systems write them in words. Vendors' numeric
 * codes differ (one system's 40 is another's 90), so those come from the source's options.
 */
export const DEFAULT_CLOSED_STATUSES = ["结案", "已结案", "办结", "已办结", "处置完毕", "处理完毕", "已处置完毕"];

const DATUMS: Readonly<Record<string, Datum>> = { wgs84: "WGS84", gcj02: "GCJ02", bd09: "BD09" };
const SEVERITIES = new Set(["I", "II", "III", "IV", "unknown"]);

const bad = (name: string, detail: string) => new AdapterError("EIX_ADAPTER_BAD_VALUE", { value: `options.${name}`, detail });

/** Throws EIX_ADAPTER_BAD_VALUE for an option of the wrong kind. */
export function readCad110Options(options: Readonly<Record<string, unknown>> = {}): Cad110Options {
  const {
    datum,
    personalData = "drop",
    levels = {},
    charset,
    closedStatuses = DEFAULT_CLOSED_STATUSES,
    linkedRecords = "separate",
  } = options;
  let parsedDatum: Datum | undefined;
  if (datum !== undefined) {
    parsedDatum = typeof datum === "string" ? DATUMS[datum.toLowerCase().replace(/[-_]/g, "")] : undefined;
    if (!parsedDatum) throw bad("datum", `"${String(datum)}": wgs84, gcj02 or bd09`);
  }
  if (personalData !== "drop" && personalData !== "mask") throw bad("personalData", `"${String(personalData)}": drop or mask`);
  if (typeof levels !== "object" || levels === null || Object.values(levels).some((v) => !SEVERITIES.has(v as string)))
    throw bad("levels", "expected { value: I | II | III | IV | unknown }");
  if (charset !== undefined && typeof charset !== "string") throw bad("charset", "expected a charset label");
  if (linkedRecords !== "separate" && linkedRecords !== "same-incident")
    throw bad("linkedRecords", `"${String(linkedRecords)}": separate or same-incident`);
  if (!Array.isArray(closedStatuses) || closedStatuses.some((status) => typeof status !== "string"))
    throw bad("closedStatuses", 'expected a list of 案件状态 values, such as ["40", "结案"]');
  return {
    datum: parsedDatum,
    personalData,
    levels: levels as Record<string, Severity>,
    charset,
    closedStatuses: new Set((closedStatuses as string[]).map((status) => status.trim())),
    linkedRecords,
  };
}
