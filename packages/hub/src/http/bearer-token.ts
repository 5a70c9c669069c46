import { createHash, timingSafeEqual } from "node:crypto";
import type { HubUnit } from "../route/route-model.js";

/** The token of an `Authorization: Bearer <token>` header (RFC 6750), or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization ?? "");
  return match?.[1];
}

/** Hex SHA-256 of a token: the configuration holds only these, never the tokens. */
export function tokenSha256(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether the token hashes to one of `hashes`, compared in constant time. */
export function tokenMatches(token: string, hashes: readonly string[]): boolean {
  const digest = Buffer.from(tokenSha256(token), "hex");
  let found = false;
  for (const hash of hashes) {
    const candidate = Buffer.from(hash.toLowerCase(), "hex");
    // No early return: every configured hash is compared, whichever one matches.
    if (candidate.length === digest.length && timingSafeEqual(candidate, digest)) found = true;
  }
  return found;
}

/**
 * A `findUnitByToken` for the configured units. The map is keyed by the token's SHA-256, so a
 * lookup compares digests of secrets, never the secrets themselves: timing tells an attacker
 * nothing about a token without a SHA-256 preimage.
 */
export function unitsByToken(units: readonly HubUnit[]): (token: string) => HubUnit | undefined {
  const byHash = new Map<string, HubUnit>();
  for (const unit of units) for (const hash of unit.tokenSha256) byHash.set(hash.toLowerCase(), unit);
  return (token) => byHash.get(tokenSha256(token));
}
