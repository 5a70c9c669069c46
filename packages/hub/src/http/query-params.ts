import type { DeliveryQuery, DeliveryState, QuarantineQuery } from "../store/store-records.js";

/** A parameter that does not parse: its name and why, for EIX_HTTP_BAD_PARAMETER. */
export interface BadParameter {
  readonly ok: false;
  readonly parameter: string;
  readonly detail: string;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | BadParameter;

const DELIVERY_STATES: ReadonlySet<string> = new Set(["pending", "claimed", "delivered", "dead"]);

/** A decimal integer in [min, max]; no signs, exponents or fractions. */
export function integerParameter(parameter: string, text: string, min: number, max: number): Parsed<number> {
  const value = /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isSafeInteger(value) && value >= min && value <= max) return { ok: true, value };
  return { ok: false, parameter, detail: `an integer from ${min} to ${max} is expected` };
}

export interface DeliveryQueryText {
  readonly state?: string;
  readonly destination?: string;
  readonly afterId?: string;
  readonly limit?: string;
}

/** `GET /v1/deliveries?state=&destination=&afterId=&limit=` as a store query. */
export function deliveryQueryOf(text: DeliveryQueryText): Parsed<DeliveryQuery> {
  let query: DeliveryQuery = {};
  if (text.state !== undefined) {
    if (!DELIVERY_STATES.has(text.state))
      return { ok: false, parameter: "state", detail: "one of pending, claimed, delivered, dead is expected" };
    query = { ...query, state: text.state as DeliveryState };
  }
  if (text.destination !== undefined) query = { ...query, destination: text.destination };
  if (text.afterId !== undefined) {
    const afterId = integerParameter("afterId", text.afterId, 0, Number.MAX_SAFE_INTEGER);
    if (!afterId.ok) return afterId;
    query = { ...query, afterId: afterId.value };
  }
  if (text.limit !== undefined) {
    const limit = integerParameter("limit", text.limit, 1, 1000);
    if (!limit.ok) return limit;
    query = { ...query, limit: limit.value };
  }
  return { ok: true, value: query };
}

export interface QuarantineQueryText {
  readonly from?: string;
  readonly to?: string;
  readonly unitId?: string;
  readonly source?: string;
  readonly limit?: string;
}

function timeParameter(parameter: string, text: string): Parsed<Date> {
  // RFC 3339 with an offset: a time without one would be read in the server's zone.
  const value = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(text) ? new Date(text) : undefined;
  if (value && !Number.isNaN(value.getTime())) return { ok: true, value };
  return { ok: false, parameter, detail: "an RFC 3339 time with offset is expected, e.g. 2026-11-22T03:12:00+08:00" };
}

/** `GET /v1/quarantine?from=&to=&unitId=&source=&limit=` as a store query. */
export function quarantineQueryOf(text: QuarantineQueryText): Parsed<QuarantineQuery> {
  let query: QuarantineQuery = {};
  for (const key of ["from", "to"] as const) {
    const given = text[key];
    if (given === undefined) continue;
    const time = timeParameter(key, given);
    if (!time.ok) return time;
    query = { ...query, [key]: time.value };
  }
  if (text.unitId !== undefined) query = { ...query, unitId: text.unitId };
  if (text.source !== undefined) query = { ...query, source: text.source };
  if (text.limit !== undefined) {
    const limit = integerParameter("limit", text.limit, 1, 1000);
    if (!limit.ok) return limit;
    query = { ...query, limit: limit.value };
  }
  return { ok: true, value: query };
}
