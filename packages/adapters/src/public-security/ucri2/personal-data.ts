import type { Ucri2Incident, Ucri2Person } from "./ucri2-model.js";

export const WITHHELD = "***";

/** Every person of the incident, whatever their role. */
export function personsOf(incident: Ucri2Incident): Ucri2Person[] {
  return [...(incident.informers ?? []), ...(incident.accusedPersons ?? []), ...(incident.victimPersons ?? [])];
}

/**
 * The strings of a person that must not turn up in free text: names, phone, e-mail. A name of
 * one character is left alone (it would mask every such letter).
 */
function secretsOf(persons: readonly Ucri2Person[]): string[] {
  const secrets = persons.flatMap((p) => [p.name, p.surname, p.phone, p.email]);
  return [...new Set(secrets.filter((s): s is string => s !== undefined && s.trim().length > 1).map((s) => s.trim()))].sort(
    (a, b) => b.length - a.length,
  );
}

/**
 * Free text with the incident's own personal data masked: a dispatcher often repeats the
 * caller's name or number in a remark ("Rückruf Frau Musterfrau 0171…").
 */
export function freeTextMasker(persons: readonly Ucri2Person[]): { mask: (text: string) => string; count: () => number } {
  const secrets = secretsOf(persons);
  let masked = 0;
  return {
    mask: (text) => {
      let out = text;
      for (const secret of secrets) {
        const parts = out.split(secret);
        masked += parts.length - 1;
        out = parts.join(WITHHELD);
      }
      return out;
    },
    count: () => masked,
  };
}

/** What personal data the incident carried, for the warning. */
export function withheldSummary(incident: Ucri2Incident, maskedInText: number): string[] {
  const what: string[] = [];
  const count = (list: readonly unknown[] | undefined, label: string) => {
    if (list?.length) what.push(`${list.length} ${label}`);
  };
  count(incident.informers, "informer(s)");
  count(incident.accusedPersons, "accused person(s)");
  count(incident.victimPersons, "affected person(s)");
  if (incident.eCallData?.vin !== undefined) what.push("eCall VIN");
  if (maskedInText > 0) what.push(`${maskedInText} mention(s) in free text masked`);
  return what;
}
