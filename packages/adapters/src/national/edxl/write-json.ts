import type { ContentBody } from "./edxl-model.js";
import type { EnvelopeFields } from "./envelope-fields.js";

/**
 * An EDXL-DE 2.0 distribution in SAMU-Hub's JSON form (EDXL-DE-full.schema.json): the envelope
 * fields, a descriptor with the language and one explicit address, and one content object
 * whose `jsonContent.embeddedJsonContent.message.customContent` is the canonical message.
 * That schema has no place for roles, keywords or target areas; keywords a source carried are
 * written as SAMU-Hub's later versions do (descriptor.keyword).
 */
export function writeJsonDistribution(fields: EnvelopeFields, body: ContentBody): string {
  const [address] = fields.explicitAddresses;
  const foreignKeywords = fields.keywords.map((k) => ({
    valueListURI: k.valueListURI,
    value: k.values.length === 1 ? k.values[0] : k.values,
  }));
  const content =
    body.type === "json"
      ? { jsonContent: { embeddedJsonContent: { message: body.message } } }
      : body.type === "other"
        ? { otherContent: body.other }
        : {};
  const distribution = {
    distributionID: fields.distributionID,
    senderID: fields.senderID,
    dateTimeSent: fields.dateTimeSent,
    dateTimeExpires: fields.dateTimeExpires,
    distributionStatus: fields.distributionStatus,
    distributionKind: fields.distributionKind,
    descriptor: {
      language: fields.language,
      ...(foreignKeywords.length ? { keyword: foreignKeywords } : {}),
      ...(address
        ? { explicitAddress: { explicitAddressScheme: address.scheme, explicitAddressValue: address.values[0] ?? "" } }
        : {}),
    },
    content: [content],
  };
  return `${JSON.stringify(distribution, null, 2)}\n`;
}
