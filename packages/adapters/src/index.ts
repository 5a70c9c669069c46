// @eix/adapters — translators between legacy formats and the canonical model: one folder per
// family (weather, health, public-security, forestry, national) and the shared kit. They do
// no I/O and keep no state, so a department can embed one in its own system without a hub.
export type { Envelope, ValidationIssue } from "@eix/schema";
export { builtinAdapters, createRegistry } from "./builtin-adapters.js";
export type {
  Adapter,
  AdapterIssue,
  AdapterLimits,
  DecodeContext,
  DecodeResult,
  EncodeContext,
  SourceInfo,
} from "./contract.js";
export { defineAdapter } from "./contract.js";
export {
  AdapterError,
  type AdapterErrorCode,
  type AdapterParams,
  adapterErrors,
  adapterMessage,
  type SourcePosition,
} from "./errors.js";
// Forestry: the verified forest-fire report (林火报告), graded by the Forest Fire Prevention Regulations.
export {
  type FireReport,
  type FireReportExtension,
  type FireReportStage,
  type FireStatus,
  type ForestFireGrade,
  type ForestFireLosses,
  forestryFireReportAdapter,
  gradeForestFire,
} from "./forestry/fire-report/index.js";
// Forestry: NASA FIRMS satellite hotspots clustered into candidate fires.
export {
  clusterHotspots,
  convexHull,
  distanceKm,
  encodeHotspotBatch,
  forestryHotspotsAdapter,
  HOTSPOT_EVENT_TYPE,
  type HotspotExtension,
  type HotspotOptions,
  hotspotIssues,
  readHotspots,
  writeHotspots,
} from "./forestry/hotspots/index.js";
// Health: the HL7 v2 parse layer (messages, values, ACKs), for MLLP endpoints and HL7 tools.
export {
  buildHl7Ack,
  DEFAULT_HL7_DELIMITERS,
  DEFAULT_MAX_HL7_BYTES,
  DEFAULT_MAX_HL7_SEGMENTS,
  DEFAULT_MAX_HL7_VALUES,
  EIX_ERROR_CODING_SYSTEM,
  encodeHl7Text,
  HL7_NULL,
  HL7_SUPPORTED_VERSIONS,
  type Hl7AckError,
  type Hl7AckOptions,
  type Hl7AckOutcome,
  type Hl7AckReading,
  type Hl7Delimiters,
  type Hl7Field,
  type Hl7Header,
  type Hl7Message,
  type Hl7ParseOptions,
  type Hl7ParseResult,
  type Hl7Segment,
  type Hl7TextOptions,
  type Hl7TextResult,
  hl7Header,
  hl7Segments,
  hl7Value,
  parseHl7,
  parseHl7Text,
  readHl7Ack,
  serializeHl7,
  serializeHl7Field,
  serializeHl7Segment,
} from "./health/hl7v2/hl7.js";
// Health: HL7 v2 from hospitals and CDC systems: notifiable-disease cases to incident reports.
export {
  type CaseClassification,
  type CasualtyCategory,
  type CasualtyRegistration,
  type FacilityOptions,
  type HealthHl7Extension,
  type Hl7DecodeOptions,
  healthHl7v2Adapter,
} from "./health/hl7v2/index.js";
// Health: notifiable infectious diseases (法定报告传染病), their classes and reporting deadlines.
export {
  type DiseaseClass,
  type NotifiableDisease,
  notifiableDisease,
  notifiableDiseases,
} from "./health/notifiable-diseases.js";
// Health: the public-health emergency direct report (突发公共卫生事件网络直报).
export { healthPheReportAdapter, type PheExtension, type PheReport, type PheReportKind } from "./health/phe-report/index.js";
// The kit, for third-party adapters built the same way as the built-in ones.
export { type CharsetResult, type DecodedText, decodeText, normalizeCharset, xmlDeclaredEncoding } from "./kit/charset.js";
export { type Datum, fromWgs84, readCircle, readLatLon, readPolygon, toWgs84, writeLatLon } from "./kit/coordinates.js";
export { type DecodeBody, runDecode } from "./kit/decode-frame.js";
export { sha256Hex } from "./kit/digest.js";
export { BEIJING_OFFSET, readTime, type TimeReading, toCapTime, toSpacedTime } from "./kit/time.js";
export { childElement, childElements, childText, escapeXml, parseXml, type XmlElement, type XmlLimits } from "./kit/xml.js";
export { DEFAULT_MAX_XML_BYTES, readXmlBytes, type XmlInputResult } from "./kit/xml-input.js";
// National: hub-to-hub batches of canonical envelopes (eix.v1.Batch in the EIX batch frame).
export {
  BATCH_MEDIA_TYPE,
  type BatchErrorCode,
  DEFAULT_MAX_BATCH_BYTES,
  DEFAULT_MAX_BATCH_ENVELOPES,
  type DecodeBatchResult,
  type DecodedBatch,
  decodeBatch,
  type EncodeBatchOptions,
  encodeBatch,
  nationalBatchAdapter,
} from "./national/batch/index.js";
// National: the national platform's exchange envelope (EDXL-DE 2.0 around canonical content).
export { EDXL_VALUE_LISTS, type EdxlExtension, nationalEdxlAdapter } from "./national/edxl/index.js";
// Public security: 110 dispatch records (接处警单, BF_110) as XML rows, JSON or CSV; personal data masked.
export {
  type Cad110Extension,
  type Cad110Options,
  type Cad110Record,
  type Cad110Shape,
  type CallType,
  cad110Issues,
  callTypes,
  encodeCad110Batch,
  lookupCallType,
  publicSecurityCad110Adapter,
  readCad110Records,
} from "./public-security/cad110/index.js";
// Public security: NENA EIDO, the CAD-to-CAD incident exchange (personal data withheld).
export {
  type Eido,
  type EidoExtension,
  type EidoPlace,
  GBT2260_URN,
  publicSecurityEidoAdapter,
} from "./public-security/eido/index.js";
// Public security: UCRI2 incident transfer, the German CAD-to-CAD hand-over (personal data withheld).
export {
  publicSecurityUcri2Adapter,
  type Ucri2Extension,
  type Ucri2Incident,
  type Ucri2Profile,
} from "./public-security/ucri2/index.js";
export { AdapterRegistry } from "./registry.js";
// Weather: CAP 1.x (OASIS Common Alerting Protocol).
export { type CapExtension, weatherCapAdapter } from "./weather/cap/index.js";
// Weather: the 12379 warning profile (国家突发事件预警信息发布系统).
export { type Cn12379Extension, weatherCn12379Adapter } from "./weather/cn12379/index.js";
