import table from "./incident-types.json" with { type: "json" };

/** The generic code for an EIDO incident type the table does not know: 其他社会安全事件. */
export const GENERIC_EVENT_TYPE = table.generic;

const types = new Map(Object.entries(table.types as Record<string, string>));

/**
 * The GB/T 35561 code for an EIDO incident type, or undefined. Registries spell compound types
 * with separators ("Fire-Structure", "Police/Robbery"), so an unlisted value is tried again on
 * its leading word before giving up.
 */
export function eventTypeOfEido(incidentType: string): string | undefined {
  const key = incidentType.trim().toLowerCase();
  return types.get(key) ?? types.get(key.replace(/[-/:_].*$/, "").trim());
}

/** The EIDO incident type written for a GB/T 35561 code: the first table entry for it, else its subcategory's. */
export function eidoTypeOfEvent(code: string): string {
  for (const candidate of [code, `${code.slice(0, 3)}00`, `${code.slice(0, 2)}000`])
    for (const [eido, gbt] of types) if (gbt === candidate) return eido;
  return "other";
}
