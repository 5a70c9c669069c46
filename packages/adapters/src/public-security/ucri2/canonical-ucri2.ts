import type { Envelope, IncidentReport } from "@eix/schema";
import { AdapterError } from "../../errors.js";
import { sha256Hex } from "../../kit/digest.js";
import { formatAddress } from "./address.js";
import { eventTypeOfClassifications, GENERIC_EVENT_TYPE, keywordOfEventType } from "./keywords.js";
import { WITHHELD } from "./personal-data.js";
import { INCIDENT_ID_PREFIX, titleOf } from "./ucri2-canonical.js";
import type { Ucri2Address, Ucri2Extension, Ucri2Location, Ucri2Notification } from "./ucri2-model.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function extensionOf(report: IncidentReport): Ucri2Extension | undefined {
  const ucri2 = (report.extensions?.["public-security"] as { ucri2?: Ucri2Extension } | undefined)?.ucri2;
  return ucri2 && typeof ucri2.profile === "string" && typeof ucri2.persons === "object" ? ucri2 : undefined;
}

/**
 * The UUID UCRI2 requires: the one in an id EIX made (`ucri2-<uuid>`), else one derived from the
 * incident id (SHA-256, laid out as a version-8 UUID), so every report of an incident gets the same.
 */
export function sharedIncidentIdOf(incidentId: string): string {
  const own = incidentId.slice(INCIDENT_ID_PREFIX.length);
  if (incidentId.startsWith(INCIDENT_ID_PREFIX) && UUID.test(own)) return own;
  const hex = sha256Hex(incidentId);
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The address to write: the kept one while the canonical text still says it, else the text as street. */
function addressFor(report: IncidentReport, kept: Ucri2Address | undefined): Ucri2Address | undefined {
  const text = report.location.address;
  if (kept && formatAddress(kept) === text) return kept;
  if (text) return { street: text };
  // UCRI2 needs a coordinate or an address: with neither, the region is all EIX knows.
  return report.location.point
    ? undefined
    : { street: "unbekannt", additionalInformation: `GB/T 2260 ${report.location.regionCode}` };
}

const placeholders = (count: number) => Array.from({ length: count }, () => ({ name: WITHHELD }));

/** Casualty counts have no UCRI2 member: a message that did not come from UCRI2 says them in a remark. */
function casualtyRemark(report: IncidentReport, at: string): Ucri2Notification[] {
  const c = report.casualties;
  if (!c) return [];
  const parts = (
    [
      ["Tote", c.deaths],
      ["Verletzte", c.injured],
      ["davon schwer", c.seriouslyInjured],
      ["Vermisste", c.missing],
      ["Eingeschlossene", c.trapped],
    ] as const
  ).flatMap(([label, n]) => (n === undefined ? [] : [`${label}: ${n}`]));
  return parts.length ? [{ timestamp: at, message: parts.join(", "), category: "eix-casualties" }] : [];
}

/**
 * A canonical incident → a UCRI2 incident (incident_transfer 1.0, or the police profile when it
 * came from one). An incident decoded from UCRI2 is written from its extension with the canonical
 * fields laid over it; persons are written as withheld placeholders, one per person counted, so
 * the counts survive. Only incidents can be written.
 */
export function canonicalToUcri2(message: Envelope): Record<string, unknown> {
  if (message.kind !== "incident") throw new AdapterError("EIX_ADAPTER_UNSUPPORTED_KIND", { value: message.kind });
  const report = message.payload;
  const ext = extensionOf(report);
  const sharedIncidentId = sharedIncidentIdOf(report.incidentId);
  const keptType = ext?.classifications;
  const classifications =
    keptType && (eventTypeOfClassifications(keptType)?.eventType ?? GENERIC_EVENT_TYPE) === report.eventType
      ? keptType
      : [keywordOfEventType(report.eventType)];
  const issue = ext && titleOf(ext, report.incidentId) === report.title ? ext.issue : report.title;
  const { address: keptAddress, ...keptLocation } = ext?.location ?? {};
  const address = addressFor(report, keptAddress);
  const point = report.location.point;
  const missionLocation: Ucri2Location = {
    ...(point ? { coordinate: { lat: point.lat, lon: point.lon } } : {}),
    ...(address ? { address } : {}),
    ...keptLocation,
  };
  const remarks = [...(ext?.protocolRemarks ?? []), ...(ext ? [] : casualtyRemark(report, message.sentAt))];
  const police = ext?.profile === "incident_transfer_police";
  const persons = ext?.persons ?? { informers: 0, accused: 0, victims: 0 };
  return {
    sharedIncidentId,
    ...(ext?.internalId === undefined ? {} : { internalId: ext.internalId }),
    ...(report.description ? { additionalInformation: report.description } : {}),
    sentByDispatcherAt: message.sentAt,
    ...(persons.informers > 0 ? { informers: placeholders(persons.informers) } : {}),
    ...(remarks.length > 0 ? { protocolRemarks: remarks } : {}),
    startTimestamp: report.occurredAt,
    classifications: [...classifications],
    ...(issue === undefined ? {} : { issue }),
    ...(ext?.flashingLights === undefined ? {} : { flashingLights: ext.flashingLights }),
    missionLocation,
    ...(police && persons.accused > 0 ? { accusedPersons: placeholders(persons.accused) } : {}),
    ...(police && persons.victims > 0 ? { victimPersons: placeholders(persons.victims) } : {}),
    ...(police && ext?.eCall ? { eCallData: ext.eCall } : {}),
  };
}
