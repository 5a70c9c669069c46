import type { Envelope, IncidentReport } from "@eix/schema";
import { AdapterError } from "../../errors.js";
import { escapeXml } from "../../kit/xml.js";
import { EIDO_VERSION, type EidoExtension, type EidoPlace } from "./eido-model.js";
import { eidoTypeOfEvent, eventTypeOfEido, GENERIC_EVENT_TYPE } from "./incident-types.js";
import { formatCivic, writePidfLo } from "./pidf-lo.js";
import { GBT2260_URN, primaryPlace, ROLE_OF_COUNT } from "./place-and-people.js";

/** At most this many persons are written per casualty count of a message that did not come from an EIDO. */
const MAX_PERSONS_PER_COUNT = 500;
const CIVIC_NAME = /^[A-Za-z][\w.-]{0,31}$/;
const CLOSED = /^(closed|complete|completed|cleared|resolved)$/i;

const ref = ($ref: string) => ({ $ref });

function extensionOf(report: IncidentReport): EidoExtension | undefined {
  const eido = (report.extensions?.["public-security"] as { eido?: EidoExtension } | undefined)?.eido;
  return eido && typeof eido.eidoId === "string" && Array.isArray(eido.places) ? eido : undefined;
}

/** The places to write: those kept, the primary one brought in line with the canonical location. */
function placesFor(
  report: IncidentReport,
  kept: readonly EidoPlace[],
  incidentId: string,
): { places: EidoPlace[]; primaryId?: string } {
  const { address, point } = report.location;
  const places = [...kept];
  let primary = primaryPlace(places);
  if (!primary && (address || point)) {
    primary = { id: `${incidentId}#location`, type: "Incident" };
    places.unshift(primary);
  }
  if (!primary) return { places };
  const civic = primary.civic && formatCivic(primary.civic) === address ? primary.civic : undefined;
  const { civic: _civic, point: _point, description, ...rest } = primary;
  const keepDescription = description !== undefined && (civic !== undefined || description === address);
  const updated: EidoPlace = {
    ...rest,
    ...(civic ? { civic } : address && !keepDescription ? { civic: { country: "CN", LOC: address } } : {}),
    ...(point ? { point } : {}),
    ...(keepDescription ? { description } : {}),
  };
  places[places.indexOf(primary)] = updated;
  return { places, primaryId: updated.id };
}

/**
 * A canonical incident → an EIDO (NENA-STA-021.1b, version 1.0). An incident decoded from an
 * EIDO is written from its extension with the canonical fields laid over it; any other incident
 * gets an incident component, a location and persons for its casualty counts. Only incidents
 * can be written.
 */
export function canonicalToEido(message: Envelope): Record<string, unknown> {
  if (message.kind !== "incident") throw new AdapterError("EIX_ADAPTER_UNSUPPORTED_KIND", { value: message.kind });
  const report = message.payload;
  const ext = extensionOf(report);
  const eidoId = ext?.eidoId ?? report.incidentId;
  const at = message.sentAt;
  const agencies = ext?.agencies.length
    ? ext.agencies
    : [{ id: message.sender.unitId, types: ["psap"], roles: ["CallReceiving"] }];
  const updater = ext?.updatedBy ?? agencies[0]?.id ?? message.sender.unitId;
  const prologue = ($id: string) => ({ $id, lastUpdateTimeStamp: at, updatedByAgencyReference: ref(updater) });
  const { places, primaryId } = placesFor(report, ext?.places ?? [], eidoId);
  const persons =
    ext?.persons ??
    Object.entries(ROLE_OF_COUNT).flatMap(([count, role]) =>
      Array.from(
        { length: Math.min(report.casualties?.[count as keyof typeof ROLE_OF_COUNT] ?? 0, MAX_PERSONS_PER_COUNT) },
        (_, i) => ({
          id: `${eidoId}#person-${count}-${i + 1}`,
          roles: [role],
        }),
      ),
    );
  const notesId = `${eidoId}#notes`;
  const keptType = ext?.incident?.typeCommon;
  const typeCommon =
    keptType && (eventTypeOfEido(keptType) ?? GENERIC_EVENT_TYPE) === report.eventType
      ? keptType
      : eidoTypeOfEvent(report.eventType);
  const keptStatus = ext?.incident?.statusCommon ?? [];
  const status = report.stage === "final" && !keptStatus.some((s) => CLOSED.test(s)) ? [...keptStatus, "Closed"] : keptStatus;
  const kept = ext?.incident;
  const incident =
    kept || !ext
      ? {
          ...prologue(kept?.id ?? `${eidoId}#incident`),
          incidentTypeCommonRegistryText: typeCommon,
          ...(kept?.typeInternalCode ? { incidentTypeInternalCode: kept.typeInternalCode } : {}),
          incidentTypeInternalText: report.title,
          ...(status.length > 0 ? { incidentStatusCommonRegistryText: status } : {}),
          ...(kept?.statusInternal ? { incidentStatusInternalText: kept.statusInternal } : {}),
          ...(kept?.internalIncidentId ? { internalIncidentId: kept.internalIncidentId } : {}),
          ...(kept?.priorityInternalText ? { incidentPriorityInternalText: kept.priorityInternalText } : {}),
          ...(kept?.commonPriorityNumber === undefined ? {} : { incidentCommonPriorityNumber: kept.commonPriorityNumber }),
          ...(kept?.beat ? { beatOrDispatchGroupText: kept.beat } : {}),
          ...(places.length > 0
            ? {
                locationReference: [...places.filter((p) => p.id === primaryId), ...places.filter((p) => p.id !== primaryId)].map(
                  (p) => ref(p.id),
                ),
              }
            : {}),
          ...(persons.length > 0 ? { personReference: persons.map((p) => ref(p.id)) } : {}),
          ...(ext?.vehicles.length ? { vehicleReference: ext.vehicles.map((v) => ref(v.id)) } : {}),
          ...(report.description ? { notesReference: [ref(notesId)] } : {}),
        }
      : undefined;
  return {
    ...prologue(eidoId),
    eidoVersion: EIDO_VERSION,
    issuingElementIdentification: ext?.issuingElementIdentification ?? message.sender.unitId,
    ...(incident ? { incidentComponent: incident } : {}),
    ...(ext?.calls.length
      ? {
          callComponent: ext.calls.map((call) => ({
            ...prologue(call.id),
            ...(call.queue ? { queueIdentifier: call.queue } : {}),
            standardPrimaryCallType: call.primaryCallType,
            ...(call.secondaryCallType ? { standardSecondaryCallType: call.secondaryCallType } : {}),
            direction: call.direction,
            ...(call.priority ? { priorityIdentifier: call.priority } : {}),
            callStartTimestamp: call.start,
            ...(call.answer ? { answerDate: call.answer } : {}),
            callStateRegistryText: call.state,
          })),
        }
      : {}),
    ...(report.description
      ? { notesComponent: [{ ...prologue(notesId), notesActionComments: escapeXml(report.description) }] }
      : {}),
    agencyComponent: agencies.map((agency) => ({
      ...prologue(agency.id),
      agencyRoleDescriptionRegistryText: agency.roles,
      agencyType: agency.types,
    })),
    ...(places.length > 0
      ? {
          locationComponent: places.map((place) => {
            const civic =
              place.civic && Object.fromEntries(Object.entries(place.civic).filter(([name]) => CIVIC_NAME.test(name)));
            const shape = { ...place, ...(civic ? { civic } : {}) };
            return {
              ...prologue(place.id),
              locationTypeDescriptionRegistryText: place.type,
              ...(place.civic || place.point ? { locationByValue: writePidfLo(shape) } : {}),
              ...(place.description ? { locationDescriptionText: place.description } : {}),
              ...(place.id === primaryId ? { localIdentifier: [`${GBT2260_URN}${report.location.regionCode}`] } : {}),
            };
          }),
        }
      : {}),
    ...(persons.length > 0
      ? { personComponent: persons.map((person) => ({ ...prologue(person.id), personIncidentRoleRegistryText: person.roles })) }
      : {}),
    ...(ext?.vehicles.length
      ? {
          vehicleComponent: ext.vehicles.map((vehicle) => ({
            ...prologue(vehicle.id),
            vehicleRelationshipType: vehicle.relationships,
            vehicleRelationshipTimeStamp: vehicle.since,
          })),
        }
      : {}),
    "@context": { "@vocab": "./JSON-LD_Contexts/EmergencyIncidentDataObjectType.jsonld" },
  };
}
