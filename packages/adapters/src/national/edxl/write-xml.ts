import { escapeXml } from "../../kit/xml.js";
import { type ContentBody, EDXL_CT_NAMESPACE, EDXL_DE_20_NAMESPACE, type ValueList } from "./edxl-model.js";
import type { EnvelopeFields } from "./envelope-fields.js";

// Element order is the DE 2.0 schema's (DEEnvelopeType, DEDescriptorType, DEContentObjectType
// sequences): validators reject any other.

const element = (name: string, value: string | undefined, indent: string) =>
  value === undefined ? "" : `${indent}<${name}>${escapeXml(value)}</${name}>\n`;

function valueList(name: string, list: ValueList, indent: string): string {
  const inner = `${indent}  `;
  return (
    `${indent}<${name}>\n${element("ct:valueListURI", list.valueListURI, inner)}` +
    list.values.map((v) => element("ct:value", v, inner)).join("") +
    `${indent}</${name}>\n`
  );
}

const valueLists = (name: string, lists: readonly ValueList[], indent: string) =>
  lists.map((l) => valueList(name, l, indent)).join("");

function descriptor(fields: EnvelopeFields): string {
  const x = "    ";
  const areas = fields.targetAreas.length
    ? `    <targetAreas>\n      <areaKind>${fields.areaKind}</areaKind>\n      <areaGrouping>Union</areaGrouping>\n` +
      fields.targetAreas
        .map(
          (area) =>
            `      <targetArea>\n        <geoPoliticalLocation>\n${valueList("ct:geoCode", area, "          ")}        </geoPoliticalLocation>\n      </targetArea>\n`,
        )
        .join("") +
      "    </targetAreas>\n"
    : "";
  return (
    "  <descriptor>\n" +
    element("combinedConfidentiality", fields.combinedConfidentiality, x) +
    element("language", fields.language, x) +
    valueLists("senderRole", fields.senderRoles, x) +
    valueLists("recipientRole", fields.recipientRoles, x) +
    valueLists("keyword", fields.keywords, x) +
    fields.explicitAddresses
      .map(
        (a) =>
          `${x}<explicitAddress>\n${element("explicitAddressScheme", a.scheme, `${x}  `)}` +
          a.values.map((v) => element("explicitAddressValue", v, `${x}  `)).join("") +
          `${x}</explicitAddress>\n`,
      )
      .join("") +
    areas +
    fields.incidentIDs.map((id) => element("incidentID", id, x)).join("") +
    fields.incidentDescriptions.map((d) => element("incidentDescription", d, x)).join("") +
    "  </descriptor>\n"
  );
}

function contentBody(body: ContentBody): string {
  const x = "      ";
  switch (body.type) {
    case "xml-text":
      return `${x}<contentXML>\n${x}  <embeddedXMLContent>\n${body.text.trimEnd()}\n${x}  </embeddedXMLContent>\n${x}</contentXML>\n`;
    case "other":
      return (
        `${x}<otherContent>\n${element("mimeType", body.other.mimeType, `${x}  `)}${element("size", body.other.size, `${x}  `)}` +
        `${element("digest", body.other.digest, `${x}  `)}${element("uri", body.other.uri, `${x}  `)}` +
        `${element("contentData", body.other.contentData, `${x}  `)}${x}</otherContent>\n`
      );
    default:
      throw new Error(`no XML for a ${body.type} content body`);
  }
}

/** An EDXL-DE 2.0 distribution with one content object, as XML in UTF-8. */
export function writeXmlDistribution(fields: EnvelopeFields, body: ContentBody): string {
  const x = "  ";
  const meta =
    fields.contentDescription !== undefined || fields.contentKeywords.length
      ? `      <contentDescriptor>\n${element("contentDescription", fields.contentDescription, "        ")}` +
        `${valueLists("contentKeyword", fields.contentKeywords, "        ")}      </contentDescriptor>\n`
      : "";
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<EDXLDistribution xmlns="${EDXL_DE_20_NAMESPACE}" xmlns:ct="${EDXL_CT_NAMESPACE}">\n` +
    element("distributionID", fields.distributionID, x) +
    element("senderID", fields.senderID, x) +
    element("dateTimeSent", fields.dateTimeSent, x) +
    element("dateTimeExpires", fields.dateTimeExpires, x) +
    element("distributionStatus", fields.distributionStatus, x) +
    element("distributionKind", fields.distributionKind, x) +
    descriptor(fields) +
    `${x}<content>\n${x}${x}<contentObject>\n${meta}${contentBody(body)}${x}${x}</contentObject>\n${x}</content>\n` +
    "</EDXLDistribution>\n"
  );
}
