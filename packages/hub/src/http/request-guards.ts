import type { FastifyReply, FastifyRequest } from "fastify";
import type { HubUnit } from "../route/route-model.js";
import { bearerToken, tokenMatches } from "./bearer-token.js";
import { sendError } from "./error-reply.js";
import type { HttpContext } from "./http-options.js";
import { lingerThenClose } from "./lingering-close.js";

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

// The unit each request authenticated as; a WeakMap rather than a request decoration, so no
// global type augmentation of fastify is needed and nothing outlives the request.
const authenticated = new WeakMap<FastifyRequest, HubUnit>();

/** The unit a guard authenticated for this request. */
export function unitOf(request: FastifyRequest): HubUnit | undefined {
  return authenticated.get(request);
}

async function unitFromHeader(ctx: HttpContext, request: FastifyRequest): Promise<HubUnit | undefined> {
  const token = bearerToken(request.headers.authorization);
  return token === undefined ? undefined : await ctx.findUnitByToken(token);
}

/** A sending unit's bearer token is required (401 otherwise). */
export function requireSender(ctx: HttpContext): Guard {
  return async (request, reply) => {
    const unit = await unitFromHeader(ctx, request);
    if (!unit) {
      ctx.metrics.countRejected(ctx.source, "none", "EIX_HTTP_UNAUTHENTICATED");
      return sendError(reply, "EIX_HTTP_UNAUTHENTICATED");
    }
    authenticated.set(request, unit);
    return undefined;
  };
}

/** No token is needed, but a token that is given must be valid: a mistyped one is not ignored. */
export function optionalSender(ctx: HttpContext): Guard {
  return async (request, reply) => {
    if (request.headers.authorization === undefined) return undefined;
    const unit = await unitFromHeader(ctx, request);
    if (!unit) return sendError(reply, "EIX_HTTP_UNAUTHENTICATED");
    authenticated.set(request, unit);
    return undefined;
  };
}

/** The admin token, or the token of a unit the configuration marks as operator. */
export function requireOperator(ctx: HttpContext): Guard {
  return async (request, reply) => {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) return sendError(reply, "EIX_HTTP_UNAUTHENTICATED");
    if (ctx.adminTokenSha256.length > 0 && tokenMatches(token, ctx.adminTokenSha256)) return undefined;
    const unit = await ctx.findUnitByToken(token);
    if (!unit) return sendError(reply, "EIX_HTTP_UNAUTHENTICATED");
    if (!ctx.isOperator(unit)) return sendError(reply, "EIX_HTTP_NOT_OPERATOR");
    authenticated.set(request, unit);
    return undefined;
  };
}

/**
 * Refuses a body announced larger than the limit from its Content-Length, before a byte of it
 * is read (what the client sends meanwhile is discarded, see `lingerThenClose`). A chunked body
 * is counted while read by the content-type parser (`bodyLimit`), and refused the same way.
 */
export function refuseOversize(ctx: HttpContext): Guard {
  return async (request, reply) => {
    const length = Number(request.headers["content-length"]);
    if (!(length > ctx.maxBodyBytes)) return undefined;
    ctx.metrics.countRejected(ctx.source, "none", "EIX_HTTP_TOO_LARGE");
    lingerThenClose(request.raw);
    return sendError(reply, "EIX_HTTP_TOO_LARGE", { params: { limit: String(ctx.maxBodyBytes) } });
  };
}
