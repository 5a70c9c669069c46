import { createHash } from "node:crypto";
import { AdapterError, type SourcePosition } from "../../errors.js";
import type { OtherContent } from "./edxl-model.js";

/**
 * Whether text (white space already removed) is canonical base64: a multiple of four characters
 * of the alphabet, padding only at the end. No regular-expression repetition: contentData may
 * run to megabytes, where a backtracking pattern is slow and can overflow the stack.
 */
function isBase64(value: string): boolean {
  if (value.length % 4 !== 0 || /[^A-Za-z0-9+/=]/.test(value)) return false;
  const padding = value.indexOf("=");
  return padding < 0 || (padding >= value.length - 2 && value.slice(padding) === "=".repeat(value.length - padding));
}

/** SHA-256 of the content as base64, what `digest` carries in what EIX writes. */
export function contentDigest(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("base64");
}

/**
 * The algorithm and expected value a digest stands for. EDXL-DE 2.0's schema types `digest`
 * as xs:base64Binary and names no algorithm (DE 1.0: SHA-1), so the algorithm is told by the
 * length: 32 bytes SHA-256, 20 bytes SHA-1, written in base64 or, as some 1.0 senders do, hex.
 */
function digestOf(digest: string): { algorithm: "sha256" | "sha1"; bytes: Buffer } | undefined {
  const value = digest.replace(/\s+/g, "");
  const raw = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/i.test(value)
    ? Buffer.from(value, "hex")
    : isBase64(value)
      ? Buffer.from(value, "base64")
      : undefined;
  if (raw?.length === 32) return { algorithm: "sha256", bytes: raw };
  if (raw?.length === 20) return { algorithm: "sha1", bytes: raw };
  return undefined;
}

/**
 * The bytes of non-XML content, checked against its `size` and `digest` when they are given:
 * data cut or altered on the way is refused, never decoded. Throws AdapterError.
 */
export function readContentData(content: OtherContent, at: string, where: SourcePosition): Uint8Array {
  if (content.contentData === undefined) {
    if (content.uri !== undefined)
      throw new AdapterError("EIX_EDXL_CONTENT_EXTERNAL", { value: at, detail: content.uri }, { position: where });
    throw new AdapterError("EIX_EDXL_CONTENT_MISSING", { value: at, detail: "no contentData" }, { position: where });
  }
  if (!isBase64(content.contentData))
    throw new AdapterError(
      "EIX_EDXL_BASE64_INVALID",
      { value: "contentData", detail: `${content.contentData.length} characters, not a multiple-of-4 base64 text` },
      { position: { ...where, at: `${at}/contentData` } },
    );
  const data = new Uint8Array(Buffer.from(content.contentData, "base64"));
  if (content.size !== undefined && String(data.byteLength) !== content.size.replace(/^\+?0*(?=\d)/, ""))
    throw new AdapterError(
      "EIX_EDXL_SIZE_MISMATCH",
      { value: String(data.byteLength), expected: content.size },
      { position: { ...where, at: `${at}/size` } },
    );
  if (content.digest !== undefined) {
    const declared = digestOf(content.digest);
    if (!declared)
      throw new AdapterError(
        "EIX_EDXL_DIGEST_UNSUPPORTED",
        { value: content.digest.slice(0, 100) },
        { position: { ...where, at: `${at}/digest` } },
      );
    const computed = createHash(declared.algorithm).update(data).digest();
    if (!computed.equals(declared.bytes))
      throw new AdapterError(
        "EIX_EDXL_DIGEST_MISMATCH",
        {
          value: computed.toString("base64"),
          expected: declared.bytes.toString("base64"),
          detail: declared.algorithm.toUpperCase(),
        },
        { position: { ...where, at: `${at}/digest` } },
      );
  }
  return data;
}
