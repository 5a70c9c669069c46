import type { Envelope, IncidentReport, Unit } from "@eix/schema";
import { lookupRegion } from "@eix/schema";
import type { AdapterIssue, DecodeContext } from "../../contract.js";
import { AdapterError, type AdapterErrorCode, adapterMessage, type SourcePosition } from "../../errors.js";
import { sha256Hex } from "../../kit/digest.js";
import { type NotifiableDisease, notifiableDisease } from "../notifiable-diseases.js";
import {
  checkFieldLocation,
  DEFAULT_CASUALTY_CATEGORY_FIELD,
  DEFAULT_INCIDENT_REFERENCE_FIELD,
  incidentReferenceOf,
  REGISTRATION_MESSAGES,
  registrationReport,
} from "./casualty-registration.js";
import type { CaseClassification, HealthHl7Extension } from "./health-extension.js";
import {
  HL7_NULL,
  type Hl7Header,
  type Hl7Message,
  type Hl7Segment,
  hl7Header,
  hl7Segments,
  hl7Value,
  serializeHl7,
} from "./hl7.js";
import { readHl7Time } from "./hl7-time.js";
import { EIX_SUMMARY_SERVICE, readSummaryOru } from "./summary-oru.js";

/** Per-source settings of `health.hl7v2` (DecodeContext.options); see README.md. */
export interface Hl7DecodeOptions {
  /** Sending units by sending facility (MSH-4.1), for sources that serve several hospitals. */
  readonly facilities?: Readonly<Record<string, Unit>>;
  /** A facility's own diagnosis codes → ICD-10 ("HIS-0301" → "A00.9"). */
  readonly diagnosisCodes?: Readonly<Record<string, string>>;
  /**
   * Where an admission names the mass-casualty incident its patient belongs to: "ZEI-1" (EIX's
   * Z-segment, the default) or a field such as "PV2-3" or "PV1-50.1" a facility already uses.
   */
  readonly incidentReferenceField?: string;
  /** Where the casualty category (injured, seriously injured, dead; triage colours) is: default "ZEI-2". */
  readonly casualtyCategoryField?: string;
  /**
   * Per sending facility (MSH-4.1): settings that differ between the hospitals of one source,
   * over the source-wide ones above (a facility's `diagnosisCodes` add to the shared table).
   */
  readonly facilityOptions?: Readonly<Record<string, FacilityOptions>>;
}

/** What one facility may set for itself. */
export type FacilityOptions = Pick<Hl7DecodeOptions, "diagnosisCodes" | "incidentReferenceField" | "casualtyCategoryField">;

/** The source-wide options with the sending facility's own over them. */
function optionsFor(options: Hl7DecodeOptions, facility: string | undefined): Hl7DecodeOptions {
  const own = facility === undefined ? undefined : options.facilityOptions?.[facility];
  if (!own) return options;
  return {
    ...options,
    ...own,
    ...(own.diagnosisCodes ? { diagnosisCodes: { ...options.diagnosisCodes, ...own.diagnosisCodes } } : {}),
  };
}

/** Every configured field location, source-wide and per facility, with its option path. */
function fieldOptions(options: Hl7DecodeOptions): [string, unknown][] {
  const fields: [string, unknown][] = [];
  const scopes: [string, FacilityOptions][] = [
    ["options", options],
    ...Object.entries(options.facilityOptions ?? {}).map(([facility, own]): [string, FacilityOptions] => [
      `options.facilityOptions.${facility}`,
      own,
    ]),
  ];
  for (const [path, scope] of scopes)
    for (const name of ["incidentReferenceField", "casualtyCategoryField"] as const)
      if (scope[name] !== undefined) fields.push([`${path}.${name}`, scope[name]]);
  return fields;
}

/**
 * Segments that identify the patient or the people around them (PID, PD1, NK1, IN1–IN3, GT1,
 * MRG): never copied into a canonical message. From PID only the address region code and the
 * death indicator are read, as counts and places, not identities.
 */
const PERSONAL_SEGMENTS = new Set(["PID", "PD1", "NK1", "IN1", "IN2", "IN3", "GT1", "MRG"]);

/** Message types that can report a case: admissions/registrations (with DG1) and results (with OBX). */
const CASE_MESSAGES = /^(ADT\^A0[1-8]|ADT\^A1[0-3]|ADT\^A2[89]|ADT\^A31|ORU\^R0[14]|ORU\^R3[0-2]|ORU\^W01)$/;

/** Coding systems read as ICD-10 (HL7 table 0396 and what hospital systems in China write). */
const ICD10_SYSTEMS = /^(I10|I10C|I10CN|ICD10|ICD-10|ICD10CN|ICD-10-CN|ICD10-CN|GB\/T ?14396)?$/i;
/** OBX value types that carry a coded value. */
const CODED_TYPES = new Set(["CE", "CWE", "CNE"]);

const statusByProcessingId: Record<string, Envelope["status"]> = { P: "actual", T: "exercise", D: "test" };
const classificationText: Record<CaseClassification, string> = {
  confirmed: "确诊",
  clinical: "临床诊断",
  suspected: "疑似",
  unknown: "",
};
const classText: Record<NotifiableDisease["class"], string> = { A: "甲类", B: "乙类", C: "丙类" };

type Issues = AdapterIssue[];

function issue(code: AdapterErrorCode, params: Record<string, string>, position?: SourcePosition): AdapterIssue {
  return {
    code,
    severity: "warning",
    message: adapterMessage(code, params),
    ...(position ? { position } : {}),
  };
}

const at = (segment: Hl7Segment, field?: number): SourcePosition => ({
  line: segment.line,
  at: segment.id,
  ...(field === undefined ? {} : { field: `${segment.id}-${field}` }),
});

const utf8 = new TextEncoder();

/** At most `max` UTF-16 units, never half a surrogate pair. */
function wholeCharacters(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * Printable ASCII only, as message ids require, and still one id per input: anything else
 * (and "%") is percent-encoded as UTF-8, so 南宁一院 and 南宁二院 stay apart; an id that would
 * pass 200 characters keeps its start and ends with a digest of the whole.
 */
function idSafe(text: string): string {
  const safe = text.replace(/[^\x21-\x24\x26-\x7E]+/g, (run) =>
    Array.from(utf8.encode(run), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join(""),
  );
  return safe.length <= 200 ? safe : `${safe.slice(0, 180)}~${sha256Hex(safe).slice(0, 19)}`;
}

interface Diagnosis {
  readonly icd10: string;
  readonly text?: string;
  readonly disease: NotifiableDisease;
  readonly classification: CaseClassification;
  readonly diagnosedAt?: string;
  readonly segment: Hl7Segment;
}

function coded(
  code: string | undefined,
  system: string | undefined,
  options: Hl7DecodeOptions,
): { icd10: string; disease: NotifiableDisease } | undefined {
  if (!code || code === HL7_NULL) return undefined;
  const local = options.diagnosisCodes?.[code];
  const icd10 = local ?? code;
  if (local === undefined && !ICD10_SYSTEMS.test(system ?? "")) return undefined;
  const disease = notifiableDisease(icd10);
  return disease ? { icd10, disease } : undefined;
}

/** DG1-6 diagnosis type: F final → confirmed; A admitting, W working → suspected. */
const dg1Classification = (type: string | undefined): CaseClassification =>
  type === "F" ? "confirmed" : type === "A" || type === "W" ? "suspected" : "unknown";
/** OBX-11 result status: F/C final or corrected → confirmed; P preliminary → suspected. */
const obxClassification = (status: string | undefined): CaseClassification =>
  status === "F" || status === "C" ? "confirmed" : status === "P" || status === "R" || status === "S" ? "suspected" : "unknown";

/** The first notifiable diagnosis of the message: DG1 segments, then coded OBX values. */
function findDiagnosis(message: Hl7Message, options: Hl7DecodeOptions): Diagnosis | undefined {
  for (const segment of hl7Segments(message, "DG1")) {
    const found = coded(hl7Value(segment, 3), hl7Value(segment, 3, { component: 3 }), options);
    if (!found) continue;
    const text = hl7Value(segment, 3, { component: 2 }) ?? hl7Value(segment, 4);
    const diagnosedAt = hl7Value(segment, 5);
    return {
      ...found,
      ...(text ? { text } : {}),
      classification: dg1Classification(hl7Value(segment, 6)),
      ...(diagnosedAt ? { diagnosedAt } : {}),
      segment,
    };
  }
  for (const segment of hl7Segments(message, "OBX")) {
    if (!CODED_TYPES.has(hl7Value(segment, 2) ?? "")) continue;
    const found = coded(hl7Value(segment, 5), hl7Value(segment, 5, { component: 3 }), options);
    if (!found) continue;
    const text = hl7Value(segment, 5, { component: 2 });
    const diagnosedAt = hl7Value(segment, 14);
    return {
      ...found,
      ...(text ? { text } : {}),
      classification: obxClassification(hl7Value(segment, 11)),
      ...(diagnosedAt ? { diagnosedAt } : {}),
      segment,
    };
  }
  return undefined;
}

/** Onset (发病时间): an OBX "illness onset" (LOINC 11368-8) when the hospital sends one. */
function onsetOf(message: Hl7Message): { value: string; segment: Hl7Segment } | undefined {
  for (const segment of hl7Segments(message, "OBX")) {
    const value = hl7Value(segment, 5);
    if (hl7Value(segment, 3) === "11368-8" && value) return { value, segment };
  }
  return undefined;
}

function time(value: string | undefined, segment: Hl7Segment, field: number, issues: Issues): string | undefined {
  if (!value || value === HL7_NULL) return undefined;
  const reading = readHl7Time(value);
  if (!reading.ok) {
    issues.push(issue("EIX_ADAPTER_UNMAPPED", { value, detail: `${segment.id}-${field}` }, at(segment, field)));
    return undefined;
  }
  if (reading.assumedOffset) issues.push(issue("EIX_TIME_LOCAL_ASSUMED", { value }, at(segment, field)));
  return reading.value;
}

function senderOf(header: Hl7Header, ctx: DecodeContext, msh: Hl7Segment): Unit | AdapterError {
  if (ctx.sender) return ctx.sender;
  const facility = header.sendingFacility ?? "";
  const unit = (ctx.options as Hl7DecodeOptions | undefined)?.facilities?.[facility];
  if (unit) return unit;
  return new AdapterError(
    "EIX_ADAPTER_MISSING_FIELD",
    { value: `sending unit for facility "${facility}" (configure the source's unit or options.facilities)` },
    { position: at(msh, 4) },
  );
}

/** PID, read for the two facts that are counts and places rather than identities. */
function patientFacts(message: Hl7Message): { region?: string; died?: boolean } {
  const pid = hl7Segments(message, "PID")[0];
  if (!pid) return {};
  const region = hl7Value(pid, 11, { component: 9 });
  const died = hl7Value(pid, 30);
  return {
    ...(region && region !== HL7_NULL ? { region } : {}),
    ...(died === "Y" ? { died: true } : died === "N" ? { died: false } : {}),
  };
}

/** The segments that may travel (all but personal data), each as HL7 text. */
function keptSegments(message: Hl7Message): { kept: string[]; withheld: string[] } {
  const kept: string[] = [];
  const withheld: string[] = [];
  for (const segment of message.segments) {
    if (PERSONAL_SEGMENTS.has(segment.id)) withheld.push(segment.id);
    else kept.push(serializeHl7({ ...message, segments: [segment] }, { segmentEnd: "" }));
  }
  return { kept, withheld: [...new Set(withheld)] };
}

function caseReferenceOf(message: Hl7Message, header: Hl7Header): string {
  const pv1 = hl7Segments(message, "PV1")[0];
  const obr = hl7Segments(message, "OBR")[0];
  const local = (pv1 && hl7Value(pv1, 19)) || (obr && (hl7Value(obr, 3) || hl7Value(obr, 2))) || header.controlId || "unknown";
  return `${header.sendingFacility ?? "unknown"}/${local}`;
}

/** One notifiable-disease case (传染病病例报告) → an initial incident report (初报). */
function caseReport(
  message: Hl7Message,
  header: Hl7Header,
  diagnosis: Diagnosis,
  sender: Unit,
  ctx: DecodeContext,
  issues: Issues,
  idSuffix = "",
): Envelope {
  const msh = message.segments[0] as Hl7Segment;
  // MSH-7 is required by HL7; a message without it is dated when it arrived.
  const sentAt = time(header.dateTime, msh, 7, issues) ?? (ctx.now?.() ?? new Date()).toISOString();
  const diagnosedAt = time(diagnosis.diagnosedAt, diagnosis.segment, diagnosis.segment.id === "DG1" ? 5 : 14, issues);
  const onset = onsetOf(message);
  const onsetAt = onset ? time(onset.value, onset.segment, 5, issues) : undefined;
  const facts = patientFacts(message);
  let regionCode = facts.region;
  if (regionCode && !lookupRegion(regionCode)) {
    issues.push(issue("EIX_ADAPTER_UNMAPPED", { value: regionCode, detail: "PID-11.9 is not a GB/T 2260 region code" }));
    regionCode = undefined;
  }
  if (!regionCode) issues.push(issue("EIX_HL7_REGION_FROM_SENDER", { value: sender.regionCode }));
  const { disease } = diagnosis;
  const { kept, withheld } = keptSegments(message);
  if (withheld.length > 0) issues.push(issue("EIX_HL7_PERSONAL_DATA_WITHHELD", { value: withheld.join(", ") }));
  const caseReference = caseReferenceOf(message, header);
  const facility = header.sendingFacility ?? sender.name;
  const classification = classificationText[diagnosis.classification];
  const health: HealthHl7Extension = {
    disease: {
      icd10: diagnosis.icd10,
      ...(diagnosis.text ? { text: diagnosis.text } : {}),
      class: disease.class,
      managedAsClassA: disease.managedAsClassA,
      reportWithinHours: disease.reportWithinHours,
      caseClassification: diagnosis.classification,
    },
    caseReference,
    hl7: {
      version: header.version ?? "",
      messageType: hl7Value(msh, 9) === undefined ? "" : serializeField(msh, 9, message),
      controlId: header.controlId ?? "",
      segments: kept,
      ...(facts.region ? { patientRegion: facts.region } : {}),
      ...(facts.died === undefined ? {} : { patientDied: facts.died }),
    },
  };
  const payload: IncidentReport = {
    incidentId: idSafe(`hl7-${caseReference}`),
    stage: "initial",
    sequence: 1,
    title: `${disease.name["zh-CN"]}${classification}病例报告（${facility}）`,
    eventType: disease.eventType,
    severity: "unknown",
    occurredAt: onsetAt ?? diagnosedAt ?? sentAt,
    ...(diagnosedAt ? { discoveredAt: diagnosedAt } : {}),
    location: { regionCode: regionCode ?? sender.regionCode },
    source: {
      channel: "report",
      detail: `HL7 v2 ${header.messageType?.code ?? ""}^${header.messageType?.trigger ?? ""} ${facility}`,
    },
    nature: `${classText[disease.class]}传染病${disease.managedAsClassA ? "（按甲类管理）" : ""}`,
    description:
      `${facility}报告 1 例${disease.name["zh-CN"]}${classification}病例（ICD-10 ${diagnosis.icd10}` +
      `${diagnosis.text ? ` ${diagnosis.text}` : ""}），应于诊断后 ${disease.reportWithinHours} 小时内网络直报。`,
    casualties: { sick: 1, ...(facts.died ? { deaths: 1 } : {}) },
    extensions: { health: health as unknown as Record<string, unknown> },
  };
  return {
    id: idSafe(`hl7-${header.sendingFacility ?? "unknown"}-${header.controlId ?? ""}${idSuffix}`),
    schema: "eix/1",
    kind: "incident",
    sentAt,
    sender,
    status: statusByProcessingId[header.processingId ?? "P"] ?? "actual",
    classification: "internal",
    payload,
  } as Envelope;
}

/**
 * An admission that names a mass-casualty incident → a provisional update (续报) of that
 * incident with one casualty (casualty-registration.ts). Personal data is withheld as for cases.
 */
function registration(
  message: Hl7Message,
  header: Hl7Header,
  reference: string,
  sender: Unit,
  options: Hl7DecodeOptions,
  ctx: DecodeContext,
  issues: Issues,
): Envelope {
  const msh = message.segments[0] as Hl7Segment;
  const sentAt = time(header.dateTime, msh, 7, issues) ?? (ctx.now?.() ?? new Date()).toISOString();
  const withheld = [...new Set(message.segments.filter((s) => PERSONAL_SEGMENTS.has(s.id)).map((s) => s.id))];
  if (withheld.length > 0) issues.push(issue("EIX_HL7_PERSONAL_DATA_WITHHELD", { value: withheld.join(", ") }));
  return registrationReport(
    {
      message,
      header,
      reference: wholeCharacters(reference, 200),
      referenceId: idSafe(reference),
      caseReference: caseReferenceOf(message, header),
      categoryField: options.casualtyCategoryField ?? DEFAULT_CASUALTY_CATEGORY_FIELD,
      sender,
      sentAt,
      messageId: idSafe(`hl7-${header.sendingFacility ?? "unknown"}-${header.controlId ?? ""}`),
      status: statusByProcessingId[header.processingId ?? "P"] ?? "actual",
      patientDied: patientFacts(message).died,
      issue: (code, params) => issue(code, params),
    },
    issues,
  );
}

/** MSH-9 as the sender wrote it (components joined), for the extension. */
function serializeField(msh: Hl7Segment, field: number, message: Hl7Message): string {
  const repetition = msh.fields[field]?.[0] ?? [];
  return repetition.map((component) => component.join(message.delimiters.subcomponent)).join(message.delimiters.component);
}

/**
 * Maps each parsed HL7 message: an EIX incident summary (ORU with the canonical message
 * embedded, as `encode` writes it) back to its message; a notifiable-disease case to an
 * initial incident report; anything else is acknowledged but not reportable (an issue, no
 * message), as an interface engine's filter would.
 */
export function hl7ToCanonical(
  messages: readonly Hl7Message[],
  ctx: DecodeContext,
): { ok: true; messages: Envelope[]; issues: Issues } | { ok: false; error: AdapterError; issues: Issues } {
  const sourceOptions = (ctx.options ?? {}) as Hl7DecodeOptions;
  const issues: Issues = [];
  const out: Envelope[] = [];
  for (const [path, value] of fieldOptions(sourceOptions)) {
    const problem = checkFieldLocation(value);
    if (problem) return { ok: false, error: new AdapterError("EIX_ADAPTER_BAD_VALUE", { value: path, detail: problem }), issues };
  }
  for (const message of messages) {
    const msh = message.segments[0] as Hl7Segment;
    const header = hl7Header(message);
    const options = optionsFor(sourceOptions, header.sendingFacility);
    const type = `${header.messageType?.code ?? ""}^${header.messageType?.trigger ?? ""}`;
    const obr = hl7Segments(message, "OBR")[0];
    if (obr && hl7Value(obr, 4) === EIX_SUMMARY_SERVICE) {
      const summary = readSummaryOru(message);
      if (!summary.ok) return { ok: false, error: summary.error, issues };
      out.push(summary.envelope);
      continue;
    }
    const reference = REGISTRATION_MESSAGES.test(type)
      ? incidentReferenceOf(message, options.incidentReferenceField ?? DEFAULT_INCIDENT_REFERENCE_FIELD)
      : undefined;
    const diagnosis = CASE_MESSAGES.test(type) ? findDiagnosis(message, options) : undefined;
    if (reference !== undefined) {
      const sender = senderOf(header, ctx, msh);
      if (sender instanceof AdapterError) return { ok: false, error: sender, issues };
      out.push(registration(message, header, reference, sender, options, ctx, issues));
      // A casualty with a notifiable disease is also a case: the direct-report duty stands.
      if (diagnosis) out.push(caseReport(message, header, diagnosis, sender, ctx, issues, "-case"));
      continue;
    }
    if (!diagnosis) {
      issues.push(issue("EIX_HL7_NOT_REPORTABLE", { value: type, detail: header.controlId ?? "" }, at(msh)));
      continue;
    }
    const sender = senderOf(header, ctx, msh);
    if (sender instanceof AdapterError) return { ok: false, error: sender, issues };
    out.push(caseReport(message, header, diagnosis, sender, ctx, issues));
  }
  return { ok: true, messages: out, issues };
}
