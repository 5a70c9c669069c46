// The measured phases of the relay benchmark. Each starts with the receiver's tally cleared and
// ends once every accepted message has reached it, so phases never overlap — except the overload
// phase, the last one, which ends with its last answer.
import { hubRequire } from "./bench-hub.mjs";
import { closedLoop, openLoop, statusCounts } from "./load-generator.mjs";
import { messageId } from "./message-bodies.mjs";
import { spread, startMeter } from "./process-meters.mjs";

const { Pool } = hubRequire("undici");

/** Message sequence numbers, unique across the whole run, so no message is ever a duplicate. */
let nextSeq = 0;
const take = (count) => {
  const first = nextSeq;
  nextSeq += count;
  return first;
};

const DRAIN_TIMEOUT_MS = 180_000;

/** Requests of `count` fresh messages to `path` with `headers`; the bare baseline names each by header, as the relay does. */
function requests(bodies, headers, count, named = false) {
  const first = take(count);
  const request = (i) => ({
    path: "/v1/messages",
    method: "POST",
    headers: named ? { ...headers, "x-eix-message-id": messageId(first + i) } : headers,
    body: bodies.body(first + i),
  });
  return { first, request };
}

const latest = (answers, pick) => answers.reduce((t, a) => (pick(a) && a.answered > t ? a.answered : t), 0);

/** The machine's ceiling: a bare undici POST loop straight to the receiver, msgs/s of each run. */
export async function bareUndici({ receiver, bodies, connections, count, runs }) {
  const pool = new Pool(receiver.url, { connections });
  const headers = { "content-type": "application/json" };
  try {
    await closedLoop({
      pool,
      connections,
      count: Math.min(count, 2000),
      ...requests(bodies, headers, Math.min(count, 2000), true),
    });
    const rates = [];
    for (let run = 0; run < runs; run++) {
      const { start, end, answers } = await closedLoop({ pool, connections, count, ...requests(bodies, headers, count, true) });
      const { accepted } = statusCounts(answers);
      if (accepted !== count) throw new Error(`bare undici: ${count - accepted} of ${count} not answered 202`);
      rates.push(count / ((end - start) / 1000));
    }
    return rates;
  } finally {
    await pool.close();
  }
}

/** Closed loop of `count` messages with `connections`; waits until all that were accepted are delivered. */
export async function sustained({ bench, receiver, bodies, rss, connections, count }) {
  const pool = new Pool(bench.hub.url, { connections });
  try {
    receiver.reset();
    const memory = rss.phase();
    const meter = startMeter();
    const storeCalls = bench.timing.snapshot();
    const before = bench.hub.store.counters();
    const { start, answers } = await closedLoop({ pool, connections, count, ...requests(bodies, bench.headers, count) });
    const statuses = statusCounts(answers);
    const lastAccepted = latest(answers, (a) => a.status === 202);
    const complete = await receiver.waitFor(statuses.accepted, DRAIN_TIMEOUT_MS);
    const after = bench.hub.store.counters();
    const usage = meter.end();
    return {
      count,
      statuses,
      complete,
      delivered: receiver.count,
      duplicates: receiver.duplicates,
      acceptedPerSecond: statuses.accepted / ((lastAccepted - start) / 1000),
      deliveredPerSecond: receiver.count / ((receiver.lastArrival - start) / 1000),
      backlogDrainMs: receiver.lastArrival - lastAccepted,
      answerMs: spread(answers.map((a) => a.answered - a.scheduled)),
      memory: memory.end(),
      process: usage,
      storeCalls: storeCalls(),
      transactions: after.ingestTransactions - before.ingestTransactions,
      stored: after.ingestedMessages - before.ingestedMessages,
    };
  } finally {
    await pool.close();
  }
}

/**
 * Open loop at `rate` msgs/s for `seconds` over `connections`. Latencies count from the moment
 * each send was scheduled: delivery = arrival at the receiver, answer = the hub's answer. With
 * `awaitDelivery` false (overload) it returns once every request is answered; what is still in
 * the outbox then stays there when the hub closes.
 */
export async function atRate({ bench, receiver, bodies, rss, connections, rate, seconds, awaitDelivery = true }) {
  const pool = new Pool(bench.hub.url, { connections });
  try {
    receiver.reset();
    const memory = rss.phase();
    const meter = startMeter();
    const count = Math.round(rate * seconds);
    const { first, request } = requests(bodies, bench.headers, count);
    const { start, answers } = await openLoop({ pool, rate, count, request });
    const sentFor = (Math.max(...answers.map((a) => a.dispatched)) - start) / 1000;
    const statuses = statusCounts(answers);
    const complete = awaitDelivery ? await receiver.waitFor(statuses.accepted, DRAIN_TIMEOUT_MS) : undefined;
    const usage = meter.end();
    const delivery = [];
    for (const a of answers) {
      if (a.status !== 202) continue;
      const arrival = receiver.arrivalOf(messageId(first + a.index));
      if (arrival !== undefined) delivery.push(arrival - a.scheduled);
    }
    const refused = answers.filter((a) => a.status === 429 || a.status === 503);
    return {
      rate,
      seconds,
      count,
      connections,
      achievedRate: count / sentFor,
      statuses,
      complete,
      delivered: receiver.count,
      delivery: spread(delivery),
      answer: spread(answers.map((a) => a.answered - a.scheduled)),
      answerAccepted: spread(answers.filter((a) => a.status === 202).map((a) => a.answered - a.scheduled)),
      answerRefused: spread(refused.map((a) => a.answered - a.scheduled)),
      senderLag: spread(answers.map((a) => a.dispatched - a.scheduled)),
      clientQueue: spread(answers.filter((a) => a.sent > 0).map((a) => a.sent - a.dispatched)),
      onWire: spread(answers.filter((a) => a.sent > 0).map((a) => a.answered - a.sent)),
      memory: memory.end(),
      process: usage,
    };
  } finally {
    await pool.close();
  }
}

/** Untimed traffic first, so JIT, statement caches and connection pools are warm; returns its accepted msgs/s. */
export async function warmUp({ bench, receiver, bodies, connections, count }) {
  const pool = new Pool(bench.hub.url, { connections });
  try {
    receiver.reset();
    const { start, end, answers } = await closedLoop({ pool, connections, count, ...requests(bodies, bench.headers, count) });
    const statuses = statusCounts(answers);
    if (statuses.accepted !== count) {
      const other = [...statuses.otherStatuses].map(([s, n]) => `${n}×${s}`).join(", ");
      throw new Error(`warm-up: only ${statuses.accepted} of ${count} accepted (${other}; ${statuses.errors} errors)`);
    }
    if (!(await receiver.waitFor(count, DRAIN_TIMEOUT_MS))) throw new Error("warm-up: not every message was delivered");
    // The second half only: the first carries JIT compilation and cold caches.
    const firstHalf = answers.slice(0, Math.floor(count / 2));
    const from = firstHalf.reduce((t, a) => Math.max(t, a.answered), start);
    return (count - firstHalf.length) / ((end - from) / 1000);
  } finally {
    await pool.close();
  }
}
