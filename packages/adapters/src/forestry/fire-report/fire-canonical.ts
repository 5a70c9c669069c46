import type { Envelope, IncidentReport, Reference, Unit } from "@eix/schema";
import type { AdapterIssue } from "../../contract.js";
import { AdapterError } from "../../errors.js";
import { type ForestFireGrade, GRADE_LABELS, gradeForestFire } from "./fire-grade.js";
import { fireReportIssue } from "./fire-report-errors.js";
import type { FireForces, FireReport, FireStatus, UnitLevel } from "./fire-report-model.js";

/** What `extensions.forestry.fireReport` holds: the report's fields the canonical model has no place for. */
export interface FireReportExtension {
  readonly fireReport: {
    readonly status: FireStatus;
    readonly burnedForestHa: number;
    readonly burnedAreaHa?: number;
    readonly forces?: FireForces;
    /** The grade computed by article 40, in words (一般/较大/重大/特别重大). */
    readonly gradeLabel: string;
    /** The severity the report stated, when it stated one. */
    readonly reportedSeverity?: ForestFireGrade;
    readonly reportingUnit: FireReport["reportingUnit"];
    /** The format the report came in; encode writes it back the same way. */
    readonly format: "json" | "xml";
    /** The charset it came in when not UTF-8 (a GB18030 system gets GB18030 back). */
    readonly charset?: "gb18030";
  };
}

const present = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

/** A warning when the report's stated severity is not the one its losses give. */
export function severityIssues(report: FireReport): AdapterIssue[] {
  const computed = gradeForestFire(report);
  if (report.severity === undefined || report.severity === computed) return [];
  return [
    fireReportIssue(
      "EIX_FIRE_SEVERITY_MISMATCH",
      { value: `${report.severity} ${GRADE_LABELS[report.severity]}`, expected: `${computed} ${GRADE_LABELS[computed]}` },
      { at: "/severity" },
    ),
  ];
}

/** The forest-fire report → a canonical incident of the forestry department, graded by article 40. */
export function fireToCanonical(
  report: FireReport,
  format: "json" | "xml",
  sender: Unit | undefined,
  charset = "utf-8",
): Envelope {
  const grade = gradeForestFire(report);
  const { place } = report;
  const extension: FireReportExtension = {
    fireReport: {
      status: report.status,
      burnedForestHa: report.burnedForestHa,
      ...present("burnedAreaHa", report.burnedAreaHa),
      ...present("forces", report.forces),
      gradeLabel: GRADE_LABELS[grade],
      ...present("reportedSeverity", report.severity),
      reportingUnit: report.reportingUnit,
      format,
      ...(charset === "gb18030" ? { charset } : {}),
    },
  };
  const payload: IncidentReport = {
    incidentId: report.fireNumber,
    stage: report.stage,
    sequence: report.sequence,
    title: report.title,
    eventType: report.eventType,
    severity: grade,
    occurredAt: report.ignitionTime,
    ...present("discoveredAt", report.discoveredTime),
    location: {
      regionCode: place.regionCode,
      ...present("address", place.address),
      ...(place.lat !== undefined && place.lon !== undefined ? { point: { lat: place.lat, lon: place.lon } } : {}),
    },
    source: { channel: "report", detail: "林火报告 verified forest-fire report" },
    ...present("cause", report.cause),
    ...present("description", report.description),
    casualties: { deaths: report.deaths, seriouslyInjured: report.seriousInjuries, ...present("injured", report.injured) },
    ...(report.reporter ? { contacts: [report.reporter] } : {}),
    extensions: { forestry: extension as unknown as Record<string, unknown> },
  };
  const references: Reference[] = report.previousReportId
    ? [{ id: report.previousReportId, ...present("sentAt", report.previousReportTime), relation: "updates" }]
    : [];
  return {
    id: report.reportId,
    schema: "eix/1",
    kind: "incident",
    sentAt: report.reportTime,
    sender: sender ?? { ...report.reportingUnit, department: "forestry" },
    status: "actual",
    classification: "internal",
    ...(references.length > 0 ? { references } : {}),
    payload,
  } as Envelope;
}

const LEVELS = new Set(["national", "provincial", "municipal", "county", "township"]);

/**
 * A canonical incident → a forest-fire report, and the format to write it in. An incident that
 * did not come from one gets status from its stage (final → 扑灭, else 明火) and 0 ha.
 */
export function canonicalToFire(message: Envelope): { report: FireReport; format: "json" | "xml"; charset: string } {
  if (message.kind !== "incident") throw new AdapterError("EIX_ADAPTER_UNSUPPORTED_KIND", { value: message.kind });
  const incident = message.payload;
  const ext = (incident.extensions?.forestry as Partial<FireReportExtension> | undefined)?.fireReport;
  const reference = message.references?.[0];
  const { sender } = message;
  const point = incident.location.point;
  const contact = incident.contacts?.[0];
  const report: FireReport = {
    reportId: message.id,
    fireNumber: incident.incidentId,
    stage: incident.stage,
    sequence: incident.sequence,
    ...present("previousReportId", reference?.id),
    ...present("previousReportTime", reference?.sentAt),
    title: incident.title,
    eventType: incident.eventType,
    ignitionTime: incident.occurredAt,
    ...present("discoveredTime", incident.discoveredAt),
    reportTime: message.sentAt,
    place: {
      regionCode: incident.location.regionCode,
      ...present("address", incident.location.address),
      ...(point ? { lat: point.lat, lon: point.lon } : {}),
    },
    ...present("cause", incident.cause),
    burnedForestHa: ext?.burnedForestHa ?? 0,
    ...present("burnedAreaHa", ext?.burnedAreaHa),
    deaths: incident.casualties?.deaths ?? 0,
    seriousInjuries: incident.casualties?.seriouslyInjured ?? 0,
    ...present("injured", incident.casualties?.injured),
    ...present("forces", ext?.forces),
    status: ext?.status ?? (incident.stage === "final" ? "extinguished" : "open-flame"),
    ...present("severity", ext?.reportedSeverity),
    ...present("description", incident.description),
    reportingUnit: ext?.reportingUnit ?? {
      unitId: sender.unitId,
      name: sender.name,
      regionCode: sender.regionCode,
      level: (LEVELS.has(sender.level) ? sender.level : "county") as UnitLevel,
    },
    ...(contact
      ? { reporter: { name: contact.name, ...present("phone", contact.phone), ...present("role", contact.role) } }
      : {}),
  };
  return { report, format: ext?.format ?? "json", charset: ext?.charset ?? "utf-8" };
}
