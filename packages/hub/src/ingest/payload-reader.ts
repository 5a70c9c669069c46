import type { AdapterRegistry, SourceInfo } from "@eix/adapters";
import type { Department, Envelope, Unit } from "@eix/schema";
import type { HubUnit } from "../route/route-model.js";
import { chooseDecoder, decoderId } from "./decoder-choice.js";
import { ingestIssue } from "./ingest-errors.js";
import type { IngestRefusal } from "./ingest-outcome.js";
import type { ValidateRequest } from "./ingest-request.js";
import { decodePayload } from "./payload-decoder.js";
import type { ReportedIssue } from "./reported-issue.js";

export interface ReadPayload {
  readonly ok: true;
  readonly adapterId: string;
  readonly messages: Envelope[];
  readonly issues: ReportedIssue[];
  readonly source: SourceInfo;
}

export interface PayloadReaderOptions {
  readonly registry: AdapterRegistry;
  readonly maxBytes: number;
  readonly now: () => Date;
}

/** The sender as formats without a usable sender field (CAP's free-text `sender`) get it. */
function senderOf(unit: HubUnit): Unit {
  return {
    unitId: unit.unitId,
    name: unit.name,
    department: unit.department as Department,
    level: unit.level,
    regionCode: unit.regionCode,
  };
}

/**
 * Steps shared by ingest and validate: refuse empty bytes, choose the decoder, decode and
 * validate every message. No hop is added here: the loop check must see the path as it came.
 */
export function readPayload(options: PayloadReaderOptions, request: ValidateRequest): ReadPayload | IngestRefusal {
  if (request.body.byteLength === 0) return { ok: false, kind: "malformed", issues: [ingestIssue("EIX_INGEST_EMPTY", "")] };
  const choice = chooseDecoder(options.registry, {
    explicit: request.adapter,
    unitDefault: request.unit?.adapter,
    contentType: request.contentType,
    bytes: request.body,
  });
  if (!choice.ok) return { ok: false, kind: "unsupported", issues: [choice.issue] };
  const adapterId = decoderId(choice.decoder);
  // A listener's own options first (MLLP), else the unit's for the adapter chosen.
  const adapterOptions = request.adapterOptions ?? request.unit?.adapterOptions?.[adapterId];
  const decoded = decodePayload(choice.decoder, request.body, options.maxBytes, {
    now: options.now,
    ...(request.unit ? { sender: senderOf(request.unit) } : {}),
    ...(adapterOptions ? { options: adapterOptions } : {}),
  });
  if (!decoded.ok) return { ok: false, kind: decoded.kind, issues: decoded.issues, adapterId };
  return { ok: true, adapterId, messages: decoded.messages, issues: decoded.issues, source: decoded.source };
}
