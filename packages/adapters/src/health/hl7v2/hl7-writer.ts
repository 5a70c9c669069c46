import { escapeHl7, specialsOf } from "./hl7-escapes.js";
import { encodingCharacters, type Hl7Delimiters, type Hl7Field, type Hl7Message, type Hl7Segment } from "./hl7-message.js";

// `specials` (the characters to escape) is looked up once per call, not once per value: the
// lookup costs as much as escaping a typical value.

function writeField(field: Hl7Field, d: Hl7Delimiters, specials: RegExp): string {
  let out = "";
  for (let r = 0; r < field.length; r++) {
    if (r > 0) out += d.repetition;
    const components = field[r] ?? [];
    for (let c = 0; c < components.length; c++) {
      if (c > 0) out += d.component;
      const subcomponents = components[c] ?? [];
      for (let s = 0; s < subcomponents.length; s++) {
        if (s > 0) out += d.subcomponent;
        out += escapeHl7(subcomponents[s] ?? "", d, specials);
      }
    }
  }
  return out;
}

function writeSegment(segment: Hl7Segment, d: Hl7Delimiters, specials: RegExp): string {
  let out = segment.id;
  let first = 1;
  if (segment.id === "MSH") {
    out += d.field + encodingCharacters(d);
    first = 3;
  }
  for (let n = first; n < segment.fields.length; n++) out += d.field + writeField(segment.fields[n] ?? [], d, specials);
  return out;
}

/** One field as HL7 text: repetitions, components and subcomponents joined, each value escaped. */
export function serializeHl7Field(field: Hl7Field, delimiters: Hl7Delimiters): string {
  return writeField(field, delimiters, specialsOf(delimiters));
}

/**
 * One segment as HL7 text, without its end. An MSH's separators (MSH-1, MSH-2) are written from
 * `delimiters`, not from fields[1] and fields[2], so the two cannot disagree.
 */
export function serializeHl7Segment(segment: Hl7Segment, delimiters: Hl7Delimiters): string {
  return writeSegment(segment, delimiters, specialsOf(delimiters));
}

/** Inverse of parse: escapes delimiter characters in values, segment end "\r" by default. */
export function serializeHl7(message: Hl7Message, options: { segmentEnd?: string } = {}): string {
  const end = options.segmentEnd ?? "\r";
  const specials = specialsOf(message.delimiters);
  let out = "";
  for (const segment of message.segments) out += writeSegment(segment, message.delimiters, specials) + end;
  return out;
}
