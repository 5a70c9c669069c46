import { isRegionCodeFormat, isWithinRegion, regionLevel } from "../codes/regions.js";
import { parseSenderCode } from "../codes/sender-code.js";
import { asObject, asString, type SemanticRule } from "./rule.js";

// Markings that declare a message classified (涉密): 秘密/机密/绝密 and their English words.
const classifiedMarkings = new Set([
  "secret",
  "top-secret",
  "topsecret",
  "confidential",
  "classified",
  "涉密",
  "秘密",
  "机密",
  "绝密",
]);

export function isClassifiedMarking(value: unknown): boolean {
  return typeof value === "string" && classifiedMarkings.has(value.trim().toLowerCase().replace(/[\s_]/g, "-"));
}

export const classifiedRule: SemanticRule = {
  name: "classified-refused",
  check(doc, emit) {
    if (isClassifiedMarking(doc.classification))
      emit("EIX_SCHEMA_CLASSIFIED_REFUSED", "/classification", { value: String(doc.classification) });
  },
};

const levelOfUnit: Record<string, ReturnType<typeof regionLevel>> = {
  national: "national",
  provincial: "province",
  municipal: "municipal",
  county: "county",
};

export const senderRule: SemanticRule = {
  name: "sender-consistency",
  check(doc, emit) {
    const sender = asObject(doc.sender);
    const region = asString(sender?.regionCode);
    const level = asString(sender?.level);
    if (!region || !isRegionCodeFormat(region)) return;
    const expected = level && Object.hasOwn(levelOfUnit, level) ? levelOfUnit[level] : undefined;
    if (expected && region.length === 6 && regionLevel(region) !== expected)
      emit("EIX_SCHEMA_SENDER_LEVEL_REGION", "/sender/level", { value: String(level), limit: region });
    const code = parseSenderCode(asString(sender?.unitId) ?? "");
    if (code && !isWithinRegion(code.areaCode, region) && !isWithinRegion(region, code.areaCode))
      emit("EIX_SCHEMA_SENDER_CODE_REGION", "/sender/unitId", { value: code.areaCode, limit: region });
  },
};

/**
 * A county or municipal unit reports on its own ground; a place outside it is most often a
 * typing error, sometimes a legitimate cross-border report: a warning, not an error.
 */
export const jurisdictionRule: SemanticRule = {
  name: "within-jurisdiction",
  check(doc, emit) {
    if (doc.kind !== "incident") return;
    const sender = asObject(doc.sender);
    if (sender?.level !== "county" && sender?.level !== "municipal") return;
    const home = asString(sender.regionCode);
    const place = asString(asObject(asObject(doc.payload)?.location)?.regionCode);
    if (!home || !place || !isRegionCodeFormat(home) || !isRegionCodeFormat(place)) return;
    if (!isWithinRegion(place, home))
      emit("EIX_SCHEMA_OUTSIDE_JURISDICTION", "/payload/location/regionCode", {
        field: "regionCode",
        label: "事发地行政区划",
        value: place,
        limit: home,
      });
  },
};
