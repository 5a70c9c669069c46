import type { Envelope } from "@eix/schema";
import type { Addressing } from "./addressing.js";
import { policyRefusal } from "./destination-policy.js";
import type { DestinationPolicy, HubUnit, RouteDecision, RouteRule } from "./route-model.js";
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

/**
 * Rule routing plus addressing: the inbox of every unit the message is addressed to joins the
 * destinations (recorded as `unit:<unitId>` in `matchedRules`), under the same destination
 * policy. An addressee without an inbox, or a target no configured unit answers to, is
 * recorded in `withheld` as `unit:<…>` with EIX_ROUTE_NO_INBOX.
 */
export function routeAddressed(
  envelope: Envelope,
  rules: readonly RouteRule[],
  destinations: ReadonlyMap<string, DestinationPolicy>,
  units: readonly HubUnit[],
  addressing: Addressing,
): RouteDecision {
  const decision = routeMessage(envelope, rules, destinations);
  if (addressing.units.length === 0 && addressing.unreached.length === 0) return decision;
  const taken = new Set([...decision.destinations, ...decision.withheld.map((w) => w.destination)]);
  for (const unitId of addressing.units) {
    decision.matchedRules.push(`unit:${unitId}`);
    const inbox = units.find((unit) => unit.unitId === unitId)?.inbox;
    if (inbox === undefined) {
      decision.withheld.push({ destination: `unit:${unitId}`, reason: "EIX_ROUTE_NO_INBOX" });
      continue;
    }
    if (taken.has(inbox)) continue;
    taken.add(inbox);
    const policy = destinations.get(inbox);
    const reason = policy === undefined ? "EIX_ROUTE_UNKNOWN_DESTINATION" : policyRefusal(envelope, policy);
    if (reason === undefined) decision.destinations.push(inbox);
    else decision.withheld.push({ destination: inbox, reason });
  }
  for (const target of addressing.unreached)
    decision.withheld.push({ destination: `unit:${target}`, reason: "EIX_ROUTE_NO_INBOX" });
  return { ...decision, addressedTo: [...addressing.units] };
}
