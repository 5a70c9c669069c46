import type { FastifyInstance } from "fastify";
import { isStoreError } from "../store/store-errors.js";
import { sendError } from "./error-reply.js";
import type { HttpContext } from "./http-options.js";

/** Liveness, readiness and Prometheus metrics; no token needed (keep them off public networks). */
export function registerHealthRoutes(app: FastifyInstance, ctx: HttpContext): void {
  // Alive as long as the event loop answers; a store outage is /readyz's business, not a restart's.
  app.get("/healthz", async () => ({ status: "ok" }));

  app.get("/readyz", async (request, reply) => {
    if (!ctx.configReady())
      return sendError(reply, "EIX_HTTP_NOT_READY", {
        params: { reason: { "zh-CN": "配置尚未加载", en: "the configuration is not loaded" } },
        retryAfterSeconds: ctx.retryAfterSeconds,
      });
    try {
      await ctx.store.ping();
    } catch (error) {
      request.log.warn({ err: error }, "readiness check: the store does not answer");
      const reason = isStoreError(error) ? error.text : { "zh-CN": "存储无响应", en: "the store does not answer" };
      return sendError(reply, "EIX_HTTP_NOT_READY", { params: { reason }, retryAfterSeconds: ctx.retryAfterSeconds });
    }
    return { status: "ready" };
  });

  app.get("/metrics", async (_request, reply) => {
    const text = await ctx.metrics.registry.metrics();
    return reply.type(ctx.metrics.registry.contentType).send(text);
  });
}
