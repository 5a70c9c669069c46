import { AdapterError } from "../../errors.js";
import { lineColumn } from "../../kit/text-position.js";
import type { XmlElement } from "../../kit/xml.js";
import {
  type ContentBody,
  type ContentObject,
  type Distribution,
  EDXL_DE_10_NAMESPACE,
  EDXL_DE_20_NAMESPACE,
  type EdxlVersion,
  type ExplicitAddress,
  type OtherContent,
  type ValueList,
} from "./edxl-model.js";
import { DE10_AREA_LISTS } from "./value-lists.js";

const versionByNamespace: Readonly<Record<string, EdxlVersion>> = {
  [EDXL_DE_10_NAMESPACE]: "1.0",
  [EDXL_DE_20_NAMESPACE]: "2.0",
};

// Element names are matched without regard to case: DE 1.0 and 2.0 spell a few differently
// (valueListUrn / valueListURI), and SAMU-Hub names the 2.0 root edxlDistribution.
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const kids = (parent: XmlElement, name: string) => parent.children.filter((c) => same(c.name, name));
const kid = (parent: XmlElement, name: string) => parent.children.find((c) => same(c.name, name));
const textOf = (element: XmlElement | undefined) => element?.text.trim() || undefined;
const texts = (parent: XmlElement, name: string) =>
  kids(parent, name)
    .map((c) => c.text.trim())
    .filter((t) => t !== "");

/** Reads an EDXL-DE 1.0 or 2.0 XML document into a distribution; throws AdapterError. */
export function readXmlDistribution(root: XmlElement, text: string): Distribution {
  const version = root.namespace === undefined ? undefined : versionByNamespace[root.namespace];
  if (!same(root.name, "EDXLDistribution") || !version)
    throw new AdapterError("EIX_ADAPTER_WRONG_FORMAT", {
      detail: `root element <${root.qname}> in namespace ${root.namespace ?? "(none)"}, expected <EDXLDistribution> in ${EDXL_DE_20_NAMESPACE} or ${EDXL_DE_10_NAMESPACE}`,
    });
  const rootPath = `/${root.name}`;
  const required = (name: string) => {
    const value = textOf(kid(root, name));
    if (value === undefined)
      throw new AdapterError(
        "EIX_ADAPTER_MISSING_FIELD",
        { value: name },
        { position: { ...lineColumn(text, root.offset ?? 0), at: `${rootPath}/${name}` } },
      );
    return value;
  };
  // DE 2.0 groups the routing fields in <descriptor> and the content in <content>; DE 1.0 has
  // them directly under the root. Reading both places also accepts 2.0 senders who flatten.
  const descriptor = kid(root, "descriptor") ?? root;
  const contentParent = kid(root, "content") ?? root;
  const dateTimeExpires = textOf(kid(root, "dateTimeExpires"));
  const combinedConfidentiality = textOf(kid(descriptor, "combinedConfidentiality"));
  const language = textOf(kid(descriptor, "language"));
  // DE 1.0 calls it distributionType; some 2.0 senders keep the old name.
  const [kindName, oldName] =
    version === "1.0" ? ["distributionType", "distributionKind"] : ["distributionKind", "distributionType"];
  return {
    version,
    form: "xml",
    distributionID: required("distributionID"),
    senderID: required("senderID"),
    dateTimeSent: required("dateTimeSent"),
    ...(dateTimeExpires === undefined ? {} : { dateTimeExpires }),
    distributionStatus: required("distributionStatus"),
    distributionKind: textOf(kid(root, kindName)) ?? textOf(kid(root, oldName)) ?? required(kindName),
    ...(combinedConfidentiality === undefined ? {} : { combinedConfidentiality }),
    ...(language === undefined ? {} : { language }),
    senderRoles: kids(descriptor, "senderRole").map(valueList),
    recipientRoles: kids(descriptor, "recipientRole").map(valueList),
    keywords: kids(descriptor, "keyword").map(valueList),
    distributionReferences: texts(descriptor, "distributionReference"),
    explicitAddresses: kids(descriptor, "explicitAddress").map(explicitAddress),
    targetAreas:
      version === "1.0" ? kids(root, "targetArea").flatMap(de10Area) : kids(descriptor, "targetAreas").flatMap(de20Areas),
    incidentIDs: texts(descriptor, "incidentID"),
    incidentDescriptions: texts(descriptor, "incidentDescription"),
    contents: kids(contentParent, "contentObject").flatMap((co, i) => contentObjects(co, `${rootPath}/contentObject[${i}]`)),
  };
}

function valueList(element: XmlElement): ValueList {
  return {
    valueListURI: textOf(kid(element, "valueListURI")) ?? textOf(kid(element, "valueListUrn")) ?? "",
    values: texts(element, "value"),
  };
}

function explicitAddress(element: XmlElement): ExplicitAddress {
  return { scheme: textOf(kid(element, "explicitAddressScheme")) ?? "", values: texts(element, "explicitAddressValue") };
}

/** DE 1.0: each circle, polygon and code of a targetArea, under EIX's name for its element. */
function de10Area(area: XmlElement): ValueList[] {
  return Object.entries(DE10_AREA_LISTS).flatMap(([name, valueListURI]) => {
    const values = texts(area, name);
    return values.length ? [{ valueListURI, values }] : [];
  });
}

/** DE 2.0: the geo codes of geoPoliticalLocations (GML EDXLGeoLocations are not read). */
function de20Areas(areas: XmlElement): ValueList[] {
  return kids(areas, "targetArea").flatMap((area) => {
    const place = kid(area, "geoPoliticalLocation");
    return place ? kids(place, "geoCode").map(valueList) : [];
  });
}

/** One content object per embedded XML element (DE 1.0 allows several), else one. */
function contentObjects(co: XmlElement, at: string): ContentObject[] {
  // DE 2.0 wraps the content's metadata in <contentDescriptor>; DE 1.0 does not.
  const meta = kid(co, "contentDescriptor") ?? co;
  const description = textOf(kid(meta, "contentDescription"));
  const confidentiality = textOf(kid(meta, "confidentiality"));
  const common = {
    ...(description === undefined ? {} : { description }),
    keywords: kids(meta, "contentKeyword").map(valueList),
    ...(confidentiality === undefined ? {} : { confidentiality }),
    incidentIDs: texts(co, "incidentID"),
    ...(co.offset === undefined ? {} : { offset: co.offset }),
  };
  const xml = kid(co, "contentXML") ?? kid(co, "xmlContent");
  if (xml) {
    const embedded = kids(xml, "embeddedXMLContent");
    const elements = embedded.flatMap((e) => e.children);
    if (elements.length === 0) {
      const body: ContentBody = { type: "none", detail: "embeddedXMLContent holds no element" };
      return [{ ...common, body, at: `${at}/${xml.name}/embeddedXMLContent` }];
    }
    return elements.map((element, i) => ({
      ...common,
      body: { type: "xml", element },
      at: `${at}/${xml.name}/embeddedXMLContent${elements.length > 1 ? `[${i}]` : ""}/${element.name}`,
    }));
  }
  const other = kid(co, "otherContent") ?? kid(co, "nonXMLContent");
  if (other) {
    const field = (name: string) => textOf(kid(other, name));
    const [size, digest, uri] = [field("size"), field("digest"), field("uri")];
    const data = kid(other, "contentData")?.text.replace(/\s+/g, "");
    const content: OtherContent = {
      mimeType: field("mimeType") ?? "",
      ...(size === undefined ? {} : { size }),
      ...(digest === undefined ? {} : { digest }),
      ...(uri === undefined ? {} : { uri }),
      ...(data ? { contentData: data } : {}),
    };
    return [{ ...common, body: { type: "other", other: content }, at: `${at}/${other.name}` }];
  }
  return [{ ...common, body: { type: "none", detail: "neither XML nor other content" }, at }];
}
