import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { DELIVERY_COLUMNS } from "./delivery-sql.js";
import { type IngestPlan, planIngest } from "./ingest-plan.js";
import { planQuarantine } from "./quarantine-plan.js";
import { requireReplayTarget } from "./replay-filter.js";
import { SqlFilter } from "./sql-filter.js";
import { sqliteStoreError } from "./sqlite-error-map.js";
import { migrateSqlite } from "./sqlite-migrate.js";
import { prepareSqliteStatements, type SqliteStatements } from "./sqlite-statements.js";
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

export interface SqliteStoreOptions extends StoreOptions {
  /** A file path (created if missing), or ":memory:". */
  readonly path: string;
  /** How long a write waits for another connection's lock before failing with EIX_STORE_BUSY. Default 5,000 ms. */
  readonly busyTimeoutMs?: number;
}

/** Messages pruned per transaction, so a large prune never holds the write lock for long. */
const PRUNE_CHUNK = 500;

/**
 * Opens (creating if needed) and migrates the embedded store. WAL lets readers run beside the
 * writer; `synchronous=FULL` makes every commit durable before its receipt goes out, and the
 * `GroupCommitter` spreads that fsync over many messages.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const now = options.now ?? (() => new Date());
  let db: Database.Database | undefined;
  try {
    db = new Database(options.path, { timeout: options.busyTimeoutMs ?? 5000 });
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    migrateSqlite(db, now());
    return new SqliteStore(db, options, now);
  } catch (error) {
    db?.close();
    throw sqliteStoreError(error);
  }
}

const ms = (date: Date) => date.getTime();

class SqliteStore implements Store {
  readonly backend = "sqlite";
  readonly #db: Database.Database;
  readonly #s: SqliteStatements;
  readonly #now: () => Date;
  readonly #quarantineMaxBytes: number;
  readonly #counters = { ingestTransactions: 0, ingestedMessages: 0, duplicates: 0, failedItems: 0 };
  readonly #insertOne: (plan: IngestPlan) => Receipt;
  readonly #insertBatch: Database.Transaction<(plans: readonly (IngestPlan | StoreError)[]) => IngestResult[]>;
  readonly #cache = new Map<string, Database.Statement>();

  constructor(db: Database.Database, options: SqliteStoreOptions, now: () => Date) {
    this.#db = db;
    this.#s = prepareSqliteStatements(db);
    this.#now = now;
    this.#quarantineMaxBytes = options.quarantineMaxBytes ?? DEFAULT_QUARANTINE_MAX_BYTES;
    // Called inside #insertBatch, better-sqlite3 runs this as a SAVEPOINT: a failing item rolls
    // back alone and the rest of the batch still commits in the same fsync.
    this.#insertOne = db.transaction((plan: IngestPlan) => this.#insertPlan(plan));
    this.#insertBatch = db.transaction((plans: readonly (IngestPlan | StoreError)[]) =>
      plans.map((plan): IngestResult => {
        if (plan instanceof StoreError) return { ok: false, error: plan };
        try {
          return { ok: true, receipt: this.#insertOne(plan) };
        } catch (error) {
          // Some failures (disk full, I/O) make SQLite roll back the whole transaction: the batch fails together.
          if (!db.inTransaction) throw error;
          return { ok: false, error: sqliteStoreError(error) };
        }
      }),
    );
  }

  #insertPlan(plan: IngestPlan): Receipt {
    const s = this.#s;
    const at = ms(plan.receivedAt);
    if (s.insertDedup.run(plan.unitId, plan.messageId, plan.receiptId, at).changes === 0) {
      const original = s.selectReceipt.get(plan.unitId, plan.messageId) as ReceiptRow;
      return toReceipt(original, plan, true);
    }
    const seq = s.insertMessage.run(
      plan.receiptId,
      plan.unitId,
      plan.messageId,
      plan.kind,
      plan.incident?.incidentId ?? null,
      at,
      plan.raw,
      plan.rawSha256,
      plan.canonical,
      plan.provenance,
      plan.ackOf ?? null,
      plan.near ? ms(plan.near.from) : null,
      plan.near ? ms(plan.near.to) : null,
      plan.near?.south ?? null,
      plan.near?.north ?? null,
      plan.near?.west ?? null,
      plan.near?.east ?? null,
    ).lastInsertRowid;
    if (plan.incident) s.insertIncident.run(plan.incident.incidentId, seq, plan.incident.stage, plan.incident.sequence);
    plan.destinations.forEach((destination, i) => {
      s.insertDelivery.run(seq, destination, plan.laneKeys[i], plan.laneOrder, at, at, at);
    });
    return {
      receiptId: plan.receiptId,
      messageId: plan.messageId,
      unitId: plan.unitId,
      receivedAt: plan.receivedAt,
      duplicate: false,
    };
  }

  /** Runs a driver call; the driver is synchronous, the error a rejection like every backend's. */
  #call<T>(work: () => T): Promise<T> {
    try {
      if (!this.#db.open) throw new StoreError("EIX_STORE_CLOSED");
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(sqliteStoreError(error));
    }
  }

  #statement(sql: string): Database.Statement {
    let statement = this.#cache.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#cache.set(sql, statement);
    }
    return statement;
  }

  async ingest(item: IngestItem): Promise<Receipt> {
    const [result] = await this.ingestBatch([item]);
    if (!result) throw new StoreError("EIX_STORE_INTERNAL", { detail: "no result for the item" });
    if (!result.ok) throw result.error;
    return result.receipt;
  }

  ingestBatch(items: readonly IngestItem[]): Promise<IngestResult[]> {
    return this.#call(() => {
      const now = this.#now();
      const plans = items.map((item) => {
        try {
          return planIngest(item, now);
        } catch (error) {
          return sqliteStoreError(error);
        }
      });
      const results = plans.some((plan) => !(plan instanceof StoreError))
        ? this.#committed(plans)
        : plans.map((error): IngestResult => ({ ok: false, error: error as StoreError }));
      for (const result of results) {
        if (!result.ok) this.#counters.failedItems++;
        else if (result.receipt.duplicate) this.#counters.duplicates++;
        else this.#counters.ingestedMessages++;
      }
      return results;
    });
  }

  /** One IMMEDIATE transaction: the write lock is taken at BEGIN, so the commit cannot hit a busy upgrade. */
  #committed(plans: (IngestPlan | StoreError)[]): IngestResult[] {
    try {
      const results = this.#insertBatch.immediate(plans);
      this.#counters.ingestTransactions++;
      return results;
    } catch (error) {
      const failure = sqliteStoreError(error);
      return plans.map((plan) => ({ ok: false, error: plan instanceof StoreError ? plan : failure }));
    }
  }

  quarantine(entry: QuarantineEntry): Promise<{ readonly quarantineId: number }> {
    return this.#call(() => {
      const plan = planQuarantine(entry, this.#quarantineMaxBytes, this.#now());
      const id = this.#s.insertQuarantine.run(
        ms(plan.receivedAt),
        plan.source,
        plan.unitId,
        plan.reasonCodes,
        plan.issues,
        plan.detail,
        plan.raw,
        plan.rawSize,
        plan.rawSha256,
      ).lastInsertRowid;
      return { quarantineId: Number(id) };
    });
  }

  listQuarantine(query: QuarantineQuery = {}): Promise<QuarantineRecord[]> {
    return this.#call(() => {
      const filter = new SqlFilter("?");
      if (query.from) filter.with((p) => `received_at >= ${p}`, ms(query.from));
      if (query.to) filter.with((p) => `received_at < ${p}`, ms(query.to));
      if (query.unitId !== undefined) filter.with((p) => `unit_id = ${p}`, query.unitId);
      if (query.source !== undefined) filter.with((p) => `source = ${p}`, query.source);
      const sql = `SELECT * FROM quarantine ${filter.where()} ORDER BY received_at, id LIMIT ${filter.param(pageLimit(query.limit))}`;
      return (this.#statement(sql).all(...filter.params) as QuarantineRow[]).map(toQuarantineRecord);
    });
  }

  claimDue(request: ClaimRequest): Promise<ClaimedDelivery[]> {
    return this.#call(() => {
      const s = this.#s;
      const pastDead = request.deadBlocksLane === false;
      const statement =
        request.destination === undefined
          ? pastDead
            ? s.claimAllPastDead
            : s.claimAll
          : pastDead
            ? s.claimDestinationPastDead
            : s.claimDestination;
      const lease = randomUUID();
      const params = {
        now: ms(request.now),
        until: ms(request.now) + request.leaseMs,
        lease,
        limit: Math.max(0, Math.trunc(request.limit)),
        ...(request.destination === undefined ? {} : { destination: request.destination }),
      };
      const run = this.#db.transaction(() => {
        this.#s.releaseLapsed.run({ now: params.now });
        const ids = (statement.all(params) as { id: number }[]).map((row) => row.id);
        return ids.length === 0 ? [] : (this.#s.claimedRows.all(JSON.stringify(ids)) as ClaimedRow[]);
      });
      return run.immediate().map(toClaimedDelivery);
    });
  }

  recordOutcome(deliveryId: number, outcome: DeliveryOutcome, leaseId?: string): Promise<boolean> {
    return this.#call(() => this.#applyOutcome({ deliveryId, outcome, ...(leaseId === undefined ? {} : { leaseId }) }));
  }

  recordOutcomes(entries: readonly OutcomeEntry[]): Promise<boolean[]> {
    return this.#call(() => this.#db.transaction(() => entries.map((entry) => this.#applyOutcome(entry))).immediate());
  }

  #applyOutcome({ deliveryId, outcome, leaseId }: OutcomeEntry): boolean {
    const common = {
      id: deliveryId,
      at: ms(outcome.at ?? this.#now()),
      lease: leaseId ?? null,
      response: outcome.response === undefined ? null : JSON.stringify(outcome.response),
    };
    const s = this.#s;
    const result =
      outcome.kind === "delivered"
        ? s.delivered.run(common)
        : outcome.kind === "retry"
          ? s.retry.run({ ...common, next: ms(outcome.nextAttemptAt), error: outcome.error })
          : s.dead.run({ ...common, error: outcome.reason });
    return result.changes === 1;
  }

  replay(filter: ReplayFilter): Promise<number> {
    return this.#call(() => {
      requireReplayTarget(filter);
      const now = ms(filter.now ?? this.#now());
      const where = new SqlFilter("?", [now, now, now]).is("state = 'dead'");
      if (filter.deliveryId !== undefined) where.with((p) => `id = ${p}`, filter.deliveryId);
      if (filter.destination !== undefined) where.with((p) => `destination = ${p}`, filter.destination);
      if (filter.since) where.with((p) => `dead_at >= ${p}`, ms(filter.since));
      if (filter.messageId !== undefined)
        where.with((p) => `message_seq IN (SELECT seq FROM messages WHERE message_id = ${p})`, filter.messageId);
      if (filter.unitId !== undefined)
        where.with((p) => `message_seq IN (SELECT seq FROM messages WHERE unit_id = ${p})`, filter.unitId);
      const sql = `UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?, replayed_at = ?, updated_at = ?,
        dead_at = NULL, claimed_until = NULL ${where.where()}`;
      return this.#statement(sql).run(...where.params).changes;
    });
  }

  getMessage(messageId: string, unitId?: string): Promise<StoredMessage | undefined> {
    return this.#call(() => {
      const row = (unitId === undefined ? this.#s.messageFirst.get(messageId) : this.#s.messageByUnit.get(messageId, unitId)) as
        | (MessageRow & { seq: number })
        | undefined;
      if (!row) return undefined;
      return toStoredMessage(row, this.#s.deliveriesOfMessage.all(row.seq) as DeliveryRow[]);
    });
  }

  incidentChain(incidentId: string): Promise<IncidentChainEntry[]> {
    return this.#call(() => (this.#s.chain.all(incidentId) as ChainRow[]).map(toChainEntry));
  }

  incidentsNear(query: NearQuery): Promise<IncidentChainEntry[]> {
    return this.#call(() =>
      (
        this.#s.near.all({
          from: ms(query.from),
          to: ms(query.to),
          south: query.south,
          north: query.north,
          west: query.west,
          east: query.east,
          limit: pageLimit(query.limit),
        }) as ChainRow[]
      ).map(toChainEntry),
    );
  }

  acknowledgementsOf(messageId: string): Promise<AcknowledgementEntry[]> {
    return this.#call(() => (this.#s.acksOf.all(messageId) as AckRow[]).map(toAckEntry));
  }

  listDeliveries(query: DeliveryQuery = {}): Promise<DeliveryRecord[]> {
    return this.#call(() => {
      const filter = new SqlFilter("?");
      if (query.state !== undefined) filter.with((p) => `d.state = ${p}`, query.state);
      if (query.destination !== undefined) filter.with((p) => `d.destination = ${p}`, query.destination);
      if (query.afterId !== undefined) filter.with((p) => `d.id > ${p}`, query.afterId);
      const sql = `SELECT ${DELIVERY_COLUMNS} FROM deliveries d JOIN messages m ON m.seq = d.message_seq
        ${filter.where()} ORDER BY d.id LIMIT ${filter.param(pageLimit(query.limit))}`;
      return (this.#statement(sql).all(...filter.params) as DeliveryRow[]).map(toDeliveryRecord);
    });
  }

  outboxStats(now: Date = this.#now()): Promise<DestinationOutboxStats[]> {
    return this.#call(() => {
      const rows = this.#s.outbox.all() as {
        destination: string;
        pending: number;
        claimed: number;
        dead: number;
        oldest: number | null;
      }[];
      return rows.map((row) => ({
        destination: row.destination,
        pending: row.pending,
        claimed: row.claimed,
        dead: row.dead,
        oldestPendingAgeMs: row.oldest === null ? 0 : Math.max(0, ms(now) - row.oldest),
      }));
    });
  }

  prune(olderThan: Date, options: PruneOptions = {}): Promise<PruneCounts> {
    return this.#call(() => {
      const s = this.#s;
      const counts = { messages: 0, deliveries: 0, incidentEntries: 0, dedupKeys: 0, quarantined: 0 };
      const chunk = this.#db.transaction(() => {
        const seqs = JSON.stringify(
          (s.prunable.all({ cutoff: ms(olderThan), limit: PRUNE_CHUNK }) as { seq: number }[]).map((r) => r.seq),
        );
        counts.deliveries += s.pruneDeliveries.run(seqs).changes;
        counts.incidentEntries += s.pruneIncidents.run(seqs).changes;
        const removed = s.pruneMessages.run(seqs).changes;
        counts.messages += removed;
        return removed;
      });
      let removed = PRUNE_CHUNK;
      while (removed === PRUNE_CHUNK) removed = chunk.immediate();
      if (options.dedupKeysOlderThan) counts.dedupKeys = s.pruneDedupKeys.run(ms(options.dedupKeysOlderThan)).changes;
      if (options.quarantineOlderThan) counts.quarantined = s.pruneQuarantine.run(ms(options.quarantineOlderThan)).changes;
      return counts;
    });
  }

  tryLock(name: string, owner: string, ttlMs: number, now: Date = this.#now()): Promise<boolean> {
    return this.#call(() => this.#s.lock.run({ name, owner, now: ms(now), expires: ms(now) + ttlMs }).changes === 1);
  }

  unlock(name: string, owner: string): Promise<boolean> {
    return this.#call(() => this.#s.unlock.run(name, owner).changes === 1);
  }

  ping(): Promise<void> {
    return this.#call(() => {
      this.#s.ping.get();
    });
  }

  schemaVersion(): Promise<number> {
    return this.#call(() => (this.#s.schemaVersion.get() as { version: number }).version);
  }

  counters(): StoreCounters {
    return { ...this.#counters };
  }

  close(): Promise<void> {
    if (this.#db.open) this.#db.close();
    return Promise.resolve();
  }
}
