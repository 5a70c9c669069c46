import type { FastifyReply } from "fastify";
import {
  type IngestOutcome,
  type IngestRefusal,
  type MessageReceipt,
  onlyDuplicates,
  type RefusalKind,
  type ValidateOutcome,
} from "../ingest/ingest-outcome.js";
import { sendError } from "./error-reply.js";
import type { HttpErrorCode } from "./http-errors.js";

const refusalCodes: Readonly<Record<Exclude<RefusalKind, "store-failed">, HttpErrorCode>> = {
  unsupported: "EIX_HTTP_UNSUPPORTED_FORMAT",
  malformed: "EIX_HTTP_MALFORMED",
  "too-large": "EIX_HTTP_TOO_LARGE",
  invalid: "EIX_HTTP_INVALID",
  forbidden: "EIX_HTTP_FORBIDDEN",
};

/** A receipt as JSON: times as RFC 3339, no empty extras. */
function receiptView(receipt: MessageReceipt) {
  return {
    messageId: receipt.messageId,
    unitId: receipt.unitId,
    ...(receipt.receiptId === undefined ? {} : { receiptId: receipt.receiptId }),
    ...(receipt.receivedAt === undefined ? {} : { receivedAt: receipt.receivedAt.toISOString() }),
    duplicate: receipt.duplicate,
    ...(receipt.loop ? { loop: true } : {}),
    destinations: receipt.destinations,
    ...(receipt.withheld.length > 0 ? { withheld: receipt.withheld } : {}),
  };
}

export function sendRefusal(reply: FastifyReply, refusal: IngestRefusal, retryAfterSeconds: number): FastifyReply {
  const { issues } = refusal;
  if (refusal.kind !== "store-failed") return sendError(reply, refusalCodes[refusal.kind], { issues });
  const error = refusal.storeError;
  // A closed store is a shutdown or restart in progress: the sender should come back, as for a busy one.
  if (error && (error.retryable || error.code === "EIX_STORE_CLOSED"))
    return sendError(reply, "EIX_HTTP_UNAVAILABLE", { params: { reason: error.text }, issues, retryAfterSeconds });
  if (error?.code === "EIX_STORE_INVALID_ITEM") return sendError(reply, "EIX_HTTP_INVALID", { issues });
  return sendError(reply, "EIX_HTTP_INTERNAL", { params: { value: String(reply.request.id) }, issues });
}

/**
 * 202 with one receipt per message once committed; 200 when every message was a resend (the
 * original receipts) or when the payload held nothing to report (no receipt, the adapter's
 * *_NOT_REPORTABLE issues); a refusal with its status otherwise.
 */
export function sendIngestOutcome(reply: FastifyReply, outcome: IngestOutcome, retryAfterSeconds: number): FastifyReply {
  if (!outcome.ok) return sendRefusal(reply, outcome, retryAfterSeconds);
  const nothingStored = outcome.receipts.length === 0 || onlyDuplicates(outcome);
  return reply.code(nothingStored ? 200 : 202).send({
    receipts: outcome.receipts.map(receiptView),
    ...(outcome.issues.length > 0 ? { issues: outcome.issues } : {}),
  });
}

export function sendValidateOutcome(reply: FastifyReply, outcome: ValidateOutcome): FastifyReply {
  if (!outcome.ok) return sendRefusal(reply, outcome, 0);
  return reply.code(200).send({ valid: true, adapter: outcome.adapterId, messages: outcome.messages, issues: outcome.issues });
}
