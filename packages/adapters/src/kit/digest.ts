import { createHash } from "node:crypto";

/** Lowercase hex SHA-256, as `rawSha256` and attachment digests carry it. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}
