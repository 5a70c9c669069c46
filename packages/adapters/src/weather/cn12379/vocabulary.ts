import type { Status, Warning } from "@eix/schema";

// The CAP words of the 12379 header and info, read in any case (lenient) and written with a
// capital initial as the profile does (strict).

export type MsgType = Warning["msgType"];
export type Urgency = NonNullable<Warning["urgency"]>;
export type Certainty = NonNullable<Warning["certainty"]>;

/** Lowercase source word → canonical value. Null prototype: a word such as "constructor" finds nothing. */
function table<V>(entries: Record<string, V>): Readonly<Record<string, V>> {
  return Object.assign(Object.create(null) as Record<string, V>, entries);
}

const msgTypes = table<MsgType>({
  alert: "alert",
  update: "update",
  cancel: "cancel",
  // Misspelling emitted by systems in the field (解除 messages).
  cancle: "cancel",
});

/** alert | update | cancel, or undefined for anything else (CAP's Ack and Error are not warnings). */
export function readMsgType(word: string): MsgType | undefined {
  return msgTypes[word.toLowerCase()];
}

export function writeMsgType(msgType: MsgType): string {
  return capitalize(msgType);
}

/**
 * CAP status. `System` and `Draft` have no canonical equivalent; they are read as `test`,
 * which never reaches live recipients, and the word is kept for re-encoding.
 */
const statuses = table<{ status: Status; word: string }>({
  actual: { status: "actual", word: "Actual" },
  exercise: { status: "exercise", word: "Exercise" },
  test: { status: "test", word: "Test" },
  system: { status: "test", word: "System" },
  draft: { status: "test", word: "Draft" },
});

export function readStatus(word: string): { status: Status; word: string } | undefined {
  return statuses[word.toLowerCase()];
}

/** The word to write: the kept source word when it still means this status, else the canonical one. */
export function writeStatus(status: Status, kept: string | undefined): string {
  return kept !== undefined && readStatus(kept)?.status === status ? kept : capitalize(status);
}

const urgencies = table<Urgency>({
  immediate: "Immediate",
  expected: "Expected",
  future: "Future",
  past: "Past",
  unknown: "Unknown",
});

export function readUrgency(word: string): Urgency | undefined {
  return urgencies[word.toLowerCase()];
}

const certainties = table<Certainty>({
  observed: "Observed",
  likely: "Likely",
  possible: "Possible",
  unlikely: "Unlikely",
  unknown: "Unknown",
  // CAP 1.0's word for Likely.
  "very likely": "Likely",
});

export function readCertainty(word: string): Certainty | undefined {
  return certainties[word.toLowerCase()];
}

export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
