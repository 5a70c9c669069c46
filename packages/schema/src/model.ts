// The envelope's payload depends on `kind` (envelope.json's if/then). The generator sees
// only the common fields, so the discriminated union is composed here from generated parts.
import type { Ack, CheckIn, Directive, EnvelopeCommon, IncidentReport, Warning } from "./generated/model.js";

export type * from "./generated/model.js";

/** Payload type for each `kind`. */
export interface PayloadByKind {
  incident: IncidentReport;
  warning: Warning;
  directive: Directive;
  ack: Ack;
  checkin: CheckIn;
}

export type EnvelopeOf<K extends keyof PayloadByKind> = Omit<EnvelopeCommon, "kind" | "payload"> & {
  kind: K;
  payload: PayloadByKind[K];
};

/** Every EIX message (消息信封): common fields and the payload its `kind` names. */
export type Envelope = { [K in keyof PayloadByKind]: EnvelopeOf<K> }[keyof PayloadByKind];

export type Payload = PayloadByKind[keyof PayloadByKind];

/** Model version carried in every envelope's `schema` field. */
export const SCHEMA_VERSION = "eix/1" as const;

/**
 * Semantic version of the canonical model, for adapters' supported ranges: the major number
 * follows `schema` ("eix/1"); minor versions add optional fields only.
 */
export const MODEL_VERSION = "1.0.0" as const;
