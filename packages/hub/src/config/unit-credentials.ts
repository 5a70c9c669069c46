import type { ConfigProblem } from "./config-errors.js";
import type { Environment } from "./env-substitution.js";
import { childPointer } from "./json-pointer.js";
import { hashToken } from "./unit-token.js";

/** Shortest token accepted from the environment: a bearer token must not be guessable. */
export const MIN_TOKEN_LENGTH = 16;

const sha256Hex = /^[0-9a-fA-F]{64}$/;

function entries(value: unknown, pointer: string): Array<{ text: string; pointer: string }> {
  if (typeof value === "string") return [{ text: value, pointer }];
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index) =>
    typeof item === "string" ? [{ text: item, pointer: childPointer(pointer, index) }] : [],
  );
}

/**
 * The token hashes a unit entry of the file accepts: its `tokenSha256` entries (lower-cased)
 * and the hash of each token named by `tokenEnv`. The plain tokens are hashed here and go no
 * further. Problems are reported for malformed hashes, unset variables and weak tokens; a
 * problem never repeats the token or the misplaced value.
 */
export function unitTokenHashes(
  unit: Readonly<Record<string, unknown>>,
  unitPointer: string,
  env: Environment,
): { hashes: string[]; problems: ConfigProblem[] } {
  const hashes: string[] = [];
  const problems: ConfigProblem[] = [];
  for (const entry of entries(unit.tokenSha256, childPointer(unitPointer, "tokenSha256"))) {
    if (sha256Hex.test(entry.text)) hashes.push(entry.text.toLowerCase());
    else problems.push({ code: "EIX_CONFIG_TOKEN_HASH", path: entry.pointer, params: { limit: String(entry.text.length) } });
  }
  for (const entry of entries(unit.tokenEnv, childPointer(unitPointer, "tokenEnv"))) {
    const token = env[entry.text];
    if (token === undefined || token === "")
      problems.push({ code: "EIX_CONFIG_ENV_UNSET", path: entry.pointer, params: { value: entry.text } });
    else if (token.length < MIN_TOKEN_LENGTH)
      problems.push({
        code: "EIX_CONFIG_TOKEN_WEAK",
        path: entry.pointer,
        params: { value: entry.text, limit: String(MIN_TOKEN_LENGTH) },
      });
    else hashes.push(hashToken(token));
  }
  if (unit.tokenSha256 === undefined && unit.tokenEnv === undefined)
    problems.push({
      code: "EIX_CONFIG_NO_TOKEN",
      path: unitPointer,
      params: { value: typeof unit.unitId === "string" ? unit.unitId : "…" },
    });
  return { hashes: [...new Set(hashes)], problems };
}
