import type { SourceInfo } from "@eix/adapters";
import type { RouteDecision } from "../route/route-model.js";
import type { IngestProvenance } from "../store/store-records.js";
import type { IngestRequest } from "./ingest-request.js";

/** What the store keeps beside the message about how it arrived, and what policy withheld. */
export function ingestProvenance(request: IngestRequest, source: SourceInfo, decision: RouteDecision): IngestProvenance {
  return {
    source: request.source,
    adapter: { id: source.adapter.id, version: source.adapter.version },
    sourceFormat: source.sourceFormat,
    ...(source.charset === undefined ? {} : { charset: source.charset }),
    ...(request.remoteAddress === undefined ? {} : { remoteAddress: request.remoteAddress }),
    authenticatedUnitId: request.unit.unitId,
    ...(decision.withheld.length > 0 ? { withheld: decision.withheld } : {}),
    ...(decision.addressedTo && decision.addressedTo.length > 0 ? { addressedTo: decision.addressedTo } : {}),
  };
}
