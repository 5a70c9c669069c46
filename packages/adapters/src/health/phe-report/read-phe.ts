import type { AdapterIssue } from "../../contract.js";
import { AdapterError } from "../../errors.js";
import { FieldReader, type Tree } from "../../kit/report-fields.js";
import { readReportTree } from "../../kit/report-input.js";
import { LEVEL_LABELS, type PheReport, REPORT_KIND_LABELS } from "./phe-model.js";

/** The XML root element of an event report. */
export const PHE_XML_ROOT = "pheEventReport";

export type PheInput =
  | { ok: true; report: PheReport; format: "json" | "xml"; charset: string; issues: AdapterIssue[] }
  | { ok: false; error: AdapterError; issues: AdapterIssue[] };

const LEVELS = {
  national: "national",
  provincial: "provincial",
  municipal: "municipal",
  county: "county",
  township: "township",
} as const;

function readReport(tree: Tree, issues: AdapterIssue[]): PheReport {
  const r = new FieldReader(tree, issues);
  const reportKind = r.requiredLabel("/reportKind", REPORT_KIND_LABELS);
  const sequence = r.count("/sequence") ?? (reportKind === "initial" ? 1 : undefined);
  if (sequence === undefined)
    throw new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: "/sequence" }, { position: { at: "/sequence" } });
  const icd10 = r.text("/disease/icd10");
  const diseaseName = r.text("/disease/name");
  const previousReportId = r.text("/previousReportId");
  const previousReportTime = r.time("/previousReportTime");
  const address = r.text("/place/address");
  const placeType = r.text("/place/placeType");
  const lat = r.decimal("/place/lat");
  const lon = r.decimal("/place/lon");
  const exposed = r.count("/exposed");
  const closeContacts = r.count("/closeContacts");
  const description = r.text("/description");
  const measures = r.text("/measures");
  const discoveredTime = r.time("/discoveredTime");
  const reporterName = r.text("/reporter/name");
  const phone = r.text("/reporter/phone");
  const role = r.text("/reporter/role");
  return {
    reportId: r.required("/reportId"),
    eventId: r.required("/eventId"),
    reportKind,
    sequence,
    ...(previousReportId ? { previousReportId } : {}),
    ...(previousReportTime ? { previousReportTime } : {}),
    eventName: r.required("/eventName"),
    eventType: r.required("/eventType"),
    ...(icd10 || diseaseName ? { disease: { ...(icd10 ? { icd10 } : {}), ...(diseaseName ? { name: diseaseName } : {}) } } : {}),
    level: r.text("/level") === undefined ? "unknown" : r.requiredLabel("/level", LEVEL_LABELS),
    onsetTime: r.time("/onsetTime", true),
    ...(discoveredTime ? { discoveredTime } : {}),
    reportTime: r.time("/reportTime", true),
    place: {
      regionCode: r.required("/place/regionCode"),
      ...(address ? { address } : {}),
      ...(placeType ? { placeType } : {}),
      ...(lat === undefined ? {} : { lat }),
      ...(lon === undefined ? {} : { lon }),
    },
    cases: r.count("/cases") ?? 0,
    deaths: r.count("/deaths") ?? 0,
    ...(exposed === undefined ? {} : { exposed }),
    ...(closeContacts === undefined ? {} : { closeContacts }),
    ...(description ? { description } : {}),
    ...(measures ? { measures } : {}),
    reportingUnit: {
      unitId: r.required("/reportingUnit/unitId"),
      name: r.required("/reportingUnit/name"),
      regionCode: r.required("/reportingUnit/regionCode"),
      level: r.requiredLabel("/reportingUnit/level", LEVELS),
    },
    ...(reporterName ? { reporter: { name: reporterName, ...(phone ? { phone } : {}), ...(role ? { role } : {}) } } : {}),
  };
}

/**
 * Bytes → an event report: JSON (UTF-8, or GB18030 detected) or XML `<pheEventReport>` with
 * the same field names as elements. Missing or malformed fields are coded errors with the
 * JSON pointer of the field.
 */
export function readPheReport(bytes: Uint8Array, limits: { maxBytes?: number } = {}): PheInput {
  const input = readReportTree(bytes, PHE_XML_ROOT, limits);
  if (!input.ok) return input;
  const { tree, format, charset, issues } = input;
  try {
    return { ok: true, report: readReport(tree, issues), format, charset, issues };
  } catch (error) {
    if (AdapterError.is(error)) return { ok: false, error, issues };
    throw error;
  }
}
