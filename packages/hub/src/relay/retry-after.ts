/**
 * The longest wait a `Retry-After` may ask for. A receiver that answers "come back in a year"
 * (or sends a date decades ahead through a broken clock) is most likely misconfigured: the relay
 * waits this long at most, and the delivery's age limit decides the rest.
 */
export const MAX_RETRY_AFTER_MS = 6 * 60 * 60 * 1000;

export interface RetryAfterOptions {
  /** The hub's clock at the time the response arrived. */
  readonly now: Date;
  /**
   * The response's own `Date` header. An HTTP-date is measured against it when it can be read, so
   * a receiver whose clock is off still gets the wait it meant (RFC 9110 §10.2.3 ties the two).
   */
  readonly responseDate?: string | null | undefined;
  /** Default `MAX_RETRY_AFTER_MS`. */
  readonly maxMs?: number;
}

// RFC 9110 §5.6.7: IMF-fixdate, and the two obsolete forms a recipient must still accept.
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC850_DATE = /^[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME_DATE = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;
const DELAY_SECONDS = /^\d+$/;

/** Milliseconds since the epoch for an HTTP-date, or undefined when it is not one. */
export function parseHttpDate(value: string): number | undefined {
  const text = value.trim();
  let time = Number.NaN;
  if (IMF_FIXDATE.test(text) || RFC850_DATE.test(text)) time = Date.parse(text);
  // asctime has no zone but is GMT by definition; Date.parse alone would read it as local time.
  else if (ASCTIME_DATE.test(text)) time = Date.parse(`${text} GMT`);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * How long a `Retry-After` header asks the relay to wait, in milliseconds: delay-seconds or an
 * HTTP-date. Undefined when the header is absent or unreadable (then backoff alone decides).
 * A date in the past means "now" (0); anything beyond `maxMs` is clamped to it.
 */
export function parseRetryAfter(value: string | null | undefined, options: RetryAfterOptions): number | undefined {
  if (value === null || value === undefined) return undefined;
  const maxMs = options.maxMs ?? MAX_RETRY_AFTER_MS;
  const text = value.trim();
  if (DELAY_SECONDS.test(text)) return clamp(Number(text) * 1000, maxMs);
  const until = parseHttpDate(text);
  if (until === undefined) return undefined;
  const reference = (options.responseDate ? parseHttpDate(options.responseDate) : undefined) ?? options.now.getTime();
  return clamp(until - reference, maxMs);
}

function clamp(ms: number, maxMs: number): number {
  if (!Number.isFinite(ms)) return maxMs;
  return Math.min(Math.max(0, Math.round(ms)), maxMs);
}
