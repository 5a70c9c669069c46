import { type Envelope, validate } from "@eix/schema";
import type { AdapterIssue, DecodeContext, DecodeResult, SourceInfo } from "../contract.js";
import { AdapterError } from "../errors.js";
import { sha256Hex } from "./digest.js";

/** What a format-specific decoder produces before the frame adds provenance and validation. */
export type DecodeBody =
  | {
      readonly ok: true;
      readonly messages: Envelope[];
      readonly issues: AdapterIssue[];
      readonly sourceFormat: string;
      readonly charset?: string;
      readonly blobs?: ReadonlyMap<string, Uint8Array>;
    }
  | { readonly ok: false; readonly error: AdapterError; readonly issues: AdapterIssue[] };

/**
 * The part every adapter's `decode` shares: never throw (an unexpected exception becomes
 * `EIX_ADAPTER_INTERNAL`), record the source (adapter, format, charset, SHA-256 of the raw
 * bytes), add a provenance hop when a hub is named, and validate every decoded message — a
 * message that fails the canonical schema is refused with all its validation issues.
 */
export function runDecode(
  adapter: { readonly id: string; readonly version: string },
  bytes: Uint8Array,
  ctx: DecodeContext,
  decodeBody: () => DecodeBody,
): DecodeResult {
  let body: DecodeBody;
  try {
    body = decodeBody();
  } catch (error) {
    return {
      ok: false,
      error: new AdapterError("EIX_ADAPTER_INTERNAL", { detail: String((error as Error)?.message ?? error) }, { cause: error }),
      issues: [],
    };
  }
  if (!body.ok) return body;
  const source: SourceInfo = {
    adapter: { id: adapter.id, version: adapter.version },
    sourceFormat: body.sourceFormat,
    ...(body.charset === undefined ? {} : { charset: body.charset }),
    rawSha256: sha256Hex(bytes),
  };
  const issues = [...body.issues];
  const messages: Envelope[] = [];
  const receivedAt = (ctx.now?.() ?? new Date()).toISOString();
  for (const [index, decoded] of body.messages.entries()) {
    const message: Envelope = ctx.hubId
      ? { ...decoded, provenance: [...(decoded.provenance ?? []), { hubId: ctx.hubId, receivedAt, ...source }] }
      : decoded;
    const verdict = validate(message);
    for (const issue of verdict.issues)
      issues.push({
        code: issue.code,
        severity: issue.severity,
        message: issue.message,
        path: body.messages.length > 1 ? `/${index}${issue.path}` : issue.path,
      });
    if (!verdict.valid) {
      const first = verdict.issues.find((issue) => issue.severity === "error");
      return {
        ok: false,
        error: new AdapterError("EIX_ADAPTER_INVALID_OUTPUT", { detail: `${first?.code} at ${first?.path || "/"}` }),
        issues,
      };
    }
    messages.push(message);
  }
  return { ok: true, messages, issues, source, blobs: body.blobs ?? new Map() };
}
