import type {
  BreakerSettings,
  Clearance,
  HttpTimeouts,
  LogLevel,
  MessageStatus,
  RetrySettings,
  RouteRule,
} from "./config-model.js";

// The shape of the configuration FILE, as hub-config.schema.json describes it: everything with
// a default is optional, tokens are given as hashes or environment variable names. Only the
// loader sees this shape; the rest of the hub reads `HubConfig`.

export interface UnitEntry {
  readonly unitId: string;
  readonly name: string;
  readonly department: string;
  readonly level: "national" | "provincial" | "municipal" | "county" | "township";
  readonly regionCode: string;
  readonly tokenSha256?: string | readonly string[];
  readonly tokenEnv?: string | readonly string[];
  readonly adapter?: string;
  readonly adapterOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly mayRelayFor?: readonly string[];
  readonly inbox?: string;
  readonly operator?: boolean;
}

interface DestinationEntryCommon {
  readonly id: string;
  readonly adapter?: string;
  readonly acceptsStatus?: readonly MessageStatus[];
  readonly clearance?: Clearance;
  readonly retry?: Partial<RetrySettings>;
  readonly onAmbiguousTimeout?: "retry" | "dead";
  readonly breaker?: Partial<BreakerSettings>;
}

export interface HttpDestinationEntry extends DestinationEntryCommon {
  readonly kind: "http";
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeouts?: Partial<HttpTimeouts>;
  readonly connections?: number;
}

export interface DirectoryDestinationEntry extends DestinationEntryCommon {
  readonly kind: "directory";
  readonly path: string;
}

export interface TlsFilesEntry {
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly caFile?: string;
  readonly requestCert?: boolean;
  readonly serverName?: string;
}

export interface MllpDestinationEntry extends DestinationEntryCommon {
  readonly kind: "mllp";
  readonly host: string;
  readonly port: number;
  readonly tls?: TlsFilesEntry;
  readonly connections?: number;
  readonly timeouts?: { readonly connectMs?: number; readonly ackMs?: number };
}

export type DestinationEntry = HttpDestinationEntry | DirectoryDestinationEntry | MllpDestinationEntry;

export interface MllpSourceEntry {
  readonly name: string;
  readonly host?: string;
  readonly port: number;
  readonly unitId: string;
  readonly adapter?: string;
  readonly maxFrameBytes?: number;
  readonly idleTimeoutMs?: number;
  readonly maxConnections?: number;
  readonly adapterOptions?: Readonly<Record<string, unknown>>;
  readonly tls?: TlsFilesEntry;
}

export interface FileDropEntry {
  readonly dir: string;
  readonly unitId: string;
  readonly adapter?: string;
  readonly pollMs?: number;
}

export interface HubConfigFile {
  readonly hubId: string;
  readonly store?:
    | { readonly kind: "sqlite"; readonly path?: string }
    | { readonly kind: "postgres"; readonly url: string; readonly schema?: string };
  readonly http?: {
    readonly host?: string;
    readonly port?: number;
    readonly bodyLimitBytes?: number;
    readonly maxInFlight?: number;
    readonly maxInFlightPerUnit?: number;
    readonly retryAfterSeconds?: number;
  };
  readonly units: readonly UnitEntry[];
  readonly destinations: readonly DestinationEntry[];
  readonly routes?: readonly RouteRule[];
  readonly fileDrop?: readonly FileDropEntry[];
  readonly mllp?: readonly MllpSourceEntry[];
  readonly retention?: { readonly deliveredAfterDays?: number; readonly quarantineAfterDays?: number };
  readonly relay?: {
    readonly workers?: number;
    readonly batchSize?: number;
    readonly leaseMs?: number;
    readonly deadBlocksLane?: boolean;
  };
  readonly log?: { readonly level?: LogLevel };
}
