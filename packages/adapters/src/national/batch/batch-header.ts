// The header fields of eix.v1.Batch. The digest does not cover them (eix.proto says why), so
// their form is checked instead: a reader never passes on an empty or malformed sender hub id.
import type { BatchMessage } from "@eix/schema";
import { AdapterError } from "../../errors.js";

/** As ProvenanceHop.hubId in envelope.json; batch ids are held to the same bound. */
export const MAX_BATCH_ID_LENGTH = 100;
export const DIGEST_BYTES = 32;

// RFC 3339 with an explicit offset, as every time in the model (defs/time.json).
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** EIX_ADAPTER_MISSING_FIELD or EIX_ADAPTER_BAD_VALUE for an id, with the proto field name. */
export function idProblem(field: "batch_id" | "hub_id", value: unknown): AdapterError | undefined {
  if (typeof value !== "string" || value === "")
    return new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: field }, { position: { field } });
  if (value.length > MAX_BATCH_ID_LENGTH)
    return new AdapterError(
      "EIX_ADAPTER_BAD_VALUE",
      { value: field, detail: `longer than ${MAX_BATCH_ID_LENGTH} characters` },
      { position: { field } },
    );
  return undefined;
}

export function headerProblem(batch: BatchMessage): AdapterError | undefined {
  const id = idProblem("batch_id", batch.batchId) ?? idProblem("hub_id", batch.hubId);
  if (id) return id;
  const field = "created_at";
  if (batch.createdAt === "") return new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: field }, { position: { field } });
  if (!dateTime.test(batch.createdAt) || Number.isNaN(Date.parse(batch.createdAt)))
    return new AdapterError(
      "EIX_ADAPTER_BAD_VALUE",
      { value: field, detail: "not an RFC 3339 date-time with an offset" },
      { position: { field } },
    );
  if (batch.digest.byteLength === 0)
    return new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: "digest" }, { position: { field: "digest" } });
  if (batch.digest.byteLength !== DIGEST_BYTES)
    return new AdapterError(
      "EIX_ADAPTER_BAD_VALUE",
      { value: "digest", detail: `${batch.digest.byteLength} bytes, a SHA-256 digest has ${DIGEST_BYTES}` },
      { position: { field: "digest" } },
    );
  return undefined;
}
