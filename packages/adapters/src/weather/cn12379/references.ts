import type { Reference } from "@eix/schema";
import type { MsgType } from "./vocabulary.js";

// `references` lists earlier identifiers, one or several, separated by commas or spaces. An
// identifier is `<senderCode>_<YYYYMMDDhhmmss>[_N]`, so its sender is its first 14 digits.

const messageIdPattern = /^[\x21-\x7E]{1,200}$/;
const identifierSender = /^(\d{14})_/;

export type ReferencesReading =
  | { readonly ok: true; readonly references: Reference[] }
  | { readonly ok: false; readonly bad: string };

export function readReferences(text: string, msgType: MsgType): ReferencesReading {
  const relation = msgType === "update" ? "updates" : msgType === "cancel" ? "cancels" : undefined;
  const references: Reference[] = [];
  for (const id of text.split(/[\s,，;；]+/)) {
    if (id === "") continue;
    if (!messageIdPattern.test(id)) return { ok: false, bad: id };
    if (references.some((reference) => reference.id === id)) continue;
    const unitId = identifierSender.exec(id)?.[1];
    references.push({ id, ...(unitId === undefined ? {} : { unitId }), ...(relation === undefined ? {} : { relation }) });
  }
  return { ok: true, references };
}

/** Identifiers comma-separated; the kept source text when it names the same identifiers. */
export function writeReferences(references: readonly Reference[] | undefined, kept: string | undefined): string {
  const ids = (references ?? []).map((reference) => reference.id);
  if (kept !== undefined) {
    const reading = readReferences(kept, "alert");
    if (reading.ok && reading.references.length === ids.length && reading.references.every((r, i) => r.id === ids[i]))
      return kept;
  }
  return ids.join(",");
}
