import { createHash } from "node:crypto";
import type { AdapterError, DecodeContext, SourceInfo } from "@eix/adapters";
import { type Envelope, MODEL_VERSION, parseJsonInput, type ValidationIssue, validate } from "@eix/schema";
import { type Decoder, decoderId } from "./decoder-choice.js";
import { ingestIssue } from "./ingest-errors.js";
import {
  forMessage,
  fromAdapterError,
  fromAdapterIssue,
  fromValidationIssue,
  hasError,
  mergeIssues,
  type ReportedIssue,
} from "./reported-issue.js";

/** Why a payload could not be turned into valid messages; each maps to one HTTP status. */
export type DecodeFailureKind = "malformed" | "too-large" | "invalid";

export type DecodedPayload =
  | {
      readonly ok: true;
      readonly messages: Envelope[];
      /** Warnings only. */
      readonly issues: ReportedIssue[];
      readonly source: SourceInfo;
    }
  | { readonly ok: false; readonly kind: DecodeFailureKind; readonly issues: ReportedIssue[] };

// Bytes that could not be read as the format at all (syntax, encoding, refused constructs):
// HTTP 400. Everything an adapter refuses after reading the format is a validation failure (422).
const MALFORMED_CODES: ReadonlySet<string> = new Set([
  "EIX_SCHEMA_JSON_SYNTAX",
  "EIX_SCHEMA_JSON_ENCODING",
  "EIX_SCHEMA_JSON_EMPTY",
  "EIX_SCHEMA_JSON_TOO_DEEP",
  "EIX_XML_MALFORMED",
  "EIX_XML_DTD_FORBIDDEN",
  "EIX_XML_TOO_DEEP",
  "EIX_CHARSET_UNSUPPORTED",
  "EIX_CHARSET_INVALID",
  "EIX_ADAPTER_WRONG_FORMAT",
  // A hub-to-hub batch that arrived damaged (cut off, padded, corrupt): send it again.
  "EIX_BATCH_BAD_MAGIC",
  "EIX_BATCH_VERSION_UNSUPPORTED",
  "EIX_BATCH_TRUNCATED",
  "EIX_BATCH_TRAILING_BYTES",
  "EIX_BATCH_PROTOBUF",
  "EIX_BATCH_COUNT_MISMATCH",
  "EIX_BATCH_DIGEST_MISMATCH",
  // An EDXL-DE distribution whose content does not match its size or digest.
  "EIX_EDXL_BASE64_INVALID",
  "EIX_EDXL_SIZE_MISMATCH",
  "EIX_EDXL_DIGEST_MISMATCH",
]);
const TOO_LARGE_CODES: ReadonlySet<string> = new Set([
  "EIX_SCHEMA_JSON_TOO_LARGE",
  "EIX_ADAPTER_TOO_LARGE",
  "EIX_BATCH_TOO_MANY_ENVELOPES",
]);
/**
 * Warnings that say an adapter decoded the payload and found nothing to pass on: an HL7 lab
 * result that is no notifiable case (*_NOT_REPORTABLE), a hub-to-hub batch with nothing pending.
 */
const NOTHING_TO_PASS_ON = (code: string) => code.endsWith("_NOT_REPORTABLE") || code === "EIX_BATCH_EMPTY";

function failureKind(code: string): DecodeFailureKind {
  if (TOO_LARGE_CODES.has(code)) return "too-large";
  return MALFORMED_CODES.has(code) ? "malformed" : "invalid";
}

/** Canonical JSON has no adapter; its provenance names the model instead. */
const CANONICAL_SOURCE = { adapter: { id: decoderId({ kind: "canonical" }), version: MODEL_VERSION }, sourceFormat: "EIX JSON" };

function decodeCanonical(bytes: Uint8Array, maxBytes: number): DecodedPayload {
  const parsed = parseJsonInput(bytes, { maxBytes });
  if (!parsed.ok) return { ok: false, kind: failureKind(parsed.issue.code), issues: [fromValidationIssue(parsed.issue)] };
  const verdict = validate(parsed.value);
  const issues = verdict.issues.map(fromValidationIssue);
  if (!verdict.valid) return { ok: false, kind: "invalid", issues };
  const source: SourceInfo = {
    ...CANONICAL_SOURCE,
    charset: "UTF-8",
    rawSha256: createHash("sha256").update(bytes).digest("hex"),
  };
  return { ok: true, messages: [parsed.value as Envelope], issues, source };
}

function adapterFailure(error: AdapterError, issues: ReportedIssue[]): DecodedPayload {
  return { ok: false, kind: failureKind(error.code), issues: [fromAdapterError(error), ...issues] };
}

/**
 * Decodes the bytes and validates every message. Adapters validate their own output, but the
 * hub does not rely on it (a third-party adapter may not): each message is validated here too,
 * and issues already reported by the adapter are not repeated.
 */
export function decodePayload(decoder: Decoder, bytes: Uint8Array, maxBytes: number, ctx: DecodeContext): DecodedPayload {
  if (decoder.kind === "canonical") return decodeCanonical(bytes, maxBytes);
  const result = decoder.adapter.decode(bytes, { ...ctx, limits: { maxBytes, ...ctx.limits } });
  const adapterIssues = result.issues.map(fromAdapterIssue);
  if (!result.ok) return adapterFailure(result.error, adapterIssues);
  if (result.messages.length === 0) {
    // An adapter that decoded the payload and found nothing to report (an HL7 lab result that
    // is no notifiable case) says so with a *_NOT_REPORTABLE warning: accepted, not relayed.
    if (!hasError(adapterIssues) && adapterIssues.some((issue) => NOTHING_TO_PASS_ON(issue.code)))
      return { ok: true, messages: [], issues: adapterIssues, source: result.source };
    return { ok: false, kind: "invalid", issues: [...adapterIssues, ingestIssue("EIX_INGEST_NO_MESSAGES", "")] };
  }
  let issues = adapterIssues;
  result.messages.forEach((message, index) => {
    const own = validate(message).issues.map((issue: ValidationIssue) => fromValidationIssue(issue));
    issues = mergeIssues(issues, forMessage(own, index, result.messages.length));
  });
  if (hasError(issues)) return { ok: false, kind: "invalid", issues };
  return { ok: true, messages: result.messages, issues, source: result.source };
}
