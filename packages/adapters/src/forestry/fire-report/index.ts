import type { Envelope } from "@eix/schema";
import { type DecodeContext, defineAdapter, type EncodeContext } from "../../contract.js";
import { runDecode } from "../../kit/decode-frame.js";
import { canonicalToFire, fireToCanonical, severityIssues } from "./fire-canonical.js";
import { readFireReport } from "./read-fire-report.js";
import { sniffFireReport } from "./sniff.js";
import { writeFireReport } from "./write-fire-report.js";

export type { FireReportExtension } from "./fire-canonical.js";
export { type ForestFireGrade, type ForestFireLosses, gradeForestFire } from "./fire-grade.js";
export { type FireReportIssueCode, fireReportIssues } from "./fire-report-errors.js";
export type { FireForces, FireReport, FireReportStage, FireStatus } from "./fire-report-model.js";

const ref = { id: "forestry.fire-report", version: "0.1.0" } as const;

/**
 * The verified forest-fire report (林火报告), JSON or XML, graded by the Forest Fire Prevention
 * Regulations article 40. See README.md for the fields and the mapping.
 */
export const forestryFireReportAdapter = defineAdapter({
  ...ref,
  department: "forestry",
  title: { "zh-CN": "林火报告", en: "Verified forest-fire report" },
  mediaTypes: ["application/vnd.eix.forest-fire-report+json", "application/vnd.eix.forest-fire-report+xml"],
  schemaRange: "^1.0.0",
  sniff: sniffFireReport,
  decode: (bytes: Uint8Array, ctx: DecodeContext = {}) =>
    runDecode(ref, bytes, ctx, () => {
      const input = readFireReport(bytes, ctx.limits?.maxBytes === undefined ? {} : { maxBytes: ctx.limits.maxBytes });
      if (!input.ok) return input;
      return {
        ok: true,
        messages: [fireToCanonical(input.report, input.format, ctx.sender, input.charset)],
        issues: [...input.issues, ...severityIssues(input.report)],
        sourceFormat: `forest-fire report (${input.format.toUpperCase()})`,
        charset: input.charset,
      };
    }),
  encode: (message: Envelope, ctx?: EncodeContext) => {
    const { report, format, charset } = canonicalToFire(message);
    return writeFireReport(report, ctx?.options?.format ?? format, ctx?.options?.charset ?? charset);
  },
});
