import { randomBytes } from "node:crypto";
import { AdapterError } from "../../errors.js";
import { DEFAULT_HL7_DELIMITERS, encodingCharacters, type Hl7Field, type Hl7Message, type Hl7Segment } from "./hl7-message.js";
import { parseHl7Text } from "./hl7-text-parser.js";
import { hl7Segments, hl7Value } from "./hl7-values.js";
import { serializeHl7 } from "./hl7-writer.js";

/** One reason for an AE/AR, as an ERR segment: our error code, where it was found, what to tell the user. */
export interface Hl7AckError {
  readonly code: string;
  readonly message: string;
  readonly severity?: "error" | "warning";
  /** ERR-2: segment id, its 1-based sequence in the message, the field number. */
  readonly segment?: string;
  readonly sequence?: number;
  readonly field?: number;
}

export interface Hl7AckOutcome {
  readonly code: "AA" | "AE" | "AR";
  /** MSA-3 */
  readonly text?: string;
  readonly errors?: readonly Hl7AckError[];
}

export interface Hl7AckOptions {
  readonly now?: Date;
  /** MSH-10 of the ACK; a new one when absent. */
  readonly controlId?: string;
  /** MSH-3 and MSH-4 of the ACK: by default the request's receiving application and facility, else "EIX". */
  readonly application?: string;
  readonly facility?: string;
  /** MSA-2 when the request could not be parsed but its MSH-10 was read (e.g. from a frame's first bytes). */
  readonly requestControlId?: string;
}

export type Hl7AckReading =
  | {
      ok: true;
      code: "AA" | "AE" | "AR" | "CA" | "CE" | "CR";
      controlId?: string;
      text?: string;
      errors: { code?: string; text?: string }[];
    }
  | { ok: false; error: AdapterError };

/** Coding system of the codes EIX writes into ERR-3 (its own error table, docs/errors.md). */
export const EIX_ERROR_CODING_SYSTEM = "EIX-ERR";
const DEFAULT_VERSION = "2.5.1";
const ACK_CODES = new Set(["AA", "AE", "AR", "CA", "CE", "CR"]);

const single = (text: string): Hl7Field => [[[text]]];
const valued = (field: Hl7Field | undefined): Hl7Field | undefined =>
  field?.some((repetition) => repetition.some((component) => component.some((value) => value !== ""))) ? field : undefined;

/** YYYYMMDDHHMMSS+0800: the hub keeps Beijing time (China has one zone). */
function beijingTime(now: Date): string {
  const t = new Date(now.getTime() + 8 * 3_600_000).toISOString();
  return `${t.slice(0, 4)}${t.slice(5, 7)}${t.slice(8, 10)}${t.slice(11, 13)}${t.slice(14, 16)}${t.slice(17, 19)}+0800`;
}

/** At most 20 characters, the MSH-10 length of v2.5 and earlier. */
function newControlId(now: Date): string {
  return `EIX${now.getTime().toString(36).toUpperCase()}${randomBytes(3).toString("hex").toUpperCase()}`;
}

/** ERR-2 (v2.5+) and ERR-1 (before v2.5, which had only ERR-1) for one error. */
function errSegment(error: Hl7AckError, legacy: boolean): Hl7Segment {
  const location: string[][] = error.segment === undefined ? [[""]] : [[error.segment]];
  if (error.sequence !== undefined || error.field !== undefined)
    location.push([error.sequence === undefined ? "" : String(error.sequence)]);
  if (error.field !== undefined) location.push([String(error.field)]);
  const coded = [error.code, error.message, EIX_ERROR_CODING_SYSTEM];
  const fields: Hl7Field[] = [
    [],
    legacy
      ? [[...location, ...(location.length < 3 ? Array.from({ length: 3 - location.length }, () => [""]) : []), coded]]
      : single(""),
    [location],
    [coded.map((value) => [value])],
    single(error.severity === "warning" ? "W" : "E"),
    single(""),
    single(""),
    single(""),
    single(error.message),
  ];
  return { id: "ERR", fields, line: 0 };
}

/**
 * ACK builder: MSH (sender/receiver swapped from the request, new control id, MSH-9
 * ACK^<trigger>^ACK), MSA|AA|<request MSH-10> on success; AE/AR with one ERR segment per
 * error carrying our error code (ERR-3 code^text^EIX-ERR, ERR-4 severity E/W, ERR-2 location
 * segment^sequence^field when known, ERR-8 user message; ERR-1 too for requests before v2.5).
 * Works when the request could not be parsed at all (then MSA-2 is empty and the defaults
 * are used). The ACK keeps the request's separators, version and MSH-18: encode it in that charset.
 */
export function buildHl7Ack(request: Hl7Message | undefined, outcome: Hl7AckOutcome, options: Hl7AckOptions = {}): string {
  const msh = request?.segments[0]?.id === "MSH" ? request.segments[0] : undefined;
  const d = request?.delimiters ?? DEFAULT_HL7_DELIMITERS;
  const now = options.now ?? new Date();
  const trigger = msh && hl7Value(msh, 9, { component: 2 });
  const version = (msh && hl7Value(msh, 12)) ?? DEFAULT_VERSION;
  const fields: Hl7Field[] = [
    [],
    single(d.field),
    single(encodingCharacters(d)),
    options.application === undefined ? (valued(msh?.fields[5]) ?? single("EIX")) : single(options.application),
    options.facility === undefined ? (valued(msh?.fields[6]) ?? single("EIX")) : single(options.facility),
    msh?.fields[3] ?? single(""),
    msh?.fields[4] ?? single(""),
    single(beijingTime(now)),
    single(""),
    [trigger ? [["ACK"], [trigger], ["ACK"]] : [["ACK"]]],
    single(options.controlId ?? newControlId(now)),
    valued(msh?.fields[11]) ?? single("P"),
    valued(msh?.fields[12]) ?? single(DEFAULT_VERSION),
  ];
  const charsets = valued(msh?.fields[18]);
  if (charsets) fields.push(single(""), single(""), single(""), single(""), single(""), charsets);
  const msa: Hl7Field[] = [[], single(outcome.code), single((msh && hl7Value(msh, 10)) ?? options.requestControlId ?? "")];
  if (outcome.text) msa.push(single(outcome.text));
  const legacy = /^2\.[1-4](\.|$)/.test(version);
  const segments: Hl7Segment[] = [
    { id: "MSH", fields, line: 1 },
    { id: "MSA", fields: msa, line: 2 },
    ...(outcome.errors ?? []).map((error) => errSegment(error, legacy)),
  ];
  return serializeHl7({ delimiters: d, segments, line: 1 });
}

const notAck = (detail: string, cause?: AdapterError) =>
  ({
    ok: false,
    error: new AdapterError(
      "EIX_HL7_NOT_ACK",
      { detail },
      { ...(cause ? { cause, ...(cause.position ? { position: cause.position } : {}) } : {}) },
    ),
  }) as const;

/**
 * Reads an ACK (for the MLLP client): MSA-1 (AA/AE/AR or CA/CE/CR), MSA-2, MSA-3 text and ERR
 * codes (ERR-3, else ERR-5, else ERR-1.4 of older versions) and texts (ERR-8, ERR-3.2, ERR-1.4.2);
 * a coded error when it is not an ACK. Any version is read: an ACK is not refused for its version.
 */
export function readHl7Ack(text: string): Hl7AckReading {
  const parsed = parseHl7Text(text, { checkVersion: false });
  if (!parsed.ok) return notAck(`${parsed.error.code}: ${parsed.error.message}`, parsed.error);
  const message = parsed.messages[0];
  const msa = message && hl7Segments(message, "MSA")[0];
  if (!msa) return notAck("no MSA segment");
  const code = hl7Value(msa, 1)?.trim() ?? "";
  if (!ACK_CODES.has(code)) return notAck(`MSA-1 is "${code}", not AA/AE/AR/CA/CE/CR`);
  const controlId = hl7Value(msa, 2);
  const reason = hl7Value(msa, 3);
  const errors = hl7Segments(message, "ERR").map((err) => {
    const errCode = hl7Value(err, 3) ?? hl7Value(err, 5) ?? hl7Value(err, 1, { component: 4 });
    const errText = hl7Value(err, 8) ?? hl7Value(err, 3, { component: 2 }) ?? hl7Value(err, 1, { component: 4, subcomponent: 2 });
    return { ...(errCode === undefined ? {} : { code: errCode }), ...(errText === undefined ? {} : { text: errText }) };
  });
  return {
    ok: true,
    code: code as "AA" | "AE" | "AR" | "CA" | "CE" | "CR",
    ...(controlId === undefined ? {} : { controlId }),
    ...(reason === undefined ? {} : { text: reason }),
    errors,
  };
}
