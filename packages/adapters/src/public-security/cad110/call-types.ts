import table from "./call-types.json" with { type: "json" };

/** One 110 call type (报警类型) of the vendor code table, with the EIX event type it maps to. */
export interface CallType {
  /** `TTSS00`: TT the category (报警类别), SS the type. */
  readonly code: string;
  readonly name: string;
  readonly category: string;
  readonly categoryName: string;
  /** GB/T 35561 event type; null when the call has no emergency meaning (not reportable). */
  readonly eventType: string | null;
}

const byCode = new Map<string, CallType>(table.items.map((item) => [item.code, item as CallType]));

/**
 * The call type of a record: 报警类型 (BJLX) first, else the type part of 报警细类 (BJXL,
 * `TTSSXX` → `TTSS00`). Codes are trimmed; a 4-digit `TTSS` is read as `TTSS00`.
 */
export function lookupCallType(bjlx: string | undefined, bjxl?: string): CallType | undefined {
  for (const raw of [bjlx, bjxl]) {
    const code = raw?.trim();
    if (!code) continue;
    const found = byCode.get(code.length === 4 ? `${code}00` : code) ?? byCode.get(`${code.slice(0, 4)}00`);
    if (found) return found;
  }
  return undefined;
}

/** 其它报警类型: what an incident whose event type has no call type is written as. */
export const OTHER_CALL_TYPE = "999900";

/**
 * The call type to write for an event type (encode, for incidents that did not come from a
 * 110 record): the first with that event type, else with its subcategory node, else 其它报警类型.
 */
export function callTypeCodeFor(eventType: string): string {
  const items = [...byCode.values()];
  const found =
    items.find((item) => item.eventType === eventType) ?? items.find((item) => item.eventType === `${eventType.slice(0, 3)}00`);
  return found?.code ?? OTHER_CALL_TYPE;
}

export const callTypes: readonly CallType[] = [...byCode.values()];
