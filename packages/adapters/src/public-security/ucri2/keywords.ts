import table from "./keywords.json" with { type: "json" };

/** The code for a keyword the table does not know: 其他社会安全事件. */
export const GENERIC_EVENT_TYPE = table.generic;

const keywords = new Map(Object.entries(table.keywords as Record<string, string>));

/**
 * The GB/T 35561 code for one Einsatzstichwort, or undefined. Catalogues write grades and
 * sub-keywords after the keyword ("B 2", "B2", "TH-VU", "VU P"), so the value is tried as
 * written, without separators, then on its leading letters.
 */
export function eventTypeOfKeyword(keyword: string): string | undefined {
  const key = keyword.trim().toLowerCase().replace(/\s+/g, " ");
  const leading = /^\p{L}+/u.exec(key)?.[0];
  return keywords.get(key) ?? keywords.get(key.replace(/[\s\-_/.:]/g, "")) ?? (leading ? keywords.get(leading) : undefined);
}

/** The first classification the table maps, with its code; undefined when none does. */
export function eventTypeOfClassifications(
  classifications: readonly string[] | undefined,
): { keyword: string; eventType: string } | undefined {
  for (const keyword of classifications ?? []) {
    const eventType = eventTypeOfKeyword(keyword);
    if (eventType) return { keyword, eventType };
  }
  return undefined;
}

/** The keyword written for a GB/T 35561 code: the first table entry for it, else its subcategory's, else "Sonstiges". */
export function keywordOfEventType(code: string): string {
  for (const candidate of [code, `${code.slice(0, 3)}00`, `${code.slice(0, 2)}000`])
    for (const [keyword, gbt] of keywords) if (gbt === candidate) return keyword.toUpperCase();
  return "SONSTIGES";
}
