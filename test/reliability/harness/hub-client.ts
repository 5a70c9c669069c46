// What a sending unit and an operator do over the hub's HTTP API, with every answer kept as data.
import type { TestUnit } from "./hub-config.js";

/** What became of one POST /v1/messages, as the sender can know it. */
export type PostOutcome =
  | { readonly kind: "accepted"; readonly status: 202; readonly receipts: readonly Receipt[] }
  | { readonly kind: "duplicate"; readonly status: 200; readonly receipts: readonly Receipt[] }
  /** A 4xx: the hub decided, and said no. */
  | { readonly kind: "refused"; readonly status: number; readonly code: string | undefined }
  /** No answer (connection error, timeout) or a 5xx: the message may or may not be stored. */
  | { readonly kind: "unknown"; readonly status: number | undefined; readonly error: string };

export interface Receipt {
  readonly messageId: string;
  readonly unitId: string;
  readonly receiptId: string;
  readonly duplicate: boolean;
  readonly destinations: readonly string[];
}

export async function postMessage(hubUrl: string, unit: TestUnit, message: unknown, timeoutMs = 20_000): Promise<PostOutcome> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${hubUrl}/v1/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${unit.token}`, "content-type": "application/json" },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { kind: "unknown", status: undefined, error: cause ?? (error instanceof Error ? error.message : String(error)) };
  }
  const body = parseJson(text) as { receipts?: Receipt[]; error?: { code?: string } } | undefined;
  if (response.status === 202 && body?.receipts) return { kind: "accepted", status: 202, receipts: body.receipts };
  if (response.status === 200 && body?.receipts) return { kind: "duplicate", status: 200, receipts: body.receipts };
  if (response.status >= 400 && response.status < 500)
    return { kind: "refused", status: response.status, code: body?.error?.code };
  return { kind: "unknown", status: response.status, error: text.slice(0, 200) };
}

/** A GET or POST of the operators' API with the unit's token; the body parsed as JSON. */
export async function operatorCall<T>(
  hubUrl: string,
  unit: TestUnit,
  path: string,
  method: "GET" | "POST" = "GET",
): Promise<{ readonly status: number; readonly body: T }> {
  const response = await fetch(`${hubUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${unit.token}` },
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: parseJson(await response.text()) as T };
}

/** A delivery as GET /v1/deliveries lists it. */
export interface DeliveryView {
  readonly deliveryId: number;
  readonly messageId: string;
  readonly state: "pending" | "claimed" | "delivered" | "dead";
  readonly attempts: number;
  readonly lastError?: string;
}

/** Every delivery in `state` (all pages). */
export async function listDeliveries(hubUrl: string, operator: TestUnit, state?: DeliveryView["state"]): Promise<DeliveryView[]> {
  const all: DeliveryView[] = [];
  let afterId: number | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: "1000" });
    if (state) query.set("state", state);
    if (afterId !== undefined) query.set("afterId", String(afterId));
    const { status, body } = await operatorCall<{ deliveries: DeliveryView[]; nextAfterId?: number }>(
      hubUrl,
      operator,
      `/v1/deliveries?${query}`,
    );
    if (status !== 200) throw new Error(`GET /v1/deliveries answered ${status}`);
    all.push(...body.deliveries);
    if (body.nextAfterId === undefined) return all;
    afterId = body.nextAfterId;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
