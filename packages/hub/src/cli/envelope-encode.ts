import type { Envelope } from "@eix/schema";
import { encodeCanonical } from "./canonical-format.js";
import type { Format } from "./format-choice.js";
import { fromAdapterError, type ReportedIssue } from "./reported-issue.js";

export type EncodeOutcome =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly issue: ReportedIssue };

/**
 * One envelope in the target format. An adapter that refuses (a kind it cannot express, an
 * attachment whose content is missing) throws an AdapterError; it becomes the issue, with
 * its code and position, never an exception.
 */
export function encodeEnvelope(envelope: Envelope, format: Format, blobs: ReadonlyMap<string, Uint8Array>): EncodeOutcome {
  if (format.kind === "canonical") return { ok: true, bytes: encodeCanonical(envelope) };
  const { adapter } = format;
  if (!adapter.encode) return { ok: false, issue: fromAdapterError(new Error(`${adapter.id} has no encode`)) };
  try {
    return { ok: true, bytes: adapter.encode(envelope, { blobs }) };
  } catch (error) {
    return { ok: false, issue: fromAdapterError(error) };
  }
}
