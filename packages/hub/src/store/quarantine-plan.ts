import { createHash } from "node:crypto";
import { StoreError } from "./store-errors.js";
import type { QuarantineEntry } from "./store-records.js";

/** The quarantine row, with the payload cut to size: a flood of huge junk must not fill the disk. */
export interface QuarantinePlan {
  readonly receivedAt: Date;
  readonly source: string;
  readonly unitId: string | null;
  readonly reasonCodes: string;
  readonly issues: string;
  readonly detail: string | null;
  readonly raw: Uint8Array;
  readonly rawSize: number;
  readonly rawSha256: string;
}

export function planQuarantine(entry: QuarantineEntry, maxBytes: number, now: Date): QuarantinePlan {
  if (!(entry.raw instanceof Uint8Array)) throw new StoreError("EIX_STORE_INVALID_ITEM", { detail: "raw must be a Uint8Array" });
  if (typeof entry.source !== "string" || entry.source.length === 0) {
    throw new StoreError("EIX_STORE_INVALID_ITEM", { detail: "source must be a non-empty string" });
  }
  let reasonCodes: string;
  let issues: string;
  let detail: string | null;
  try {
    reasonCodes = JSON.stringify(entry.reasonCodes ?? []);
    issues = JSON.stringify(entry.issues ?? []);
    detail = entry.detail === undefined ? null : JSON.stringify(entry.detail);
  } catch (error) {
    throw new StoreError("EIX_STORE_INVALID_ITEM", {
      detail: `the issues cannot be written as JSON (${error instanceof Error ? error.message : error})`,
    });
  }
  return {
    receivedAt: entry.receivedAt ?? now,
    source: entry.source,
    unitId: entry.unitId ?? null,
    reasonCodes,
    issues,
    detail,
    raw: entry.raw.subarray(0, Math.max(0, maxBytes)),
    rawSize: entry.raw.byteLength,
    rawSha256: createHash("sha256").update(entry.raw).digest("hex"),
  };
}
