import type { Logger } from "pino";
import type { IngestPipeline } from "../ingest/ingest-pipeline.js";
import type { HubUnit } from "../route/route-model.js";
import type { Store } from "../store/store.js";
import { createHubMetrics, type HubMetrics } from "./hub-metrics.js";

export type FindUnitByToken = (token: string) => HubUnit | undefined | Promise<HubUnit | undefined>;

export interface HttpServerOptions {
  /** Request logs go here, each line with its `requestId`; bodies and headers are never logged. */
  readonly logger: Logger;
  readonly pipeline: IngestPipeline;
  readonly store: Pick<
    Store,
    | "ping"
    | "getMessage"
    | "incidentChain"
    | "acknowledgementsOf"
    | "listDeliveries"
    | "listQuarantine"
    | "replay"
    | "outboxStats"
  >;
  /** The unit a bearer token belongs to (see `unitsByToken`). */
  readonly findUnitByToken: FindUnitByToken;
  /** Whether a unit may use the query and replay routes. Default: no unit may. */
  readonly isOperator?: (unit: HubUnit) => boolean;
  /** Hex SHA-256 of admin tokens that open the query and replay routes without being a unit. */
  readonly adminTokenSha256?: readonly string[];
  /** Share one with the relay; created (reading `store`) when absent. */
  readonly metrics?: HubMetrics;
  /** Largest accepted body. Default 10 MiB. */
  readonly maxBodyBytes?: number;
  /** Ingests allowed at once in the whole hub; beyond them POST /v1/messages answers 503. Default 256. */
  readonly maxInFlight?: number;
  /** Ingests of one unit allowed at once; beyond them that unit gets 429. Default 64. */
  readonly maxInFlightPerUnit?: number;
  /** Sent with 429 and 503. Default 2. */
  readonly retryAfterSeconds?: number;
  /** Whether the configuration is loaded (for /readyz). Default: always. */
  readonly configReady?: () => boolean;
  /** Source name in provenance, quarantine and metrics. Default "http". */
  readonly source?: string;
  /** Called after a replay re-queued something: wakes the relay so it need not wait for its poll. */
  readonly onReplayed?: () => void;
}

/** The options with every default filled in, as the routes use them. */
export interface HttpContext {
  readonly pipeline: IngestPipeline;
  readonly store: HttpServerOptions["store"];
  readonly findUnitByToken: FindUnitByToken;
  readonly isOperator: (unit: HubUnit) => boolean;
  readonly adminTokenSha256: readonly string[];
  readonly metrics: HubMetrics;
  readonly maxBodyBytes: number;
  readonly maxInFlight: number;
  readonly maxInFlightPerUnit: number;
  readonly retryAfterSeconds: number;
  readonly configReady: () => boolean;
  readonly source: string;
  readonly onReplayed: () => void;
}

export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

export function httpContext(options: HttpServerOptions): HttpContext {
  return {
    pipeline: options.pipeline,
    store: options.store,
    findUnitByToken: options.findUnitByToken,
    isOperator: options.isOperator ?? (() => false),
    adminTokenSha256: options.adminTokenSha256 ?? [],
    metrics: options.metrics ?? createHubMetrics({ store: options.store }),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxInFlight: Math.max(1, options.maxInFlight ?? 256),
    maxInFlightPerUnit: Math.max(1, options.maxInFlightPerUnit ?? 64),
    retryAfterSeconds: options.retryAfterSeconds ?? 2,
    configReady: options.configReady ?? (() => true),
    source: options.source ?? "http",
    onReplayed: options.onReplayed ?? (() => {}),
  };
}
