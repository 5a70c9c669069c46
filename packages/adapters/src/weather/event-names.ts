import table from "../../data/weather-events.json" with { type: "json" };

/** A hazard recognised by name or code, with the national event type it maps to. */
export interface EventMatch {
  readonly eventType: string;
  /** How it was recognised: the national code itself, a known name, or only the CAP category. */
  readonly by: "code" | "name" | "category";
}

function isCjk(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}

const byName = new Map<string, string>();
for (const event of table.events) for (const name of event.names) byName.set(name.toLowerCase(), event.code);
// Longest names first, so "severe thunderstorm" wins over "thunderstorm" and "heavy rain" over "rain".
// English names match whole words (a space may also be a hyphen); Chinese names match anywhere.
const matchers = [...byName.keys()]
  .sort((a, b) => b.length - a.length)
  .map((name) => ({ code: byName.get(name) ?? "", test: nameMatcher(name) }));

function nameMatcher(name: string): (text: string) => boolean {
  if (isCjk(name)) return (text) => text.includes(name);
  const pattern = new RegExp(`(^|[^a-z])${name.replace(/ /g, "[ -]")}([^a-z]|$)`);
  return (text) => pattern.test(text);
}

const nationalCode = /^1[1-49][0-9A-Z][0-9]{2}$/;

/** The national code for a hazard name ("暴雨", "Heavy Rain Warning", "Tornado Watch"). */
export function eventTypeForName(eventName: string): string | undefined {
  const lower = eventName.toLowerCase();
  return matchers.find((matcher) => matcher.test(lower))?.code;
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
