import { type Envelope, isWithinRegion } from "@eix/schema";
import type { HubUnit } from "./route-model.js";

type DirectiveTarget = Extract<Envelope, { kind: "directive" }>["payload"]["targets"][number];

/** Who a message is addressed to, beyond what the routing rules send it to. */
export interface Addressing {
  /** Configured units the message is for, each once, in target order. */
  readonly units: readonly string[];
  /** Targets no configured unit answers to (index into `payload.targets`, or the acknowledged sender). */
  readonly unreached: readonly string[];
}

const NOBODY: Addressing = { units: [], unreached: [] };

/**
 * The units one directive target names (接收对象). `unitId` names one unit. A `regionCode`
 * without `level` names the unit governing exactly that region (a directive to 郑州市 goes to
 * the city, which passes it on to its counties); with `level`, every unit of that tier within
 * the region ({ regionCode: "410000", level: "county" } is every county unit of Henan).
 * `department` and `level` narrow further. Every given property must hold.
 */
export function unitsForTarget(target: DirectiveTarget, units: readonly HubUnit[]): HubUnit[] {
  return units.filter((unit) => {
    if (target.unitId !== undefined && unit.unitId !== target.unitId) return false;
    if (target.department !== undefined && unit.department !== target.department) return false;
    if (target.level !== undefined && unit.level !== target.level) return false;
    if (target.regionCode !== undefined) {
      const inRegion =
        target.level === undefined ? unit.regionCode === target.regionCode : isWithinRegion(unit.regionCode, target.regionCode);
      if (!inRegion) return false;
    }
    return true;
  });
}

function describeTarget(target: DirectiveTarget): string {
  return Object.entries(target)
    .map(([key, value]) => `${key}=${value}`)
    .join(",");
}

/**
 * Who a message is addressed to (the downward and the return path): a directive's targets, and
 * for an acknowledgement (回执) the unit that sent the acknowledged message — `ofUnitId`, else
 * the sender the store knows for `of`. The sender itself is never addressed.
 */
export async function addressingOf(
  envelope: Envelope,
  units: readonly HubUnit[],
  senderOf: (messageId: string) => Promise<string | undefined>,
): Promise<Addressing> {
  if (envelope.kind === "directive") {
    const addressed: string[] = [];
    const unreached: string[] = [];
    for (const target of envelope.payload.targets) {
      const matched = unitsForTarget(target, units);
      const found = matched.filter((unit) => unit.unitId !== envelope.sender.unitId);
      // A target that names only the sender (a directive copied to its own office) reaches nobody else, and nobody is missed.
      if (matched.length === 0) unreached.push(describeTarget(target));
      for (const unit of found) if (!addressed.includes(unit.unitId)) addressed.push(unit.unitId);
    }
    return { units: addressed, unreached };
  }
  if (envelope.kind === "ack") {
    const unitId = envelope.payload.ofUnitId ?? (await senderOf(envelope.payload.of));
    if (unitId === undefined || unitId === envelope.sender.unitId) return NOBODY;
    return units.some((unit) => unit.unitId === unitId)
      ? { units: [unitId], unreached: [] }
      : { units: [], unreached: [`unitId=${unitId}`] };
  }
  return NOBODY;
}
