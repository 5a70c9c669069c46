import type { AdapterIssue } from "../../contract.js";
import { type AdapterErrorCode, type AdapterParams, adapterErrors, adapterMessage, type SourcePosition } from "../../errors.js";

// The issue codes only this adapter raises are the `EIX_CAD110_*` entries of errors.ts (all
// warnings: decode goes on). Errors use the generic EIX_ADAPTER_* codes.
export type Cad110IssueCode = Extract<AdapterErrorCode, `EIX_CAD110_${string}`>;

export const cad110Issues = Object.fromEntries(
  Object.entries(adapterErrors).filter(([code]) => code.startsWith("EIX_CAD110_")),
) as Pick<typeof adapterErrors, Cad110IssueCode>;

export function cad110Issue(code: Cad110IssueCode, params: AdapterParams, position?: SourcePosition): AdapterIssue {
  return {
    code,
    severity: adapterErrors[code].severity,
    message: adapterMessage(code, params),
    ...(position ? { position } : {}),
  };
}
