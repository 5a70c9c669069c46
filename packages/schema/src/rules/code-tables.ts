import { classifyEventType } from "../codes/event-types.js";
import { isRegionCodeFormat, lookupRegion, regionTableInfo } from "../codes/regions.js";
import { asArray, asObject, asString, type Emit, type SemanticRule } from "./rule.js";

export const eventTypeRule: SemanticRule = {
  name: "event-type-in-table",
  check(doc, emit) {
    const kind = doc.kind;
    if (kind !== "incident" && kind !== "warning") return;
    const code = asString(asObject(doc.payload)?.eventType);
    if (!code || !/^1[0-9][0-9A-Z][0-9]{2}$/.test(code)) return; // the schema reports the shape
    const standing = classifyEventType(code);
    if (standing.standing === "unknown") emit("EIX_SCHEMA_EVENT_TYPE_UNKNOWN", "/payload/eventType", { value: code });
    else if (standing.standing === "unlisted")
      emit("EIX_SCHEMA_EVENT_TYPE_UNLISTED", "/payload/eventType", {
        value: code,
        detail: `${standing.parent.code} ${standing.parent.name}`,
      });
  },
};

function checkRegion(code: unknown, path: string, field: string, label: string, emit: Emit): void {
  if (typeof code !== "string" || !isRegionCodeFormat(code)) return; // the schema reports the shape
  if (lookupRegion(code)) return;
  const params = { value: code, field, label, detail: regionTableInfo.asOf };
  if (lookupRegion(`${code.slice(0, 2)}0000`)) emit("EIX_SCHEMA_REGION_UNLISTED", path, params);
  else emit("EIX_SCHEMA_REGION_UNKNOWN", path, params);
}

function checkAreas(areas: unknown[], base: string, emit: Emit): void {
  areas.forEach((area, i) => {
    asArray(asObject(area)?.regionCodes).forEach((code, j) => {
      checkRegion(code, `${base}/${i}/regionCodes/${j}`, "regionCodes", "涉及行政区划", emit);
    });
  });
}

export const regionCodeRule: SemanticRule = {
  name: "region-in-table",
  check(doc, emit) {
    checkRegion(asObject(doc.sender)?.regionCode, "/sender/regionCode", "regionCode", "辖区行政区划代码", emit);
    const payload = asObject(doc.payload);
    if (!payload) return;
    if (doc.kind === "incident") {
      const location = asObject(payload.location);
      checkRegion(location?.regionCode, "/payload/location/regionCode", "regionCode", "事发地行政区划", emit);
      asArray(asObject(location?.area)?.regionCodes).forEach((code, j) => {
        checkRegion(code, `/payload/location/area/regionCodes/${j}`, "regionCodes", "涉及行政区划", emit);
      });
    } else if (doc.kind === "warning") {
      checkAreas(asArray(payload.areas), "/payload/areas", emit);
    } else if (doc.kind === "directive") {
      asArray(payload.targets).forEach((target, i) => {
        checkRegion(asObject(target)?.regionCode, `/payload/targets/${i}/regionCode`, "regionCode", "行政区划", emit);
      });
    }
  },
};
