import type { DecodeContext, DecodeResult } from "../../contract.js";
import { runDecode } from "../../kit/decode-frame.js";
import { parseHl7 } from "./hl7.js";
import { hl7ToCanonical } from "./hl7-to-canonical.js";

export const SOURCE_FORMAT = "HL7 v2";

/**
 * Bytes of one or more HL7 v2 messages → canonical messages: notifiable-disease cases become
 * incident reports, EIX summaries their message again; other messages are not reportable
 * (an issue each, no message). Parse errors are coded with their segment and field.
 */
export function decodeHl7v2(
  adapter: { readonly id: string; readonly version: string },
  bytes: Uint8Array,
  ctx: DecodeContext = {},
): DecodeResult {
  return runDecode(adapter, bytes, ctx, () => {
    const parsed = parseHl7(bytes, ctx.limits?.maxBytes === undefined ? {} : { maxBytes: ctx.limits.maxBytes });
    if (!parsed.ok) return parsed;
    const mapped = hl7ToCanonical(parsed.messages, ctx);
    const issues = [...parsed.issues, ...mapped.issues];
    if (!mapped.ok) return { ok: false, error: mapped.error, issues };
    const version = parsed.messages[0] ? (parsed.messages[0].segments[0]?.fields[12]?.[0]?.[0]?.[0] ?? "") : "";
    return {
      ok: true,
      messages: mapped.messages,
      issues,
      sourceFormat: version ? `${SOURCE_FORMAT}.${version.replace(/^2\./, "")}` : SOURCE_FORMAT,
      charset: parsed.charset,
    };
  });
}
