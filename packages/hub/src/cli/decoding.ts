import type { Envelope } from "@eix/schema";
import type { ReportedIssue } from "./reported-issue.js";

/** What reading one input produced, in whatever format it was. */
export interface Decoding {
  /** Decoded, and every envelope valid (warnings allowed). */
  readonly ok: boolean;
  /** The valid envelopes; none when `ok` is false (a file is accepted or refused whole). */
  readonly envelopes: readonly Envelope[];
  readonly issues: readonly ReportedIssue[];
  /** Attachment contents by SHA-256 (CAP derefUri), handed to the encoder. */
  readonly blobs: ReadonlyMap<string, Uint8Array>;
  /** The message's `kind` when a canonical file names one, valid or not (for `eix demo`). */
  readonly kind?: string;
}

export const NO_BLOBS: ReadonlyMap<string, Uint8Array> = new Map();

/** A refusal with its issues. */
export const refusedWith = (...issues: ReportedIssue[]): Decoding => ({ ok: false, envelopes: [], issues, blobs: NO_BLOBS });
