import table from "../../data/weather-events.json" with { type: "json" };

/** A hazard recognised by name or code, with the national event type it maps to. */
export interface EventMatch {
  readonly eventType: string;
  /** How it was recognised: the national code itself, a known name, or only the CAP category. */
  readonly by: "code" | "name" | "category";
}

const byName = new Map<string, string>();
for (const event of table.events) for (const name of event.names) byName.set(name.toLowerCase(), event.code);
// Longest names first, so "severe thunderstorm" wins over "thunderstorm" and "heavy rain" over "rain".
const names = [...byName.keys()].sort((a, b) => b.length - a.length);

const nationalCode = /^1[1-49][0-9A-Z][0-9]{2}$/;

function isCjk(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}

/** The national code for a hazard name ("暴雨", "Heavy Rain Warning", "Tornado Watch"). */
export function eventTypeForName(eventName: string): string | undefined {
  const lower = eventName.toLowerCase();
  for (const name of names) {
    if (isCjk(name) ? lower.includes(name) : new RegExp(`(^|[^a-z])${name.replace(/ /g, "[ -]")}([^a-z]|$)`).test(lower))
      return byName.get(name);
  }
  return undefined;
}

/**
 * Recognises the hazard of a CAP info: a 5-character national code among the eventCodes or
 * parameters, then the event name, then the category's fallback code.
 */
export function matchEvent(eventName: string, codes: readonly string[], categories: readonly string[]): EventMatch {
  const code = codes.find((value) => nationalCode.test(value));
  if (code) return { eventType: code, by: "code" };
  const named = eventTypeForName(eventName);
  if (named) return { eventType: named, by: "name" };
  const fallbacks = table.categoryFallback as Record<string, string>;
  const category = categories.find((c) => Object.hasOwn(fallbacks, c));
  return { eventType: (category && fallbacks[category]) || "19000", by: "category" };
}
