import { AdapterError } from "../../errors.js";
import type { ContentObject, Distribution, ExplicitAddress, OtherContent, ValueList } from "./edxl-model.js";

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
/** One or several: SAMU-Hub writes single objects where EDXL allows many (explicitAddress, content). */
const list = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const text = (value: unknown): string | undefined =>
  typeof value === "string" ? value.trim() || undefined : typeof value === "number" ? String(value) : undefined;
const texts = (value: unknown): string[] => list(value).flatMap((v) => text(v) ?? []);

/**
 * Reads the JSON form of EDXL-DE 2.0 as SAMU-Hub uses it (same element names; `descriptor`
 * and `content` objects; content objects with `jsonContent.embeddedJsonContent.message` or
 * `otherContent`). Throws AdapterError.
 */
export function readJsonDistribution(tree: Json): Distribution {
  const required = (name: string) => {
    const value = text(tree[name]);
    if (value === undefined)
      throw new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: name }, { position: { at: `/${name}` } });
    return value;
  };
  const descriptor = isObject(tree.descriptor) ? tree.descriptor : {};
  const [dateTimeExpires, combinedConfidentiality, language] = [
    text(tree.dateTimeExpires),
    text(descriptor.combinedConfidentiality),
    text(descriptor.language),
  ];
  // SAMU-Hub's first version nests the array as content.contentObject; later ones make content the array.
  const contentList = isObject(tree.content) && "contentObject" in tree.content ? tree.content.contentObject : tree.content;
  const pointer = isObject(tree.content) && "contentObject" in tree.content ? "/content/contentObject" : "/content";
  return {
    version: "2.0",
    form: "json",
    distributionID: required("distributionID"),
    senderID: required("senderID"),
    dateTimeSent: required("dateTimeSent"),
    ...(dateTimeExpires === undefined ? {} : { dateTimeExpires }),
    distributionStatus: required("distributionStatus"),
    distributionKind: required("distributionKind"),
    ...(combinedConfidentiality === undefined ? {} : { combinedConfidentiality }),
    ...(language === undefined ? {} : { language }),
    senderRoles: list(descriptor.senderRole).flatMap(valueList),
    recipientRoles: list(descriptor.recipientRole).flatMap(valueList),
    keywords: list(descriptor.keyword).flatMap(valueList),
    distributionReferences: texts(descriptor.distributionReference),
    explicitAddresses: list(descriptor.explicitAddress).flatMap(explicitAddress),
    targetAreas: [],
    incidentIDs: texts(descriptor.incidentID),
    incidentDescriptions: texts(descriptor.incidentDescription),
    contents: list(contentList).map((co, i) => contentObject(co, Array.isArray(contentList) ? `${pointer}/${i}` : pointer)),
  };
}

function valueList(value: unknown): ValueList[] {
  if (!isObject(value)) return [];
  return [{ valueListURI: text(value.valueListURI) ?? text(value.valueListUrn) ?? "", values: texts(value.value) }];
}

function explicitAddress(value: unknown): ExplicitAddress[] {
  if (!isObject(value)) return [];
  return [{ scheme: text(value.explicitAddressScheme) ?? "", values: texts(value.explicitAddressValue) }];
}

function contentObject(value: unknown, at: string): ContentObject {
  const co = isObject(value) ? value : {};
  const meta = isObject(co.contentDescriptor) ? co.contentDescriptor : co;
  const description = text(meta.contentDescription);
  const confidentiality = text(meta.confidentiality);
  const common = {
    ...(description === undefined ? {} : { description }),
    keywords: list(meta.contentKeyword).flatMap(valueList),
    ...(confidentiality === undefined ? {} : { confidentiality }),
    incidentIDs: [],
  };
  const embedded =
    isObject(co.jsonContent) && isObject(co.jsonContent.embeddedJsonContent) ? co.jsonContent.embeddedJsonContent : undefined;
  if (embedded && "message" in embedded)
    return { ...common, body: { type: "json", message: embedded.message }, at: `${at}/jsonContent/embeddedJsonContent/message` };
  if (isObject(co.otherContent)) {
    const other = co.otherContent;
    const [size, digest, uri] = [text(other.size), text(other.digest), text(other.uri)];
    const data = typeof other.contentData === "string" ? other.contentData.replace(/\s+/g, "") : "";
    const content: OtherContent = {
      mimeType: text(other.mimeType) ?? "",
      ...(size === undefined ? {} : { size }),
      ...(digest === undefined ? {} : { digest }),
      ...(uri === undefined ? {} : { uri }),
      ...(data ? { contentData: data } : {}),
    };
    return { ...common, body: { type: "other", other: content }, at: `${at}/otherContent` };
  }
  return { ...common, body: { type: "none", detail: "neither jsonContent nor otherContent" }, at };
}
