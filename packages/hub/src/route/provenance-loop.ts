import type { Envelope } from "@eix/schema";

/**
 * Whether the message has already passed through the hub `hubId` (its provenance hops name
 * it): a hub never relays such a message again, which breaks loops between hubs that route to
 * each other. Ask before adding this hub's own hop to the envelope.
 */
export function alreadyRelayedBy(envelope: Envelope, hubId: string): boolean {
  return (envelope.provenance ?? []).some((hop) => hop.hubId === hubId);
}
