import { type Envelope, isWithinRegion } from "@eix/schema";
import { routingRegions } from "./message-regions.js";
import type { RouteRule } from "./route-model.js";

type Matchers = RouteRule["match"];

/** The payload's event type (GB/T 35561), for the kinds that have one. */
function eventTypeOf(envelope: Envelope): string | undefined {
  if (envelope.kind === "incident" || envelope.kind === "warning") return envelope.payload.eventType;
  return undefined;
}

/** Incident severity (I…IV, unknown) or warning colour (red…blue): one matcher serves both. */
function severityOf(envelope: Envelope): string | undefined {
  if (envelope.kind === "incident") return envelope.payload.severity;
  if (envelope.kind === "warning") return envelope.payload.level;
  return undefined;
}

const includes = (values: readonly string[], value: string | undefined) => value !== undefined && values.includes(value);

// One test per matcher; an absent matcher is not consulted. An empty list matches nothing (an
// OR over no values), so a rule emptied by mistake sends nothing rather than everything.
const matcherTests: { readonly [K in keyof Matchers]-?: (values: readonly string[], envelope: Envelope) => boolean } = {
  kind: (values, envelope) => includes(values, envelope.kind),
  eventTypePrefix: (prefixes, envelope) => {
    const eventType = eventTypeOf(envelope);
    return eventType !== undefined && prefixes.some((prefix) => eventType.startsWith(prefix));
  },
  severity: (values, envelope) => includes(values, severityOf(envelope)),
  regionWithin: (outers, envelope) =>
    routingRegions(envelope).some((region) => outers.some((outer) => isWithinRegion(region, outer))),
  senderDepartment: (values, envelope) => includes(values, envelope.sender.department),
  senderLevel: (values, envelope) => includes(values, envelope.sender.level),
  status: (values, envelope) => includes(values, envelope.status),
  classification: (values, envelope) => includes(values, envelope.classification),
};

/** Whether every matcher the rule has matches the message (AND); a rule without matchers matches all. */
export function matchesRule(envelope: Envelope, rule: RouteRule): boolean {
  for (const name of Object.keys(matcherTests) as (keyof Matchers)[]) {
    const values = rule.match[name];
    if (values !== undefined && !matcherTests[name](values, envelope)) return false;
  }
  return true;
}
