// Load for the relay benchmark, over an undici Pool: a closed loop (N connections, each sends
// the next message when its answer came) and an open loop (sends scheduled at a fixed rate
// whatever the answers do, so a slow server cannot slow the offered load: no coordinated omission).
import diagnosticsChannel from "node:diagnostics_channel";
import { performance } from "node:perf_hooks";

// When undici writes a request on a connection (`sent`): the time before that was spent in the
// pool's queue waiting for a free connection, on the load generator's side. Found by the body,
// which undici keeps as the very Buffer it was given.
const byBody = new WeakMap();
diagnosticsChannel.subscribe("undici:client:sendHeaders", ({ request }) => {
  const record = request.body ? byBody.get(request.body) : undefined;
  if (record) record.sent = performance.now();
});

/**
 * What happened to one request. Times are performance.now(); `scheduled` is when the open loop
 * meant to send it (the closed loop: when it sent it), latencies count from there.
 */
function answer(index, scheduled, dispatched) {
  return { index, scheduled, dispatched, sent: 0, answered: 0, status: 0, retryAfter: undefined, error: undefined };
}

async function send(pool, request, record) {
  byBody.set(request.body, record);
  try {
    const { statusCode, headers, body } = await pool.request(request);
    await body.dump();
    record.status = statusCode;
    record.retryAfter = headers["retry-after"];
  } catch (error) {
    record.error = error?.code ?? String(error);
  }
  record.answered = performance.now();
  return record;
}

/** `connections` senders, each posting `request(i)` for the next i until `count` are sent. */
export async function closedLoop({ pool, connections, count, request }) {
  const answers = new Array(count);
  let next = 0;
  async function sender() {
    while (next < count) {
      const i = next++;
      const now = performance.now();
      answers[i] = await send(pool, request(i), answer(i, now, now));
    }
  }
  const start = performance.now();
  await Promise.all(Array.from({ length: connections }, sender));
  return { start, end: performance.now(), answers };
}

/** `count` requests at `rate` per second from now, each sent on time whether or not earlier ones were answered. */
export function openLoop({ pool, rate, count, request }) {
  const answers = new Array(count);
  const interval = 1000 / rate;
  const start = performance.now();
  let fired = 0;
  let answered = 0;
  return new Promise((resolve) => {
    const done = () => {
      if (++answered === count) resolve({ start, end: performance.now(), answers });
    };
    const tick = () => {
      const now = performance.now();
      const due = Math.min(count, Math.floor((now - start) / interval) + 1);
      while (fired < due) {
        const i = fired++;
        send(pool, request(i), answer(i, start + i * interval, performance.now())).then((record) => {
          answers[i] = record;
          done();
        });
      }
      if (fired < count) setTimeout(tick, 1);
    };
    tick();
  });
}

/** Answers by status (0: no answer, a connection error), and how many refusals carried Retry-After. */
export function statusCounts(answers) {
  const counts = { accepted: 0, status429: 0, status503: 0, withRetryAfter: 0, other: 0, errors: 0, otherStatuses: new Map() };
  for (const a of answers) {
    if (a.status === 202) counts.accepted++;
    else if (a.status === 429 || a.status === 503) {
      if (a.status === 429) counts.status429++;
      else counts.status503++;
      if (a.retryAfter !== undefined) counts.withRetryAfter++;
    } else if (a.status === 0) counts.errors++;
    else {
      counts.other++;
      counts.otherStatuses.set(a.status, (counts.otherStatuses.get(a.status) ?? 0) + 1);
    }
  }
  return counts;
}
