import type { Envelope } from "@eix/schema";
import { type DecodeContext, defineAdapter, type EncodeContext } from "../../contract.js";
import { runDecode } from "../../kit/decode-frame.js";
import { canonicalToPhe, pheToCanonical } from "./phe-canonical.js";
import { readPheReport } from "./read-phe.js";
import { sniffPheReport } from "./sniff.js";
import { writePheReport } from "./write-phe.js";

export type { PheExtension } from "./phe-canonical.js";
export type { PheReport, PheReportKind } from "./phe-model.js";

const ref = { id: "health.phe-report", version: "0.1.0" } as const;

/**
 * The event report of the public-health emergency direct-reporting network (突发公共卫生事件
 * 网络直报 · 事件报告), JSON or XML. See README.md for the fields and the mapping.
 */
export const healthPheReportAdapter = defineAdapter({
  ...ref,
  department: "health",
  title: { "zh-CN": "突发公共卫生事件网络直报事件报告", en: "Public-health emergency direct report (event report)" },
  mediaTypes: ["application/vnd.eix.phe-report+json", "application/vnd.eix.phe-report+xml"],
  schemaRange: "^1.0.0",
  sniff: sniffPheReport,
  decode: (bytes: Uint8Array, ctx: DecodeContext = {}) =>
    runDecode(ref, bytes, ctx, () => {
      const input = readPheReport(bytes, ctx.limits?.maxBytes === undefined ? {} : { maxBytes: ctx.limits.maxBytes });
      if (!input.ok) return input;
      return {
        ok: true,
        messages: [pheToCanonical(input.report, ctx.sender)],
        issues: input.issues,
        sourceFormat: `public-health emergency event report (${input.format.toUpperCase()})`,
        charset: input.charset,
      };
    }),
  encode: (message: Envelope, ctx?: EncodeContext) => writePheReport(canonicalToPhe(message), ctx?.options?.format ?? "json"),
});
