import type { AdapterIssue } from "../../contract.js";
import { AdapterError, type AdapterErrorCode, type AdapterParams, adapterMessage, type SourcePosition } from "../../errors.js";
import { readDelimiters } from "./hl7-delimiters.js";
import { unescapeHl7 } from "./hl7-escapes.js";
import {
  DEFAULT_MAX_HL7_SEGMENTS,
  DEFAULT_MAX_HL7_VALUES,
  type Hl7Delimiters,
  type Hl7Field,
  type Hl7Message,
} from "./hl7-message.js";

export type Hl7TextResult =
  | { readonly ok: true; readonly messages: Hl7Message[]; readonly issues: AdapterIssue[] }
  | { readonly ok: false; readonly error: AdapterError; readonly issues: AdapterIssue[] };

export interface Hl7TextOptions {
  readonly maxSegments?: number;
  /** Values (subcomponents) in all; default DEFAULT_MAX_HL7_VALUES. */
  readonly maxValues?: number;
  /** The charset the text was decoded from, for \Xhh\ escapes of multi-byte characters. */
  readonly charset?: string;
  /** MSH-12 must name a supported version (2.1–2.8.x). Default true; ACKs are read without. */
  readonly checkVersion?: boolean;
}

export const HL7_SUPPORTED_VERSIONS = "2.1–2.8.x";
const supportedVersion = /^2\.[1-8](?:\.\d+)*$/;
/** Batch envelope segments: they wrap messages and belong to none. */
const BATCH = new Set(["FHS", "BHS", "BTS", "FTS"]);
/** Malformed-escape warnings reported per input; hostile input could otherwise make millions. */
const MAX_ESCAPE_ISSUES = 100;

const isUpper = (c: number) => c >= 0x41 && c <= 0x5a;
const isUpperOrDigit = (c: number) => isUpper(c) || (c >= 0x30 && c <= 0x39);
const isAlphanumeric = (c: number) => isUpperOrDigit(c) || (c >= 0x61 && c <= 0x7a);
/** The 3-character id a segment's text starts with, when followed by something that is not part of an id. */
const leadingId = (text: string) => (text.length === 3 || !isAlphanumeric(text.charCodeAt(3)) ? text.slice(0, 3) : undefined);
/** The text a segment id was read from, for messages: up to the separator, printable, short. */
const shown = (text: string, separator: string) => {
  const end = text.indexOf(separator);
  return text.slice(0, Math.min(10, end < 0 ? text.length : end)).replace(/[^\x20-\x7e]/g, "?");
};
/** Characters that make a field need splitting or unescaping, by MSH-2. */
const specialsByEncoding = new Map<string, RegExp>();
function specialsOf(d: Hl7Delimiters): RegExp {
  const key = d.component + d.repetition + d.escape + d.subcomponent;
  let pattern = specialsByEncoding.get(key);
  if (!pattern) {
    pattern = new RegExp(`[${key.replace(/[\\\]^-]/g, "\\$&")}]`);
    if (specialsByEncoding.size >= 64) specialsByEncoding.clear(); // a sender could vary MSH-2 without end
    specialsByEncoding.set(key, pattern);
  }
  return pattern;
}

class TextParser {
  readonly messages: Hl7Message[] = [];
  readonly issues: AdapterIssue[] = [];
  #message: Hl7Message | undefined;
  #specials = /[~^&\\]/;
  #line = 0;
  #segmentId = "";
  #field = 0;
  #escapeIssues = 0;
  /** Values read so far: each costs a few arrays, so a field of ten million `~` must stop early. */
  #values = 0;
  readonly #maxValues: number;
  readonly #charset: string;
  readonly #malformed = (sequence: string) => this.#escapeIssue(sequence);

  constructor(
    readonly options: Hl7TextOptions,
    charset: string,
  ) {
    this.#charset = charset;
    this.#maxValues = options.maxValues ?? DEFAULT_MAX_HL7_VALUES;
  }

  /** Position of the segment being read: line, `PID[1]` (0-based among the message's PIDs), `PID-5`. */
  position(field?: number, id = this.#segmentId): SourcePosition {
    const index = this.#message ? this.#message.segments.filter((segment) => segment.id === id).length : 0;
    return { line: this.#line, at: `${id}[${index}]`, ...(field === undefined ? {} : { field: `${id}-${field}` }) };
  }

  fail(code: AdapterErrorCode, params: AdapterParams, position: SourcePosition): AdapterError {
    return new AdapterError(code, params, { position });
  }

  #tooManyValues(field: number): AdapterError {
    return this.fail("EIX_HL7_TOO_MANY_VALUES", { limit: String(this.#maxValues) }, this.position(field));
  }

  #escapeIssue(sequence: string): void {
    if (++this.#escapeIssues > MAX_ESCAPE_ISSUES) return;
    const code = "EIX_HL7_ESCAPE_MALFORMED";
    const value = sequence.length > 20 ? `${sequence.slice(0, 20)}…` : sequence;
    this.issues.push({
      code,
      severity: "warning",
      message: adapterMessage(code, { value }),
      position: this.position(this.#field),
    });
  }

  /** One segment's text (not blank); an error stops the parse. */
  segment(text: string, line: number): AdapterError | undefined {
    this.#line = line;
    const id = leadingId(text);
    if (id === "MSH") return this.#header(text);
    if (id !== undefined && BATCH.has(id)) {
      const code = "EIX_HL7_BATCH_SEGMENT_SKIPPED";
      this.issues.push({ code, severity: "warning", message: adapterMessage(code, { value: id }), position: { line } });
      return undefined;
    }
    const message = this.#message;
    if (!message) return this.fail("EIX_HL7_NO_MSH", { value: text.slice(0, 3).replace(/[^\x20-\x7e]/g, "?") }, { line });
    const d = message.delimiters;
    if (
      !isUpper(text.charCodeAt(0)) ||
      !isUpperOrDigit(text.charCodeAt(1)) ||
      !isUpperOrDigit(text.charCodeAt(2)) ||
      (text.length > 3 && text.charAt(3) !== d.field)
    ) {
      const value = shown(text, d.field);
      return this.fail("EIX_HL7_SEGMENT_ID", { value, expected: "[A-Z][A-Z0-9]{2}" }, this.position(undefined, value));
    }
    this.#segmentId = text.slice(0, 3);
    const parts = text.split(d.field);
    const fields: Hl7Field[] = [[]];
    for (let n = 1; n < parts.length; n++) {
      fields.push(this.#parseField(parts[n] ?? "", n, d));
      if (this.#values > this.#maxValues) return this.#tooManyValues(n);
    }
    message.segments.push({ id: this.#segmentId, fields, line });
    return undefined;
  }

  /** An MSH starts a message with the separators it declares. */
  #header(text: string): AdapterError | undefined {
    this.#segmentId = "MSH";
    this.#message = undefined;
    const reading = readDelimiters(text);
    if (!reading.ok)
      return this.fail(
        "EIX_HL7_MSH_ENCODING",
        { value: reading.value.replace(/[^\x20-\x7e]/g, "?") },
        this.position(Number(reading.field.slice(4))),
      );
    const d = reading.delimiters;
    const parts = text.split(d.field);
    const fields: Hl7Field[] = [[], [[[d.field]]], [[[parts[1] ?? ""]]]];
    const message: Hl7Message = { delimiters: d, segments: [], line: this.#line };
    this.#message = message;
    this.#specials = specialsOf(d);
    for (let n = 2; n < parts.length; n++) {
      fields.push(this.#parseField(parts[n] ?? "", n + 1, d));
      if (this.#values > this.#maxValues) return this.#tooManyValues(n + 1);
    }
    if (this.options.checkVersion !== false) {
      const version = fields[12]?.[0]?.[0]?.[0]?.trim() ?? "";
      if (!supportedVersion.test(version))
        return this.fail("EIX_HL7_VERSION_UNSUPPORTED", { value: version, expected: HL7_SUPPORTED_VERSIONS }, this.position(12));
    }
    message.segments.push({ id: "MSH", fields, line: this.#line });
    this.messages.push(message);
    return undefined;
  }

  /**
   * A field's text → repetitions → components → subcomponents, each unescaped. One pass over
   * the characters: three nested splits cost three times as much on a typical ADT.
   */
  #parseField(raw: string, n: number, d: Hl7Delimiters): Hl7Field {
    if (!this.#specials.test(raw)) {
      this.#values++;
      return [[[raw]]];
    }
    this.#field = n;
    const repetition = d.repetition.charCodeAt(0);
    const component = d.component.charCodeAt(0);
    const subcomponent = d.subcomponent.charCodeAt(0);
    const escapeCode = d.escape.charCodeAt(0);
    const field: Hl7Field = [];
    let components: string[][] = [];
    let subcomponents: string[] = [];
    let start = 0;
    let escaped = false;
    for (let i = 0; i <= raw.length; i++) {
      const c = i === raw.length ? repetition : raw.charCodeAt(i);
      if (c === escapeCode) escaped = true;
      if (c !== subcomponent && c !== component && c !== repetition) continue;
      const value = raw.slice(start, i);
      subcomponents.push(escaped ? unescapeHl7(value, d, this.#charset, this.#malformed) : value);
      if (++this.#values > this.#maxValues) break;
      start = i + 1;
      escaped = false;
      if (c === subcomponent) continue;
      components.push(subcomponents);
      subcomponents = [];
      if (c === component) continue;
      field.push(components);
      components = [];
    }
    return field;
  }
}

/**
 * HL7 v2 text → messages. Segments end with CR, LF or CRLF; blank lines are skipped, so are
 * batch headers and trailers (with a warning); each MSH starts a message with its own
 * separators. Never throws: the first error stops the parse and is returned with its position.
 */
export function parseHl7Text(text: string, options: Hl7TextOptions = {}): Hl7TextResult {
  const parser = new TextParser(options, options.charset ?? "utf-8");
  const maxSegments = options.maxSegments ?? DEFAULT_MAX_HL7_SEGMENTS;
  const length = text.length;
  let segments = 0;
  let line = 0;
  let cr = text.indexOf("\r");
  let lf = text.indexOf("\n");
  for (let start = 0; start <= length; ) {
    line++;
    // The next CR and LF are looked up only once passed: a text without one stays linear.
    if (cr !== -1 && cr < start) cr = text.indexOf("\r", start);
    if (lf !== -1 && lf < start) lf = text.indexOf("\n", start);
    let end = length;
    let next = length + 1;
    if (cr !== -1 && (lf === -1 || cr < lf)) {
      end = cr;
      next = lf === cr + 1 ? cr + 2 : cr + 1;
    } else if (lf !== -1) {
      end = lf;
      next = lf + 1;
    }
    const segment = text.slice(start, end);
    start = next;
    if (segment.length === 0 || (segment.charCodeAt(0) <= 0x20 && segment.trim() === "")) continue;
    if (++segments > maxSegments)
      return {
        ok: false,
        error: new AdapterError("EIX_HL7_TOO_MANY_SEGMENTS", { limit: String(maxSegments) }, { position: { line } }),
        issues: parser.issues,
      };
    const error = parser.segment(segment, line);
    if (error) return { ok: false, error, issues: parser.issues };
  }
  if (parser.messages.length === 0)
    return { ok: false, error: new AdapterError("EIX_HL7_NO_MSH", {}, { position: { line: 1 } }), issues: parser.issues };
  return { ok: true, messages: parser.messages, issues: parser.issues };
}
