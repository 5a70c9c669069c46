/**
 * The subset of NENA EIDO (NENA-STA-021.1b, `EmergencyIncidentDataObjectType` of the OpenAPI
 * schema) that EIX reads and writes. Field names are EIDO's; what EIX never reads (agents,
 * callbacks, additional data, NIEM person/vehicle details) is typed loosely on purpose.
 */
export interface EidoReference {
  readonly $ref: string;
}

/** The prologue every data component starts with. */
export interface EidoPrologue {
  readonly $id: string;
  readonly lastUpdateTimeStamp: string;
  readonly updatedByAgencyReference: EidoReference;
  readonly updatedByAgentReference?: EidoReference;
}

export interface EidoIncident extends EidoPrologue {
  readonly incidentTypeCommonRegistryText: string;
  readonly incidentTypeInternalCode?: string;
  readonly incidentTypeInternalText?: string;
  readonly incidentStatusCommonRegistryText?: readonly string[];
  readonly incidentStatusInternalText?: readonly string[];
  readonly internalIncidentId?: string;
  readonly incidentPriorityInternalText?: string;
  readonly incidentCommonPriorityNumber?: number;
  readonly beatOrDispatchGroupText?: string;
  readonly locationReference?: readonly EidoReference[];
  readonly personReference?: readonly EidoReference[];
  readonly vehicleReference?: readonly EidoReference[];
  readonly notesReference?: readonly EidoReference[];
}

export interface EidoCall extends EidoPrologue {
  readonly standardPrimaryCallType: string;
  readonly standardSecondaryCallType?: string;
  readonly direction: "incoming" | "outgoing" | "internal";
  readonly callStartTimestamp: string;
  readonly answerDate?: string;
  readonly callStateRegistryText: string;
  readonly queueIdentifier?: string;
  readonly priorityIdentifier?: string;
  readonly locationReference?: readonly EidoReference[];
  readonly personReference?: readonly EidoReference[];
  readonly notesReference?: readonly EidoReference[];
}

export interface EidoLocation extends EidoPrologue {
  readonly locationTypeDescriptionRegistryText: string;
  /** PIDF-LO (RFC 4119/5139/5491) as XML text. */
  readonly locationByValue?: string;
  readonly locationByReferenceUrl?: string;
  readonly locationDescriptionText?: string;
  readonly localIdentifier?: readonly string[];
}

export interface EidoAgency extends EidoPrologue {
  readonly agencyType?: readonly string[];
  readonly agencyRoleDescriptionRegistryText?: readonly string[];
}

export interface EidoPerson extends EidoPrologue {
  readonly personIncidentRoleRegistryText: readonly string[];
}

export interface EidoVehicle extends EidoPrologue {
  readonly vehicleRelationshipType: readonly string[];
  readonly vehicleRelationshipTimeStamp: string;
}

export interface EidoNotes extends EidoPrologue {
  /** HTML5 text written by an agent. */
  readonly notesActionComments: string;
}

export interface Eido extends EidoPrologue {
  readonly eidoVersion: "1.0";
  readonly issuingElementIdentification: string;
  readonly incidentComponent?: EidoIncident;
  readonly callComponent?: readonly EidoCall[];
  readonly agencyComponent: readonly EidoAgency[];
  readonly locationComponent?: readonly EidoLocation[];
  readonly personComponent?: readonly EidoPerson[];
  readonly vehicleComponent?: readonly EidoVehicle[];
  readonly notesComponent?: readonly EidoNotes[];
  readonly [other: string]: unknown;
}

/** A civic address as PIDF-LO writes it (RFC 5139 element names: country, A1…A6, RD, HNO, LOC …). */
export type CivicAddress = Readonly<Record<string, string>>;

/** What EIX keeps of one location component: the place, never who was there. */
export interface EidoPlace {
  readonly id: string;
  readonly type: string;
  readonly civic?: CivicAddress;
  readonly point?: { readonly lat: number; readonly lon: number };
  readonly description?: string;
}

/**
 * `extensions.publicSecurity.eido`: what the canonical incident has no place for, so that
 * decode → encode → decode is a fixed point. Holds no names, phone numbers, agent ids or
 * free additional data — persons are ids and roles only.
 */
export interface EidoExtension {
  readonly eidoId: string;
  readonly issuingElementIdentification: string;
  /** The agency named by the EIDO's own updatedByAgencyReference. */
  readonly updatedBy: string;
  readonly agencies: readonly { readonly id: string; readonly types: readonly string[]; readonly roles: readonly string[] }[];
  readonly incident?: {
    readonly id: string;
    readonly typeCommon: string;
    readonly typeInternalCode?: string;
    readonly statusCommon?: readonly string[];
    readonly statusInternal?: readonly string[];
    readonly internalIncidentId?: string;
    readonly priorityInternalText?: string;
    readonly commonPriorityNumber?: number;
    readonly beat?: string;
  };
  readonly calls: readonly {
    readonly id: string;
    readonly primaryCallType: string;
    readonly secondaryCallType?: string;
    readonly direction: EidoCall["direction"];
    readonly start: string;
    readonly answer?: string;
    readonly state: string;
    readonly queue?: string;
    readonly priority?: string;
  }[];
  readonly places: readonly EidoPlace[];
  readonly persons: readonly { readonly id: string; readonly roles: readonly string[] }[];
  readonly vehicles: readonly { readonly id: string; readonly relationships: readonly string[]; readonly since: string }[];
}

export const EIDO_VERSION = "1.0";
