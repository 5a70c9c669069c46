import type { Envelope } from "@eix/schema";
import { policyRefusal } from "./destination-policy.js";
import type { DestinationPolicy, RouteDecision, RouteRule } from "./route-model.js";
import { matchesRule } from "./rule-match.js";

/**
 * Where a message goes. Every rule is evaluated; the destinations of the matching rules are
 * joined in rule order, each once. Then each destination's policy decides: a refusal moves it
 * to `withheld` with an `EIX_ROUTE_*` reason, so the hub records what it kept back instead of
 * dropping it silently — and never creates a delivery for it.
 */
export function routeMessage(
  envelope: Envelope,
  rules: readonly RouteRule[],
  destinations: ReadonlyMap<string, DestinationPolicy>,
): RouteDecision {
  const matchedRules: string[] = [];
  const candidates = new Set<string>();
  for (const rule of rules) {
    if (!matchesRule(envelope, rule)) continue;
    matchedRules.push(rule.name);
    for (const destination of rule.to) candidates.add(destination);
  }
  const decision: RouteDecision = { destinations: [], withheld: [], matchedRules };
  for (const destination of candidates) {
    const policy = destinations.get(destination);
    const reason = policy === undefined ? "EIX_ROUTE_UNKNOWN_DESTINATION" : policyRefusal(envelope, policy);
    if (reason === undefined) decision.destinations.push(destination);
    else decision.withheld.push({ destination, reason });
  }
  return decision;
}
