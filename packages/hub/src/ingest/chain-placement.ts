import { type Casualties, type Envelope, type IncidentReport, validate } from "@eix/schema";
import type { IncidentChainEntry } from "../store/store-records.js";
import { ingestIssue } from "./ingest-errors.js";
import { forMessage, type ReportedIssue } from "./reported-issue.js";

// Reports a stateless decode cannot place in their incident's chain, placed by the hub that
// holds the chain. Two kinds: casualty registrations of a mass-casualty incident (群体伤亡事件),
// each a provisional update with one casualty (health.hl7v2), folded into the chain's next
// report with the registered totals and the incident's own type and place; and follow-up
// records (a 110 record whose JJDBH came before), the first kept as the initial report and each
// later one numbered as the next update.

type Category = "injured" | "seriouslyInjured" | "dead";

interface Registration {
  readonly reference: string;
  readonly caseReference: string;
  readonly category: Category;
  readonly facility: string;
  readonly provisional?: boolean;
}

interface Report {
  readonly envelope: Extract<Envelope, { kind: "incident" }>;
  readonly unitId: string;
}

interface Counts {
  injured: number;
  seriouslyInjured: number;
  deaths: number;
}

/** What `extensions.health.registeredCasualties` holds on a folded registration. */
export interface RegisteredCasualties extends Counts {
  /** Patients registered, each counted once (by facility and case reference). */
  readonly patients: number;
  readonly facilities: Record<string, Counts>;
}

function registrationOf(envelope: Envelope): Registration | undefined {
  if (envelope.kind !== "incident") return undefined;
  const health = envelope.payload.extensions?.health as { registration?: Partial<Registration> } | undefined;
  const found = health?.registration;
  if (!found || typeof found.reference !== "string" || typeof found.caseReference !== "string") return undefined;
  if (found.category !== "injured" && found.category !== "seriouslyInjured" && found.category !== "dead") return undefined;
  return found as Registration;
}

/** A registration still to be folded: as an adapter decoded it, before any hub placed it in its chain. */
export function isProvisionalRegistration(envelope: Envelope): boolean {
  return registrationOf(envelope)?.provisional === true;
}

const add = (counts: Counts, category: Category) => {
  if (category === "dead") counts.deaths++;
  else {
    counts.injured++;
    if (category === "seriouslyInjured") counts.seriouslyInjured++;
  }
};

/** Every patient once (the latest registration of a case decides its category), counted in all and per facility. */
function tally(reports: readonly Report[]): RegisteredCasualties {
  const latest = new Map<string, Registration>();
  for (const { envelope, unitId } of reports) {
    const registration = registrationOf(envelope);
    if (registration) latest.set(`${unitId}\u0000${registration.caseReference}`, registration);
  }
  const total: Counts = { injured: 0, seriouslyInjured: 0, deaths: 0 };
  const facilities: Record<string, Counts> = {};
  for (const registration of latest.values()) {
    add(total, registration.category);
    facilities[registration.facility] ??= { injured: 0, seriouslyInjured: 0, deaths: 0 };
    add(facilities[registration.facility] as Counts, registration.category);
  }
  return { patients: latest.size, ...total, facilities };
}

/**
 * The incident's figures never go down because hospitals are still registering: each count is
 * the larger of what the incident's own reports said and what the hospitals registered.
 */
function mergedCasualties(reported: Casualties | undefined, registered: Counts): Casualties {
  const merged: Record<string, number> = { ...reported };
  for (const [key, count] of [
    ["injured", registered.injured],
    ["seriouslyInjured", registered.seriouslyInjured],
    ["deaths", registered.deaths],
  ] as const) {
    const value = Math.max(reported?.[key] ?? 0, count);
    if (value > 0 || reported?.[key] !== undefined) merged[key] = value;
  }
  return merged as Casualties;
}

const categoryText: Record<Category, string> = { injured: "受伤", seriouslyInjured: "重伤", dead: "死亡" };

const TITLE_SUFFIX = "（医疗机构伤员登记续报）";
/** incident.json's maxLength for a title. */
const MAX_TITLE = 300;

/** The incident's title with the suffix, cut to fit (never in the middle of a character). */
function foldedTitle(title: string): string {
  const room = MAX_TITLE - TITLE_SUFFIX.length;
  let head = title;
  if (head.length > room) {
    const last = head.charCodeAt(room - 1);
    head = head.slice(0, last >= 0xd800 && last <= 0xdbff ? room - 1 : room);
  }
  return `${head}${TITLE_SUFFIX}`;
}

/**
 * A hospital clock behind the one that dated the incident would put the fold's sending before
 * the incident happened, which validation refuses: the fold is sent no earlier than that.
 */
function foldedSentAt(sentAt: string, occurredAt: string): string {
  const sent = Date.parse(sentAt);
  const occurred = Date.parse(occurredAt);
  return Number.isNaN(sent) || Number.isNaN(occurred) || sent >= occurred ? sentAt : occurredAt;
}

function folded(
  envelope: Report["envelope"],
  registration: Registration,
  chain: readonly Report[],
): { envelope: Envelope; known: boolean } {
  const all = [...chain, { envelope, unitId: envelope.sender.unitId }];
  const registered = tally(all);
  // The incident's own reports (not registrations) say what it is and where; the latest wins.
  const own = chain.filter((report) => !registrationOf(report.envelope)).at(-1)?.envelope.payload;
  const latest = chain.at(-1);
  const mine = envelope.payload;
  const sequence = Math.max(1, ...chain.map((report) => report.envelope.payload.sequence)) + 1;
  const base: IncidentReport = own ?? mine;
  const facilities = Object.keys(registered.facilities).length;
  const payload: IncidentReport = {
    ...mine,
    sequence,
    title: own ? foldedTitle(own.title) : mine.title,
    eventType: base.eventType,
    severity: own?.severity ?? mine.severity,
    occurredAt: base.occurredAt,
    location: base.location,
    casualties: mergedCasualties(own?.casualties, registered),
    description:
      `${registration.facility}登记 1 名${categoryText[registration.category]}伤员。` +
      `截至本报，${facilities} 家医疗机构共登记伤员 ${registered.patients} 人：受伤 ${registered.injured} 人` +
      `（其中重伤 ${registered.seriouslyInjured} 人），死亡 ${registered.deaths} 人。`,
    extensions: {
      ...mine.extensions,
      health: {
        ...(mine.extensions?.health as Record<string, unknown> | undefined),
        registration: { ...registration, provisional: false },
        registeredCasualties: registered,
      },
    },
  };
  const references = latest
    ? [
        {
          id: latest.envelope.id,
          ...(latest.unitId === envelope.sender.unitId ? {} : { unitId: latest.unitId }),
          relation: "updates" as const,
        },
      ]
    : envelope.references;
  const sentAt = foldedSentAt(envelope.sentAt, payload.occurredAt);
  return {
    envelope: { ...envelope, sentAt, ...(references ? { references } : {}), payload } as Envelope,
    known: own !== undefined,
  };
}

/**
 * Registrations are folded and committed one payload at a time per incident: each must see the
 * one before it in the chain, or two would take the same sequence. Keys are taken in sorted
 * order, so two payloads naming the same incidents cannot wait on each other.
 */
export class IncidentTurns {
  readonly #tails = new Map<string, Promise<void>>();

  async run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const releases: (() => void)[] = [];
    try {
      for (const key of [...new Set(keys)].sort()) {
        const previous = this.#tails.get(key) ?? Promise.resolve();
        let release = () => {};
        const mine = new Promise<void>((resolve) => {
          release = resolve;
        });
        const tail = previous.then(() => mine);
        this.#tails.set(key, tail);
        releases.push(() => {
          release();
          if (this.#tails.get(key) === tail) this.#tails.delete(key);
        });
        await previous;
      }
      return await work();
    } finally {
      for (const release of releases) release();
    }
  }
}

/**
 * A report its adapter could not place in its chain alone: one record of a series decoded
 * without history (a 110 record whose JJDBH may have come before), marked
 * `extensions.eix.placement: "follow-up"`. The first of its incident stays the initial report;
 * each later one becomes the chain's next update.
 */
export function isFollowUp(envelope: Envelope): boolean {
  if (envelope.kind !== "incident") return false;
  const eix = envelope.payload.extensions?.eix as { placement?: unknown } | undefined;
  return eix?.placement === "follow-up";
}

/** The report without the placement mark: placed once, it is never placed again by the next hub. */
function unmarked(envelope: Report["envelope"], payload: IncidentReport = envelope.payload): Envelope {
  const { eix, ...extensions } = payload.extensions ?? {};
  const { placement: _placement, concludes: _concludes, ...rest } = (eix ?? {}) as Record<string, unknown>;
  const kept = Object.keys(rest).length > 0 ? { ...extensions, eix: rest } : extensions;
  const { extensions: _extensions, ...fields } = payload;
  return { ...envelope, payload: { ...fields, ...(Object.keys(kept).length > 0 ? { extensions: kept } : {}) } } as Envelope;
}

/**
 * A follow-up as the chain's next update, naming the chain's latest report; as its final report
 * (终报) when the adapter marked it `extensions.eix.concludes` (a 110 record whose case is closed).
 */
function placedFollowUp(envelope: Report["envelope"], chain: readonly Report[]): Envelope {
  const latest = chain.at(-1) as Report;
  const sequence = Math.max(1, ...chain.map((report) => report.envelope.payload.sequence)) + 1;
  const references = [
    {
      id: latest.envelope.id,
      ...(latest.unitId === envelope.sender.unitId ? {} : { unitId: latest.unitId }),
      relation: "updates" as const,
    },
  ];
  const concludes = (envelope.payload.extensions?.eix as { concludes?: unknown } | undefined)?.concludes === true;
  return unmarked({ ...envelope, references }, { ...envelope.payload, stage: concludes ? "final" : "update", sequence });
}

/** The incident ids of a payload's provisional registrations and follow-ups: the turns a fold must hold. */
export function placementIncidents(messages: readonly Envelope[]): string[] {
  return messages.flatMap((message) =>
    (isProvisionalRegistration(message) || isFollowUp(message)) && message.kind === "incident"
      ? [message.payload.incidentId]
      : [],
  );
}

/**
 * Places each provisional registration and follow-up in its incident's chain (as the store
 * holds it, plus the reports before it in the same payload). A follow-up is the initial report
 * when the chain is empty, else the next update naming the latest report. A registration is
 * folded: next sequence, `references` to the chain's
 * latest report, the incident's event type, place and time, casualties merged with the
 * registered totals, `registeredCasualties` per facility. Chains are read per status, so an
 * exercise never counts into an actual incident. A resend (its id already in the chain) is left
 * as it is: the store answers it with the original receipt. Call inside `IncidentTurns.run`.
 */
export async function placeInChains(
  messages: readonly Envelope[],
  chainOf: (incidentId: string) => Promise<IncidentChainEntry[]>,
): Promise<{ messages: Envelope[]; issues: ReportedIssue[] }> {
  const out: Envelope[] = [];
  const issues: ReportedIssue[] = [];
  const pending = new Map<string, Report[]>();
  for (const [index, message] of messages.entries()) {
    const registration = registrationOf(message);
    const followUp = isFollowUp(message);
    if ((!registration?.provisional && !followUp) || message.kind !== "incident") {
      out.push(message);
      continue;
    }
    const incidentId = message.payload.incidentId;
    const key = `${message.status}\u0000${incidentId}`;
    const stored = (await chainOf(incidentId))
      .filter((entry) => entry.envelope.kind === "incident" && entry.envelope.status === message.status)
      .map((entry) => ({ envelope: entry.envelope as Report["envelope"], unitId: entry.unitId }));
    const chain = [...stored, ...(pending.get(key) ?? [])];
    if (chain.some((report) => report.envelope.id === message.id && report.unitId === message.sender.unitId)) {
      out.push(message);
      continue;
    }
    if (followUp) {
      const placed = chain.length === 0 ? unmarked(message) : placedFollowUp(message, chain);
      const verdict = validate(placed);
      const kept = verdict.valid ? placed : message;
      if (!verdict.valid) {
        const reason = verdict.issues.find((issue) => issue.severity === "error");
        const notPlaced = ingestIssue("EIX_INGEST_TALLY_NOT_FOLDED", reason?.path ?? "", {
          value: `${reason?.code ?? "?"} at ${reason?.path || "/"}`,
        });
        issues.push(...forMessage([notPlaced], index, messages.length));
      }
      pending.set(key, [...(pending.get(key) ?? []), { envelope: kept as Report["envelope"], unitId: message.sender.unitId }]);
      out.push(kept);
      continue;
    }
    if (!registration) continue; // unreachable: a registration or a follow-up
    const result = folded(message, registration, chain);
    // The fold is checked like any decoded message. Should it fail, the hospital's own
    // provisional report stands instead (nothing is lost), with a warning saying why.
    const verdict = validate(result.envelope);
    if (!verdict.valid) {
      const reason = verdict.issues.find((issue) => issue.severity === "error");
      const notFolded = ingestIssue("EIX_INGEST_TALLY_NOT_FOLDED", reason?.path ?? "", {
        value: `${reason?.code ?? "?"} at ${reason?.path || "/"}`,
      });
      issues.push(...forMessage([notFolded], index, messages.length));
      out.push(message);
      continue;
    }
    if (!result.known) {
      const unknown = ingestIssue("EIX_INGEST_TALLY_UNKNOWN_INCIDENT", "/payload/incidentId", { value: incidentId });
      issues.push(...forMessage([unknown], index, messages.length));
    }
    pending.set(key, [
      ...(pending.get(key) ?? []),
      { envelope: result.envelope as Report["envelope"], unitId: message.sender.unitId },
    ]);
    out.push(result.envelope);
  }
  return { messages: out, issues };
}
