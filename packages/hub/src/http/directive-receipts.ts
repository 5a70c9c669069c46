import type { AcknowledgementEntry, StoredMessage } from "../store/store-records.js";

type AckType = "received" | "read" | "done" | "rejected";

/** One addressee's answers to a directive: when each kind of ack (回执) first arrived. */
export interface DirectiveReceipt {
  readonly unitId: string;
  /** Whether the hub addressed the directive to this unit (else the ack came from elsewhere, e.g. passed on). */
  readonly addressed: boolean;
  /** The furthest answer so far: none → received → read → done; rejected stands apart. */
  readonly state: "awaiting" | AckType;
  readonly received?: string;
  readonly read?: string;
  readonly done?: string;
  readonly rejected?: { readonly at: string; readonly note?: string };
  /** Every ack of this unit, in arrival order: message id, type, the unit's own time, when the hub got it. */
  readonly acks: readonly {
    readonly messageId: string;
    readonly type: AckType;
    readonly at: string;
    readonly receivedAt: string;
  }[];
}

const progress: Record<AckType, number> = { received: 1, read: 2, done: 3, rejected: 4 };

/**
 * Per target unit, which acknowledgements of a directive arrived and when (the hub's record of
 * the downward path): the units the directive was addressed to come first, awaiting until they
 * answer; any other unit that acknowledged it follows. Times are the acks' own `at`.
 */
export function directiveReceipts(directive: StoredMessage, acks: readonly AcknowledgementEntry[]): DirectiveReceipt[] {
  const addressed = directive.provenance.addressedTo ?? [];
  const byUnit = new Map<string, AcknowledgementEntry[]>(addressed.map((unitId) => [unitId, []]));
  for (const ack of acks) {
    if (ack.envelope.kind !== "ack") continue;
    // An ack names the message and, when given, its sender: one for another unit's message of the same id is not ours.
    const ofUnitId = ack.envelope.payload.ofUnitId;
    if (ofUnitId !== undefined && ofUnitId !== directive.unitId) continue;
    byUnit.set(ack.unitId, [...(byUnit.get(ack.unitId) ?? []), ack]);
  }
  return [...byUnit.entries()].map(([unitId, entries]) => {
    const first: Partial<Record<AckType, { at: string; note?: string }>> = {};
    let state: DirectiveReceipt["state"] = "awaiting";
    const list = entries.flatMap((entry) => {
      if (entry.envelope.kind !== "ack") return [];
      const { type, at, note } = entry.envelope.payload;
      first[type] ??= { at, ...(note === undefined ? {} : { note }) };
      if (state === "awaiting" || progress[type] > progress[state]) state = type;
      return [{ messageId: entry.messageId, type, at, receivedAt: entry.receivedAt.toISOString() }];
    });
    return {
      unitId,
      addressed: addressed.includes(unitId),
      state,
      ...(first.received ? { received: first.received.at } : {}),
      ...(first.read ? { read: first.read.at } : {}),
      ...(first.done ? { done: first.done.at } : {}),
      ...(first.rejected ? { rejected: first.rejected } : {}),
      acks: list,
    };
  });
}
