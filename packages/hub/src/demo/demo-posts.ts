import type { ReportedIssue } from "../ingest/reported-issue.js";
import type { DemoPost } from "./demo-inputs.js";

/** One receipt as the hub's API answers it (202 or 200). */
export interface ReceiptAnswer {
  readonly messageId: string;
  readonly receiptId?: string;
  readonly duplicate: boolean;
  readonly destinations: readonly string[];
  readonly withheld?: readonly { readonly destination: string; readonly reason: string }[];
}

/** What the hub answered to one post. */
export interface PostAnswer {
  readonly post: DemoPost;
  /** 0 when no answer came (connection error). */
  readonly status: number;
  readonly receipts: readonly ReceiptAnswer[];
  /** The refusal's code (EIX_HTTP_…), when refused. */
  readonly errorCode?: string;
  readonly issues: readonly ReportedIssue[];
  readonly failure?: string;
}

interface AnswerBody {
  receipts?: ReceiptAnswer[];
  issues?: ReportedIssue[];
  error?: { code?: string; issues?: ReportedIssue[] };
}

/** Posts one payload to `POST /v1/messages` as its unit would, and reads the answer. */
export async function postMessage(hubUrl: string, post: DemoPost, token: string): Promise<PostAnswer> {
  const url = new URL("/v1/messages", hubUrl);
  if (post.adapter) url.searchParams.set("adapter", post.adapter);
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": post.contentType ?? (post.adapter ? "application/xml" : "application/json"),
      },
      body: post.bytes,
    });
  } catch (error) {
    return { post, status: 0, receipts: [], issues: [], failure: String((error as Error).cause ?? error) };
  }
  let body: AnswerBody = {};
  try {
    body = (await response.json()) as AnswerBody;
  } catch {
    // An answer without a JSON body: the status says enough.
  }
  return {
    post,
    status: response.status,
    receipts: body.receipts ?? [],
    ...(body.error?.code ? { errorCode: body.error.code } : {}),
    issues: body.error?.issues ?? body.issues ?? [],
  };
}

/** Distinct codes of the answer's issues of one severity, in order of appearance. */
export function codesOf(answer: PostAnswer, severity: "error" | "warning"): string[] {
  return [...new Set(answer.issues.filter((issue) => issue.severity === severity).map((issue) => issue.code))];
}

/** `POST /v1/deliveries/:id/replay` as the duty officer; the status code. */
export async function replayDelivery(hubUrl: string, deliveryId: number, token: string): Promise<number> {
  const response = await fetch(new URL(`/v1/deliveries/${deliveryId}/replay`, hubUrl), {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  });
  await response.arrayBuffer();
  return response.status;
}
