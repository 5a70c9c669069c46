import type { FastifyInstance, FastifyReply } from "fastify";
import type { QuarantineRecord, StoredMessage } from "../store/store-records.js";
import { directiveReceipts } from "./directive-receipts.js";
import { sendError } from "./error-reply.js";
import type { HttpContext } from "./http-options.js";
import {
  type BadParameter,
  type DeliveryQueryText,
  deliveryQueryOf,
  integerParameter,
  type QuarantineQueryText,
  quarantineQueryOf,
} from "./query-params.js";
import { requireOperator } from "./request-guards.js";

const badParameter = (reply: FastifyReply, bad: BadParameter) =>
  sendError(reply, "EIX_HTTP_BAD_PARAMETER", { params: { value: bad.parameter, detail: bad.detail } });

/** A stored message as JSON: the raw bytes as base64 beside their SHA-256; times as RFC 3339. */
function messageView(message: StoredMessage) {
  const { raw, rawSha256, ...rest } = message;
  return { ...rest, raw: { base64: Buffer.from(raw).toString("base64"), sha256: rawSha256, size: raw.byteLength } };
}

/** A quarantined payload as JSON: what was kept of the raw bytes as base64, with the whole payload's size and digest. */
function quarantineView(record: QuarantineRecord) {
  const { raw, rawSize, rawSha256, truncated, ...rest } = record;
  return { ...rest, raw: { base64: Buffer.from(raw).toString("base64"), size: rawSize, sha256: rawSha256, truncated } };
}

/**
 * The operators' query and replay API (DESIGN.md §5 operations): messages, incident report
 * chains (初报/续报/终报), deliveries and dead letters (死信), replay. Every route needs the admin
 * token or an operator unit's token.
 */
export function registerQueryRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const onRequest = requireOperator(ctx);

  app.get<{ Params: { id: string }; Querystring: { unitId?: string } }>(
    "/v1/messages/:id",
    { onRequest },
    async (request, reply) => {
      const message = await ctx.store.getMessage(request.params.id, request.query.unitId);
      if (!message) return sendError(reply, "EIX_HTTP_NOT_FOUND", { params: { value: `message ${request.params.id}` } });
      if (message.envelope.kind !== "directive") return reply.send(messageView(message));
      // A directive shows, per target unit, which acknowledgements came back and when.
      const acks = await ctx.store.acknowledgementsOf(message.messageId);
      return reply.send({ ...messageView(message), receipts: directiveReceipts(message, acks) });
    },
  );

  app.get<{ Params: { incidentId: string } }>("/v1/incidents/:incidentId", { onRequest }, async (request, reply) => {
    const { incidentId } = request.params;
    const chain = await ctx.store.incidentChain(incidentId);
    if (chain.length === 0) return sendError(reply, "EIX_HTTP_NOT_FOUND", { params: { value: `incident ${incidentId}` } });
    return reply.send({ incidentId, chain });
  });

  app.get<{ Querystring: DeliveryQueryText }>("/v1/deliveries", { onRequest }, async (request, reply) => {
    const query = deliveryQueryOf(request.query);
    if (!query.ok) return badParameter(reply, query);
    const deliveries = await ctx.store.listDeliveries(query.value);
    const limit = query.value.limit ?? 100;
    const last = deliveries.at(-1);
    // A full page may have a next one: page on with afterId.
    return reply.send({ deliveries, ...(last && deliveries.length === limit ? { nextAfterId: last.deliveryId } : {}) });
  });

  // "What did that county send us at 03:12?": refused payloads (隔离区), oldest first, with every reason.
  app.get<{ Querystring: QuarantineQueryText }>("/v1/quarantine", { onRequest }, async (request, reply) => {
    const query = quarantineQueryOf(request.query);
    if (!query.ok) return badParameter(reply, query);
    const records = await ctx.store.listQuarantine(query.value);
    return reply.send({ quarantine: records.map(quarantineView) });
  });

  app.post<{ Params: { id: string } }>("/v1/deliveries/:id/replay", { onRequest }, async (request, reply) => {
    const id = integerParameter("id", request.params.id, 1, Number.MAX_SAFE_INTEGER);
    if (!id.ok) return badParameter(reply, id);
    const deliveryId = id.value;
    const replayed = await ctx.store.replay({ deliveryId });
    if (replayed > 0) {
      ctx.onReplayed();
      request.log.info({ deliveryId }, "dead delivery replayed");
      return reply.send({ replayed });
    }
    // Nothing replayed: either there is no such delivery, or it is not dead.
    const [found] = await ctx.store.listDeliveries({ afterId: deliveryId - 1, limit: 1 });
    if (found?.deliveryId !== deliveryId)
      return sendError(reply, "EIX_HTTP_NOT_FOUND", { params: { value: `delivery ${deliveryId}` } });
    return sendError(reply, "EIX_HTTP_NOT_DEAD", { params: { value: String(deliveryId), detail: found.state } });
  });
}
