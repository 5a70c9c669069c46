import table from "../../data/event-types-gbt35561.json" with { type: "json" };

/** One node of the emergency-event classification (突发事件分类). */
export interface EventTypeEntry {
  readonly code: string;
  readonly name: string;
  /** root, category (大类), subcategory (亚类) or type (细类). */
  readonly level: "root" | "category" | "subcategory" | "type";
  readonly parent: string | null;
}

const levelNames: Record<string, EventTypeEntry["level"]> = {
  root: "root",
  大类: "category",
  亚类: "subcategory",
  细类: "type",
};

const entries = new Map<string, EventTypeEntry>();
for (const item of table.items) {
  entries.set(item.code, {
    code: item.code,
    name: item.name,
    level: levelNames[item.level] ?? "type",
    parent: item.parent,
  });
}

/** Where the table comes from, for display beside results. */
export const eventTypeTableInfo = { title: table.title, size: entries.size } as const;

export function lookupEventType(code: string): EventTypeEntry | undefined {
  return entries.get(code);
}

export function listEventTypes(): EventTypeEntry[] {
  return [...entries.values()];
}

/** The code one level up: type → subcategory (亚类), subcategory → category (大类). */
export function eventTypeParentCode(code: string): string | null {
  if (code.length !== 5) return null;
  if (code.endsWith("000")) return code === "10000" ? null : "10000";
  if (code.endsWith("00")) return `${code.slice(0, 2)}000`;
  return `${code.slice(0, 3)}00`;
}

/**
 * How a code stands against the table. The list is open below a known subcategory: weather
 * software uses leaves such as 11B19 (霾) that the table lacks, so those are `unlisted`.
 */
export type EventTypeStanding =
  | { readonly standing: "listed"; readonly entry: EventTypeEntry }
  | { readonly standing: "unlisted"; readonly parent: EventTypeEntry }
  | { readonly standing: "unknown" };

const codePattern = /^1[0-9][0-9A-Z][0-9]{2}$/;

export function classifyEventType(code: string): EventTypeStanding {
  const entry = entries.get(code);
  if (entry) return { standing: "listed", entry };
  if (!codePattern.test(code) || code.endsWith("00")) return { standing: "unknown" };
  const parent = entries.get(`${code.slice(0, 3)}00`);
  return parent ? { standing: "unlisted", parent } : { standing: "unknown" };
}
