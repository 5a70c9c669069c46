import type { FastifyInstance, FastifyRequest } from "fastify";
import { sendError } from "./error-reply.js";
import type { HttpContext } from "./http-options.js";
import { sendIngestOutcome, sendValidateOutcome } from "./outcome-reply.js";
import { optionalSender, refuseOversize, requireSender, unitOf } from "./request-guards.js";

type PayloadRequest = FastifyRequest<{ Querystring: { adapter?: string } }>;

const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** What every payload route reads from the request; the query parameter wins over the header. */
function payloadOf(ctx: HttpContext, request: PayloadRequest) {
  const body = request.body;
  return {
    body: body instanceof Uint8Array ? body : new Uint8Array(0),
    contentType: request.headers["content-type"],
    adapter: request.query.adapter ?? firstHeader(request.headers["x-eix-adapter"]),
    source: ctx.source,
    remoteAddress: request.ip,
    logger: request.log,
  };
}

/** POST /v1/messages (ingest) and POST /v1/validate (decode and validate only, no auth needed). */
export function registerIngestRoutes(app: FastifyInstance, ctx: HttpContext): void {
  let inFlight = 0;
  const inFlightByUnit = new Map<string, number>();

  app.post<{ Querystring: { adapter?: string } }>(
    "/v1/messages",
    { onRequest: [requireSender(ctx), refuseOversize(ctx)] },
    async (request, reply) => {
      const unit = unitOf(request);
      if (!unit) return sendError(reply, "EIX_HTTP_UNAUTHENTICATED");
      // Refuse rather than queue without bound: a sender told 503/429 retries later, a queued
      // request only times out, perhaps after its message was committed. One unit flooding the
      // hub is told 429 before it can take the slots every other unit needs.
      const ofUnit = inFlightByUnit.get(unit.unitId) ?? 0;
      if (inFlight >= ctx.maxInFlight || ofUnit >= ctx.maxInFlightPerUnit) {
        const hubWide = inFlight >= ctx.maxInFlight;
        const code = hubWide ? "EIX_HTTP_OVERLOADED" : "EIX_HTTP_UNIT_BUSY";
        ctx.metrics.countRejected(ctx.source, "none", code);
        return sendError(reply, code, {
          params: { limit: String(hubWide ? ctx.maxInFlight : ctx.maxInFlightPerUnit) },
          retryAfterSeconds: ctx.retryAfterSeconds,
        });
      }
      inFlightByUnit.set(unit.unitId, ofUnit + 1);
      inFlight++;
      try {
        const outcome = await ctx.pipeline.ingest({ ...payloadOf(ctx, request), unit });
        return sendIngestOutcome(reply, outcome, ctx.retryAfterSeconds);
      } finally {
        inFlight--;
        const left = (inFlightByUnit.get(unit.unitId) ?? 1) - 1;
        if (left > 0) inFlightByUnit.set(unit.unitId, left);
        else inFlightByUnit.delete(unit.unitId);
      }
    },
  );

  app.post<{ Querystring: { adapter?: string } }>(
    "/v1/validate",
    { onRequest: [optionalSender(ctx), refuseOversize(ctx)] },
    async (request, reply) => {
      const outcome = await ctx.pipeline.validateOnly({ ...payloadOf(ctx, request), unit: unitOf(request) });
      return sendValidateOutcome(reply, outcome);
    },
  );
}
