import { type Envelope, parseJsonInput, validate } from "@eix/schema";
import { type Decoding, NO_BLOBS, refusedWith } from "./decoding.js";

const HEAD_BYTES = 4096;

/**
 * How sure we are that the bytes are a canonical message, on the scale of adapter sniffers:
 * 0.9 for a JSON object naming the `eix/1` schema near its start, 0.3 for any other JSON
 * object or array (still best read as canonical, to get JSON and schema errors), else 0.
 */
export function sniffCanonical(bytes: Uint8Array): number {
  const head = new TextDecoder("utf-8")
    .decode(bytes.subarray(0, HEAD_BYTES))
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (head.startsWith("{")) return /"schema"\s*:\s*"eix\/1"/.test(head) ? 0.9 : 0.3;
  return head.startsWith("[") ? 0.3 : 0;
}

function kindOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || !("kind" in value)) return undefined;
  return typeof value.kind === "string" ? value.kind : undefined;
}

/** A canonical JSON file (UTF-8, one envelope): parsed with the schema's limits, then validated. */
export function decodeCanonical(bytes: Uint8Array): Decoding {
  const parsed = parseJsonInput(bytes);
  if (!parsed.ok) return refusedWith(parsed.issue);
  const { valid, issues } = validate(parsed.value);
  const kind = kindOf(parsed.value);
  const envelopes = valid ? [parsed.value as Envelope] : [];
  return { ok: valid, envelopes, issues, blobs: NO_BLOBS, ...(kind === undefined ? {} : { kind }) };
}

/** An envelope as canonical JSON: pretty, two spaces, one trailing newline. */
export function encodeCanonical(envelope: Envelope): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(envelope, null, 2)}\n`);
}
