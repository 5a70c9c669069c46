import type { Envelope } from "@eix/schema";
import type { ContentObject, Distribution, ExplicitAddress, ValueList } from "./edxl-model.js";
import type { EnvelopeFields } from "./envelope-fields.js";
import { VALUE_LISTS } from "./value-lists.js";

/**
 * What a decoded message keeps under `extensions.national.edxl`: the parts of its source
 * distribution that EIX would not write for it by itself, so that encoding it again to EDXL
 * loses nothing. Derived values (envelope-fields.ts) are never kept, which keeps
 * decode → encode → decode a fixed point.
 */
export interface EdxlExtension {
  /** Kept only when the distribution carried this message alone: it names that distribution. */
  distributionID?: string;
  senderID?: string;
  /** As distributionID: the distribution's, not the message's. */
  dateTimeSent?: string;
  dateTimeExpires?: string;
  language?: string;
  senderRoles?: ValueList[];
  recipientRoles?: ValueList[];
  keywords?: ValueList[];
  explicitAddresses?: ExplicitAddress[];
  targetAreas?: ValueList[];
  incidentIDs?: string[];
  incidentDescriptions?: string[];
  contentDescription?: string;
  contentKeywords?: ValueList[];
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const extra = <T>(read: readonly T[], derived: readonly T[]): T[] =>
  read.filter((item) => !derived.some((d) => sameJson(d, item)));
const sameInstant = (a: string, b: string | undefined) => b !== undefined && Date.parse(a) === Date.parse(b);

/** The part of a source distribution the message does not say by itself. */
export function extensionFrom(
  source: Distribution,
  content: ContentObject,
  derived: EnvelopeFields,
  alone: boolean,
): EdxlExtension | undefined {
  const ext: EdxlExtension = {};
  if (alone && source.distributionID !== derived.distributionID) ext.distributionID = source.distributionID;
  if (source.senderID !== derived.senderID) ext.senderID = source.senderID;
  if (alone && !sameInstant(source.dateTimeSent, derived.dateTimeSent)) ext.dateTimeSent = source.dateTimeSent;
  if (source.dateTimeExpires !== undefined && !sameInstant(source.dateTimeExpires, derived.dateTimeExpires))
    ext.dateTimeExpires = source.dateTimeExpires;
  if (source.language !== undefined && source.language !== derived.language) ext.language = source.language;
  if (content.description !== undefined && content.description !== derived.contentDescription)
    ext.contentDescription = content.description;
  // DE 1.0 distributionReferences travel in DE 2.0 as reference keywords (value-lists.ts).
  const references = source.distributionReferences.length
    ? [{ valueListURI: VALUE_LISTS.reference, values: source.distributionReferences }]
    : [];
  const lists = {
    senderRoles: extra(source.senderRoles, derived.senderRoles),
    recipientRoles: extra(source.recipientRoles, derived.recipientRoles),
    keywords: extra([...source.keywords, ...references], derived.keywords),
    explicitAddresses: extra(source.explicitAddresses, derived.explicitAddresses),
    targetAreas: extra(source.targetAreas, derived.targetAreas),
    incidentIDs: extra([...source.incidentIDs, ...content.incidentIDs], derived.incidentIDs),
    incidentDescriptions: extra(source.incidentDescriptions, derived.incidentDescriptions),
    contentKeywords: extra(content.keywords, derived.contentKeywords),
  };
  for (const [key, value] of Object.entries(lists)) if (value.length) Object.assign(ext, { [key]: value });
  return Object.keys(ext).length ? ext : undefined;
}

/** The fields to write: what EIX derives, with what the message kept from its source. */
export function withExtension(derived: EnvelopeFields, ext: EdxlExtension | undefined): EnvelopeFields {
  if (!ext) return derived;
  const { distributionID, senderID, dateTimeSent, dateTimeExpires, language, contentDescription } = ext;
  return {
    ...derived,
    ...(distributionID === undefined ? {} : { distributionID }),
    ...(senderID === undefined ? {} : { senderID }),
    ...(dateTimeSent === undefined ? {} : { dateTimeSent }),
    ...(dateTimeExpires === undefined ? {} : { dateTimeExpires }),
    ...(language === undefined ? {} : { language }),
    ...(contentDescription === undefined ? {} : { contentDescription }),
    senderRoles: [...derived.senderRoles, ...(ext.senderRoles ?? [])],
    recipientRoles: [...derived.recipientRoles, ...(ext.recipientRoles ?? [])],
    keywords: [...derived.keywords, ...(ext.keywords ?? [])],
    // The source's addresses replace EIX's default one (the JSON form has room for one only).
    explicitAddresses: ext.explicitAddresses ?? derived.explicitAddresses,
    targetAreas: [...derived.targetAreas, ...(ext.targetAreas ?? [])],
    incidentIDs: [...derived.incidentIDs, ...(ext.incidentIDs ?? [])],
    incidentDescriptions: [...derived.incidentDescriptions, ...(ext.incidentDescriptions ?? [])],
    contentKeywords: [...derived.contentKeywords, ...(ext.contentKeywords ?? [])],
  };
}

type Extensions = Record<string, Record<string, unknown>>;

/** The message's `extensions.national.edxl`, if any. */
export function extensionOf(message: Envelope): EdxlExtension | undefined {
  const national = (message.payload.extensions as Extensions | undefined)?.national;
  const edxl = national?.edxl;
  return typeof edxl === "object" && edxl !== null ? (edxl as EdxlExtension) : undefined;
}

/**
 * The message with `extensions.national.edxl` set to `ext` (or removed when there is none);
 * other extensions, and other keys under `national`, are left as they are.
 */
export function withEdxlExtension(message: Envelope, ext: EdxlExtension | undefined): Envelope {
  const extensions: Extensions = { ...((message.payload.extensions as Extensions | undefined) ?? {}) };
  const { edxl: _previous, ...national } = extensions.national ?? {};
  if (ext) extensions.national = { ...national, edxl: ext };
  else if (Object.keys(national).length) extensions.national = national;
  else delete extensions.national;
  const { extensions: _old, ...payload } = message.payload;
  const next = Object.keys(extensions).length ? { ...payload, extensions } : payload;
  return { ...message, payload: next } as Envelope;
}
