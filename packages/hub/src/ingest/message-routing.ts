import type { SourceInfo } from "@eix/adapters";
import type { Envelope } from "@eix/schema";
import { alreadyRelayedBy } from "../route/provenance-loop.js";
import type { RouteDecision } from "../route/route-model.js";
import { ingestIssue } from "./ingest-errors.js";
import { hopsFull, hubHop, MAX_HOPS, withHop } from "./provenance-hop.js";
import { forMessage, type ReportedIssue } from "./reported-issue.js";

/** A message with this hub's hop and its route, or one this hub has seen before (a loop). */
export type RoutedMessage =
  | { readonly kind: "routed"; readonly envelope: Envelope; readonly decision: RouteDecision }
  | { readonly kind: "loop"; readonly envelope: Envelope };

export type RoutingResult =
  | { readonly ok: true; readonly messages: RoutedMessage[] }
  | { readonly ok: false; readonly issues: ReportedIssue[] };

export interface RoutingContext {
  readonly hubId: string;
  readonly receivedAt: Date;
  readonly source: SourceInfo;
  readonly route: (envelope: Envelope) => RouteDecision | Promise<RouteDecision>;
}

/**
 * Checks each message for a loop (this hub already on its path) before adding this hub's hop,
 * then routes the message as it will be stored. A path that has no room left for the hop makes
 * the payload invalid: the hop cannot be dropped, or the loop check downstream would fail.
 */
export async function routeMessages(messages: readonly Envelope[], ctx: RoutingContext): Promise<RoutingResult> {
  const loops = messages.map((message) => alreadyRelayedBy(message, ctx.hubId));
  const full = messages.flatMap((message, index) =>
    !loops[index] && hopsFull(message)
      ? forMessage([ingestIssue("EIX_INGEST_HOPS_FULL", "/provenance", { limit: String(MAX_HOPS) })], index, messages.length)
      : [],
  );
  if (full.length > 0) return { ok: false, issues: full };
  const hop = hubHop(ctx.hubId, ctx.receivedAt, ctx.source);
  const routed: RoutedMessage[] = [];
  for (const [index, message] of messages.entries()) {
    if (loops[index]) routed.push({ kind: "loop", envelope: message });
    else {
      const envelope = withHop(message, hop);
      routed.push({ kind: "routed", envelope, decision: await ctx.route(envelope) });
    }
  }
  return { ok: true, messages: routed };
}
