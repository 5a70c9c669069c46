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
// The kit, for third-party adapters built the same way as the built-in ones.
export { type CharsetResult, type DecodedText, decodeText, normalizeCharset, xmlDeclaredEncoding } from "./kit/charset.js";
export { type Datum, fromWgs84, readCircle, readLatLon, readPolygon, toWgs84, writeLatLon } from "./kit/coordinates.js";
export { type DecodeBody, runDecode } from "./kit/decode-frame.js";
export { sha256Hex } from "./kit/digest.js";
export { BEIJING_OFFSET, readTime, type TimeReading, toCapTime, toSpacedTime } from "./kit/time.js";
export { childElement, childElements, childText, escapeXml, parseXml, type XmlElement, type XmlLimits } from "./kit/xml.js";
export { DEFAULT_MAX_XML_BYTES, readXmlBytes, type XmlInputResult } from "./kit/xml-input.js";
export { AdapterRegistry } from "./registry.js";
// Weather: CAP 1.x (OASIS Common Alerting Protocol).
export { type CapExtension, weatherCapAdapter } from "./weather/cap/index.js";
// Weather: the 12379 warning profile (国家突发事件预警信息发布系统).
export { type Cn12379Extension, weatherCn12379Adapter } from "./weather/cn12379/index.js";
