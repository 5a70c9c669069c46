import type { Envelope } from "@eix/schema";
import { toCapTime } from "../../kit/time.js";
import { kindWord, statusWord } from "./distribution-status.js";
import type { DistributionFields, EdxlForm, ExplicitAddress, ValueList } from "./edxl-model.js";
import { REGION_ADDRESS_SCHEME, VALUE_LISTS } from "./value-lists.js";

/** What EIX writes for a message: the distribution's fields and its content object's metadata. */
export interface EnvelopeFields extends DistributionFields {
  /** Where the target areas stand: the incident's place, or where a warning or directive applies. */
  readonly areaKind: "SourceTargetArea" | "DistributionTargetArea";
  readonly contentDescription?: string;
  readonly contentKeywords: readonly ValueList[];
}

/** How long a distribution stays valid when the message says nothing (a warning's expiry does). */
export const DEFAULT_EXPIRY_HOURS = 7 * 24;

const vl = (valueListURI: string, ...values: Array<string | undefined>): ValueList[] => {
  const present = values.filter((v): v is string => v !== undefined && v !== "");
  return present.length ? [{ valueListURI, values: present }] : [];
};

/** sentAt plus some hours, written with sentAt's own offset (EDXL times carry one). */
export function laterBy(time: string, hours: number): string {
  const base = toCapTime(time);
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(base);
  const offsetMinutes = offset ? (offset[1] === "-" ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  const local = new Date(Date.parse(time) + hours * 3_600_000 + offsetMinutes * 60_000).toISOString().slice(0, 19);
  return `${local}${offset ? offset[0] : "-00:00"}`;
}

/** GB/T 2260 codes the message is about: where an incident is, where a warning or directive applies. */
export function regionCodesOf(message: Envelope): string[] {
  switch (message.kind) {
    case "incident":
      return [message.payload.location.regionCode];
    case "warning":
      return [...new Set((message.payload.areas ?? []).flatMap((a) => a.regionCodes ?? []))];
    case "directive":
      return [...new Set(message.payload.targets.flatMap((t) => (t.regionCode ? [t.regionCode] : [])))];
    default:
      return [];
  }
}

function keywordsOf(message: Envelope): ValueList[] {
  const kindKeywords =
    message.kind === "incident"
      ? [...vl(VALUE_LISTS.eventType, message.payload.eventType), ...vl(VALUE_LISTS.severity, message.payload.severity)]
      : message.kind === "warning"
        ? [...vl(VALUE_LISTS.eventType, message.payload.eventType), ...vl(VALUE_LISTS.warningLevel, message.payload.level)]
        : message.kind === "directive"
          ? vl(VALUE_LISTS.directiveGrade, message.payload.grade)
          : [];
  // An acknowledgement refers to the message it answers; other messages to those they update or cancel.
  const references = (
    message.kind === "ack"
      ? [[message.payload.of, message.payload.ofUnitId]]
      : (message.references ?? []).map((r) => [r.id, r.unitId ?? message.sender.unitId, r.sentAt && toCapTime(r.sentAt)])
  ).map((parts) => parts.filter(Boolean).join(","));
  return [...kindKeywords, ...vl(VALUE_LISTS.handling, message.classification), ...vl(VALUE_LISTS.reference, ...references)];
}

function descriptionOf(message: Envelope): string | undefined {
  switch (message.kind) {
    case "incident":
    case "directive":
      return message.payload.title;
    case "warning":
      return message.payload.headline;
    default:
      return undefined;
  }
}

/**
 * The distribution EIX writes for a canonical message, before anything kept from a source
 * distribution is added back: the single source of what is "derived", so that decode can keep
 * exactly what differs from it (edxl-extension.ts).
 */
export function envelopeFields(message: Envelope, form: EdxlForm): EnvelopeFields {
  const { sender } = message;
  const regions = regionCodesOf(message);
  const expires = message.kind === "warning" ? message.payload.expires : undefined;
  const xml = form === "xml";
  // SAMU-Hub's JSON schema requires one explicit address: by default, the units of the region concerned.
  const addresses: ExplicitAddress[] = xml ? [] : [{ scheme: REGION_ADDRESS_SCHEME, values: [regions[0] ?? sender.regionCode] }];
  const description = descriptionOf(message);
  const incidentId =
    message.kind === "incident"
      ? message.payload.incidentId
      : message.kind === "directive"
        ? message.payload.relatedIncidentId
        : undefined;
  return {
    distributionID: message.id,
    senderID: sender.unitId,
    dateTimeSent: toCapTime(message.sentAt),
    dateTimeExpires: expires ? toCapTime(expires) : laterBy(message.sentAt, DEFAULT_EXPIRY_HOURS),
    distributionStatus: statusWord(message.status, form),
    distributionKind: kindWord(message),
    // EDXL's confidentiality is only Unclassified or Classified, and classified traffic is refused
    // outright: the handling marking (public/internal/restricted) travels as a keyword.
    ...(xml ? { combinedConfidentiality: "Unclassified" } : {}),
    language: (message.kind === "warning" ? message.payload.language : undefined) ?? "zh-CN",
    senderRoles: xml
      ? [
          ...vl(VALUE_LISTS.department, sender.department),
          ...vl(VALUE_LISTS.unitLevel, sender.level),
          ...vl(VALUE_LISTS.unitRegion, sender.regionCode),
          ...vl(VALUE_LISTS.unitName, sender.name),
        ]
      : [],
    recipientRoles: [],
    keywords: xml ? keywordsOf(message) : [],
    distributionReferences: [],
    explicitAddresses: addresses,
    targetAreas: xml ? vl(VALUE_LISTS.region, ...regions) : [],
    areaKind: message.kind === "incident" ? "SourceTargetArea" : "DistributionTargetArea",
    incidentIDs: xml && incidentId ? [incidentId] : [],
    incidentDescriptions: [],
    ...(description === undefined ? {} : { contentDescription: description }),
    contentKeywords: xml ? vl(VALUE_LISTS.kind, message.kind) : [],
  };
}
