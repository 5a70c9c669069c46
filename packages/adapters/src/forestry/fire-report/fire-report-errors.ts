import type { AdapterIssue } from "../../contract.js";
import { type AdapterErrorCode, type AdapterParams, adapterErrors, adapterMessage, type SourcePosition } from "../../errors.js";

// The issue codes only this adapter raises are the `EIX_FIRE_*` entries of errors.ts (warnings:
// decode goes on). Errors use the generic EIX_ADAPTER_* codes.
export type FireReportIssueCode = Extract<AdapterErrorCode, `EIX_FIRE_${string}`>;

export const fireReportIssues = Object.fromEntries(
  Object.entries(adapterErrors).filter(([code]) => code.startsWith("EIX_FIRE_")),
) as Pick<typeof adapterErrors, FireReportIssueCode>;

export function fireReportIssue(code: FireReportIssueCode, params: AdapterParams, position?: SourcePosition): AdapterIssue {
  return {
    code,
    severity: adapterErrors[code].severity,
    message: adapterMessage(code, params),
    ...(position ? { position } : {}),
  };
}
