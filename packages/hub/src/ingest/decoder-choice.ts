import { type Adapter, AdapterError, type AdapterRegistry } from "@eix/adapters";
import { fromAdapterError, type ReportedIssue } from "./reported-issue.js";

/** The name that asks for canonical EIX JSON explicitly (`?adapter=canonical`), as `eix convert` does. */
export const CANONICAL_NAMES: ReadonlySet<string> = new Set(["canonical", "eix.json"]);
/** Media types of canonical EIX JSON; no adapter claims them. */
export const CANONICAL_MEDIA_TYPES: ReadonlySet<string> = new Set(["application/json", "application/eix+json"]);

/** What decodes a payload: canonical JSON (no adapter) or a registered adapter. */
export type Decoder = { readonly kind: "canonical" } | { readonly kind: "adapter"; readonly adapter: Adapter };

export type DecoderChoice =
  | { readonly ok: true; readonly decoder: Decoder }
  | { readonly ok: false; readonly issue: ReportedIssue };

export interface DecoderHints {
  /** `?adapter=` or `X-EIX-Adapter`. */
  readonly explicit?: string | undefined;
  /** The authenticated unit's configured adapter. */
  readonly unitDefault?: string | undefined;
  readonly contentType?: string | undefined;
  readonly bytes: Uint8Array;
}

const canonical: DecoderChoice = { ok: true, decoder: { kind: "canonical" } };
const adapterChoice = (adapter: Adapter): DecoderChoice => ({ ok: true, decoder: { kind: "adapter", adapter } });
const refused = (error: AdapterError): DecoderChoice => ({ ok: false, issue: fromAdapterError(error) });

const baseMediaType = (contentType: string) => contentType.split(";")[0]?.trim().toLowerCase() ?? "";

/** Below this score a sniffer is guessing; the registry's `pick` draws the line at the same place. */
const SNIFF_THRESHOLD = 0.5;

// After an optional UTF-8 BOM and whitespace, a canonical message is a JSON object.
function looksLikeJsonObject(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x7b;
}

/**
 * Picks the decoder, first rule that applies: an explicit name; the unit's configured adapter;
 * the Content-Type (canonical JSON types, else the adapters declaring it, sniffing among
 * several); sniffing the bytes across all adapters, then canonical JSON. A name that is not
 * registered, or bytes no one recognises, give the adapter registry's coded issue (HTTP 415).
 */
export function chooseDecoder(registry: AdapterRegistry, hints: DecoderHints): DecoderChoice {
  const named = hints.explicit || hints.unitDefault;
  if (named) {
    if (CANONICAL_NAMES.has(named)) return canonical;
    if (!registry.has(named)) return refused(new AdapterError("EIX_ADAPTER_NOT_FOUND", { value: named }));
    return adapterChoice(registry.get(named));
  }
  const mediaType = hints.contentType ? baseMediaType(hints.contentType) : "";
  if (CANONICAL_MEDIA_TYPES.has(mediaType)) return canonical;
  if (mediaType && registry.forMediaType(mediaType).length > 0) {
    try {
      return adapterChoice(registry.pick({ mediaType, bytes: hints.bytes }));
    } catch (error) {
      if (!AdapterError.is(error)) throw error;
    }
  }
  const best = registry.sniff(hints.bytes)[0];
  if (best && best.score >= SNIFF_THRESHOLD) return adapterChoice(best.adapter);
  if (looksLikeJsonObject(hints.bytes)) return canonical;
  return refused(new AdapterError("EIX_ADAPTER_NO_MATCH"));
}

/** The id recorded for the decoder in metrics, logs and quarantine details. */
export function decoderId(decoder: Decoder): string {
  return decoder.kind === "canonical" ? "eix.json" : decoder.adapter.id;
}
