import type { Department, Envelope, IssueSeverity, LocalizedText, Unit } from "@eix/schema";
import type { AdapterError, SourcePosition } from "./errors.js";

/** A finding while decoding that does not stop it (or, with severity error, explains why it stopped). */
export interface AdapterIssue {
  readonly code: string;
  readonly severity: IssueSeverity;
  readonly message: LocalizedText;
  /** Where in the source bytes. */
  readonly position?: SourcePosition;
  /** JSON pointer into the decoded canonical message, when the issue is about the output. */
  readonly path?: string;
}

/** What the source bytes were, for the provenance of every decoded message. */
export interface SourceInfo {
  readonly adapter: { readonly id: string; readonly version: string };
  readonly sourceFormat: string;
  readonly charset?: string;
  readonly rawSha256: string;
}

export interface AdapterLimits {
  /** Largest input accepted, in bytes; larger input is refused before parsing. */
  readonly maxBytes?: number;
  /** Deepest element or object nesting accepted. */
  readonly maxDepth?: number;
  /** Most messages one input may carry (a batch's envelopes); more is refused before converting any. */
  readonly maxMessages?: number;
}

export interface DecodeContext {
  /**
   * The sending unit, from the source's configuration, for formats whose own sender field
   * is free text (CAP's `sender`). Adapters fall back to what the format itself says.
   */
  readonly sender?: Unit;
  /** When set, each decoded message gets a provenance hop for this hub. */
  readonly hubId?: string;
  /** Clock, for hop times and defaults; tests pass a fixed one. */
  readonly now?: () => Date;
  readonly limits?: AdapterLimits;
  /** Adapter-specific settings (documented in each adapter's README). */
  readonly options?: Readonly<Record<string, unknown>>;
}

export interface EncodeContext {
  readonly options?: Readonly<Record<string, unknown>>;
  /** Attachment contents by SHA-256, for formats that inline them (the decode result's `blobs`). */
  readonly blobs?: ReadonlyMap<string, Uint8Array>;
}

export type DecodeResult =
  | {
      readonly ok: true;
      readonly messages: Envelope[];
      readonly issues: AdapterIssue[];
      readonly source: SourceInfo;
      /**
       * Attachment contents by SHA-256 (e.g. CAP `derefUri`): messages carry only the digest,
       * so large content is not copied into every store row and log line.
       */
      readonly blobs: ReadonlyMap<string, Uint8Array>;
    }
  | { readonly ok: false; readonly error: AdapterError; readonly issues: AdapterIssue[] };

/**
 * An adapter: a plain definition object (like an ajv keyword or a fastify plugin) that
 * translates one legacy format to and from the canonical model. Pure: no I/O, no state.
 */
export interface Adapter {
  /** Stable id, `<family>.<format>`: "weather.cap", "health.hl7v2". */
  readonly id: string;
  /** Version of the adapter, recorded in provenance. */
  readonly version: string;
  readonly department: Department;
  readonly title: LocalizedText;
  /** Media types the format travels as; the first is used when encoding. */
  readonly mediaTypes: readonly string[];
  /** Semver range of canonical model versions (`MODEL_VERSION`) the adapter supports. */
  readonly schemaRange: string;
  /** 0..1: how sure the adapter is that the bytes are its format. Must be cheap. */
  sniff(bytes: Uint8Array): number;
  /** Never throws on bad input: returns messages and issues, or a coded error. */
  decode(bytes: Uint8Array, ctx?: DecodeContext): DecodeResult;
  /** Throws an `AdapterError` when the message cannot be expressed in the format. */
  encode?(message: Envelope, ctx?: EncodeContext): Uint8Array;
  /**
   * Checks `DecodeContext.options` before any payload arrives (a hub checks its configuration
   * with it when it loads): the coded error decode would return for them, or undefined.
   */
  checkOptions?(options: Readonly<Record<string, unknown>>): AdapterError | undefined;
}

/** Identity function that types a definition object; registration checks it. */
export function defineAdapter<const A extends Adapter>(adapter: A): A {
  return adapter;
}
