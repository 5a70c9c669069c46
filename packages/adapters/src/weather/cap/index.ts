import { defineAdapter } from "../../contract.js";
import { decodeCap } from "./decode.js";
import { encodeCap } from "./encode.js";
import { sniffCap } from "./sniff.js";

/** CAP 1.0, 1.1 and 1.2 (OASIS Common Alerting Protocol) ⇄ canonical warnings. */
export const weatherCapAdapter = defineAdapter({
  id: "weather.cap",
  version: "0.1.0",
  department: "weather",
  title: { "zh-CN": "通用预警协议 CAP 1.x", en: "Common Alerting Protocol (CAP 1.x)" },
  mediaTypes: ["application/cap+xml", "application/xml", "text/xml"],
  schemaRange: "^1.0.0",
  sniff: sniffCap,
  decode: decodeCap,
  encode: encodeCap,
});

export type { CapExtension, CapInfoExtension } from "./cap-extension.js";
