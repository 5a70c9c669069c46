import { lookupRegion } from "./regions.js";

/**
 * The 14-character sender code of the national warning-release system (发布单位编码)
 * ZZZZZZDDDUUUXX: GB/T 2260 area, GB/T 4657 organ code, unit number, extension.
 * Example: 41000041600000 is 河南省气象局 (area 410000, organ 416).
 */
export interface SenderCode {
  readonly areaCode: string;
  readonly organCode: string;
  readonly unitCode: string;
  readonly extension: string;
  /** Whether the area part is a known region. */
  readonly areaKnown: boolean;
}

const senderCodePattern = /^([1-9][0-9]{5})([0-9]{3})([0-9]{3})([0-9]{2})$/;

export function parseSenderCode(unitId: string): SenderCode | undefined {
  const match = senderCodePattern.exec(unitId);
  if (!match) return undefined;
  const [, areaCode = "", organCode = "", unitCode = "", extension = ""] = match;
  return { areaCode, organCode, unitCode, extension, areaKnown: lookupRegion(areaCode) !== undefined };
}
