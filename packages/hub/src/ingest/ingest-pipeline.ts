import type { AdapterRegistry } from "@eix/adapters";
import { DEFAULT_MAX_JSON_BYTES, type Envelope, type ValidationIssue } from "@eix/schema";
import type { Logger } from "pino";
import type { HubUnit, RouteDecision } from "../route/route-model.js";
import { type GroupCommitOptions, GroupCommitter } from "../store/group-committer.js";
import type { Store } from "../store/store.js";
import { isStoreError } from "../store/store-errors.js";
import type { IngestItem, Receipt } from "../store/store-records.js";
import { IncidentTurns, placeInChains, placementIncidents } from "./chain-placement.js";
import { ingestIssue } from "./ingest-errors.js";
import type { IngestOutcome, IngestRefusal, MessageReceipt, ValidateOutcome } from "./ingest-outcome.js";
import { ingestProvenance } from "./ingest-provenance.js";
import type { IngestLogger, IngestRequest, ValidateRequest } from "./ingest-request.js";
import { loopReceipt, storedReceipt } from "./message-receipt.js";
import { type RoutedMessage, routeMessages } from "./message-routing.js";
import { joinKnownIncidents, mayJoin, NEAR_JOIN_TURN } from "./near-join.js";
import { type ReadPayload, readPayload } from "./payload-reader.js";
import { errorCodes, forMessage, fromValidationIssue, type ReportedIssue } from "./reported-issue.js";

/** Where the pipeline counts what it accepts and refuses (the hub's metrics satisfy it). */
export interface IngestCounters {
  countReceived(source: string, adapter: string, messages: number): void;
  countRejected(source: string, adapter: string, code: string): void;
}

export interface IngestPipelineOptions {
  readonly store: Pick<Store, "ingestBatch" | "quarantine" | "incidentChain" | "incidentsNear">;
  readonly registry: AdapterRegistry;
  /** This hub's id, as it appears in provenance hops. */
  readonly hubId: string;
  /** Whether the authenticated unit may send the message; any issue refuses the payload (403). */
  readonly authorize: (unit: HubUnit, envelope: Envelope) => readonly ValidationIssue[] | Promise<readonly ValidationIssue[]>;
  readonly route: (envelope: Envelope) => RouteDecision | Promise<RouteDecision>;
  readonly logger: Logger;
  /** Called after a commit that stored something new: wakes the relay workers. */
  readonly onCommitted?: () => void;
  readonly counters?: IngestCounters;
  readonly groupCommit?: GroupCommitOptions;
  /** Largest payload decoders accept. Default 10 MiB, as for canonical JSON files. */
  readonly maxPayloadBytes?: number;
  readonly now?: () => Date;
}

export interface IngestPipeline {
  /** Decode, validate, authorise, route and commit; resolves once the store has committed. */
  ingest(request: IngestRequest): Promise<IngestOutcome>;
  /** Decode and validate only; nothing is stored, counted or quarantined. */
  validateOnly(request: ValidateRequest): Promise<ValidateOutcome>;
  /** Commits everything still waiting; for shutdown. */
  drain(): Promise<void>;
}

type Routed = Extract<RoutedMessage, { kind: "routed" }>;

const incidentIdOf = (envelope: Envelope) => (envelope.kind === "incident" ? envelope.payload.incidentId : undefined);

/**
 * The ingest pipeline (DESIGN.md §5 steps 3–6) for every source: decode, validate, authorise,
 * drop loops, add this hub's hop, route, and commit message, raw bytes and deliveries in one
 * transaction. Refused payloads go to quarantine with every issue.
 */
export function createIngestPipeline(options: IngestPipelineOptions): IngestPipeline {
  const { store, hubId, logger } = options;
  const now = options.now ?? (() => new Date());
  const reader = { registry: options.registry, maxBytes: options.maxPayloadBytes ?? DEFAULT_MAX_JSON_BYTES, now };
  // Concurrent requests share one transaction (one fsync); the messages of one file are handed
  // over in the same turn of the event loop, so they land in the same batch unless it is full.
  const committer = new GroupCommitter(store, options.groupCommit);
  const turns = new IncidentTurns();

  async function refuse(request: ValidateRequest, refusal: IngestRefusal, log: IngestLogger): Promise<IngestRefusal> {
    const adapter = refusal.adapterId ?? "none";
    const codes = errorCodes(refusal.issues);
    options.counters?.countRejected(request.source, adapter, codes[0] ?? "none");
    let quarantineId: number | undefined;
    try {
      ({ quarantineId } = await store.quarantine({
        raw: request.body,
        source: request.source,
        ...(request.unit ? { unitId: request.unit.unitId } : {}),
        reasonCodes: codes,
        issues: refusal.issues,
        detail: { adapter, remoteAddress: request.remoteAddress ?? null, contentType: request.contentType ?? null },
      }));
    } catch (error) {
      // The sender still learns why the payload is refused; only the operator's copy is missing.
      log.error({ err: error, unitId: request.unit?.unitId }, "the refused payload could not be quarantined");
    }
    log.warn({ unitId: request.unit?.unitId, refusal: refusal.kind, codes, adapter, quarantineId }, "payload refused");
    return quarantineId === undefined ? refusal : { ...refusal, quarantineId };
  }

  /**
   * A payload that holds nothing to report (every message filtered by its adapter) is accepted
   * with no receipt and relayed nowhere; its bytes are kept beside the refused ones, so "what
   * did that hospital send at 03:12?" still has an answer. If that record cannot be written the
   * sender is told to come back, as for any store failure.
   */
  async function keepNotReportable(request: IngestRequest, read: ReadPayload, log: IngestLogger): Promise<IngestOutcome> {
    const { adapterId, issues } = read;
    const codes = [...new Set(issues.map((issue) => issue.code))];
    try {
      const { quarantineId } = await store.quarantine({
        raw: request.body,
        source: request.source,
        unitId: request.unit.unitId,
        reasonCodes: codes,
        issues,
        detail: { outcome: "not-reportable", adapter: adapterId, remoteAddress: request.remoteAddress ?? null },
      });
      log.info({ unitId: request.unit.unitId, adapter: adapterId, codes, quarantineId }, "payload accepted: nothing to report");
    } catch (error) {
      if (!isStoreError(error)) throw error;
      log.error({ err: error, unitId: request.unit.unitId }, "a payload with nothing to report could not be recorded");
      const storeIssue: ReportedIssue = { code: error.code, severity: "error", path: "", message: error.text };
      return { ok: false, kind: "store-failed", issues: [storeIssue], adapterId, storeError: error };
    }
    options.counters?.countReceived(request.source, adapterId, 0);
    return { ok: true, receipts: [], issues, adapterId };
  }

  async function authorizeAll(unit: HubUnit, messages: readonly Envelope[]): Promise<ReportedIssue[]> {
    const issues: ReportedIssue[] = [];
    for (const [index, message] of messages.entries()) {
      const found = (await options.authorize(unit, message)).map(fromValidationIssue);
      issues.push(...forMessage(found, index, messages.length));
    }
    return issues;
  }

  function logStored(log: IngestLogger, receipt: Receipt, message: Routed): void {
    const fields = { messageId: receipt.messageId, unitId: receipt.unitId, receiptId: receipt.receiptId };
    const incidentId = incidentIdOf(message.envelope);
    const logged = incidentId === undefined ? fields : { ...fields, incidentId };
    if (receipt.duplicate) {
      log.info(logged, "duplicate message: original receipt returned");
      return;
    }
    const { destinations, matchedRules, withheld } = message.decision;
    log.info({ ...logged, destinations, rules: matchedRules }, "message accepted");
    for (const { destination, reason } of withheld) log.info({ ...logged, destination, reason }, "delivery withheld");
  }

  async function commit(request: IngestRequest, read: ReadPayload, routed: RoutedMessage[], receivedAt: Date) {
    const items = routed.map((message): IngestItem | undefined =>
      message.kind === "loop"
        ? undefined
        : {
            raw: request.body,
            envelope: message.envelope,
            provenance: ingestProvenance(request, read.source, message.decision),
            destinations: message.decision.destinations,
            receivedAt,
          },
    );
    return Promise.allSettled(items.map((item) => (item ? committer.ingest(item) : Promise.resolve(undefined))));
  }

  function storeFailed(failure: unknown, adapterId: string): IngestOutcome {
    if (!isStoreError(failure)) throw failure;
    const storeIssue: ReportedIssue = { code: failure.code, severity: "error", path: "", message: failure.text };
    return { ok: false, kind: "store-failed", issues: [storeIssue], adapterId, storeError: failure };
  }

  async function ingest(request: IngestRequest): Promise<IngestOutcome> {
    const log = request.logger ?? logger;
    const receivedAt = now();
    const read = readPayload(reader, request);
    if (!read.ok) return refuse(request, read, log);
    if (read.messages.length === 0) return keepNotReportable(request, read, log);
    const incidents = placementIncidents(read.messages);
    if (incidents.length === 0) return accept(request, read, read.messages, [], log, receivedAt);
    // Casualty registrations and follow-ups become the next reports of their incidents' chains:
    // placed and committed in turn per incident, so each sees the one before it. Reports that may
    // join a known incident by place take one turn together: the incident they join is not known
    // until they have looked.
    const joining = read.messages.some(mayJoin);
    const failed = (error: unknown) => {
      log.error({ err: error, unitId: request.unit.unitId }, "the incident chain could not be read");
      options.counters?.countRejected(request.source, read.adapterId, isStoreError(error) ? error.code : "unknown");
      return storeFailed(error, read.adapterId);
    };
    const placeAndAccept = async (messages: readonly Envelope[], joinIssues: readonly ReportedIssue[]) => {
      let fold: Awaited<ReturnType<typeof placeInChains>>;
      try {
        fold = await placeInChains(messages, (incidentId) => store.incidentChain(incidentId));
      } catch (error) {
        return failed(error);
      }
      return accept(request, read, fold.messages, [...joinIssues, ...fold.issues], log, receivedAt);
    };
    if (!joining) return turns.run(incidents, () => placeAndAccept(read.messages, []));
    return turns.run([...incidents, NEAR_JOIN_TURN], async () => {
      let joined: Awaited<ReturnType<typeof joinKnownIncidents>>;
      try {
        joined = await joinKnownIncidents(read.messages, store);
      } catch (error) {
        return failed(error);
      }
      // The incidents joined into were not known when the turns were taken: take theirs now, so
      // a report placed there by a payload without marks cannot take the same sequence. Whoever
      // holds one of them never waits for the near turn (payloads that may join queue for it
      // first), and the ids this payload holds were new to the store, so no one waits for us.
      return turns.run(joined.joinedInto, () => placeAndAccept(joined.messages, joined.issues));
    });
  }

  async function accept(
    request: IngestRequest,
    read: Extract<ReadPayload, { ok: true }>,
    messages: readonly Envelope[],
    foldIssues: readonly ReportedIssue[],
    log: IngestLogger,
    receivedAt: Date,
  ): Promise<IngestOutcome> {
    const { adapterId } = read;
    // Authorisation may also warn (an incident reported from across the border): only errors refuse.
    const authorisation = await authorizeAll(request.unit, messages);
    if (authorisation.some((issue) => issue.severity === "error"))
      return refuse(request, { ok: false, kind: "forbidden", issues: authorisation, adapterId }, log);
    const routing = await routeMessages(messages, { hubId, receivedAt, source: read.source, route: options.route });
    if (!routing.ok) return refuse(request, { ok: false, kind: "invalid", issues: routing.issues, adapterId }, log);

    const settled = await commit(request, read, routing.messages, receivedAt);
    const receipts: MessageReceipt[] = [];
    const issues = [...read.issues, ...foldIssues, ...authorisation];
    let failure: unknown;
    routing.messages.forEach((message, index) => {
      const result = settled[index];
      if (message.kind === "loop") {
        const loopIssue = ingestIssue("EIX_INGEST_LOOP", "/provenance", { value: hubId });
        issues.push(...forMessage([loopIssue], index, routing.messages.length));
        receipts.push(loopReceipt(message));
        const { id: messageId, sender } = message.envelope;
        const incidentId = incidentIdOf(message.envelope);
        log.warn(
          { messageId, unitId: sender.unitId, hubId, ...(incidentId ? { incidentId } : {}) },
          "routing loop: message dropped",
        );
      } else if (result?.status === "fulfilled" && result.value) {
        receipts.push(storedReceipt(result.value, message.decision));
        logStored(log, result.value, message);
      } else if (result?.status === "rejected") failure ??= result.reason;
    });
    if (receipts.some((receipt) => receipt.receiptId !== undefined && !receipt.duplicate)) options.onCommitted?.();
    if (failure === undefined) {
      options.counters?.countReceived(request.source, adapterId, receipts.length);
      return { ok: true, receipts, issues, adapterId };
    }
    if (!isStoreError(failure)) throw failure;
    // Whatever did commit is safe: a resend of the whole payload gets those as duplicates.
    log.error({ err: failure, unitId: request.unit.unitId, committed: receipts.length }, "the store refused the payload");
    options.counters?.countRejected(request.source, adapterId, failure.code);
    return storeFailed(failure, adapterId);
  }

  async function validateOnly(request: ValidateRequest): Promise<ValidateOutcome> {
    const read = readPayload(reader, request);
    if (!read.ok) return read;
    return { ok: true, messages: read.messages, issues: read.issues, adapterId: read.adapterId };
  }

  return { ingest, validateOnly, drain: () => committer.drain() };
}
