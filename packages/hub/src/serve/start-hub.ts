import { randomUUID } from "node:crypto";
import { type AdapterRegistry, createRegistry } from "@eix/adapters";
import type { FastifyInstance } from "fastify";
import { type DestinationStream, type Logger, pino } from "pino";
import type { HubConfig } from "../config/config-model.js";
import { unitsByToken } from "../http/bearer-token.js";
import { createHubMetrics, type HubMetrics } from "../http/hub-metrics.js";
import { buildHttpServer } from "../http/server.js";
import { createIngestPipeline, type IngestPipeline } from "../ingest/ingest-pipeline.js";
import type { MllpServer } from "../mllp/mllp-server.js";
import { Relay } from "../relay/relay-worker.js";
import { addressingOf } from "../route/addressing.js";
import { authorizeSender } from "../route/authorize-sender.js";
import { routeAddressed } from "../route/route-message.js";
import type { DestinationPolicy } from "../route/route-model.js";
import { FileDropSource } from "../sources/file-drop.js";
import type { Store } from "../store/store.js";
import { startMllpSource } from "./mllp-sources.js";
import { openConfiguredStore } from "./open-store.js";
import { relayDestinations } from "./relay-destinations.js";
import { type RetentionJob, startRetentionJob } from "./retention-job.js";

export interface StartHubOptions {
  /** Default: pino to stdout at the configured level. */
  readonly logger?: Logger;
  /** Default: the built-in adapters. */
  readonly registry?: AdapterRegistry;
  /** Overrides `config.http.port` (0 picks a free port; tests and the demo use it). */
  readonly port?: number;
  /** Relay poll interval when nothing wakes it; default 1 s. */
  readonly relayPollMs?: number;
}

/** A hub that is running: its address, its parts for operators and tests, and a clean stop. */
export interface RunningHub {
  readonly url: string;
  readonly config: HubConfig;
  readonly store: Store;
  readonly relay: Relay;
  readonly pipeline: IngestPipeline;
  readonly metrics: HubMetrics;
  readonly http: FastifyInstance;
  readonly logger: Logger;
  /** The MLLP listeners and the ports they bound (a configured port 0 picks a free one). */
  readonly mllp: readonly { readonly name: string; readonly port: number }[];
  /**
   * Stops taking messages (HTTP and file drops), commits what was already taken, lets the
   * relay finish its sends in flight, then closes the store. Idempotent.
   */
  close(): Promise<void>;
}

/**
 * The pino logger of a hub: JSON lines (to stdout unless a destination is given), never a
 * request body or an Authorization header.
 */
export function hubLogger(config: HubConfig, destination?: DestinationStream): Logger {
  const options = {
    level: config.log.level,
    base: { hubId: config.hubId },
    redact: { paths: ["req.headers.authorization", "headers.authorization"], censor: "[redacted]" },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Assembles and starts a hub from its configuration (DESIGN.md §5): store, adapters, ingest
 * pipeline with authorisation and routing, HTTP API, file-drop sources, relay workers and the
 * retention job. The relay starts before the HTTP port opens, so deliveries left pending by a
 * previous run (a crash, a restart) go out at once.
 */
export async function startHub(config: HubConfig, options: StartHubOptions = {}): Promise<RunningHub> {
  const logger = options.logger ?? hubLogger(config);
  const registry = options.registry ?? createRegistry();
  const store = await openConfiguredStore(config.store);
  const started: { close(): Promise<unknown> }[] = [];
  try {
    const metrics = createHubMetrics({ store });
    const policies = new Map<string, DestinationPolicy>(config.destinations.map((d) => [d.id, d]));
    const relay = new Relay({
      store,
      destinations: await relayDestinations(config.destinations, registry, config.units),
      hubId: config.hubId,
      logger,
      leaseMs: config.relay.leaseMs,
      batchSize: config.relay.batchSize,
      concurrency: config.relay.workers,
      deadBlocksLane: config.relay.deadBlocksLane,
      ...(options.relayPollMs === undefined ? {} : { pollIntervalMs: options.relayPollMs }),
      metrics: {
        onOutcome(destination, outcome, attempts, latencyMs) {
          metrics.recordDelivery(destination, outcome, attempts);
          if (outcome === "delivered") metrics.observeEndToEnd(latencyMs / 1000);
        },
      },
    });
    relay.start();
    started.push({ close: () => relay.stop() });

    const pipeline = createIngestPipeline({
      store,
      registry,
      hubId: config.hubId,
      authorize: authorizeSender,
      route: async (envelope) =>
        routeAddressed(
          envelope,
          config.routes,
          policies,
          config.units,
          await addressingOf(envelope, config.units, async (messageId) => (await store.getMessage(messageId))?.unitId),
        ),
      logger,
      onCommitted: () => relay.notify(),
      counters: metrics,
    });

    const sources: FileDropSource[] = [];
    for (const drop of config.fileDrop) {
      const unit = config.units.find((u) => u.unitId === drop.unitId);
      if (!unit) continue; // the config loader refuses such a file drop; kept total for typed callers
      const source = new FileDropSource({
        dir: drop.dir,
        unit,
        adapter: drop.adapter,
        pollMs: drop.pollMs,
        pipeline,
        logger,
      });
      await source.start();
      sources.push(source);
      started.push({ close: () => source.stop() });
    }

    const listeners: { name: string; port: number; server: MllpServer }[] = [];
    for (const source of config.mllp) {
      const unit = config.units.find((u) => u.unitId === source.unitId);
      if (!unit) continue; // refused by the config loader; kept total for typed callers
      const { server, port } = await startMllpSource({ source, unit, pipeline, logger });
      listeners.push({ name: source.name, port, server });
      started.push({ close: () => server.close() });
    }

    const http = buildHttpServer({
      logger,
      pipeline,
      store,
      findUnitByToken: unitsByToken(config.units),
      isOperator: (unit) => unit.operator === true,
      metrics,
      maxBodyBytes: config.http.bodyLimitBytes,
      maxInFlight: config.http.maxInFlight,
      maxInFlightPerUnit: config.http.maxInFlightPerUnit,
      onReplayed: () => relay.notify(),
      retryAfterSeconds: config.http.retryAfterSeconds,
    });
    const retention: RetentionJob = startRetentionJob({
      store,
      retention: config.retention,
      owner: `${config.hubId}/${randomUUID()}`,
      logger,
    });
    started.push({ close: async () => retention.stop() });
    const address = await http.listen({ host: config.http.host, port: options.port ?? config.http.port });
    logger.info({ address, store: config.store.kind, destinations: [...policies.keys()] }, "hub started");

    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        // Order matters: no new input, then what was taken is committed, then sends finish.
        await http.close();
        for (const listener of listeners) await listener.server.close();
        for (const source of sources) await source.stop();
        await pipeline.drain();
        retention.stop();
        await relay.stop();
        await store.close();
        logger.info("hub stopped");
      })();
      return closing;
    };
    const mllp = listeners.map(({ name, port }) => ({ name, port }));
    return { url: address.replace("0.0.0.0", "127.0.0.1"), config, store, relay, pipeline, metrics, http, logger, mllp, close };
  } catch (error) {
    for (const part of started.reverse()) await part.close().catch(() => {});
    await store.close().catch(() => {});
    throw error;
  }
}
