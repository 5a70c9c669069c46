import type { Envelope, IncidentReport, Unit } from "@eix/schema";
import type { AdapterIssue } from "../../contract.js";
import { AdapterError, adapterMessage } from "../../errors.js";
import { readTime } from "../../kit/time.js";
import { formatAddress } from "./address.js";
import { eventTypeOfClassifications, GENERIC_EVENT_TYPE } from "./keywords.js";
import { freeTextMasker, personsOf, withheldSummary } from "./personal-data.js";
import { ucri2Issue } from "./ucri2-issues.js";
import type { Ucri2Extension, Ucri2Incident, Ucri2Location } from "./ucri2-model.js";
import { POLICE_MEMBERS } from "./ucri2-shape.js";

export const INCIDENT_ID_PREFIX = "ucri2-";

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** UCRI2 times are RFC 3339 date-times: an offset is required (no Beijing time is assumed). */
export function ucri2Time(value: string, at: string): string {
  const reading = readTime(value);
  if (!reading.ok) throw new AdapterError("EIX_TIME_INVALID", { value }, { position: { at } });
  if (reading.assumedOffset)
    throw new AdapterError("EIX_ADAPTER_BAD_VALUE", { value: at, detail: "a date-time needs an offset" }, { position: { at } });
  return reading.value;
}

/** The canonical title: the tactical assessment (Sachverhalt), else the keywords, else the internal id. */
export function titleOf(ext: Pick<Ucri2Extension, "issue" | "classifications" | "internalId">, incidentId: string): string {
  return clip(ext.issue ?? (ext.classifications?.join(" ") || `UCRI2-Einsatz ${ext.internalId ?? incidentId}`), 300);
}

const without = <T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> => {
  const { [key]: _dropped, ...rest } = value;
  return rest;
};

/**
 * A checked UCRI2 incident → one canonical incident report. Persons become counts, never names,
 * numbers or addresses; free text has the incident's own personal data masked; what the model
 * has no place for goes to `extensions["public-security"].ucri2`.
 */
export function ucri2ToCanonical(incident: Ucri2Incident, sender: Unit | undefined, issues: AdapterIssue[]): Envelope {
  // UCRI2 is German and knows no GB/T 2260 region: the source configuration names it.
  if (sender?.regionCode === undefined)
    throw new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: "ctx.sender.regionCode (UCRI2 carries no GB/T 2260 region)" });
  const sentAt = ucri2Time(incident.sentByDispatcherAt, "/sentByDispatcherAt");
  const occurredAt = incident.startTimestamp ? ucri2Time(incident.startTimestamp, "/startTimestamp") : sentAt;
  const masker = freeTextMasker(personsOf(incident));
  const text = (value: string | undefined) => (value === undefined ? undefined : masker.mask(value));
  const location = incident.missionLocation;
  // The place itself is not masked (a caller's name may well be part of a street name); its
  // free-text remark is, like every other free text.
  const keptLocation: Omit<Ucri2Location, "coordinate"> = {
    ...without(location, "coordinate"),
    ...(location.additionalInformation === undefined
      ? {}
      : { additionalInformation: masker.mask(location.additionalInformation) }),
  };
  const eCall = incident.eCallData;
  const issue = text(incident.issue);
  const extension: Ucri2Extension = {
    profile: POLICE_MEMBERS.some((key) => incident[key] !== undefined) ? "incident_transfer_police" : "incident_transfer",
    ...(incident.internalId === undefined ? {} : { internalId: incident.internalId }),
    ...(incident.classifications ? { classifications: [...incident.classifications] } : {}),
    ...(issue === undefined ? {} : { issue }),
    ...(incident.flashingLights === undefined ? {} : { flashingLights: incident.flashingLights }),
    location: keptLocation,
    ...(incident.protocolRemarks
      ? {
          protocolRemarks: incident.protocolRemarks.map((remark, i) => ({
            ...remark,
            timestamp: ucri2Time(remark.timestamp, `/protocolRemarks/${i}/timestamp`),
            message: masker.mask(remark.message),
          })),
        }
      : {}),
    persons: {
      informers: incident.informers?.length ?? 0,
      accused: incident.accusedPersons?.length ?? 0,
      victims: incident.victimPersons?.length ?? 0,
    },
    ...(eCall ? { eCall: { ...without(eCall, "vin"), timestamp: ucri2Time(eCall.timestamp, "/eCallData/timestamp") } } : {}),
  };
  const withheld = withheldSummary(incident, masker.count());
  if (withheld.length > 0) issues.push(ucri2Issue("EIX_UCRI2_PERSONAL_DATA_WITHHELD", { detail: withheld.join(", ") }));

  const mapped = eventTypeOfClassifications(incident.classifications);
  if (mapped === undefined)
    issues.push({
      code: "EIX_ADAPTER_UNMAPPED",
      severity: "warning",
      message: adapterMessage("EIX_ADAPTER_UNMAPPED", {
        value: incident.classifications?.join(", ") ?? "(no classifications)",
        detail: `no GB/T 35561 event type for these keywords; ${GENERIC_EVENT_TYPE} is used`,
      }),
      position: { at: "/classifications" },
    });
  const incidentId = `${INCIDENT_ID_PREFIX}${incident.sharedIncidentId.toLowerCase()}`;
  const address = keptLocation.address ? formatAddress(keptLocation.address) : undefined;
  const description = text(incident.additionalInformation);
  const payload: IncidentReport = {
    incidentId,
    // One transfer of a series, decoded without history: the hub places it in the chain of its
    // incident (the first stays the initial report, later versions become updates, 续报).
    stage: "initial",
    sequence: 1,
    title: titleOf(extension, incidentId),
    eventType: mapped?.eventType ?? GENERIC_EVENT_TYPE,
    severity: "unknown",
    occurredAt,
    location: {
      regionCode: sender.regionCode,
      ...(address ? { address: clip(address, 500) } : {}),
      ...(location.coordinate ? { point: { lat: location.coordinate.lat, lon: location.coordinate.lon } } : {}),
    },
    source: { channel: "other", detail: clip(`UCRI2 ${extension.profile} ${incident.internalId ?? incidentId}`, 500) },
    ...(description ? { description: clip(description, 20000) } : {}),
    extensions: {
      "public-security": { ucri2: extension as unknown as Record<string, unknown> },
      eix: { placement: "follow-up" },
    },
  };
  return {
    // Stable per version of the incident: the same transfer sent again is the same message.
    id: `${incidentId}@${sentAt}`,
    schema: "eix/1",
    kind: "incident",
    sentAt,
    sender,
    status: "actual",
    classification: "internal",
    payload,
  } as Envelope;
}
