import { type Department, parseSenderCode, regionLevel, type Unit, type UnitLevel } from "@eix/schema";
import { organDepartments } from "./organ-departments.js";

/** The 14-character sender code ZZZZZZDDDUUUXX (发布单位编码), all digits. */
export const senderCodePattern = /^\d{14}$/;

const unitLevelByRegion: Readonly<Record<ReturnType<typeof regionLevel>, UnitLevel>> = {
  national: "national",
  province: "provincial",
  municipal: "municipal",
  county: "county",
  township: "township",
  village: "township",
};

/**
 * The sending unit as the message itself describes it: `senderCode` is the unit id, its area
 * part the region (and, by its shape, the level), `sender` the name. The department comes
 * from the GB/T 4657 organ code where known (416 气象), else the adapter's own: weather.
 * Returns undefined when the code is not a sender code.
 */
export function senderFromCode(senderCode: string, name: string | undefined): Unit | undefined {
  const code = senderCodePattern.test(senderCode) ? parseSenderCode(senderCode) : undefined;
  if (!code) return undefined;
  const department: Department = organDepartments[code.organCode] ?? "weather";
  return {
    unitId: senderCode,
    // A message without <sender> still names its unit by code.
    name: name ?? senderCode,
    department,
    level: unitLevelByRegion[regionLevel(code.areaCode)],
    regionCode: code.areaCode,
  };
}
