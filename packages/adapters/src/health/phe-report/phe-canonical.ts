import type { Envelope, IncidentReport, Reference, Unit } from "@eix/schema";
import { AdapterError } from "../../errors.js";
import { notifiableDisease } from "../notifiable-diseases.js";
import type { PheReport, PheReportKind } from "./phe-model.js";

/**
 * What `extensions.health` holds for an incident from an event report: the fields the
 * canonical model has no place for, and the reporting deadline that applies.
 */
export interface PheExtension {
  readonly phe: {
    readonly reportKind: PheReportKind;
    readonly disease?: { readonly icd10?: string; readonly name?: string };
    readonly placeType?: string;
    readonly exposed?: number;
    readonly closeContacts?: number;
    readonly reportingUnit: PheReport["reportingUnit"];
    /**
     * Hours after discovery within which the report is due: 2 for every public-health
     * emergency (to the county health authority) — the same as for class A diseases.
     */
    readonly reportWithinHours: number;
  };
}

const stageOf: Record<PheReportKind, IncidentReport["stage"]> = {
  initial: "initial",
  progress: "update",
  correction: "update",
  final: "final",
};

/** A public-health emergency is reported within 2 h; a known disease cannot make it later. */
const PHE_REPORT_HOURS = 2;

/** The event report → a canonical incident report of the health department. */
export function pheToCanonical(report: PheReport, sender: Unit | undefined): Envelope {
  const unit: Unit = sender ?? {
    unitId: report.reportingUnit.unitId,
    name: report.reportingUnit.name,
    department: "health",
    level: report.reportingUnit.level,
    regionCode: report.reportingUnit.regionCode,
  };
  const disease = report.disease?.icd10 ? notifiableDisease(report.disease.icd10) : undefined;
  const { place } = report;
  const extension: PheExtension = {
    phe: {
      reportKind: report.reportKind,
      ...(report.disease ? { disease: report.disease } : {}),
      ...(place.placeType ? { placeType: place.placeType } : {}),
      ...(report.exposed === undefined ? {} : { exposed: report.exposed }),
      ...(report.closeContacts === undefined ? {} : { closeContacts: report.closeContacts }),
      reportingUnit: report.reportingUnit,
      reportWithinHours: Math.min(PHE_REPORT_HOURS, disease?.reportWithinHours ?? PHE_REPORT_HOURS),
    },
  };
  const payload: IncidentReport = {
    incidentId: report.eventId,
    stage: stageOf[report.reportKind],
    sequence: report.sequence,
    title: report.eventName,
    eventType: report.eventType,
    severity: report.level,
    occurredAt: report.onsetTime,
    ...(report.discoveredTime ? { discoveredAt: report.discoveredTime } : {}),
    location: {
      regionCode: place.regionCode,
      ...(place.address ? { address: place.address } : {}),
      ...(place.lat !== undefined && place.lon !== undefined ? { point: { lat: place.lat, lon: place.lon } } : {}),
    },
    source: { channel: "report", detail: "突发公共卫生事件网络直报 public-health emergency direct report" },
    ...(report.description ? { description: report.description } : {}),
    casualties: { sick: report.cases, deaths: report.deaths },
    ...(report.measures ? { measures: report.measures } : {}),
    ...(report.reporter ? { contacts: [report.reporter] } : {}),
    extensions: { health: extension as unknown as Record<string, unknown> },
  };
  const references: Reference[] = report.previousReportId
    ? [
        {
          id: report.previousReportId,
          ...(report.previousReportTime ? { sentAt: report.previousReportTime } : {}),
          relation: report.reportKind === "correction" ? "corrects" : "updates",
        },
      ]
    : [];
  return {
    id: report.reportId,
    schema: "eix/1",
    kind: "incident",
    sentAt: report.reportTime,
    sender: unit,
    status: "actual",
    classification: "internal",
    ...(references.length > 0 ? { references } : {}),
    payload,
  } as Envelope;
}

const LEVELS = new Set(["national", "provincial", "municipal", "county", "township"]);

/**
 * A canonical incident → an event report. Incidents that did not come from one get the
 * report kind of their stage and the sender as reporting unit. Other kinds cannot be written.
 */
export function canonicalToPhe(message: Envelope): PheReport {
  if (message.kind !== "incident") throw new AdapterError("EIX_ADAPTER_UNSUPPORTED_KIND", { value: message.kind });
  const report = message.payload;
  const phe = (report.extensions?.health as Partial<PheExtension> | undefined)?.phe;
  const reference = message.references?.[0];
  const { sender } = message;
  const reportKind: PheReportKind =
    phe?.reportKind ?? (report.stage === "initial" ? "initial" : report.stage === "final" ? "final" : "progress");
  const contact = report.contacts?.[0];
  const point = report.location.point;
  return {
    reportId: message.id,
    eventId: report.incidentId,
    reportKind,
    sequence: report.sequence,
    ...(reference ? { previousReportId: reference.id } : {}),
    ...(reference?.sentAt ? { previousReportTime: reference.sentAt } : {}),
    eventName: report.title,
    eventType: report.eventType,
    ...(phe?.disease ? { disease: phe.disease } : {}),
    level: report.severity,
    onsetTime: report.occurredAt,
    ...(report.discoveredAt ? { discoveredTime: report.discoveredAt } : {}),
    reportTime: message.sentAt,
    place: {
      regionCode: report.location.regionCode,
      ...(report.location.address ? { address: report.location.address } : {}),
      ...(phe?.placeType ? { placeType: phe.placeType } : {}),
      ...(point ? { lat: point.lat, lon: point.lon } : {}),
    },
    cases: report.casualties?.sick ?? 0,
    deaths: report.casualties?.deaths ?? 0,
    ...(phe?.exposed === undefined ? {} : { exposed: phe.exposed }),
    ...(phe?.closeContacts === undefined ? {} : { closeContacts: phe.closeContacts }),
    ...(report.description ? { description: report.description } : {}),
    ...(report.measures ? { measures: report.measures } : {}),
    reportingUnit: phe?.reportingUnit ?? {
      unitId: sender.unitId,
      name: sender.name,
      regionCode: sender.regionCode,
      level: (LEVELS.has(sender.level) ? sender.level : "county") as PheReport["reportingUnit"]["level"],
    },
    ...(contact
      ? {
          reporter: {
            name: contact.name,
            ...(contact.phone ? { phone: contact.phone } : {}),
            ...(contact.role ? { role: contact.role } : {}),
          },
        }
      : {}),
  };
}
