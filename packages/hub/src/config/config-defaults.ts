import { isAbsolute, resolve } from "node:path";
import type {
  DestinationEntry,
  FileDropEntry,
  HubConfigFile,
  MllpSourceEntry,
  TlsFilesEntry,
  UnitEntry,
} from "./config-file-model.js";
import type {
  BreakerSettings,
  DestinationConfig,
  FileDropConfig,
  HttpConfig,
  HttpTimeouts,
  HubConfig,
  HubUnit,
  MllpSourceConfig,
  MllpTimeouts,
  RelayConfig,
  RetentionConfig,
  RetrySettings,
  RouteRule,
  StoreConfig,
  TlsFiles,
} from "./config-model.js";
import type { Environment } from "./env-substitution.js";
import { childPointer } from "./json-pointer.js";
import { unitTokenHashes } from "./unit-credentials.js";

// The defaults, one place in code; hub-config.schema.json states the same values as `default`
// annotations for editors and readers, and a test keeps the two in step.

export const DEFAULT_SQLITE_PATH = "./data/eix-hub.db";

export const DEFAULT_HTTP: HttpConfig = {
  host: "127.0.0.1",
  port: 8080,
  bodyLimitBytes: 2 * 1024 * 1024,
  maxInFlight: 256,
  maxInFlightPerUnit: 64,
  retryAfterSeconds: 5,
};

export const DEFAULT_RETRY: RetrySettings = {
  initialDelayMs: 1000,
  maxDelayMs: 300_000,
  maxAttempts: 20,
  maxAgeMs: 24 * 60 * 60 * 1000,
};

export const DEFAULT_BREAKER: BreakerSettings = { failureThreshold: 5, openMs: 30_000 };

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { connectMs: 5000, headersMs: 30_000, bodyMs: 30_000 };

export const DEFAULT_DESTINATION = {
  adapter: "canonical",
  acceptsStatus: ["actual"] as const,
  clearance: "internal" as const,
  onAmbiguousTimeout: "retry" as const,
  connections: 8,
};

export const DEFAULT_FILE_DROP_POLL_MS = 1000;

/** MLLP: HL7 receivers rarely deduplicate on MSH-10, so an unanswered send is not repeated by default. */
export const DEFAULT_MLLP_DESTINATION = {
  adapter: "health.hl7v2",
  connections: 1,
  onAmbiguousTimeout: "dead" as const,
};

export const DEFAULT_MLLP_TIMEOUTS: MllpTimeouts = { connectMs: 5000, ackMs: 30_000 };

export const DEFAULT_MLLP_SOURCE = {
  host: "127.0.0.1",
  adapter: "health.hl7v2",
  maxFrameBytes: 1024 * 1024,
  idleTimeoutMs: 60_000,
  maxConnections: 100,
};

export const DEFAULT_RETENTION: RetentionConfig = { deliveredAfterDays: 30, quarantineAfterDays: 90 };

export const DEFAULT_RELAY: RelayConfig = { workers: 4, batchSize: 32, leaseMs: 120_000, deadBlocksLane: true };

export const DEFAULT_LOG_LEVEL = "info" as const;

/** A path of the file made absolute: relative paths are relative to the config file's directory. */
export function resolveConfigPath(baseDir: string, path: string): string {
  if (path === ":memory:") return path;
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

function buildUnit(unit: UnitEntry, index: number, env: Environment): HubUnit {
  const { hashes } = unitTokenHashes(unit as unknown as Readonly<Record<string, unknown>>, childPointer("/units", index), env);
  return {
    unitId: unit.unitId,
    name: unit.name,
    department: unit.department,
    level: unit.level,
    regionCode: unit.regionCode,
    tokenSha256: hashes,
    ...(unit.adapter === undefined ? {} : { adapter: unit.adapter }),
    ...(unit.adapterOptions === undefined ? {} : { adapterOptions: structuredClone(unit.adapterOptions) }),
    ...(unit.mayRelayFor === undefined ? {} : { mayRelayFor: [...unit.mayRelayFor] }),
    ...(unit.inbox === undefined ? {} : { inbox: unit.inbox }),
    ...(unit.operator ? { operator: true } : {}),
  };
}

function buildDestination(entry: DestinationEntry, baseDir: string): DestinationConfig {
  const common = {
    id: entry.id,
    adapter: entry.adapter ?? DEFAULT_DESTINATION.adapter,
    acceptsStatus: [...(entry.acceptsStatus ?? DEFAULT_DESTINATION.acceptsStatus)],
    clearance: entry.clearance ?? DEFAULT_DESTINATION.clearance,
    retry: { ...DEFAULT_RETRY, ...entry.retry },
    onAmbiguousTimeout: entry.onAmbiguousTimeout ?? DEFAULT_DESTINATION.onAmbiguousTimeout,
    breaker: { ...DEFAULT_BREAKER, ...entry.breaker },
  };
  if (entry.kind === "directory") return { ...common, kind: "directory", path: resolveConfigPath(baseDir, entry.path) };
  if (entry.kind === "mllp")
    return {
      ...common,
      adapter: entry.adapter ?? DEFAULT_MLLP_DESTINATION.adapter,
      onAmbiguousTimeout: entry.onAmbiguousTimeout ?? DEFAULT_MLLP_DESTINATION.onAmbiguousTimeout,
      kind: "mllp",
      host: entry.host,
      port: entry.port,
      ...(entry.tls ? { tls: buildTls(entry.tls, baseDir) } : {}),
      connections: entry.connections ?? DEFAULT_MLLP_DESTINATION.connections,
      timeouts: { ...DEFAULT_MLLP_TIMEOUTS, ...entry.timeouts },
    };
  return {
    ...common,
    kind: "http",
    url: entry.url,
    headers: { ...entry.headers },
    timeouts: { ...DEFAULT_HTTP_TIMEOUTS, ...entry.timeouts },
    connections: entry.connections ?? DEFAULT_DESTINATION.connections,
  };
}

function buildFileDrop(entry: FileDropEntry, baseDir: string): FileDropConfig {
  return {
    dir: resolveConfigPath(baseDir, entry.dir),
    unitId: entry.unitId,
    ...(entry.adapter === undefined ? {} : { adapter: entry.adapter }),
    pollMs: entry.pollMs ?? DEFAULT_FILE_DROP_POLL_MS,
  };
}

function buildTls(entry: TlsFilesEntry, baseDir: string): TlsFiles {
  const file = (path: string | undefined) => (path === undefined ? undefined : resolveConfigPath(baseDir, path));
  const certFile = file(entry.certFile);
  const keyFile = file(entry.keyFile);
  const caFile = file(entry.caFile);
  return {
    ...(certFile ? { certFile } : {}),
    ...(keyFile ? { keyFile } : {}),
    ...(caFile ? { caFile } : {}),
    requestCert: entry.requestCert ?? false,
    ...(entry.serverName === undefined ? {} : { serverName: entry.serverName }),
  };
}

function buildMllpSource(entry: MllpSourceEntry, baseDir: string): MllpSourceConfig {
  return {
    name: entry.name,
    host: entry.host ?? DEFAULT_MLLP_SOURCE.host,
    port: entry.port,
    unitId: entry.unitId,
    adapter: entry.adapter ?? DEFAULT_MLLP_SOURCE.adapter,
    maxFrameBytes: entry.maxFrameBytes ?? DEFAULT_MLLP_SOURCE.maxFrameBytes,
    idleTimeoutMs: entry.idleTimeoutMs ?? DEFAULT_MLLP_SOURCE.idleTimeoutMs,
    maxConnections: entry.maxConnections ?? DEFAULT_MLLP_SOURCE.maxConnections,
    ...(entry.adapterOptions ? { adapterOptions: structuredClone(entry.adapterOptions) } : {}),
    ...(entry.tls ? { tls: buildTls(entry.tls, baseDir) } : {}),
  };
}

function buildStore(store: HubConfigFile["store"], baseDir: string): StoreConfig {
  if (store?.kind === "postgres")
    return { kind: "postgres", url: store.url, ...(store.schema === undefined ? {} : { schema: store.schema }) };
  return { kind: "sqlite", path: resolveConfigPath(baseDir, store?.path ?? DEFAULT_SQLITE_PATH) };
}

function buildRoute(route: RouteRule): RouteRule {
  return { name: route.name, match: structuredClone(route.match), to: [...route.to] };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/**
 * The loaded configuration from a file document that passed every check: defaults filled in,
 * relative paths resolved against `baseDir`, tokens reduced to hashes; frozen, because one
 * object is shared by every part of the running hub.
 */
export function buildHubConfig(file: HubConfigFile, env: Environment, baseDir: string): HubConfig {
  return deepFreeze({
    hubId: file.hubId,
    store: buildStore(file.store, baseDir),
    http: { ...DEFAULT_HTTP, ...file.http },
    units: file.units.map((unit, index) => buildUnit(unit, index, env)),
    destinations: file.destinations.map((entry) => buildDestination(entry, baseDir)),
    routes: (file.routes ?? []).map(buildRoute),
    fileDrop: (file.fileDrop ?? []).map((entry) => buildFileDrop(entry, baseDir)),
    mllp: (file.mllp ?? []).map((entry) => buildMllpSource(entry, baseDir)),
    retention: { ...DEFAULT_RETENTION, ...file.retention },
    relay: { ...DEFAULT_RELAY, ...file.relay },
    log: { level: file.log?.level ?? DEFAULT_LOG_LEVEL },
  });
}
