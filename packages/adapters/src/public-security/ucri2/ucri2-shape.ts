/**
 * The UCRI2 incident schemas (incident_transfer 1.0 and incident_transfer_police 1.0) as a
 * small table the reader checks input against: member types, required members, closed objects
 * (the schemas say `unevaluatedProperties: false`). Formats (uuid, date-time, patterns) are
 * checked where EIX reads the value.
 */
export type Shape =
  | "string"
  | "number"
  | "integer"
  | "boolean"
  | { readonly object: Readonly<Record<string, Shape>>; readonly required?: readonly string[] }
  | { readonly array: Shape; readonly minItems?: number };

const S = "string" as const;

const coordinate: Shape = { object: { lat: "number", lon: "number" }, required: ["lat", "lon"] };
const address: Shape = {
  object: {
    street: S,
    houseNumber: S,
    postalCode: S,
    city: S,
    cityDistrict: S,
    state: S,
    country: S,
    additionalInformation: S,
  },
  required: ["street"],
};
const missionObject: Shape = { object: { name: S, additionalInformation: S }, required: ["name"] };
const personMembers = { name: S, surname: S, phone: S, email: S, address, additionalInformation: S } as const;
const person: Shape = { object: personMembers, required: ["name"] };
const policePerson: Shape = { object: { ...personMembers, dateOfBirth: S, nationality: S }, required: ["name"] };
const notification: Shape = {
  object: { timestamp: S, message: S, category: S, silent: "boolean" },
  required: ["timestamp", "message"],
};
const location: Shape = {
  object: {
    coordinate,
    address,
    object: missionObject,
    superiorObject: missionObject,
    floor: S,
    room: S,
    additionalInformation: S,
  },
};
const eCall: Shape = {
  object: {
    automaticActivation: "boolean",
    positionCanBeTrusted: "boolean",
    vehicleType: S,
    vin: S,
    vehiclePropulsionStorageType: S,
    timestamp: S,
    vehiclePosition: coordinate,
    directionOfTravel: "integer",
    positionN1: coordinate,
    positionN2: coordinate,
    numberOfPassengers: "integer",
  },
  required: ["timestamp"],
};

const baseMembers = {
  sharedIncidentId: S,
  internalId: S,
  additionalInformation: S,
  sentByDispatcherAt: S,
  informers: { array: person, minItems: 1 },
  protocolRemarks: { array: notification, minItems: 1 },
  startTimestamp: S,
  classifications: { array: S, minItems: 1 },
  issue: S,
  flashingLights: "boolean",
  missionLocation: location,
} as const;

/** The police profile: the base members plus accused and affected persons and eCall data. */
export const UCRI2_INCIDENT: Shape = {
  object: {
    ...baseMembers,
    accusedPersons: { array: policePerson },
    victimPersons: { array: policePerson },
    eCallData: eCall,
  },
  required: ["sharedIncidentId", "sentByDispatcherAt", "missionLocation"],
};

/** Members only the police profile has. */
export const POLICE_MEMBERS = ["accusedPersons", "victimPersons", "eCallData"] as const;
