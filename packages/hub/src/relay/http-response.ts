import type { DeliveryResponse } from "../store/store-records.js";

/** Response body bytes kept for operators by default (the store keeps what it is given). */
export const DEFAULT_MAX_RESPONSE_BYTES = 4096;

/**
 * Beyond the kept bytes the body is still read and thrown away up to this much, so the keep-alive
 * connection can be reused; a longer body is cancelled, which costs the connection instead.
 */
const DRAIN_LIMIT_BYTES = 64 * 1024;
const MAX_HEADERS = 32;
const MAX_HEADER_VALUE = 256;
/** Headers never kept: they can carry credentials. */
const SECRET_HEADERS = new Set(["set-cookie", "set-cookie2", "authorization", "proxy-authenticate", "www-authenticate"]);

/** The response's headers, without credentials, at most 32 of them and 256 characters each. */
export function keptHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of headers) {
    if (SECRET_HEADERS.has(name) || count >= MAX_HEADERS) continue;
    kept[name] = value.length > MAX_HEADER_VALUE ? `${value.slice(0, MAX_HEADER_VALUE)}…` : value;
    count += 1;
  }
  return kept;
}

/** The response as the store keeps it: status, headers, and the body's first `maxBytes` bytes as text. */
export async function readTrimmedResponse(response: Response, maxBytes: number): Promise<DeliveryResponse> {
  const base = { status: response.status, headers: keptHeaders(response.headers) };
  try {
    return { ...base, body: await readTrimmedBody(response, maxBytes) };
  } catch (error) {
    // The status already says what happened; a body that fails to arrive does not change it.
    return { ...base, body: `(response body unreadable: ${errorName(error)})` };
  }
}

async function readTrimmedBody(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const kept: Uint8Array[] = [];
  let keptBytes = 0;
  let seen = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      seen += value.byteLength;
      if (keptBytes < maxBytes) {
        const part = value.subarray(0, maxBytes - keptBytes);
        kept.push(part);
        keptBytes += part.byteLength;
      }
      if (seen > DRAIN_LIMIT_BYTES) {
        await reader.cancel();
        break;
      }
    }
  } finally {
    reader.releaseLock();
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(kept));
  return seen > keptBytes ? `${text}…` : text;
}

/** A short, single-line excerpt of a response body for a reason string. */
export function bodyExcerpt(body: string | undefined, maxChars = 200): string {
  const line = (body ?? "").replace(/\s+/g, " ").trim();
  if (line === "") return "(empty body)";
  return line.length > maxChars ? `${line.slice(0, maxChars)}…` : line;
}

export function errorName(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string") return code;
    const name = (error as { name?: unknown }).name;
    if (typeof name === "string") return name;
  }
  return String(error);
}
