import type { Warning } from "@eix/schema";

/** One distribution channel (`code/method`): its child elements in document order, by name. */
export type Channel = Readonly<Record<string, string>>;

/** Kept source texts of one `<area>`. */
export interface AreaKept {
  /** `geocode` texts exactly as written, one per element (repeats and 12-digit forms included). */
  readonly geocode?: readonly string[];
}

/**
 * What a 12379 message has that the canonical warning has not, kept under
 * `extensions.weather.cn12379` so that decode → encode gives the same message back. Source
 * words are kept only when the canonical value alone would be written differently.
 */
export interface Cn12379Extension {
  /** Distribution channels (发布渠道): methodName SMS/SPEAKER/WEB/LED…, message, audienceGrp, audenceprt. */
  readonly channels?: readonly Channel[];
  readonly scope?: string;
  readonly secClassification?: string;
  /** CAP status without canonical equivalent (System, Draft). */
  readonly status?: string;
  readonly note?: string;
  /** `references` as written, when not the comma-joined identifiers. */
  readonly references?: string;
  /** `info/senderName`: the person who issued the warning (签发人). */
  readonly senderName?: string;
  readonly web?: string;
  /** `info/event`, which the profile does not have but some publishers add. */
  readonly event?: string;
  /** Source words that have no canonical value. */
  readonly urgency?: string;
  readonly certainty?: string;
  readonly severity?: string;
  /** The message's own sender and sender code, when the source configuration (`ctx.sender`) replaced them. */
  readonly sender?: string;
  readonly senderCode?: string;
  /** Kept texts of each canonical area, same order. */
  readonly areas?: readonly AreaKept[];
}

export const EXTENSION_FAMILY = "weather";
export const EXTENSION_KEY = "cn12379";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
/** An extension being assembled: members may be undefined until compacted. */
export type ExtensionDraft = { -readonly [K in keyof Cn12379Extension]?: Cn12379Extension[K] | undefined };

const stringMembers = [
  "scope",
  "secClassification",
  "status",
  "note",
  "references",
  "senderName",
  "web",
  "event",
  "urgency",
  "certainty",
  "severity",
  "sender",
  "senderCode",
] as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === "string");

/**
 * The extension of a warning to encode, whatever produced it: only well-typed members are
 * taken, so a message from another source cannot smuggle malformed values into the output.
 */
export function profileExtensionOf(payload: Warning): Cn12379Extension {
  const weather = payload.extensions?.[EXTENSION_FAMILY];
  const raw = isRecord(weather) ? weather[EXTENSION_KEY] : undefined;
  if (!isRecord(raw)) return {};
  const kept: Mutable<Cn12379Extension> = {};
  for (const member of stringMembers) {
    const value = raw[member];
    if (typeof value === "string") kept[member] = value;
  }
  if (Array.isArray(raw.channels))
    kept.channels = raw.channels
      .filter(isRecord)
      .map((channel) => Object.fromEntries(Object.entries(channel).filter(([, v]) => typeof v === "string")) as Channel);
  if (Array.isArray(raw.areas))
    kept.areas = raw.areas.map((area) => (isRecord(area) && isStringArray(area.geocode) ? { geocode: area.geocode } : {}));
  return kept;
}

/** Drops undefined and empty members, so an extension holds only what was kept. */
export function compactExtension(extension: ExtensionDraft): Cn12379Extension {
  const compact: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(extension))
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) compact[key] = value;
  return compact as Cn12379Extension;
}
