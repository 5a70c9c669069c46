import type { AdapterIssue } from "../../contract.js";
import { AdapterError } from "../../errors.js";
import { FieldReader, type Tree } from "../../kit/report-fields.js";
import { readReportTree } from "../../kit/report-input.js";
import { fireReportIssue } from "./fire-report-errors.js";
import {
  DEFAULT_FOREST_FIRE_EVENT_TYPE,
  type FireReport,
  type FireReportStage,
  FOREST_FIRE_EVENT_TYPES,
  SEVERITY_LABELS,
  STAGE_LABELS,
  STATUS_LABELS,
  type UnitLevel,
} from "./fire-report-model.js";

/** The XML root element of a forest-fire report. */
export const FIRE_XML_ROOT = "forestFireReport";

export type FireInput =
  | { ok: true; report: FireReport; format: "json" | "xml"; charset: string; issues: AdapterIssue[] }
  | { ok: false; error: AdapterError; issues: AdapterIssue[] };

const LEVELS: Readonly<Record<string, UnitLevel>> = {
  national: "national",
  provincial: "provincial",
  municipal: "municipal",
  county: "county",
  township: "township",
};
const EVENT_TYPES: Readonly<Record<string, string>> = Object.fromEntries(FOREST_FIRE_EVENT_TYPES.map((code) => [code, code]));

const present = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

/**
 * 初报/续报/终报 as the report says; when it says nothing, a report that references an earlier
 * one is an update, or final once the fire is out (扑灭). Only a referencing report can be final.
 */
function stageOf(r: FieldReader, hasPrevious: boolean, extinguished: boolean): FireReportStage {
  const stated = r.label("/stage", STAGE_LABELS);
  if (stated !== undefined && stated !== "initial" && !hasPrevious)
    throw new AdapterError(
      "EIX_ADAPTER_MISSING_FIELD",
      { value: "/previousReportId" },
      { position: { at: "/previousReportId" } },
    );
  const stage = stated ?? (!hasPrevious ? "initial" : extinguished ? "final" : "update");
  if (extinguished && !hasPrevious)
    r.issues.push(fireReportIssue("EIX_FIRE_EXTINGUISHED_WITHOUT_REFERENCE", { value: stage }, { at: "/status" }));
  return stage;
}

function readReport(tree: Tree, issues: AdapterIssue[]): FireReport {
  const r = new FieldReader(tree, issues);
  const reportId = r.required("/reportId");
  const fireNumber = r.required("/fireNumber");
  const status = r.label("/status", STATUS_LABELS);
  if (status === undefined)
    throw new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: "/status" }, { position: { at: "/status" } });
  const previousReportId = r.text("/previousReportId");
  const stage = stageOf(r, previousReportId !== undefined, status === "extinguished");
  const sequence = r.count("/sequence") ?? (stage === "initial" ? 1 : undefined);
  if (sequence === undefined || sequence === 0)
    throw new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: "/sequence" }, { position: { at: "/sequence" } });
  const burnedForestHa = r.decimal("/burnedForestHa", 0);
  if (burnedForestHa === undefined)
    throw new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: "/burnedForestHa" }, { position: { at: "/burnedForestHa" } });
  const regionCode = r.required("/place/regionCode");
  const reporterName = r.text("/reporter/name");
  const forces = {
    ...present("personnel", r.count("/forces/personnel")),
    ...present("vehicles", r.count("/forces/vehicles")),
    ...present("aircraft", r.count("/forces/aircraft")),
    ...present("description", r.text("/forces/description")),
  };
  return {
    reportId,
    fireNumber,
    stage,
    sequence,
    ...present("previousReportId", previousReportId),
    ...present("previousReportTime", r.time("/previousReportTime")),
    title: r.text("/title") ?? `森林火灾（火场编号 ${fireNumber}）`,
    eventType: r.label("/eventType", EVENT_TYPES) ?? DEFAULT_FOREST_FIRE_EVENT_TYPE,
    ignitionTime: r.time("/ignitionTime", true),
    ...present("discoveredTime", r.time("/discoveredTime")),
    reportTime: r.time("/reportTime", true),
    place: {
      regionCode,
      ...present("address", r.text("/place/address")),
      ...present("lat", r.decimal("/place/lat", -90, 90)),
      ...present("lon", r.decimal("/place/lon", -180, 180)),
    },
    ...present("cause", r.text("/cause")),
    burnedForestHa,
    ...present("burnedAreaHa", r.decimal("/burnedAreaHa", 0)),
    deaths: r.count("/deaths") ?? 0,
    seriousInjuries: r.count("/seriousInjuries") ?? 0,
    ...present("injured", r.count("/injured")),
    ...(Object.keys(forces).length > 0 ? { forces } : {}),
    status,
    ...present("severity", r.label("/severity", SEVERITY_LABELS)),
    ...present("description", r.text("/description")),
    reportingUnit: {
      unitId: r.required("/reportingUnit/unitId"),
      name: r.required("/reportingUnit/name"),
      regionCode: r.required("/reportingUnit/regionCode"),
      level: r.label("/reportingUnit/level", LEVELS) ?? "county",
    },
    ...(reporterName
      ? {
          reporter: {
            name: reporterName,
            ...present("phone", r.text("/reporter/phone")),
            ...present("role", r.text("/reporter/role")),
          },
        }
      : {}),
  };
}

/**
 * Bytes → a forest-fire report: XML `<forestFireReport>` through the kit's hardened parser, or a
 * JSON object; UTF-8, or GB18030 detected by the kit. Field names are the same in both.
 */
export function readFireReport(bytes: Uint8Array, limits: { maxBytes?: number } = {}): FireInput {
  const input = readReportTree(bytes, FIRE_XML_ROOT, limits);
  if (!input.ok) return input;
  const { tree, format, charset, issues } = input;
  try {
    return { ok: true, report: readReport(tree, issues), format, charset, issues };
  } catch (error) {
    if (AdapterError.is(error)) return { ok: false, error, issues };
    throw error;
  }
}
