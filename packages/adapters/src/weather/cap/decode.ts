import type { DecodeContext, DecodeResult } from "../../contract.js";
import { runDecode } from "../../kit/decode-frame.js";
import { readXmlBytes } from "../../kit/xml-input.js";
import { capToCanonical } from "./cap-to-canonical.js";
import { readCapAlert } from "./read-cap.js";

export const CAP_ADAPTER = { id: "weather.cap", version: "0.1.0" } as const;

/** CAP 1.0/1.1/1.2 bytes → canonical warnings. Never throws. */
export function decodeCap(bytes: Uint8Array, ctx: DecodeContext = {}): DecodeResult {
  return runDecode(CAP_ADAPTER, bytes, ctx, () => {
    const input = readXmlBytes(bytes, ctx.limits ?? {});
    if (!input.ok) return input;
    const blobs = new Map<string, Uint8Array>();
    const read = readCapAlert(input.root, input.text, blobs);
    if (!read.ok) return { ok: false, error: read.error, issues: input.issues };
    const mapped = capToCanonical(read.alert, ctx);
    if (!mapped.ok) return { ok: false, error: mapped.error, issues: input.issues };
    return {
      ok: true,
      messages: mapped.messages,
      issues: [...input.issues, ...mapped.issues],
      sourceFormat: `CAP ${read.alert.version}`,
      charset: input.charset,
      blobs,
    };
  });
}
