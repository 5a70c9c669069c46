import { defineAdapter } from "../../contract.js";
import { decodeEdxl, EDXL_ADAPTER } from "./decode.js";
import { encodeEdxl } from "./encode.js";
import { sniffEdxl } from "./sniff.js";

/**
 * The national platform's exchange envelope (国家应急平台交换格式): OASIS EDXL-DE 2.0 around
 * canonical content (a warning as CAP 1.2, anything else as canonical JSON), XML or SAMU-Hub's
 * JSON form; EDXL-DE 1.0 is read too. See README.md for the mapping and value lists.
 */
export const nationalEdxlAdapter = defineAdapter({
  ...EDXL_ADAPTER,
  department: "emergency-office",
  title: { "zh-CN": "国家应急平台交换格式（EDXL-DE 2.0 分发信封）", en: "National platform exchange envelope (EDXL-DE 2.0)" },
  // EDXL-DE has no registered media type; the first is sent when encoding (XML by default).
  mediaTypes: ["application/vnd.eix.edxl-de+xml", "application/vnd.eix.edxl-de+json"],
  schemaRange: "^1.0.0",
  sniff: sniffEdxl,
  decode: decodeEdxl,
  encode: encodeEdxl,
});

export type { EdxlExtension } from "./edxl-extension.js";
export { VALUE_LISTS as EDXL_VALUE_LISTS } from "./value-lists.js";
