// @eix/hub — the hub and the `eix` command line. This file is the package's only door.

export type { CliIo, CliOutput } from "./cli/io.js";
export { runCli } from "./cli/run.js";
// Configuration (eix serve --config FILE).
export {
  ConfigError,
  type ConfigIssue,
  type ConfigIssueCode,
  configIssues,
  formatConfigIssues,
  isConfigError,
} from "./config/config-errors.js";
export type * from "./config/config-model.js";
export { HUB_CONFIG_SCHEMA } from "./config/config-schema.js";
export { loadHubConfig, type ParseHubConfigOptions, parseHubConfig } from "./config/load-hub-config.js";
export { hashToken } from "./config/unit-token.js";
export { CliError, type CliErrorCode, type CliErrorParams, cliErrors, cliMessage } from "./errors.js";
// HTTP API and ingest pipeline.
export { type HttpErrorCode, httpErrors } from "./http/http-errors.js";
export type { HttpServerOptions } from "./http/http-options.js";
export { createHubMetrics, type HubMetrics } from "./http/hub-metrics.js";
export { buildHttpServer } from "./http/server.js";
export { ingestIssues } from "./ingest/ingest-errors.js";
export type { IngestAccepted, IngestOutcome, IngestRefusal, MessageReceipt } from "./ingest/ingest-outcome.js";
export { createIngestPipeline, type IngestPipeline, type IngestPipelineOptions } from "./ingest/ingest-pipeline.js";
export type { IngestRequest, ValidateRequest } from "./ingest/ingest-request.js";
// Relay.
// MLLP (HL7 v2 over TCP): the listener and the relay destination.
export * from "./mllp/index.js";
export * from "./relay/index.js";
// Authorisation and routing.
export { authErrors } from "./route/auth-errors.js";
export { authorizeSender } from "./route/authorize-sender.js";
export { alreadyRelayedBy } from "./route/provenance-loop.js";
export { routeErrors } from "./route/route-errors.js";
export { routeMessage } from "./route/route-message.js";
export type { RouteDecision } from "./route/route-model.js";
// Running a hub.
export { ackForOutcome, ackForRejection, type MllpSourceOptions, startMllpSource } from "./serve/mllp-sources.js";
export { hubLogger, type RunningHub, type StartHubOptions, startHub } from "./serve/start-hub.js";
export { type FileDropOptions, type FileDropPass, FileDropSource } from "./sources/file-drop.js";
// Store.
export { openPostgresStore, type PostgresStoreOptions } from "./store/postgres-store.js";
export { openSqliteStore, type SqliteStoreOptions } from "./store/sqlite-store.js";
export type { Store, StoreOptions } from "./store/store.js";
export { isStoreError, StoreError, type StoreErrorCode, storeErrors } from "./store/store-errors.js";
export type * from "./store/store-records.js";
