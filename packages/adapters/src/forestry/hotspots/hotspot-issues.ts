import type { AdapterIssue } from "../../contract.js";
import { type AdapterErrorCode, type AdapterParams, adapterErrors, adapterMessage, type SourcePosition } from "../../errors.js";

// The issue codes only this adapter raises are the `EIX_HOTSPOT_*` entries of errors.ts (all
// warnings: decode goes on). Errors use the generic EIX_ADAPTER_* codes.
export type HotspotIssueCode = Extract<AdapterErrorCode, `EIX_HOTSPOT_${string}`>;

export const hotspotIssues = Object.fromEntries(
  Object.entries(adapterErrors).filter(([code]) => code.startsWith("EIX_HOTSPOT_")),
) as Pick<typeof adapterErrors, HotspotIssueCode>;

export function hotspotIssue(code: HotspotIssueCode, params: AdapterParams, position?: SourcePosition): AdapterIssue {
  return {
    code,
    severity: adapterErrors[code].severity,
    message: adapterMessage(code, params),
    ...(position ? { position } : {}),
  };
}
