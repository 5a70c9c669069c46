// An EDXL-DE distribution as the reader finds it and the writer makes it: the elements the two
// versions share (1.0 `distributionType` is read as `distributionKind`), in one structure for
// the XML and the JSON forms. Values are trimmed element texts (or JSON strings).
import type { XmlElement } from "../../kit/xml.js";

export const EDXL_DE_10_NAMESPACE = "urn:oasis:names:tc:emergency:EDXL:DE:1.0";
export const EDXL_DE_20_NAMESPACE = "urn:oasis:names:tc:emergency:EDXL:DE:2.0";
/** EDXL Common Types, whose ValueListType (valueListURI + value) DE 2.0 uses for roles and keywords. */
export const EDXL_CT_NAMESPACE = "urn:oasis:names:tc:emergency:edxl:ct:1.0";

export type EdxlVersion = "1.0" | "2.0";
export type EdxlForm = "xml" | "json";

/** A URN naming a list of values, and values from it (ct:ValueListType; DE 1.0 valueListUrn). */
export interface ValueList {
  readonly valueListURI: string;
  readonly values: readonly string[];
}

/** Who the distribution is for, in an addressing scheme the sender and receiver agree on. */
export interface ExplicitAddress {
  readonly scheme: string;
  readonly values: readonly string[];
}

/** Non-XML content (DE 2.0 `otherContent`, DE 1.0 `nonXMLContent`), as written. */
export interface OtherContent {
  readonly mimeType: string;
  readonly size?: string;
  readonly digest?: string;
  readonly uri?: string;
  /** base64, whitespace allowed as in xs:base64Binary. */
  readonly contentData?: string;
}

export type ContentBody =
  /** Read: an embedded XML element (a CAP alert), addressed in the document it came in. */
  | { readonly type: "xml"; readonly element: XmlElement }
  /** Write: the XML text to embed, without its XML declaration. */
  | { readonly type: "xml-text"; readonly text: string }
  | { readonly type: "other"; readonly other: OtherContent }
  /** The JSON form's `jsonContent.embeddedJsonContent.message` (SAMU-Hub). */
  | { readonly type: "json"; readonly message: unknown }
  | { readonly type: "none"; readonly detail: string };

export interface ContentObject {
  readonly description?: string;
  readonly keywords: readonly ValueList[];
  readonly confidentiality?: string;
  /** DE 1.0 puts the incident on the content object, DE 2.0 on the descriptor. */
  readonly incidentIDs: readonly string[];
  readonly body: ContentBody;
  /** Where the content object is: an element path or JSON pointer, for error positions. */
  readonly at: string;
  /** Offset of the content object's element in the document, for line:column. */
  readonly offset?: number;
}

/** The distribution's own fields: everything but its content objects. */
export interface DistributionFields {
  readonly distributionID: string;
  readonly senderID: string;
  readonly dateTimeSent: string;
  readonly dateTimeExpires?: string;
  readonly distributionStatus: string;
  readonly distributionKind: string;
  readonly combinedConfidentiality?: string;
  readonly language?: string;
  readonly senderRoles: readonly ValueList[];
  readonly recipientRoles: readonly ValueList[];
  readonly keywords: readonly ValueList[];
  /** DE 1.0 `distributionReference`: "distributionID,senderID,dateTimeSent". */
  readonly distributionReferences: readonly string[];
  readonly explicitAddresses: readonly ExplicitAddress[];
  /** Geo codes of the target areas; DE 1.0 circles, polygons and codes under EIX's list names. */
  readonly targetAreas: readonly ValueList[];
  readonly incidentIDs: readonly string[];
  readonly incidentDescriptions: readonly string[];
}

export interface Distribution extends DistributionFields {
  readonly version: EdxlVersion;
  readonly form: EdxlForm;
  readonly contents: readonly ContentObject[];
}
