/**
 * The separators of one message, read from its own MSH: MSH-1 is the field separator, MSH-2
 * the component, repetition, escape and subcomponent characters and, from v2.7, a fifth
 * truncation character.
 */
export interface Hl7Delimiters {
  field: string;
  component: string;
  repetition: string;
  escape: string;
  subcomponent: string;
  truncation?: string;
}

/** A field: [repetition][component][subcomponent], unescaped text. The explicit null `""` is kept as the string HL7_NULL. */
export type Hl7Field = string[][][];

/** The explicit null (`""`): "delete the stored value", unlike an empty field, which says nothing. */
export const HL7_NULL = '""';

export interface Hl7Segment {
  readonly id: string;
  /** fields[n] is HL7 field n (1-based; fields[0] is unused). For MSH, fields[1] is the field separator and fields[2] the encoding characters, as literal text. */
  readonly fields: Hl7Field[];
  /** 1-based line in the source text */
  readonly line: number;
}

export interface Hl7Message {
  readonly delimiters: Hl7Delimiters;
  readonly segments: Hl7Segment[];
  /** 1-based line of the message's MSH in the source text */
  readonly line: number;
}

/** `|^~\&`, what nearly every sender uses and what EIX writes when it has no request to follow. */
export const DEFAULT_HL7_DELIMITERS: Readonly<Hl7Delimiters> = {
  field: "|",
  component: "^",
  repetition: "~",
  escape: "\\",
  subcomponent: "&",
};

/** Input above this is refused before decoding (the XML adapters' limit). */
export const DEFAULT_MAX_HL7_BYTES = 10 * 1024 * 1024;
/** More segments than this in one input are refused: an ADT has tens, a large batch thousands. */
export const DEFAULT_MAX_HL7_SEGMENTS = 200_000;
/**
 * More values (subcomponents, however empty) than this are refused: each costs a few arrays
 * (100–400 bytes), so ten million `~` would take gigabytes. A typical ADT has about 300.
 */
export const DEFAULT_MAX_HL7_VALUES = 500_000;

/** MSH-2 as written: the encoding characters in their fixed order. */
export function encodingCharacters(delimiters: Hl7Delimiters): string {
  const d = delimiters;
  return d.component + d.repetition + d.escape + d.subcomponent + (d.truncation ?? "");
}
