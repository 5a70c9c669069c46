// @eix/schema — the canonical model: JSON Schema, types, validator, code tables, protobuf.

export {
  classifyEventType,
  type EventTypeEntry,
  type EventTypeStanding,
  eventTypeParentCode,
  eventTypeTableInfo,
  listEventTypes,
  lookupEventType,
} from "./codes/event-types.js";
export { type CapSeverity, capSeverityByLevel, levelForCapSeverity, severityNames, warningLevelNames } from "./codes/levels.js";
export {
  findRegionsByName,
  isRegionCodeFormat,
  isWithinRegion,
  lookupRegion,
  NATIONAL_REGION_CODE,
  type Region,
  type RegionLevel,
  regionChain,
  regionLevel,
  regionName,
  regionTableInfo,
} from "./codes/regions.js";
export { parseSenderCode, type SenderCode } from "./codes/sender-code.js";
export { type IssueParams, makeIssue, type SchemaIssueCode, schemaIssues } from "./errors.js";
export { EIX_PROTO_SOURCE } from "./generated/eix-proto.js";
export type { IssueSeverity, Language, LocalizedText, ValidationIssue, ValidationResult } from "./issue.js";
export {
  DEFAULT_MAX_JSON_BYTES,
  DEFAULT_MAX_JSON_DEPTH,
  type JsonInputLimits,
  type JsonInputResult,
  parseJsonInput,
} from "./json-input.js";
export type * from "./model.js";
export { MODEL_VERSION, SCHEMA_VERSION } from "./model.js";
export { type BatchDecodeResult, type BatchMessage, encodeBatchMessage, tryDecodeBatchMessage } from "./proto/batch-codec.js";
export { decodeEnvelope, encodeEnvelope, type ProtoDecodeResult, tryDecodeEnvelope } from "./proto/codec.js";
export { EixProtoDecodeError, type ProtoDecodeFailure } from "./proto/decode-failure.js";
export { batchProtoType, envelopeProtoType } from "./proto/proto-root.js";
export { EixProtoEncodeError } from "./proto/to-proto.js";
export { isClassifiedMarking } from "./rules/handling.js";
export { ENVELOPE_SCHEMA_ID, SCHEMA_BASE_URI, schemaDocuments } from "./schemas.js";
export { isValidEnvelope, validate } from "./validate.js";
