import type { Department, Unit, UnitLevel } from "@eix/schema";
import { lookupRegion } from "@eix/schema";
import type { DecodeContext } from "../../contract.js";
import type { DistributionFields } from "./edxl-model.js";
import { VALUE_LISTS } from "./value-lists.js";

const departments: readonly Department[] = [
  "emergency-office",
  "public-security",
  "fire",
  "health",
  "forestry",
  "weather",
  "natural-resources",
  "work-safety",
  "environment",
  "transport",
  "water",
  "other",
];
const levels: readonly UnitLevel[] = ["national", "provincial", "municipal", "county", "township"];

/**
 * The unit that sent a distribution whose content does not name it completely (CAP, a foreign
 * acknowledgement): the source's configured unit first (`ctx.sender`, as for every format whose
 * sender is free text), else the unit EIX describes in its sender roles next to senderID.
 * Undefined when neither says; CAP content may still name its unit by a national sender code.
 */
export function senderUnitOf(fields: DistributionFields, ctx: DecodeContext): Unit | undefined {
  if (ctx.sender) return ctx.sender;
  const role = (uri: string) => fields.senderRoles.find((r) => r.valueListURI === uri)?.values[0];
  const department = departments.find((d) => d === role(VALUE_LISTS.department));
  const level = levels.find((l) => l === role(VALUE_LISTS.unitLevel));
  const regionCode = role(VALUE_LISTS.unitRegion);
  const name = role(VALUE_LISTS.unitName);
  if (!department || !level || !name || !regionCode || !lookupRegion(regionCode) || !/^\S{1,64}$/.test(fields.senderID))
    return undefined;
  return { unitId: fields.senderID, name, department, level, regionCode };
}
