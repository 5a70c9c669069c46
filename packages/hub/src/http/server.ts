import { randomUUID } from "node:crypto";
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, LogController } from "fastify";
import { isStoreError } from "../store/store-errors.js";
import { sendError } from "./error-reply.js";
import { registerHealthRoutes } from "./health-routes.js";
import { type HttpContext, type HttpServerOptions, httpContext } from "./http-options.js";
import { registerIngestRoutes } from "./ingest-routes.js";
import { lingerThenClose } from "./lingering-close.js";
import { registerQueryRoutes } from "./query-routes.js";

/**
 * The hub's HTTP API (fastify): ingest, validate, query, replay, health and metrics. Bodies of
 * every content type arrive as raw bytes — JSON included — because the adapters and the store
 * need the bytes as sent. Call `listen` on the result; `close` drains the group committer.
 */
export function buildHttpServer(options: HttpServerOptions): FastifyInstance {
  const ctx = httpContext(options);
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    logController: new LogController({ requestIdLogLabel: "requestId" }),
    // The request id is ours, never the client's: log lines must not be forged by a header.
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    bodyLimit: ctx.maxBodyBytes,
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  app.setErrorHandler((error: FastifyError, request, reply) => sendFailure(ctx, error, request.id, reply));
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, "EIX_HTTP_NOT_FOUND", { params: { value: `${request.method} ${request.url.split("?")[0]}` } }),
  );
  registerIngestRoutes(app, ctx);
  registerQueryRoutes(app, ctx);
  registerHealthRoutes(app, ctx);
  app.addHook("onClose", async () => {
    await options.pipeline.drain();
  });
  return app;
}

/** Errors thrown out of routes or raised by fastify itself, answered in the API's error shape. */
function sendFailure(ctx: HttpContext, error: FastifyError, requestId: string, reply: Parameters<typeof sendError>[0]) {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      ctx.metrics.countRejected(ctx.source, "none", "EIX_HTTP_TOO_LARGE");
      // Fastify asks for an immediate close after a parse error; a lingering one lets the client read the 413.
      reply.removeHeader("connection");
      lingerThenClose(reply.request.raw);
      return sendError(reply, "EIX_HTTP_TOO_LARGE", { params: { limit: String(ctx.maxBodyBytes) } });
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return sendError(reply, "EIX_HTTP_UNSUPPORTED_FORMAT");
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return sendError(reply, "EIX_HTTP_MALFORMED");
  }
  if (isStoreError(error)) {
    if (error.retryable || error.code === "EIX_STORE_CLOSED")
      return sendError(reply, "EIX_HTTP_UNAVAILABLE", {
        params: { reason: error.text },
        retryAfterSeconds: ctx.retryAfterSeconds,
      });
  } else if (typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500) {
    return sendError(reply, "EIX_HTTP_MALFORMED");
  }
  reply.log.error({ err: error }, "request failed");
  return sendError(reply, "EIX_HTTP_INTERNAL", { params: { value: requestId } });
}
