import type { Hl7Message, Hl7Segment } from "./hl7-message.js";

/** What the MSH says about a message, as plain strings (first component of each field unless noted). */
export interface Hl7Header {
  /** MSH-3 */
  sendingApplication?: string;
  /** MSH-4 */
  sendingFacility?: string;
  /** MSH-5 */
  receivingApplication?: string;
  /** MSH-6 */
  receivingFacility?: string;
  /** MSH-7, as written (YYYYMMDDHHMMSS[.S][±ZZZZ]) */
  dateTime?: string;
  /** MSH-9: message code, trigger event, message structure */
  messageType?: { code: string; trigger?: string; structure?: string };
  /** MSH-10 */
  controlId?: string;
  /** MSH-11 */
  processingId?: string;
  /** MSH-12 */
  version?: string;
  /** MSH-18, every repetition: the first is the message's charset, the others alternates for escapes. */
  characterSets?: string[];
}

/** Text of one component (1-based component/subcomponent like HL7 notation PID-5.1.1), undefined when absent. */
export function hl7Value(
  segment: Hl7Segment,
  field: number,
  options: { repetition?: number; component?: number; subcomponent?: number } = {},
): string | undefined {
  const { repetition = 1, component = 1, subcomponent = 1 } = options;
  const value = segment.fields[field]?.[repetition - 1]?.[component - 1]?.[subcomponent - 1];
  // An empty value is "not present" in HL7; the explicit null `""` is a value (HL7_NULL).
  return value === "" ? undefined : value;
}

/** The message's segments with this id, in order. */
export function hl7Segments(message: Hl7Message, id: string): Hl7Segment[] {
  return message.segments.filter((segment) => segment.id === id);
}

export function hl7Header(message: Hl7Message): Hl7Header {
  const msh = message.segments[0];
  if (msh?.id !== "MSH") return {};
  const header: Hl7Header = {};
  const set = (key: Exclude<keyof Hl7Header, "messageType" | "characterSets">, field: number) => {
    const value = hl7Value(msh, field);
    if (value !== undefined) header[key] = value;
  };
  set("sendingApplication", 3);
  set("sendingFacility", 4);
  set("receivingApplication", 5);
  set("receivingFacility", 6);
  set("dateTime", 7);
  const code = hl7Value(msh, 9);
  if (code !== undefined) {
    const trigger = hl7Value(msh, 9, { component: 2 });
    const structure = hl7Value(msh, 9, { component: 3 });
    header.messageType = {
      code,
      ...(trigger === undefined ? {} : { trigger }),
      ...(structure === undefined ? {} : { structure }),
    };
  }
  set("controlId", 10);
  set("processingId", 11);
  set("version", 12);
  const characterSets = (msh.fields[18] ?? []).map((repetition) => repetition[0]?.[0] ?? "").filter((value) => value !== "");
  if (characterSets.length > 0) header.characterSets = characterSets;
  return header;
}
