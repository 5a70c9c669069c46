import { type Envelope, isClassifiedMarking, isWithinRegion, regionName, type ValidationIssue } from "@eix/schema";
import { type AuthErrorParams, authIssue } from "./auth-errors.js";
import { jurisdictionMentions } from "./message-regions.js";
import type { HubUnit } from "./route-model.js";
import { isAboveLevel } from "./unit-level.js";

const handlingMarkings: ReadonlySet<string> = new Set(["public", "internal", "restricted"]);

/** The unit's id and region, with the table names of both codes, for every region issue. */
function regionParams(unit: HubUnit, code: string): AuthErrorParams {
  const name = regionName(code);
  const limitName = regionName(unit.regionCode);
  return {
    unitId: unit.unitId,
    value: code,
    limit: unit.regionCode,
    ...(name === undefined ? {} : { regionName: name }),
    ...(limitName === undefined ? {} : { limitName }),
  };
}

/**
 * A unit sends as itself at its own level; a unit forwarding for another (转报) may carry a
 * sender of its own level or below, never above it.
 */
function levelIssues(unit: HubUnit, envelope: Envelope, forwarding: boolean): ValidationIssue[] {
  const level: string = envelope.sender.level;
  const params = { unitId: unit.unitId, value: level, limit: unit.level };
  if (!forwarding) return level === unit.level ? [] : [authIssue("EIX_AUTH_SENDER_LEVEL", "/sender/level", params)];
  return isAboveLevel(level, unit.level) ? [authIssue("EIX_AUTH_RELAY_LEVEL", "/sender/level", params)] : [];
}

/**
 * The sender's region must lie in the unit's jurisdiction, and so must every region a warning
 * or directive addresses: no unit warns or commands outside its own ground. An incident whose
 * place lies outside it is allowed with a warning-level issue: reporting a fire that crossed in
 * from the neighbouring county (越界报告) is a duty, not an overreach.
 */
function regionIssues(unit: HubUnit, envelope: Envelope): ValidationIssue[] {
  // The national platform (国家应急平台) has the whole country as its jurisdiction.
  if (unit.level === "national") return [];
  const issues: ValidationIssue[] = [];
  const senderRegion = envelope.sender.regionCode;
  if (!isWithinRegion(senderRegion, unit.regionCode))
    issues.push(authIssue("EIX_AUTH_SENDER_REGION", "/sender/regionCode", regionParams(unit, senderRegion)));
  for (const mention of jurisdictionMentions(envelope)) {
    if (!isWithinRegion(mention.code, unit.regionCode))
      issues.push(
        authIssue(
          "EIX_AUTH_OUTSIDE_JURISDICTION",
          mention.path,
          { ...regionParams(unit, mention.code), subject: mention.subject },
          mention.subject === "location" ? "warning" : "error",
        ),
      );
  }
  return issues;
}

/**
 * Validation refuses a classified (涉密) marking before authorisation runs, and the schema
 * admits no other word. This check repeats both at the door that grants access, so a caller
 * that skips or reorders validation still cannot let classified traffic in.
 */
function classificationIssues(envelope: Envelope): ValidationIssue[] {
  const marking: string = envelope.classification;
  if (isClassifiedMarking(marking)) return [authIssue("EIX_AUTH_CLASSIFIED", "/classification", { value: marking })];
  if (!handlingMarkings.has(marking))
    return [authIssue("EIX_AUTH_CLASSIFICATION_UNKNOWN", "/classification", { value: marking })];
  return [];
}

/**
 * Whether the authenticated `unit` may send `envelope` (DESIGN.md §5 step 4). Returns every
 * issue at once, each with its JSON pointer; the message is allowed when none is an error.
 * Region checks work on the GB/T 2260 code hierarchy: a county code lies within its city and
 * its province, a code of another province lies within neither.
 */
export function authorizeSender(unit: HubUnit, envelope: Envelope): ValidationIssue[] {
  const senderUnitId = envelope.sender.unitId;
  const forwarding = senderUnitId !== unit.unitId;
  const issues: ValidationIssue[] = [];
  if (forwarding && !(unit.mayRelayFor ?? []).includes(senderUnitId))
    issues.push(authIssue("EIX_AUTH_UNIT_MISMATCH", "/sender/unitId", { unitId: unit.unitId, value: senderUnitId }));
  issues.push(...levelIssues(unit, envelope, forwarding), ...regionIssues(unit, envelope), ...classificationIssues(envelope));
  return issues;
}
