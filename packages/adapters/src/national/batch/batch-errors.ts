// The batch adapter's codes are the `EIX_BATCH_*` entries of errors.ts; this module narrows
// the shared table to them for the batch modules and their tests.
import {
  AdapterError,
  type AdapterErrorCode,
  type AdapterParams,
  adapterErrors,
  adapterMessage,
  type SourcePosition,
} from "../../errors.js";

export type BatchErrorCode = Extract<AdapterErrorCode, `EIX_BATCH_${string}`>;

export const batchErrors = Object.fromEntries(
  Object.entries(adapterErrors).filter(([code]) => code.startsWith("EIX_BATCH_")),
) as Pick<typeof adapterErrors, BatchErrorCode>;

export const batchMessage = (code: BatchErrorCode, params: AdapterParams = {}) => adapterMessage(code, params);

export function batchError(
  code: BatchErrorCode,
  params: AdapterParams = {},
  options: { position?: SourcePosition; cause?: unknown } = {},
): AdapterError {
  return new AdapterError(code, params, options);
}
