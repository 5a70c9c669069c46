import type { Logger } from "pino";
import type { HubUnit } from "../route/route-model.js";

/** The logging the pipeline does: a pino logger, or a request's child of one (fastify's `request.log`). */
export type IngestLogger = Pick<Logger, "info" | "warn" | "error">;

/** One inbound payload as a source hands it to the pipeline. */
export interface IngestRequest {
  /** The bytes exactly as received; stored (or quarantined) as they are. */
  readonly body: Uint8Array;
  readonly contentType?: string | undefined;
  /** Adapter id the sender named (`?adapter=`, `X-EIX-Adapter`), or "canonical". */
  readonly adapter?: string | undefined;
  /** Settings for the adapter (DecodeContext.options), from the source's configuration. */
  readonly adapterOptions?: Readonly<Record<string, unknown>> | undefined;
  /** The unit whose credential the source checked. */
  readonly unit: HubUnit;
  /** The configured source: "http", "file:drop", … */
  readonly source: string;
  readonly remoteAddress?: string | undefined;
  /** A child logger carrying the request id; the pipeline's own logger otherwise. */
  readonly logger?: IngestLogger | undefined;
}

/** A payload to decode and validate only; no credential is needed, nothing is stored. */
export interface ValidateRequest extends Omit<IngestRequest, "unit"> {
  /** When known, gives the sender for formats that lack one and the unit's default adapter. */
  readonly unit?: HubUnit | undefined;
}
