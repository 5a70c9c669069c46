// The hub configuration as the rest of the hub sees it: loaded, checked, defaults applied,
// relative paths made absolute, tokens reduced to their hashes. Every field is present unless
// the option genuinely has no value (a unit without a default adapter).

import type { DestinationPolicy, HubUnit, RouteRule } from "../route/route-model.js";

// The shapes routing and authorisation work on are defined once, beside them.
export type { DestinationPolicy, HubUnit, RouteRule };

export type MessageStatus = DestinationPolicy["acceptsStatus"][number];
export type Clearance = DestinationPolicy["clearance"];

export interface RetrySettings {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
  readonly maxAgeMs: number;
}

export interface BreakerSettings {
  readonly failureThreshold: number;
  readonly openMs: number;
}

interface DestinationCommon extends DestinationPolicy {
  /** Adapter id that encodes messages for it, or "canonical". */
  readonly adapter: string;
  readonly retry: RetrySettings;
  /** "retry" (at least once) or "dead" when a send timed out after the request went out. */
  readonly onAmbiguousTimeout: "retry" | "dead";
  readonly breaker: BreakerSettings;
}

export interface HttpTimeouts {
  readonly connectMs: number;
  readonly headersMs: number;
  readonly bodyMs: number;
}

export interface HttpDestinationConfig extends DestinationCommon {
  readonly kind: "http";
  readonly url: string;
  /** Environment references already substituted; may hold secrets, never log them. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timeouts: HttpTimeouts;
  readonly connections: number;
}

export interface DirectoryDestinationConfig extends DestinationCommon {
  readonly kind: "directory";
  /** Absolute. */
  readonly path: string;
}

/** TLS material as absolute paths of PEM files, read when the hub starts. */
export interface TlsFiles {
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly caFile?: string;
  /** Listener: ask for client certificates (mutual TLS). */
  readonly requestCert?: boolean;
  /** Destination: the name the server's certificate must carry. */
  readonly serverName?: string;
}

export interface MllpTimeouts {
  readonly connectMs: number;
  /** After the frame was written; past it the send is ambiguous. */
  readonly ackMs: number;
}

export interface MllpDestinationConfig extends DestinationCommon {
  readonly kind: "mllp";
  readonly host: string;
  readonly port: number;
  readonly tls?: TlsFiles;
  readonly connections: number;
  readonly timeouts: MllpTimeouts;
}

export type DestinationConfig = HttpDestinationConfig | DirectoryDestinationConfig | MllpDestinationConfig;

/** A TCP port taking HL7 v2 over MLLP from one unit's systems. */
export interface MllpSourceConfig {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly unitId: string;
  readonly adapter: string;
  readonly maxFrameBytes: number;
  readonly idleTimeoutMs: number;
  readonly maxConnections: number;
  /** DecodeContext.options for every frame of this listener. */
  readonly adapterOptions?: Readonly<Record<string, unknown>>;
  readonly tls?: TlsFiles;
}

export type StoreConfig =
  | { readonly kind: "sqlite" /** Absolute, or ":memory:". */; readonly path: string }
  | { readonly kind: "postgres"; readonly url: string; readonly schema?: string };

export interface HttpConfig {
  readonly host: string;
  readonly port: number;
  readonly bodyLimitBytes: number;
  /** Requests in progress above which the hub answers 503 with Retry-After. */
  readonly maxInFlight: number;
  /** Requests of one unit in progress above which that unit gets 429 with Retry-After. */
  readonly maxInFlightPerUnit: number;
  readonly retryAfterSeconds: number;
}

export interface FileDropConfig {
  /** Absolute. */
  readonly dir: string;
  readonly unitId: string;
  /** Without it: the unit's default adapter, else sniffing. */
  readonly adapter?: string;
  readonly pollMs: number;
}

export interface RetentionConfig {
  readonly deliveredAfterDays: number;
  readonly quarantineAfterDays: number;
}

export interface RelayConfig {
  readonly workers: number;
  readonly batchSize: number;
  readonly leaseMs: number;
  /** A dead letter holds back later deliveries of its (destination, incident) lane until replayed. */
  readonly deadBlocksLane: boolean;
}

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/** The loaded configuration of one hub. */
export interface HubConfig {
  /** This hub's id: written into provenance, and a message already carrying it is not relayed (loop). */
  readonly hubId: string;
  readonly store: StoreConfig;
  readonly http: HttpConfig;
  readonly units: readonly HubUnit[];
  readonly destinations: readonly DestinationConfig[];
  readonly routes: readonly RouteRule[];
  readonly fileDrop: readonly FileDropConfig[];
  readonly mllp: readonly MllpSourceConfig[];
  readonly retention: RetentionConfig;
  readonly relay: RelayConfig;
  readonly log: { readonly level: LogLevel };
}
