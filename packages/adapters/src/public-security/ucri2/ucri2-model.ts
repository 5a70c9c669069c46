/** The UCRI2 app message `incident` (incident_transfer 1.0 and its police profile), as EIX reads it. */

export interface Ucri2Coordinate {
  readonly lat: number;
  readonly lon: number;
}

export interface Ucri2Address {
  readonly street: string;
  readonly houseNumber?: string;
  readonly postalCode?: string;
  readonly city?: string;
  readonly cityDistrict?: string;
  readonly state?: string;
  readonly country?: string;
  readonly additionalInformation?: string;
}

export interface Ucri2MissionObject {
  readonly name: string;
  readonly additionalInformation?: string;
}

export interface Ucri2Location {
  readonly coordinate?: Ucri2Coordinate;
  readonly address?: Ucri2Address;
  readonly object?: Ucri2MissionObject;
  readonly superiorObject?: Ucri2MissionObject;
  readonly floor?: string;
  readonly room?: string;
  readonly additionalInformation?: string;
}

/** A person (Meldende, Beschuldigte, Betroffene): read only to be counted and kept out. */
export interface Ucri2Person {
  readonly name: string;
  readonly surname?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly address?: Ucri2Address;
  readonly additionalInformation?: string;
  readonly dateOfBirth?: string;
  readonly nationality?: string;
}

/** Protokollvermerk (log remark). */
export interface Ucri2Notification {
  readonly timestamp: string;
  readonly message: string;
  readonly category?: string;
  readonly silent?: boolean;
}

/** eCall minimum set of data (police profile). */
export interface Ucri2ECall {
  readonly timestamp: string;
  readonly automaticActivation?: boolean;
  readonly positionCanBeTrusted?: boolean;
  readonly vehicleType?: string;
  readonly vin?: string;
  readonly vehiclePropulsionStorageType?: string;
  readonly vehiclePosition?: Ucri2Coordinate;
  readonly directionOfTravel?: number;
  readonly positionN1?: Ucri2Coordinate;
  readonly positionN2?: Ucri2Coordinate;
  readonly numberOfPassengers?: number;
}

export interface Ucri2Incident {
  readonly sharedIncidentId: string;
  readonly internalId?: string;
  readonly additionalInformation?: string;
  readonly sentByDispatcherAt: string;
  readonly informers?: readonly Ucri2Person[];
  readonly protocolRemarks?: readonly Ucri2Notification[];
  readonly startTimestamp?: string;
  readonly classifications?: readonly string[];
  readonly issue?: string;
  readonly flashingLights?: boolean;
  readonly missionLocation: Ucri2Location;
  readonly accusedPersons?: readonly Ucri2Person[];
  readonly victimPersons?: readonly Ucri2Person[];
  readonly eCallData?: Ucri2ECall;
}

/** `incident_transfer` (fire and rescue, with patients) or `incident_transfer_police`. */
export type Ucri2Profile = "incident_transfer" | "incident_transfer_police";

/**
 * What `extensions["public-security"].ucri2` keeps of a UCRI2 incident: everything without a
 * canonical place except personal data (persons are counts, the eCall VIN is left out).
 */
export interface Ucri2Extension {
  readonly profile: Ucri2Profile;
  readonly internalId?: string;
  readonly classifications?: readonly string[];
  readonly issue?: string;
  readonly flashingLights?: boolean;
  readonly location: Omit<Ucri2Location, "coordinate">;
  readonly protocolRemarks?: readonly Ucri2Notification[];
  readonly persons: { readonly informers: number; readonly accused: number; readonly victims: number };
  readonly eCall?: Omit<Ucri2ECall, "vin">;
}
