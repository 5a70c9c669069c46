import { driverDetail, isStoreError, StoreError, type StoreErrorCode } from "./store-errors.js";

/** The store code for a better-sqlite3 failure, by its extended result code (SQLITE_BUSY_SNAPSHOT → BUSY). */
function codeFor(error: unknown): StoreErrorCode {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== "string") {
    // better-sqlite3 reports these two as plain TypeErrors.
    const message = error instanceof TypeError ? error.message : "";
    if (/connection is not open/i.test(message)) return "EIX_STORE_CLOSED";
    if (/cannot open database/i.test(message)) return "EIX_STORE_UNAVAILABLE";
    return "EIX_STORE_INTERNAL";
  }
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "EIX_STORE_BUSY";
  if (code === "SQLITE_FULL") return "EIX_STORE_DISK_FULL";
  if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB") return "EIX_STORE_CORRUPT";
  // An unopenable file, an I/O error or a read-only file: the disk or mount, not the data, is at fault.
  if (code.startsWith("SQLITE_CANTOPEN") || code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_READONLY")) {
    return "EIX_STORE_UNAVAILABLE";
  }
  if (code.startsWith("SQLITE_CONSTRAINT") || code === "SQLITE_TOOBIG" || code === "SQLITE_MISMATCH")
    return "EIX_STORE_WRITE_FAILED";
  return "EIX_STORE_INTERNAL";
}

export function sqliteStoreError(error: unknown): StoreError {
  if (isStoreError(error)) return error;
  return new StoreError(codeFor(error), { detail: driverDetail(error) }, { cause: error });
}
