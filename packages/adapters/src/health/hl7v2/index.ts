import type { Envelope } from "@eix/schema";
import { type DecodeContext, defineAdapter, type EncodeContext } from "../../contract.js";
import { canonicalToHl7 } from "./canonical-to-hl7.js";
import { decodeHl7v2 } from "./decode.js";
import { sniffHl7v2 } from "./sniff.js";

export type { CaseClassification, CasualtyCategory, CasualtyRegistration, HealthHl7Extension } from "./health-extension.js";
export type { FacilityOptions, Hl7DecodeOptions } from "./hl7-to-canonical.js";

const ref = { id: "health.hl7v2", version: "0.1.0" } as const;

/**
 * HL7 v2 from hospitals and CDC systems (卫生健康 / 疾控): notifiable-disease cases to incident
 * reports, incidents to an ORU^R01 a hospital system can file. See README.md for the mapping.
 */
export const healthHl7v2Adapter = defineAdapter({
  ...ref,
  department: "health",
  title: { "zh-CN": "HL7 v2 医疗卫生消息", en: "HL7 v2 health messages" },
  // Not text/plain: too generic to pick an adapter by; such bodies are sniffed.
  mediaTypes: ["application/hl7-v2", "x-application/hl7-v2+er7"],
  schemaRange: "^1.0.0",
  sniff: sniffHl7v2,
  decode: (bytes: Uint8Array, ctx?: DecodeContext) => decodeHl7v2(ref, bytes, ctx),
  encode: (message: Envelope, ctx?: EncodeContext) => canonicalToHl7(message, ctx),
});
