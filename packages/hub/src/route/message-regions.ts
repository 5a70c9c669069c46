import type { Envelope, EnvelopeOf } from "@eix/schema";
import type { RegionSubject } from "./auth-errors.js";

/** A region code the message names, with the JSON pointer to where it names it. */
export interface RegionMention {
  readonly code: string;
  readonly path: string;
  readonly subject: RegionSubject;
}

function warningAreaMentions(envelope: EnvelopeOf<"warning">): RegionMention[] {
  const mentions: RegionMention[] = [];
  (envelope.payload.areas ?? []).forEach((area, a) => {
    (area.regionCodes ?? []).forEach((code, c) => {
      mentions.push({ code, path: `/payload/areas/${a}/regionCodes/${c}`, subject: "warning-area" });
    });
  });
  return mentions;
}

/**
 * The regions a message is about, which its sender must have jurisdiction over: the incident's
 * place (事发地), every region code of a warning's areas, every directive target given by region.
 * The incident's impact area is left out on purpose: consequences may spill over a border, the
 * place of occurrence may not. Acks and check-ins name no region besides their sender's.
 */
export function jurisdictionMentions(envelope: Envelope): RegionMention[] {
  switch (envelope.kind) {
    case "incident":
      return [{ code: envelope.payload.location.regionCode, path: "/payload/location/regionCode", subject: "location" }];
    case "warning":
      return warningAreaMentions(envelope);
    case "directive":
      return envelope.payload.targets.flatMap((target, t) =>
        target.regionCode === undefined
          ? []
          : [{ code: target.regionCode, path: `/payload/targets/${t}/regionCode`, subject: "directive-target" as const }],
      );
    default:
      return [];
  }
}

/**
 * The regions a `regionWithin` route matcher looks at: the incident's place, any of a warning's
 * area codes, and otherwise the sender's own region — for kinds without a location (ack,
 * check-in, directive) and for a warning that gives its areas only as shapes.
 */
export function routingRegions(envelope: Envelope): string[] {
  if (envelope.kind === "incident") return [envelope.payload.location.regionCode];
  if (envelope.kind === "warning") {
    const codes = warningAreaMentions(envelope).map((mention) => mention.code);
    if (codes.length > 0) return codes;
  }
  return [envelope.sender.regionCode];
}
