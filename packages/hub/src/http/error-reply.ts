import type { LocalizedText } from "@eix/schema";
import type { FastifyReply } from "fastify";
import type { ReportedIssue } from "../ingest/reported-issue.js";
import { type HttpErrorCode, type HttpErrorParams, httpMessage, httpStatus } from "./http-errors.js";

/** The one shape of every error the API answers. */
export interface ErrorBody {
  readonly error: {
    readonly code: HttpErrorCode;
    readonly message: LocalizedText;
    readonly issues?: readonly ReportedIssue[];
  };
}

export interface ErrorReplyOptions {
  readonly params?: HttpErrorParams;
  readonly issues?: readonly ReportedIssue[];
  /** Sets `Retry-After` (429, 503). */
  readonly retryAfterSeconds?: number;
}

export function errorBody(code: HttpErrorCode, options: ErrorReplyOptions = {}): ErrorBody {
  const { params, issues } = options;
  return { error: { code, message: httpMessage(code, params), ...(issues === undefined ? {} : { issues }) } };
}

/** Sends the coded error with the status its table entry gives. */
export function sendError(reply: FastifyReply, code: HttpErrorCode, options: ErrorReplyOptions = {}): FastifyReply {
  if (options.retryAfterSeconds !== undefined) reply.header("retry-after", String(options.retryAfterSeconds));
  if (code === "EIX_HTTP_UNAUTHENTICATED") reply.header("www-authenticate", 'Bearer realm="eix"');
  return reply.code(httpStatus(code)).send(errorBody(code, options));
}
