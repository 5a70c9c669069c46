import type { AdapterIssue } from "../../contract.js";
import { type AdapterErrorCode, type AdapterParams, adapterErrors, adapterMessage, type SourcePosition } from "../../errors.js";

// The issue codes only this adapter raises are the `EIX_UCRI2_*` entries of errors.ts (warnings:
// decode goes on). Errors use the generic EIX_ADAPTER_* codes.
export type Ucri2IssueCode = Extract<AdapterErrorCode, `EIX_UCRI2_${string}`>;

export const ucri2Issues = Object.fromEntries(
  Object.entries(adapterErrors).filter(([code]) => code.startsWith("EIX_UCRI2_")),
) as Pick<typeof adapterErrors, Ucri2IssueCode>;

export function ucri2Issue(code: Ucri2IssueCode, params: AdapterParams, position?: SourcePosition): AdapterIssue {
  return {
    code,
    severity: adapterErrors[code].severity,
    message: adapterMessage(code, params),
    ...(position ? { position } : {}),
  };
}
