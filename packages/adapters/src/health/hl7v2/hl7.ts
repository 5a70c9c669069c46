// The HL7 v2 parse layer of `health.hl7v2`: bytes → messages → values, and back; ACKs. No
// mapping to the canonical model here (hl7-to-canonical.ts), no framing (MLLP lives in the hub).
export {
  buildHl7Ack,
  EIX_ERROR_CODING_SYSTEM,
  type Hl7AckError,
  type Hl7AckOptions,
  type Hl7AckOutcome,
  type Hl7AckReading,
  readHl7Ack,
} from "./hl7-ack.js";
export { escapeHl7, unescapeHl7 } from "./hl7-escapes.js";
export { type Hl7ParseOptions, type Hl7ParseResult, parseHl7 } from "./hl7-input.js";
export {
  DEFAULT_HL7_DELIMITERS,
  DEFAULT_MAX_HL7_BYTES,
  DEFAULT_MAX_HL7_SEGMENTS,
  DEFAULT_MAX_HL7_VALUES,
  HL7_NULL,
  type Hl7Delimiters,
  type Hl7Field,
  type Hl7Message,
  type Hl7Segment,
} from "./hl7-message.js";
export { encodeHl7Text } from "./hl7-output-charset.js";
export { HL7_SUPPORTED_VERSIONS, type Hl7TextOptions, type Hl7TextResult, parseHl7Text } from "./hl7-text-parser.js";
export { type Hl7Header, hl7Header, hl7Segments, hl7Value } from "./hl7-values.js";
export { serializeHl7, serializeHl7Field, serializeHl7Segment } from "./hl7-writer.js";
