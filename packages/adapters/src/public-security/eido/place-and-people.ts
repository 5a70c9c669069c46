import type { Casualties } from "@eix/schema";
import type { EidoPlace, EidoReference } from "./eido-model.js";

/**
 * EIDO has no field for a GB/T 2260 region; EIX writes it as a location's `localIdentifier`
 * with this prefix (a URN, as the EDXL adapter names its value lists) and reads it back.
 */
export const GBT2260_URN = "urn:eix:codes:gbt2260:";

/**
 * The place the canonical location describes: the first located place the incident refers to,
 * else the first located place of the document (calls usually list the caller's position first).
 */
export function primaryPlace(places: readonly EidoPlace[], incidentRefs: readonly EidoReference[] = []): EidoPlace | undefined {
  const located = (place: EidoPlace | undefined) => Boolean(place && (place.civic || place.point || place.description));
  for (const ref of incidentRefs) {
    const place = places.find((candidate) => candidate.id === ref.$ref);
    if (located(place)) return place;
  }
  return places.find(located);
}

/**
 * Person roles that are casualties, by canonical count. The NENA Person Role registry is not in
 * the corpus: these are the role words CAD systems use, compared case-insensitively.
 */
const CASUALTY_ROLES: Readonly<Record<string, keyof Casualties>> = {
  deceased: "deaths",
  fatality: "deaths",
  injured: "injured",
  patient: "injured",
  missing: "missing",
  trapped: "trapped",
};

/** The role EIX writes for each count when an incident did not come from an EIDO. */
export const ROLE_OF_COUNT: Readonly<Partial<Record<keyof Casualties, string>>> = {
  deaths: "Deceased",
  injured: "Injured",
  missing: "Missing",
  trapped: "Trapped",
};

/** Counts persons by casualty role (a person counts once, under the first casualty role). */
export function casualtiesOfRoles(persons: readonly { readonly roles: readonly string[] }[]): Casualties {
  const counts: Record<string, number> = {};
  for (const person of persons) {
    const key = person.roles.map((role) => CASUALTY_ROLES[role.trim().toLowerCase()]).find(Boolean);
    if (key) counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts as Casualties;
}
