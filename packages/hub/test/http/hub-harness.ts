// A hub under test: a real SQLite store in a temporary directory, the real adapters, the
// ingest pipeline and the HTTP server listening on 127.0.0.1, with simple inline authorisation
// and routing (the real ones are tested with the routing module).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRegistry } from "@eix/adapters";
import type { Envelope, ValidationIssue } from "@eix/schema";
import type { FastifyInstance } from "fastify";
import { type Logger, pino } from "pino";
import { request } from "undici";
import { tokenSha256, unitsByToken } from "../../src/http/bearer-token.js";
import { createHubMetrics, type HubMetrics } from "../../src/http/hub-metrics.js";
import { buildHttpServer } from "../../src/http/server.js";
import { createIngestPipeline, type IngestPipelineOptions } from "../../src/ingest/ingest-pipeline.js";
import type { HubUnit, RouteDecision } from "../../src/route/route-model.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import type { Store } from "../../src/store/store.js";

export const HUB_ID = "eix-hub-330000";
const repoRoot = join(import.meta.dirname, "../../../..");

export const TOKENS = {
  county: "county-token-6f1d2a",
  weather: "weather-token-9b7c41",
  operator: "operator-token-0e5f88",
  admin: "admin-token-41aa07",
} as const;

/** 余杭区应急管理局值班室: sends the canonical examples. */
export const countyUnit: HubUnit = {
  unitId: "330110-YJJ-ZBS",
  name: "杭州市余杭区应急管理局值班室",
  department: "emergency-office",
  level: "county",
  regionCode: "330110",
  tokenSha256: [tokenSha256(TOKENS.county)],
};

/** A provincial weather bureau posting CAP; CAP's free-text sender becomes this unit. */
export const weatherUnit: HubUnit = {
  unitId: "330000-QXJ-YJ",
  name: "浙江省气象局",
  department: "weather",
  level: "provincial",
  regionCode: "330000",
  tokenSha256: [tokenSha256("retired-token"), tokenSha256(TOKENS.weather)],
};

export const operatorUnit: HubUnit = {
  unitId: "330000-YJT-YW",
  name: "浙江省应急管理厅运维值班",
  department: "emergency-office",
  level: "provincial",
  regionCode: "330000",
  tokenSha256: [tokenSha256(TOKENS.operator)],
};

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Authorisation kept to its first rule: a unit sends only as itself. */
function authorize(unit: HubUnit, envelope: Envelope): ValidationIssue[] {
  if (envelope.sender.unitId === unit.unitId) return [];
  return [
    {
      code: "EIX_AUTH_UNIT_MISMATCH",
      severity: "error",
      path: "/sender/unitId",
      message: { "zh-CN": "发送单位与令牌所属单位不一致", en: "The sender is not the unit the token belongs to" },
    },
  ];
}

/** Live traffic goes to the national platform and the city; exercises are withheld from the nation. */
function route(envelope: Envelope): RouteDecision {
  if (envelope.status === "actual")
    return { destinations: ["national", "city-330100"], withheld: [], matchedRules: ["all-live"] };
  return {
    destinations: ["city-330100"],
    withheld: [{ destination: "national", reason: `status ${envelope.status} is not accepted` }],
    matchedRules: ["all-live"],
  };
}

export interface HubUnderTestOptions {
  /** Silent unless given (or EIX_TEST_LOG names a level). */
  readonly logger?: Logger;
  readonly authorize?: IngestPipelineOptions["authorize"];
  readonly route?: IngestPipelineOptions["route"];
  readonly maxBodyBytes?: number;
  readonly maxInFlight?: number;
  readonly maxInFlightPerUnit?: number;
  readonly configReady?: () => boolean;
  /** Wraps the store the pipeline writes to (to slow it down, for instance). */
  readonly pipelineStore?: (store: Store) => IngestPipelineOptions["store"];
}

export interface HubUnderTest {
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly metrics: HubMetrics;
  readonly app: FastifyInstance;
  /** How many times the pipeline woke the relay. */
  readonly wakeUps: () => number;
  /** How many times a replay woke the relay. */
  readonly replayWakeUps: () => number;
  close(): Promise<void>;
}

export async function startHub(options: HubUnderTestOptions = {}): Promise<HubUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), "eix-http-"));
  const store = await openSqliteStore({ path: join(dir, "hub.sqlite") });
  const logger = options.logger ?? pino({ level: process.env.EIX_TEST_LOG ?? "silent" });
  const metrics = createHubMetrics({ store });
  let wakeUps = 0;
  let replayWakeUps = 0;
  const pipeline = createIngestPipeline({
    store: options.pipelineStore ? options.pipelineStore(store) : store,
    registry: createRegistry(),
    hubId: HUB_ID,
    authorize: options.authorize ?? authorize,
    route: options.route ?? route,
    logger,
    counters: metrics,
    onCommitted: () => wakeUps++,
  });
  const app = buildHttpServer({
    logger,
    pipeline,
    store,
    metrics,
    findUnitByToken: unitsByToken([countyUnit, weatherUnit, operatorUnit]),
    isOperator: (unit) => unit.unitId === operatorUnit.unitId,
    adminTokenSha256: [tokenSha256(TOKENS.admin)],
    retryAfterSeconds: 3,
    onReplayed: () => replayWakeUps++,
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
    ...(options.maxInFlight === undefined ? {} : { maxInFlight: options.maxInFlight }),
    ...(options.maxInFlightPerUnit === undefined ? {} : { maxInFlightPerUnit: options.maxInFlightPerUnit }),
    ...(options.configReady === undefined ? {} : { configReady: options.configReady }),
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("the server has no TCP address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    store,
    metrics,
    app,
    wakeUps: () => wakeUps,
    replayWakeUps: () => replayWakeUps,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field.
  readonly json: any;
}

export async function call(
  url: string,
  init: { method?: "GET" | "POST"; headers?: Record<string, string>; body?: string | Uint8Array } = {},
): Promise<Answer> {
  const response = await request(url, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    ...(init.headers ? { headers: init.headers } : {}),
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await response.body.text();
  const isJson = String(response.headers["content-type"] ?? "").startsWith("application/json");
  return { status: response.statusCode, headers: response.headers, text, json: isJson ? JSON.parse(text) : undefined };
}

/** A file of the shared corpus (test/corpus) or of the schema examples. */
export const corpusFile = (path: string): Buffer => readFileSync(join(repoRoot, "test/corpus", path));
export const exampleFile = (name: string): Buffer => readFileSync(join(repoRoot, "packages/schema/examples", name));
export const exampleEnvelope = (name: string): Envelope => JSON.parse(exampleFile(name).toString("utf8")) as Envelope;

/** What a raw-socket body writer gets: `write` (false once the answer is in) and whether it is. */
export interface RawFeed {
  write(chunk: string | Buffer): boolean;
  answered(): boolean;
}

/**
 * Sends `head` on a raw connection, then whatever `feed` writes, and resolves with the status
 * code and body of the first response, for requests undici would not send as they are. The
 * server may close the connection while the body is still being written: a write error is
 * ignored when the answer arrived anyway.
 */
export function rawExchange(
  port: number,
  head: string,
  feed: (feed: RawFeed) => void | Promise<void> = () => {},
): Promise<{ status: number; text: string; bodyBytesWritten: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = Buffer.alloc(0);
    let bodyBytesWritten = 0;
    let settled = false;
    let failure: Error | undefined;
    const responseStarted = () => received.length > 0;
    const finish = () => {
      if (settled) return;
      const headEnd = received.indexOf("\r\n\r\n");
      if (headEnd < 0) return;
      const headText = received.subarray(0, headEnd).toString("latin1");
      const body = received.subarray(headEnd + 4);
      const length = Number(/content-length: *(\d+)/i.exec(headText)?.[1] ?? Number.NaN);
      if (!(body.length >= length)) return;
      settled = true;
      socket.destroy();
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headText)?.[1]), text: body.toString("utf8"), bodyBytesWritten });
    };
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      finish();
    });
    socket.on("error", (error) => {
      failure = error;
    });
    socket.on("close", () => {
      finish();
      if (!settled) reject(failure ?? new Error(`connection closed without a complete response: ${received.toString("utf8")}`));
    });
    socket.on("connect", () => {
      socket.write(head);
      void feed({
        write(chunk) {
          if (settled || responseStarted() || socket.destroyed || failure) return false;
          bodyBytesWritten += Buffer.byteLength(chunk);
          socket.write(chunk);
          return true;
        },
        answered: () => settled || responseStarted() || socket.destroyed || failure !== undefined,
      });
    });
  });
}
