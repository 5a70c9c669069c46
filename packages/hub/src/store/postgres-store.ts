import { createHash, randomUUID } from "node:crypto";
import pg from "pg";
import { DELIVERY_COLUMNS } from "./delivery-sql.js";
import { compareDedupKeys, type IngestPlan, planIngest } from "./ingest-plan.js";
import { postgresStoreError } from "./postgres-error-map.js";
import { ingestManyParams } from "./postgres-ingest-params.js";
import { migratePostgres } from "./postgres-migrate.js";
import { outcomeParams } from "./postgres-outcome-params.js";
import { type PostgresSql, postgresSql } from "./postgres-statements.js";
import { planQuarantine } from "./quarantine-plan.js";
import { requireReplayTarget } from "./replay-filter.js";
import { SqlFilter } from "./sql-filter.js";
import { DEFAULT_QUARANTINE_MAX_BYTES, type Store, type StoreOptions } from "./store.js";
import { StoreError } from "./store-errors.js";
import type {
  AcknowledgementEntry,
  ClaimedDelivery,
  ClaimRequest,
  DeliveryOutcome,
  DeliveryQuery,
  DeliveryRecord,
  DestinationOutboxStats,
  IncidentChainEntry,
  IngestItem,
  IngestResult,
  NearQuery,
  OutcomeEntry,
  PruneCounts,
  PruneOptions,
  QuarantineEntry,
  QuarantineQuery,
  QuarantineRecord,
  Receipt,
  ReplayFilter,
  StoreCounters,
  StoredMessage,
} from "./store-records.js";
import {
  type AckRow,
  type ChainRow,
  type ClaimedRow,
  type DeliveryRow,
  type MessageRow,
  pageLimit,
  type QuarantineRow,
  type ReceiptRow,
  toAckEntry,
  toChainEntry,
  toClaimedDelivery,
  toDeliveryRecord,
  toQuarantineRecord,
  toReceipt,
  toStoredMessage,
} from "./store-rows.js";

export interface PostgresStoreOptions extends StoreOptions {
  /** postgres://user@host:port/database */
  readonly connectionString?: string;
  /** Passed to `pg.Pool`; the store sets a 5 s connection timeout and 10 connections unless told otherwise. */
  readonly pool?: pg.PoolConfig;
  /** Schema holding the tables, created if missing. Default "eix"; tests use one of their own. */
  readonly schema?: string;
  /** Errors of idle pooled connections (server restart, network cut); the pool replaces them. */
  readonly onPoolError?: (error: StoreError) => void;
}

/**
 * Planner settings for the claim, for its transaction only. A queue table's statistics are
 * nearly always wrong — "no pending rows" when a backlog has built up, or none at all on a fresh
 * table — and with them PostgreSQL picks a hash anti-join over every pending row (tens of ms per
 * claim at 40,000 pending). Without hash, merge, bitmap, sort and materialise the only plan left
 * walks the due index in claim order, probes each lane by index, and stops at the limit. JIT
 * goes too: the switched-off methods weigh in as huge costs, which would set off a ~200 ms compile.
 */
const CLAIM_PLAN_SETTINGS = [
  "enable_hashjoin",
  "enable_mergejoin",
  "enable_bitmapscan",
  "enable_sort",
  "enable_material",
  "enable_seqscan",
  "jit",
]
  .map((setting) => `SET LOCAL ${setting} = off`)
  .join("; ");

/** Messages pruned per statement, so a large prune never holds its locks for long. */
const PRUNE_CHUNK = 500;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens a pool, creates the schema if needed and migrates it. Several hub instances may share it. */
export async function openPostgresStore(options: PostgresStoreOptions = {}): Promise<Store> {
  const schema = options.schema ?? "eix";
  if (!SCHEMA_NAME.test(schema)) {
    throw new StoreError("EIX_STORE_CONFIG", { detail: `the schema name "${schema}" must match ${SCHEMA_NAME}` });
  }
  const pool = new pg.Pool({
    max: 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    application_name: "eix-hub",
    ...(options.connectionString === undefined ? {} : { connectionString: options.connectionString }),
    ...options.pool,
  });
  // Without a listener, an idle connection's error (the server restarting) would crash the process.
  pool.on("error", (error) => options.onPoolError?.(postgresStoreError(error)));
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client, schema);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw postgresStoreError(error);
  }
  return new PostgresStore(pool, schema, options);
}

class PostgresStore implements Store {
  readonly backend = "postgres";
  readonly #pool: pg.Pool;
  readonly #sql: PostgresSql;
  readonly #now: () => Date;
  readonly #quarantineMaxBytes: number;
  readonly #counters = { ingestTransactions: 0, ingestedMessages: 0, duplicates: 0, failedItems: 0 };
  readonly #names = new Map<string, string>();
  #closed = false;

  constructor(pool: pg.Pool, schema: string, options: PostgresStoreOptions) {
    this.#pool = pool;
    this.#sql = postgresSql(schema);
    this.#now = options.now ?? (() => new Date());
    this.#quarantineMaxBytes = options.quarantineMaxBytes ?? DEFAULT_QUARANTINE_MAX_BYTES;
  }

  /** A named query, so each connection parses and plans it once; the name follows from the text. */
  #named(text: string, values: unknown[]): pg.QueryConfig {
    let name = this.#names.get(text);
    if (name === undefined) {
      name = `eix_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
      this.#names.set(text, name);
    }
    return { name, text, values };
  }

  async #query<R extends pg.QueryResultRow>(text: string, values: unknown[] = [], named = true): Promise<pg.QueryResult<R>> {
    if (this.#closed) throw new StoreError("EIX_STORE_CLOSED");
    try {
      return await this.#pool.query<R>(named ? this.#named(text, values) : { text, values });
    } catch (error) {
      throw postgresStoreError(error);
    }
  }

  async ingest(item: IngestItem): Promise<Receipt> {
    const [result] = await this.ingestBatch([item]);
    if (!result) throw new StoreError("EIX_STORE_INTERNAL", { detail: "no result for the item" });
    if (!result.ok) throw result.error;
    return result.receipt;
  }

  async ingestBatch(items: readonly IngestItem[]): Promise<IngestResult[]> {
    const now = this.#now();
    const results: IngestResult[] = [];
    const planned: { plan: IngestPlan; index: number }[] = [];
    items.forEach((item, index) => {
      try {
        planned.push({ plan: planIngest(item, now), index });
      } catch (error) {
        results[index] = { ok: false, error: postgresStoreError(error) };
      }
    });
    // Keys in one order in every batch: two batches holding the same two keys cannot deadlock.
    planned.sort((a, b) => compareDedupKeys(a.plan, b.plan));
    if (planned.length > 0) {
      try {
        const batch = await this.#insertMany(planned.map((entry) => entry.plan));
        planned.forEach(({ index }, i) => {
          results[index] = batch[i] as IngestResult;
        });
      } catch (error) {
        await this.#insertOneByOne(planned, postgresStoreError(error), results);
      }
    }
    for (const result of results) {
      if (!result.ok) this.#counters.failedItems++;
      else if (result.receipt.duplicate) this.#counters.duplicates++;
      else this.#counters.ingestedMessages++;
    }
    return results;
  }

  /** Commits the plans in one statement; keys that existed get their original receipt. */
  async #insertMany(plans: readonly IngestPlan[]): Promise<IngestResult[]> {
    const inserted = await this.#query<{ receipt_id: string }>(this.#sql.ingestMany, ingestManyParams(plans));
    this.#counters.ingestTransactions++;
    const fresh = new Set(inserted.rows.map((row) => row.receipt_id));
    const repeats = plans.filter((plan) => !fresh.has(plan.receiptId));
    const originals = new Map<string, ReceiptRow>();
    if (repeats.length > 0) {
      type Row = ReceiptRow & { unit_id: string; message_id: string };
      const units = repeats.map((plan) => plan.unitId);
      const found = await this.#query<Row>(this.#sql.receiptsOf, [units, repeats.map((plan) => plan.messageId)]);
      for (const row of found.rows) originals.set(JSON.stringify([row.unit_id, row.message_id]), row);
    }
    return plans.map((plan): IngestResult => {
      if (fresh.has(plan.receiptId)) {
        const { receiptId, messageId, unitId, receivedAt } = plan;
        return { ok: true, receipt: { receiptId, messageId, unitId, receivedAt, duplicate: false } };
      }
      const original = originals.get(JSON.stringify([plan.unitId, plan.messageId]));
      if (original) return { ok: true, receipt: toReceipt(original, plan, true) };
      // Only a dedup-key prune racing this very call gets here; a resend will be taken as new.
      return { ok: false, error: new StoreError("EIX_STORE_BUSY", { detail: "the original receipt vanished; send again" }) };
    });
  }

  /**
   * After a failed batch statement (which PostgreSQL rolled back whole), each item gets a
   * statement of its own so only the bad one fails; when the database itself is unreachable,
   * all fail alike.
   */
  async #insertOneByOne(
    planned: { plan: IngestPlan; index: number }[],
    failure: StoreError,
    results: IngestResult[],
  ): Promise<void> {
    if (planned.length === 1 || failure.retryable) {
      for (const { index } of planned) results[index] = { ok: false, error: failure };
      return;
    }
    for (const { plan, index } of planned) {
      try {
        results[index] = (await this.#insertMany([plan]))[0] as IngestResult;
      } catch (error) {
        results[index] = { ok: false, error: postgresStoreError(error) };
      }
    }
  }

  async quarantine(entry: QuarantineEntry): Promise<{ readonly quarantineId: number }> {
    const plan = planQuarantine(entry, this.#quarantineMaxBytes, this.#now());
    const result = await this.#query<{ id: string }>(this.#sql.insertQuarantine, [
      plan.receivedAt,
      plan.source,
      plan.unitId,
      plan.reasonCodes,
      plan.issues,
      plan.detail,
      plan.raw,
      plan.rawSize,
      plan.rawSha256,
    ]);
    return { quarantineId: Number(result.rows[0]?.id) };
  }

  async listQuarantine(query: QuarantineQuery = {}): Promise<QuarantineRecord[]> {
    const filter = new SqlFilter("$");
    if (query.from) filter.with((p) => `received_at >= ${p}`, query.from);
    if (query.to) filter.with((p) => `received_at < ${p}`, query.to);
    if (query.unitId !== undefined) filter.with((p) => `unit_id = ${p}`, query.unitId);
    if (query.source !== undefined) filter.with((p) => `source = ${p}`, query.source);
    const sql = `SELECT * FROM ${this.#sql.tables("quarantine")} ${filter.where()}
      ORDER BY received_at, id LIMIT ${filter.param(pageLimit(query.limit))}`;
    return (await this.#query<QuarantineRow>(sql, filter.params, false)).rows.map(toQuarantineRecord);
  }

  async claimDue(request: ClaimRequest): Promise<ClaimedDelivery[]> {
    const sql = this.#sql;
    const pastDead = request.deadBlocksLane === false;
    const text =
      request.destination === undefined
        ? pastDead
          ? sql.claimAllPastDead
          : sql.claimAll
        : pastDead
          ? sql.claimDestinationPastDead
          : sql.claimDestination;
    const values: unknown[] = [
      request.now,
      new Date(request.now.getTime() + request.leaseMs),
      randomUUID(),
      Math.max(0, Math.trunc(request.limit)),
    ];
    if (request.destination !== undefined) values.push(request.destination);
    return this.#transaction(async (client) => {
      await client.query(CLAIM_PLAN_SETTINGS);
      await client.query(this.#named(sql.releaseLapsed, [request.now]));
      return (await client.query<ClaimedRow>(this.#named(text, values))).rows.map(toClaimedDelivery);
    });
  }

  /** BEGIN … COMMIT on one connection; ROLLBACK on any error, and a broken connection is not reused. */
  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    if (this.#closed) throw new StoreError("EIX_STORE_CLOSED");
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw postgresStoreError(error);
    }
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      const failure = postgresStoreError(error);
      await client.query("ROLLBACK").catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      if (failure.code === "EIX_STORE_UNAVAILABLE") broken ??= failure;
      throw failure;
    } finally {
      client.release(broken);
    }
  }

  async recordOutcome(deliveryId: number, outcome: DeliveryOutcome, leaseId?: string): Promise<boolean> {
    const [applied] = await this.recordOutcomes([{ deliveryId, outcome, ...(leaseId === undefined ? {} : { leaseId }) }]);
    return applied === true;
  }

  async recordOutcomes(entries: readonly OutcomeEntry[]): Promise<boolean[]> {
    if (entries.length === 0) return [];
    const applied = await this.#query<{ id: string }>(this.#sql.outcomes, outcomeParams(entries, this.#now()));
    const ids = new Set(applied.rows.map((row) => Number(row.id)));
    return entries.map((entry) => ids.has(entry.deliveryId));
  }

  async replay(filter: ReplayFilter): Promise<number> {
    requireReplayTarget(filter);
    const where = new SqlFilter("$", [filter.now ?? this.#now()]).is("state = 'dead'");
    if (filter.deliveryId !== undefined) where.with((p) => `id = ${p}`, filter.deliveryId);
    if (filter.destination !== undefined) where.with((p) => `destination = ${p}`, filter.destination);
    if (filter.since) where.with((p) => `dead_at >= ${p}`, filter.since);
    const messages = this.#sql.tables("messages");
    if (filter.messageId !== undefined) {
      where.with((p) => `message_seq IN (SELECT seq FROM ${messages} WHERE message_id = ${p})`, filter.messageId);
    }
    if (filter.unitId !== undefined)
      where.with((p) => `message_seq IN (SELECT seq FROM ${messages} WHERE unit_id = ${p})`, filter.unitId);
    const sql = `UPDATE ${this.#sql.tables("deliveries")} SET state = 'pending', attempts = 0, next_attempt_at = $1,
      replayed_at = $1, updated_at = $1, dead_at = NULL, claimed_until = NULL ${where.where()}`;
    return (await this.#query(sql, where.params, false)).rowCount ?? 0;
  }

  async getMessage(messageId: string, unitId?: string): Promise<StoredMessage | undefined> {
    const found =
      unitId === undefined
        ? await this.#query<MessageRow & { seq: string }>(this.#sql.messageFirst, [messageId])
        : await this.#query<MessageRow & { seq: string }>(this.#sql.messageByUnit, [messageId, unitId]);
    const row = found.rows[0];
    if (!row) return undefined;
    const deliveries = await this.#query<DeliveryRow>(this.#sql.deliveriesOfMessage, [row.seq]);
    return toStoredMessage(row, deliveries.rows);
  }

  async incidentChain(incidentId: string): Promise<IncidentChainEntry[]> {
    return (await this.#query<ChainRow>(this.#sql.chain, [incidentId])).rows.map(toChainEntry);
  }

  async incidentsNear(query: NearQuery): Promise<IncidentChainEntry[]> {
    const { from, to, south, north, west, east } = query;
    const params = [from, to, south, north, west, east, pageLimit(query.limit)];
    return (await this.#query<ChainRow>(this.#sql.near, params)).rows.map(toChainEntry);
  }

  async acknowledgementsOf(messageId: string): Promise<AcknowledgementEntry[]> {
    return (await this.#query<AckRow>(this.#sql.acksOf, [messageId])).rows.map(toAckEntry);
  }

  async listDeliveries(query: DeliveryQuery = {}): Promise<DeliveryRecord[]> {
    const filter = new SqlFilter("$");
    if (query.state !== undefined) filter.with((p) => `d.state = ${p}`, query.state);
    if (query.destination !== undefined) filter.with((p) => `d.destination = ${p}`, query.destination);
    if (query.afterId !== undefined) filter.with((p) => `d.id > ${p}`, query.afterId);
    const sql = `SELECT ${DELIVERY_COLUMNS} FROM ${this.#sql.tables("deliveries")} d
      JOIN ${this.#sql.tables("messages")} m ON m.seq = d.message_seq
      ${filter.where()} ORDER BY d.id LIMIT ${filter.param(pageLimit(query.limit))}`;
    return (await this.#query<DeliveryRow>(sql, filter.params, false)).rows.map(toDeliveryRecord);
  }

  async outboxStats(now: Date = this.#now()): Promise<DestinationOutboxStats[]> {
    type Row = { destination: string; pending: number; claimed: number; dead: number; oldest: Date | null };
    const rows = (await this.#query<Row>(this.#sql.outbox)).rows;
    return rows.map((row) => ({
      destination: row.destination,
      pending: row.pending,
      claimed: row.claimed,
      dead: row.dead,
      oldestPendingAgeMs: row.oldest === null ? 0 : Math.max(0, now.getTime() - row.oldest.getTime()),
    }));
  }

  async prune(olderThan: Date, options: PruneOptions = {}): Promise<PruneCounts> {
    const counts = { messages: 0, deliveries: 0, incidentEntries: 0, dedupKeys: 0, quarantined: 0 };
    let removed = PRUNE_CHUNK;
    while (removed === PRUNE_CHUNK) {
      type Row = { messages: number; deliveries: number; incidents: number };
      const row = (await this.#query<Row>(this.#sql.pruneChunk, [olderThan, PRUNE_CHUNK])).rows[0];
      removed = row?.messages ?? 0;
      counts.messages += removed;
      counts.deliveries += row?.deliveries ?? 0;
      counts.incidentEntries += row?.incidents ?? 0;
    }
    if (options.dedupKeysOlderThan) {
      counts.dedupKeys = (await this.#query(this.#sql.pruneDedupKeys, [options.dedupKeysOlderThan])).rowCount ?? 0;
    }
    if (options.quarantineOlderThan) {
      counts.quarantined = (await this.#query(this.#sql.pruneQuarantine, [options.quarantineOlderThan])).rowCount ?? 0;
    }
    return counts;
  }

  async tryLock(name: string, owner: string, ttlMs: number, now: Date = this.#now()): Promise<boolean> {
    const result = await this.#query(this.#sql.lock, [name, owner, new Date(now.getTime() + ttlMs), now]);
    return result.rowCount === 1;
  }

  async unlock(name: string, owner: string): Promise<boolean> {
    return (await this.#query(this.#sql.unlock, [name, owner])).rowCount === 1;
  }

  async ping(): Promise<void> {
    await this.#query(this.#sql.ping);
  }

  async schemaVersion(): Promise<number> {
    return (await this.#query<{ version: number }>(this.#sql.schemaVersion)).rows[0]?.version ?? 0;
  }

  counters(): StoreCounters {
    return { ...this.#counters };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}
