import type { Envelope } from "@eix/schema";
import { type DecodeContext, defineAdapter, type EncodeContext } from "../../contract.js";
import { decodeCn12379 } from "./decode.js";
import { encodeCn12379 } from "./encode.js";
import { sniffCn12379 } from "./sniff.js";

export type { Channel, Cn12379Extension } from "./profile-extension.js";

const ref = { id: "weather.cn12379", version: "0.1.0" } as const;

/**
 * The warning profile of the national warning-release system (国家突发事件预警信息发布系统,
 * 12379): CAP-like XML without namespace, with sender codes, Beijing times, colour levels
 * and distribution channels. See README.md for the mapping.
 */
export const weatherCn12379Adapter = defineAdapter({
  ...ref,
  department: "weather",
  title: { "zh-CN": "国家预警信息发布系统（12379）预警消息", en: "National warning-release system (12379) warning message" },
  mediaTypes: ["application/xml", "text/xml"],
  schemaRange: "^1.0.0",
  sniff: sniffCn12379,
  decode: (bytes: Uint8Array, ctx?: DecodeContext) => decodeCn12379(ref, bytes, ctx),
  encode: (message: Envelope, ctx?: EncodeContext) => encodeCn12379(message, ctx),
});
