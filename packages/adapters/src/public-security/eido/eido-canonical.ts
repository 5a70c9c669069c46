import type { Casualties, Envelope, IncidentReport, Unit } from "@eix/schema";
import type { AdapterIssue } from "../../contract.js";
import { AdapterError, adapterMessage } from "../../errors.js";
import { sha256Hex } from "../../kit/digest.js";
import { readTime } from "../../kit/time.js";
import type { Eido, EidoExtension, EidoPlace } from "./eido-model.js";
import { eventTypeOfEido, GENERIC_EVENT_TYPE } from "./incident-types.js";
import { formatCivic, readPidfLo } from "./pidf-lo.js";
import { casualtiesOfRoles, GBT2260_URN, primaryPlace } from "./place-and-people.js";

function issue(
  code:
    | "EIX_EIDO_INCIDENT_TYPE_UNMAPPED"
    | "EIX_EIDO_REGION_FROM_SENDER"
    | "EIX_EIDO_LOCATION_UNREADABLE"
    | "EIX_EIDO_PERSONAL_DATA_WITHHELD"
    | "EIX_TIME_LOCAL_ASSUMED",
  params: Record<string, string>,
  at?: string,
): AdapterIssue {
  return { code, severity: "warning", message: adapterMessage(code, params), ...(at === undefined ? {} : { position: { at } }) };
}

function time(value: string, at: string, issues: AdapterIssue[]): string {
  const reading = readTime(value);
  if (!reading.ok) throw new AdapterError("EIX_TIME_INVALID", { value }, { position: { at } });
  if (reading.assumedOffset) issues.push(issue("EIX_TIME_LOCAL_ASSUMED", { value }, at));
  return reading.value;
}

/** Agents write notes in HTML5; the canonical description is plain text. */
function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(
      /&(lt|gt|quot|#39|nbsp|amp);/g,
      (_, e: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " ", amp: "&" })[e] ?? "",
    )
    .trim();
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const printable = /^[\x21-\x7E]{1,200}$/;

function places(eido: Eido, issues: AdapterIssue[]): { places: EidoPlace[]; regionCode?: string } {
  let regionCode: string | undefined;
  const list = (eido.locationComponent ?? []).map((location, i): EidoPlace => {
    const found = location.localIdentifier?.find((id) => id.startsWith(GBT2260_URN));
    if (found && regionCode === undefined) regionCode = found.slice(GBT2260_URN.length);
    let shape: Pick<EidoPlace, "civic" | "point"> = {};
    if (location.locationByValue !== undefined) {
      const reading = readPidfLo(location.locationByValue);
      if (reading.ok)
        shape = { ...(reading.civic ? { civic: reading.civic } : {}), ...(reading.point ? { point: reading.point } : {}) };
      else
        issues.push(
          issue("EIX_EIDO_LOCATION_UNREADABLE", { value: location.$id, detail: reading.reason }, `/locationComponent/${i}`),
        );
    }
    return {
      id: location.$id,
      type: location.locationTypeDescriptionRegistryText,
      ...shape,
      ...(location.locationDescriptionText ? { description: location.locationDescriptionText } : {}),
    };
  });
  return { places: list, ...(regionCode === undefined ? {} : { regionCode }) };
}

/** Names what personal data the EIDO carried and the canonical message leaves out. */
function withheld(eido: Eido): string[] {
  const what: string[] = [];
  if ((eido.personComponent ?? []).some((person) => "ncPersonComponent" in person)) what.push("person details");
  if (Array.isArray(eido.callbackComponent) && eido.callbackComponent.length > 0) what.push("call-back numbers");
  if (eido.updatedByAgentReference || (Array.isArray(eido.agentComponent) && eido.agentComponent.length > 0))
    what.push("agent identities");
  if (Array.isArray(eido.additionalDataComponent) && eido.additionalDataComponent.length > 0) what.push("additional data");
  if ((eido.locationComponent ?? []).some((location) => location.locationByReferenceUrl)) what.push("location dereference URLs");
  return what;
}

/**
 * A checked EIDO → one canonical incident report. Persons become counts by role (casualties),
 * never names or numbers; what the model has no place for goes to
 * `extensions["public-security"].eido`.
 */
export function eidoToCanonical(eido: Eido, sender: Unit | undefined, issues: AdapterIssue[]): Envelope {
  const sentAt = time(eido.lastUpdateTimeStamp, "/lastUpdateTimeStamp", issues);
  if (eido.$id.length > 200)
    throw new AdapterError(
      "EIX_ADAPTER_BAD_VALUE",
      { value: "/$id", detail: "longer than 200 characters" },
      { position: { at: "/$id" } },
    );
  const incident = eido.incidentComponent;
  const calls = (eido.callComponent ?? []).map((call, i) => ({
    id: call.$id,
    primaryCallType: call.standardPrimaryCallType,
    ...(call.standardSecondaryCallType ? { secondaryCallType: call.standardSecondaryCallType } : {}),
    direction: call.direction,
    start: time(call.callStartTimestamp, `/callComponent/${i}/callStartTimestamp`, issues),
    ...(call.answerDate ? { answer: time(call.answerDate, `/callComponent/${i}/answerDate`, issues) } : {}),
    state: call.callStateRegistryText,
    ...(call.queueIdentifier ? { queue: call.queueIdentifier } : {}),
    ...(call.priorityIdentifier ? { priority: call.priorityIdentifier } : {}),
  }));
  const { places: placeList, regionCode: eidoRegion } = places(eido, issues);
  const regionCode = eidoRegion ?? sender?.regionCode;
  if (regionCode === undefined) throw new AdapterError("EIX_EIDO_REGION_UNKNOWN");
  if (eidoRegion === undefined) issues.push(issue("EIX_EIDO_REGION_FROM_SENDER", { value: regionCode }));
  const persons = (eido.personComponent ?? []).map((person) => ({
    id: person.$id,
    roles: [...person.personIncidentRoleRegistryText],
  }));
  const typeCommon = incident?.incidentTypeCommonRegistryText;
  const mapped = typeCommon === undefined ? undefined : eventTypeOfEido(typeCommon);
  if (mapped === undefined)
    issues.push(
      issue(
        "EIX_EIDO_INCIDENT_TYPE_UNMAPPED",
        { value: typeCommon ?? "(no incidentComponent)", expected: GENERIC_EVENT_TYPE },
        "/incidentComponent",
      ),
    );
  const withheldData = withheld(eido);
  if (withheldData.length > 0) issues.push(issue("EIX_EIDO_PERSONAL_DATA_WITHHELD", { detail: withheldData.join(", ") }));

  const extension: EidoExtension = {
    eidoId: eido.$id,
    issuingElementIdentification: eido.issuingElementIdentification,
    updatedBy: eido.updatedByAgencyReference.$ref,
    agencies: eido.agencyComponent.map((agency) => ({
      id: agency.$id,
      types: [...(agency.agencyType ?? [])],
      roles: [...(agency.agencyRoleDescriptionRegistryText ?? [])],
    })),
    ...(incident
      ? {
          incident: {
            id: incident.$id,
            typeCommon: incident.incidentTypeCommonRegistryText,
            ...(incident.incidentTypeInternalCode ? { typeInternalCode: incident.incidentTypeInternalCode } : {}),
            ...(incident.incidentStatusCommonRegistryText
              ? { statusCommon: [...incident.incidentStatusCommonRegistryText] }
              : {}),
            ...(incident.incidentStatusInternalText ? { statusInternal: [...incident.incidentStatusInternalText] } : {}),
            ...(incident.internalIncidentId ? { internalIncidentId: incident.internalIncidentId } : {}),
            ...(incident.incidentPriorityInternalText ? { priorityInternalText: incident.incidentPriorityInternalText } : {}),
            ...(incident.incidentCommonPriorityNumber === undefined
              ? {}
              : { commonPriorityNumber: incident.incidentCommonPriorityNumber }),
            ...(incident.beatOrDispatchGroupText ? { beat: incident.beatOrDispatchGroupText } : {}),
          },
        }
      : {}),
    calls,
    places: placeList,
    persons,
    vehicles: (eido.vehicleComponent ?? []).map((vehicle, i) => ({
      id: vehicle.$id,
      relationships: [...vehicle.vehicleRelationshipType],
      since: time(vehicle.vehicleRelationshipTimeStamp, `/vehicleComponent/${i}/vehicleRelationshipTimeStamp`, issues),
    })),
  };

  const primary = primaryPlace(placeList, incident?.locationReference);
  // The primary place goes first in the extension, so the encoder finds it without the references.
  if (primary) placeList.splice(0, placeList.length, primary, ...placeList.filter((place) => place !== primary));
  const address = primary?.civic ? formatCivic(primary.civic) : primary?.description;
  const starts = calls.map((call) => call.start).sort((a, b) => Date.parse(a) - Date.parse(b));
  const answers = calls.flatMap((call) => (call.answer ? [call.answer] : [])).sort((a, b) => Date.parse(a) - Date.parse(b));
  const description = (eido.notesComponent ?? [])
    .map((note) => plainText(note.notesActionComments))
    .filter(Boolean)
    .join("\n\n");
  const casualties: Casualties = casualtiesOfRoles(persons);
  const firstCall = calls[0];
  const title =
    incident?.incidentTypeInternalText ??
    incident?.incidentTypeCommonRegistryText ??
    `EIDO ${firstCall?.primaryCallType ?? "incident"} call from ${eido.issuingElementIdentification}`;
  const payload: IncidentReport = {
    incidentId: eido.$id,
    // EIDO counts no reports and names no earlier message, and the model requires a reference for
    // an update or final report: every EIDO is an initial report; its status stays in the extension.
    stage: "initial",
    sequence: 1,
    title: clip(title, 300),
    eventType: mapped ?? GENERIC_EVENT_TYPE,
    severity: "unknown",
    occurredAt:
      starts[0] ??
      time(incident?.lastUpdateTimeStamp ?? eido.lastUpdateTimeStamp, "/incidentComponent/lastUpdateTimeStamp", issues),
    ...(answers[0] ? { discoveredAt: answers[0] } : {}),
    location: {
      regionCode,
      ...(address ? { address: clip(address, 500) } : {}),
      ...(primary?.point ? { point: primary.point } : {}),
    },
    source: {
      channel: calls.some((call) => call.direction === "incoming") ? "110" : "other",
      detail: clip(`NENA EIDO ${eido.issuingElementIdentification}`, 500),
    },
    ...(description ? { description: clip(description, 20000) } : {}),
    ...(Object.keys(casualties).length > 0 ? { casualties } : {}),
    extensions: { "public-security": { eido: extension as unknown as Record<string, unknown> } },
  };
  const unit: Unit = sender ?? {
    unitId: printable.test(eido.updatedByAgencyReference.$ref)
      ? eido.updatedByAgencyReference.$ref.slice(0, 64)
      : `eido-${sha256Hex(eido.updatedByAgencyReference.$ref).slice(0, 16)}`,
    name: clip(eido.updatedByAgencyReference.$ref, 100),
    department: "public-security",
    level: "county",
    regionCode,
  };
  const key = `${eido.$id}@${sentAt}`;
  return {
    id: printable.test(key) ? key : `eido-${sha256Hex(key)}`,
    schema: "eix/1",
    kind: "incident",
    sentAt,
    sender: unit,
    status: "actual",
    classification: "internal",
    payload,
  } as Envelope;
}
