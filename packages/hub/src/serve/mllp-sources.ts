import { readFile } from "node:fs/promises";
import { buildHl7Ack, encodeHl7Text, type Hl7Message, hl7Header, parseHl7 } from "@eix/adapters";
import type { Logger } from "pino";
import type { HubUnit, MllpSourceConfig } from "../config/config-model.js";
import type { IngestOutcome } from "../ingest/ingest-outcome.js";
import type { IngestPipeline } from "../ingest/ingest-pipeline.js";
import type { ReportedIssue } from "../ingest/reported-issue.js";
import { readHl7Header } from "../mllp/hl7-header.js";
import type { MllpPeer, MllpRejection } from "../mllp/mllp-connection.js";
import { MllpServer, type MllpServerTls } from "../mllp/mllp-server.js";

/** The request's header, when its bytes parse: the ACK swaps its sender and receiver and names its MSH-10. */
function requestOf(bytes: Uint8Array): Hl7Message | undefined {
  const parsed = parseHl7(bytes);
  return parsed.ok ? parsed.messages[0] : undefined;
}

/** The ACK as bytes in the request's charset: it repeats the request's MSH-18. */
function ackBytes(ack: string, request: Hl7Message | undefined): Uint8Array {
  return encodeHl7Text(ack, request ? hl7Header(request).characterSets?.[0] : undefined);
}

/**
 * MSA-2 for a request that did not parse (an unsupported version, a bad segment): its MSH-10
 * read straight from the bytes, so the sender can still match the AR to what it sent.
 */
function fallbackControlId(frame: Uint8Array, request: Hl7Message | undefined): { requestControlId?: string } {
  if (request) return {};
  const controlId = readHl7Header(frame)?.controlId;
  return controlId ? { requestControlId: controlId } : {};
}

/** ERR segments for the given issues: our code, both languages, where it was. */
function ackErrors(issues: readonly ReportedIssue[], keep: (issue: ReportedIssue) => boolean) {
  return issues
    .filter(keep)
    .slice(0, 20)
    .map((issue) => ({
      code: issue.code,
      message: `${issue.message["zh-CN"]} / ${issue.message.en}`,
      severity: issue.severity === "error" ? ("error" as const) : ("warning" as const),
      ...(issue.position?.at ? { segment: issue.position.at.replace(/\[.*$/, "") } : {}),
    }));
}

const isError = (issue: ReportedIssue) => issue.severity === "error";
/**
 * What the hub itself did with an accepted message that the hospital should know (a casualty
 * registration for an incident it holds no report of): ERR segments with severity W in the AA.
 * The adapter's routine warnings (local times, withheld personal data) are not repeated.
 */
const isHubWarning = (issue: ReportedIssue) => issue.severity === "warning" && issue.code.startsWith("EIX_INGEST_");

/**
 * The ACK for an ingest outcome (HL7 original mode): AA once the message is committed (or was
 * a resend, or held nothing to report); AE when the store could not take it (send again later);
 * AR with an ERR per issue when it is refused as it is (resending cannot help).
 */
export function ackForOutcome(frame: Uint8Array, outcome: IngestOutcome, now: Date): Uint8Array {
  const request = requestOf(frame);
  let ack: string;
  if (outcome.ok) {
    const stored = outcome.receipts.filter((receipt) => receipt.receiptId !== undefined);
    const text =
      outcome.receipts.length === 0
        ? "accepted: nothing to report / 已接收：无需上报"
        : `accepted: ${stored.map((receipt) => receipt.receiptId).join(" ")}`;
    const warnings = ackErrors(outcome.issues, isHubWarning);
    ack = buildHl7Ack(request, { code: "AA", text, ...(warnings.length > 0 ? { errors: warnings } : {}) }, { now });
  } else {
    const code = outcome.kind === "store-failed" ? "AE" : "AR";
    ack = buildHl7Ack(
      request,
      { code, text: outcome.kind, errors: ackErrors(outcome.issues, isError) },
      { now, ...fallbackControlId(frame, request) },
    );
  }
  return ackBytes(ack, request);
}

/** The ACK for a frame the listener refused before ingest (oversize, empty, handler failure). */
export function ackForRejection(rejection: MllpRejection, now: Date): Uint8Array {
  const request = requestOf(rejection.head);
  const ack = buildHl7Ack(
    request,
    {
      code: rejection.ack,
      text: rejection.code,
      errors: [{ code: rejection.code, message: `${rejection.message["zh-CN"]} / ${rejection.message.en}`, severity: "error" }],
    },
    { now, ...(rejection.controlId ? { requestControlId: rejection.controlId } : {}) },
  );
  return ackBytes(ack, request);
}

async function serverTls(tls: MllpSourceConfig["tls"]): Promise<MllpServerTls | undefined> {
  if (!tls?.certFile || !tls.keyFile) return undefined;
  const [cert, key, ca] = await Promise.all([
    readFile(tls.certFile),
    readFile(tls.keyFile),
    tls.caFile ? readFile(tls.caFile) : undefined,
  ]);
  return { cert, key, ...(ca ? { ca } : {}), ...(tls.requestCert ? { requestCert: true } : {}) };
}

export interface MllpSourceOptions {
  readonly source: MllpSourceConfig;
  readonly unit: HubUnit;
  readonly pipeline: IngestPipeline;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/**
 * An MLLP listener feeding the ingest pipeline as its unit: every frame is decoded, validated,
 * authorised, routed and committed before its ACK goes back, so an AA always means stored.
 */
export async function startMllpSource(
  options: MllpSourceOptions,
): Promise<{ readonly server: MllpServer; readonly port: number }> {
  const { source, unit, pipeline } = options;
  const now = options.now ?? (() => new Date());
  const logger = options.logger.child({ component: "mllp", listener: source.name });
  const tls = await serverTls(source.tls);
  const server = new MllpServer({
    host: source.host,
    port: source.port,
    ...(tls ? { tls } : {}),
    maxFrameBytes: source.maxFrameBytes,
    idleTimeoutMs: source.idleTimeoutMs,
    maxConnections: source.maxConnections,
    logger,
    handler: async (frame: Uint8Array, peer: MllpPeer) => {
      const outcome = await pipeline.ingest({
        body: frame,
        unit,
        adapter: source.adapter,
        ...(source.adapterOptions ? { adapterOptions: source.adapterOptions } : {}),
        contentType: "application/hl7-v2",
        source: `mllp:${source.name}`,
        remoteAddress: peer.remoteAddress,
      });
      return ackForOutcome(frame, outcome, now());
    },
    reject: (rejection: MllpRejection) => ackForRejection(rejection, now()),
  });
  const { port } = await server.listen();
  return { server, port };
}
