import type { Envelope } from "@eix/schema";
import { type DecodeContext, defineAdapter } from "../../contract.js";
import { AdapterError } from "../../errors.js";
import { runDecode } from "../../kit/decode-frame.js";
import { canonicalToUcri2 } from "./canonical-ucri2.js";
import { readUcri2 } from "./read-ucri2.js";
import { sniffUcri2 } from "./sniff.js";
import { ucri2ToCanonical } from "./ucri2-canonical.js";

export { ucri2Issues } from "./ucri2-issues.js";
export type { Ucri2Extension, Ucri2Incident, Ucri2Profile } from "./ucri2-model.js";

const ref = { id: "public-security.ucri2", version: "0.1.0" } as const;

/**
 * UCRI2 incident transfer (PMeV-EFUL/ucri2 app `incident_transfer` 1.0 and its police profile),
 * the German CAD-to-CAD incident hand-over. One UCRI2 incident ⇄ one canonical incident report;
 * see README.md.
 */
export const publicSecurityUcri2Adapter = defineAdapter({
  ...ref,
  department: "public-security",
  title: { "zh-CN": "德国 UCRI2 警情移交", en: "UCRI2 incident transfer (Germany)" },
  mediaTypes: ["application/vnd.ucri2.incident+json"],
  schemaRange: "^1.0.0",
  sniff: sniffUcri2,
  decode: (bytes: Uint8Array, ctx: DecodeContext = {}) =>
    runDecode(ref, bytes, ctx, () => {
      const input = readUcri2(bytes, {
        ...(ctx.limits?.maxBytes === undefined ? {} : { maxBytes: ctx.limits.maxBytes }),
        ...(ctx.limits?.maxDepth === undefined ? {} : { maxDepth: ctx.limits.maxDepth }),
      });
      if (!input.ok) return input;
      const issues = [...input.issues];
      let message: Envelope;
      try {
        message = ucri2ToCanonical(input.incident, ctx.sender, issues);
      } catch (error) {
        if (AdapterError.is(error)) return { ok: false, error, issues };
        throw error;
      }
      const profile = input.incident.eCallData || input.incident.accusedPersons || input.incident.victimPersons;
      return {
        ok: true,
        messages: [message],
        issues,
        sourceFormat: `UCRI2 ${profile ? "incident_transfer_police" : "incident_transfer"} 1.0 (JSON)`,
        charset: input.charset,
      };
    }),
  encode: (message: Envelope) => new TextEncoder().encode(`${JSON.stringify(canonicalToUcri2(message), null, 2)}\n`),
});
