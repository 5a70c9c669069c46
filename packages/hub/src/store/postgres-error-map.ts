import { driverDetail, isStoreError, StoreError, type StoreErrorCode } from "./store-errors.js";

// Node socket errors: the server is down, unreachable or went away mid-call.
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

/** The store code for a `pg` failure: by SQLSTATE when the server answered, by socket code otherwise. */
function codeFor(error: unknown): StoreErrorCode {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== "string") {
    const message = error instanceof Error ? error.message : "";
    if (/after calling end on the pool/i.test(message)) return "EIX_STORE_CLOSED";
    // pg reports a lost or timed-out connection as a plain Error without a code.
    if (/connect|terminat|not queryable|timeout/i.test(message)) return "EIX_STORE_UNAVAILABLE";
    return "EIX_STORE_INTERNAL";
  }
  if (NETWORK_CODES.has(code)) return "EIX_STORE_UNAVAILABLE";
  // 08 connection exception, 28 authentication, 3D unknown database, 57P0x shutdown, 53300 too many connections.
  if (/^(08|28|3D)/.test(code) || /^57P0[1-4]$/.test(code) || code === "53300" || code === "53200")
    return "EIX_STORE_UNAVAILABLE";
  if (code === "53100") return "EIX_STORE_DISK_FULL";
  // Serialization failure, deadlock, lock or statement timeout: the same call may well pass next time.
  if (code === "40001" || code === "40P01" || code === "55P03" || code === "57014") return "EIX_STORE_BUSY";
  if (code === "XX001" || code === "XX002") return "EIX_STORE_CORRUPT";
  if (/^(22|23)/.test(code) || code === "P0001") return "EIX_STORE_WRITE_FAILED";
  return "EIX_STORE_INTERNAL";
}

export function postgresStoreError(error: unknown): StoreError {
  if (isStoreError(error)) return error;
  return new StoreError(codeFor(error), { detail: driverDetail(error) }, { cause: error });
}
