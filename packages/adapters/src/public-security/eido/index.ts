import type { Envelope } from "@eix/schema";
import { type DecodeContext, defineAdapter } from "../../contract.js";
import { AdapterError } from "../../errors.js";
import { runDecode } from "../../kit/decode-frame.js";
import { canonicalToEido } from "./canonical-eido.js";
import { eidoToCanonical } from "./eido-canonical.js";
import { readEido } from "./read-eido.js";
import { sniffEido } from "./sniff.js";

export type { Eido, EidoExtension, EidoPlace } from "./eido-model.js";
export { GBT2260_URN } from "./place-and-people.js";

const ref = { id: "public-security.eido", version: "0.1.0" } as const;

/**
 * NENA EIDO (Emergency Incident Data Object, NENA-STA-021.1b), the JSON object CAD systems and
 * PSAPs exchange incidents in. One EIDO ⇄ one canonical incident report; see README.md.
 */
export const publicSecurityEidoAdapter = defineAdapter({
  ...ref,
  department: "public-security",
  title: { "zh-CN": "NENA 应急事件数据对象（EIDO）", en: "NENA Emergency Incident Data Object (EIDO)" },
  mediaTypes: ["application/emergency.eido+json"],
  schemaRange: "^1.0.0",
  sniff: sniffEido,
  decode: (bytes: Uint8Array, ctx: DecodeContext = {}) =>
    runDecode(ref, bytes, ctx, () => {
      const input = readEido(bytes, {
        ...(ctx.limits?.maxBytes === undefined ? {} : { maxBytes: ctx.limits.maxBytes }),
        ...(ctx.limits?.maxDepth === undefined ? {} : { maxDepth: ctx.limits.maxDepth }),
      });
      if (!input.ok) return input;
      const issues = [...input.issues];
      let message: Envelope;
      try {
        message = eidoToCanonical(input.eido, ctx.sender, issues);
      } catch (error) {
        if (AdapterError.is(error)) return { ok: false, error, issues };
        throw error;
      }
      return {
        ok: true,
        messages: [message],
        issues,
        sourceFormat: `NENA EIDO ${input.eido.eidoVersion} (JSON)`,
        charset: input.charset,
      };
    }),
  encode: (message: Envelope) => new TextEncoder().encode(`${JSON.stringify(canonicalToEido(message), null, 2)}\n`),
});
