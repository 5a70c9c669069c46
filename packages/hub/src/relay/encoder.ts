import { type Adapter, AdapterError, type EncodeContext } from "@eix/adapters";
import type { Envelope } from "@eix/schema";
import type { EncodedBody } from "./destination.js";
import { RelayError, relayReason } from "./relay-errors.js";

/** An encoder that could not express the message: a coded failure, like an `AdapterError`. */
export interface EncodeFailure {
  readonly code: string;
  readonly message: string;
}

/**
 * Turns a canonical message into the destination's bytes. It may return a coded failure or throw
 * one (adapters throw `AdapterError`); the relay sends the delivery to the dead letters with that
 * code, since the same message will never encode differently on a later attempt.
 */
export type Encoder = (envelope: Envelope) => EncodedBody | EncodeFailure;

export type EncodeOutcome = { readonly ok: true; readonly body: EncodedBody } | { readonly ok: false; readonly reason: string };

/** Runs an encoder and turns every way it can fail into a dead-letter reason that starts with a code. */
export function encodeForDelivery(encoder: Encoder, envelope: Envelope): EncodeOutcome {
  try {
    const result = encoder(envelope);
    if ("bytes" in result) return { ok: true, body: result };
    return { ok: false, reason: `${result.code}: ${result.message}` };
  } catch (error) {
    if (AdapterError.is(error)) return { ok: false, reason: `${error.code}: ${error.messages.en}` };
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: relayReason("EIX_RELAY_ENCODE_FAILED", { detail }) };
  }
}

/** The canonical model as JSON (`eix/1`), for destinations that speak it natively (another EIX hub). */
export function canonicalJsonEncoder(): Encoder {
  const encoder = new TextEncoder();
  return (envelope) => ({ bytes: encoder.encode(JSON.stringify(envelope)), contentType: "application/json", extension: "json" });
}

/** An adapter's `encode`, sent as the adapter's first media type. */
export function adapterEncoder(
  adapter: Adapter,
  options: { readonly context?: EncodeContext; readonly extension?: string } = {},
): Encoder {
  const encode = adapter.encode?.bind(adapter);
  if (!encode) {
    throw new RelayError("EIX_RELAY_INVALID_OPTIONS", {
      detail: `adapter ${adapter.id} cannot encode; choose another for this destination`,
    });
  }
  const contentType = adapter.mediaTypes[0] ?? "application/octet-stream";
  const extension = options.extension ?? extensionFor(contentType);
  return (envelope) => ({ bytes: encode(envelope, options.context), contentType, extension });
}

/** A file extension for a media type: "application/cap+xml" → "xml". */
export function extensionFor(mediaType: string): string {
  const type = (mediaType.split(";")[0] ?? "").trim().toLowerCase();
  if (type.endsWith("json")) return "json";
  if (type.endsWith("xml")) return "xml";
  if (type.includes("hl7")) return "hl7";
  if (type.endsWith("csv")) return "csv";
  if (type.includes("protobuf")) return "pb";
  if (type.startsWith("text/")) return "txt";
  return "bin";
}
