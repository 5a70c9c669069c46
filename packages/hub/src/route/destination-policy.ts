import type { Envelope } from "@eix/schema";
import type { RouteErrorCode } from "./route-errors.js";
import type { DestinationPolicy } from "./route-model.js";

// Handling markings in increasing order of restriction (公开 < 内部 < 限制).
const rankOfMarking: Readonly<Record<DestinationPolicy["clearance"], number>> = { public: 0, internal: 1, restricted: 2 };

function markingRank(marking: string): number | undefined {
  return Object.hasOwn(rankOfMarking, marking) ? rankOfMarking[marking as DestinationPolicy["clearance"]] : undefined;
}

/**
 * Why `policy` refuses the message, or undefined when it may be delivered. The handling
 * marking is checked before the status: a leak weighs more than a misplaced exercise. Anything
 * the ranks do not know (a marking or clearance outside the three words) refuses, never admits.
 */
export function policyRefusal(envelope: Envelope, policy: DestinationPolicy): RouteErrorCode | undefined {
  const marking = markingRank(envelope.classification);
  if (marking === undefined) return "EIX_ROUTE_CLASSIFICATION_UNKNOWN";
  const clearance = markingRank(policy.clearance);
  if (clearance === undefined || marking > clearance) return "EIX_ROUTE_ABOVE_CLEARANCE";
  // Exercises and tests (演练/测试) never reach a destination that did not ask for them.
  if (!policy.acceptsStatus.some((status) => status === envelope.status)) return "EIX_ROUTE_STATUS_NOT_ACCEPTED";
  return undefined;
}
