import { type Casualties, type Envelope, type IncidentReport, lookupEventType, type Unit } from "@eix/schema";
import type { AdapterIssue } from "../../contract.js";
import type { CasualtyCategory, CasualtyRegistration } from "./health-extension.js";
import { HL7_NULL, type Hl7Header, type Hl7Message, type Hl7Segment, hl7Segments, hl7Value } from "./hl7.js";

/** Registrations (挂号/入院) that can carry a casualty of a mass-casualty incident. */
export const REGISTRATION_MESSAGES = /^ADT\^A0[148]$/;

/** Where the incident reference and the casualty category are read by default: EIX's Z-segment. */
export const DEFAULT_INCIDENT_REFERENCE_FIELD = "ZEI-1";
export const DEFAULT_CASUALTY_CATEGORY_FIELD = "ZEI-2";
/** ZEI-3: the incident's event type, when the hospital was told it (optional). */
const ZEI_EVENT_TYPE_FIELD = "ZEI-3";
/** ZEI-4: the id of the report the hospital was told about (optional), the one this updates. */
const ZEI_REPORT_ID_FIELD = "ZEI-4";
const messageIdPattern = /^[\x21-\x7E]{1,200}$/;

/**
 * Casualty categories as hospitals write them: EIX's words, the Chinese terms, and START triage
 * colours (green/yellow walking or delayed → injured; red immediate → seriously injured; black
 * → dead). Anything else is "injured", with an issue.
 */
const categoryByWord = new Map<string, CasualtyCategory>(
  Object.entries({
    injured: "injured",
    "seriously-injured": "seriouslyInjured",
    seriouslyinjured: "seriouslyInjured",
    serious: "seriouslyInjured",
    critical: "seriouslyInjured",
    dead: "dead",
    deaths: "dead",
    death: "dead",
    deceased: "dead",
    受伤: "injured",
    轻伤: "injured",
    伤: "injured",
    重伤: "seriouslyInjured",
    危重: "seriouslyInjured",
    死亡: "dead",
    green: "injured",
    yellow: "injured",
    red: "seriouslyInjured",
    black: "dead",
    绿: "injured",
    黄: "injured",
    红: "seriouslyInjured",
    黑: "dead",
    绿色: "injured",
    黄色: "injured",
    红色: "seriouslyInjured",
    黑色: "dead",
    // START's own names: immediate (red), delayed (yellow), minor (green), expectant (alive, not
    // expected to survive: counted as seriously injured until a death is registered).
    immediate: "seriouslyInjured",
    delayed: "injured",
    minor: "injured",
    expectant: "seriouslyInjured",
  }) as [string, CasualtyCategory][],
);
/** "Seriously Injured", "seriously_injured" → "seriously-injured". */
const normalizedWord = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");

/** Segments a reference must never be read from: they identify the patient (see hl7-to-canonical.ts). */
const IDENTITY_SEGMENTS = new Set(["PID", "PD1", "NK1", "IN1", "IN2", "IN3", "GT1", "MRG"]);

/**
 * A configured field location, checked: "SEG-n[.c]" outside the patient-identity segments, or
 * the reason it is refused (a typo must not silently stop every registration).
 */
export function checkFieldLocation(text: unknown): string | undefined {
  if (typeof text !== "string") return "not a string";
  const where = parseFieldLocation(text);
  if (!where) return `"${text}" is not an HL7 field such as ZEI-1 or PV2-3.1`;
  if (IDENTITY_SEGMENTS.has(where.segment)) return `${where.segment} identifies the patient`;
  return undefined;
}

/** "PV1-50" or "ZEI-1.2" → where to read; undefined when the text is no HL7 location. */
export function parseFieldLocation(text: string): { segment: string; field: number; component: number } | undefined {
  const match = /^([A-Z][A-Z0-9]{2})-(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  return { segment: match[1] as string, field: Number(match[2]), component: Number(match[3] ?? 1) };
}

function valueAt(message: Hl7Message, location: string): { value: string; segment: Hl7Segment } | undefined {
  const where = parseFieldLocation(location);
  if (!where) return undefined;
  const segment = hl7Segments(message, where.segment)[0];
  const value = segment && hl7Value(segment, where.field, { component: where.component });
  return segment && value && value !== HL7_NULL ? { value: value.trim(), segment } : undefined;
}

/** The incident a registration belongs to, when the message names one. */
export function incidentReferenceOf(message: Hl7Message, field: string): string | undefined {
  return valueAt(message, field)?.value || undefined;
}

export interface RegistrationInput {
  readonly message: Hl7Message;
  readonly header: Hl7Header;
  readonly reference: string;
  /** The reference as a message id (printable ASCII), for `references` when ZEI-4 is absent. */
  readonly referenceId: string;
  readonly caseReference: string;
  readonly categoryField: string;
  readonly sender: Unit;
  readonly sentAt: string;
  readonly messageId: string;
  readonly status: Envelope["status"];
  readonly patientDied: boolean | undefined;
  readonly issue: (code: "EIX_ADAPTER_UNMAPPED", params: Record<string, string>) => AdapterIssue;
}

/**
 * One casualty registration (伤员登记) of a mass-casualty incident → an `update` (续报) of the
 * referenced incident with this one casualty. A decode sees one message and no history, so the
 * report is provisional: `sequence` 2, the event type from ZEI-3 (else 10000 突发事件), the place
 * the hospital's region, and `extensions.health.registration` saying so. A hub folds the
 * registrations of each incident into totals and the next sequence of its report chain.
 */
export function registrationReport(input: RegistrationInput, issues: AdapterIssue[]): Envelope {
  const { message, header, reference, sender } = input;
  const written = valueAt(message, input.categoryField)?.value;
  let category: CasualtyCategory = input.patientDied ? "dead" : "injured";
  if (written !== undefined) {
    const known = categoryByWord.get(normalizedWord(written));
    if (known) category = input.patientDied ? "dead" : known;
    else issues.push(input.issue("EIX_ADAPTER_UNMAPPED", { value: written, detail: `${input.categoryField} casualty category` }));
  }
  const eventTypeWritten = valueAt(message, ZEI_EVENT_TYPE_FIELD)?.value;
  const eventType = eventTypeWritten && lookupEventType(eventTypeWritten) ? eventTypeWritten : "10000";
  const facility = header.sendingFacility ?? sender.name;
  // An update must name the report it follows. Without ZEI-4 the incident id stands for its
  // chain until a hub names the chain's latest report.
  const reportId = valueAt(message, ZEI_REPORT_ID_FIELD)?.value;
  const updates = reportId && messageIdPattern.test(reportId) && reportId !== input.messageId ? reportId : input.referenceId;
  const casualties: Casualties =
    category === "dead" ? { deaths: 1 } : category === "seriouslyInjured" ? { injured: 1, seriouslyInjured: 1 } : { injured: 1 };
  const registration: CasualtyRegistration = {
    reference,
    caseReference: input.caseReference,
    category,
    facility,
    messageType: `${header.messageType?.code ?? ""}^${header.messageType?.trigger ?? ""}`,
    provisional: true,
  };
  const payload: IncidentReport = {
    incidentId: reference,
    stage: "update",
    sequence: 2,
    title: `伤员登记（${facility}）`,
    eventType,
    severity: "unknown",
    occurredAt: input.sentAt,
    location: { regionCode: sender.regionCode },
    source: { channel: "report", detail: `HL7 v2 ${registration.messageType} ${facility}` },
    description: `${facility}登记 1 名${categoryText[category]}伤员（病例 ${input.caseReference}）。`,
    casualties,
    extensions: { health: { registration } as unknown as Record<string, unknown> },
  };
  return {
    id: input.messageId,
    schema: "eix/1",
    kind: "incident",
    sentAt: input.sentAt,
    sender,
    status: input.status,
    classification: "internal",
    references: [{ id: updates, relation: "updates" }],
    payload,
  } as Envelope;
}

const categoryText: Record<CasualtyCategory, string> = { injured: "受伤", seriouslyInjured: "重伤", dead: "死亡" };
