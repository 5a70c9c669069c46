// The relay end to end: a real SQLite store, real HTTP to a loopback receiver, a real directory.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AdapterError } from "@eix/adapters";
import type { Envelope } from "@eix/schema";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import type { RetryPolicy } from "../../src/relay/backoff.js";
import type { CircuitBreakerOptions } from "../../src/relay/circuit-breaker.js";
import { DirectoryDestination } from "../../src/relay/directory-destination.js";
import { canonicalJsonEncoder, type Encoder } from "../../src/relay/encoder.js";
import { HttpDestination } from "../../src/relay/http-destination.js";
import type { RelayDestinationConfig } from "../../src/relay/relay-target.js";
import { Relay, type RelayOptions } from "../../src/relay/relay-worker.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import type { Store } from "../../src/store/store.js";
import type { DeliveryRecord } from "../../src/store/store-records.js";
import { checkin, incident, item, newId, T0 } from "../store/store-fixtures.js";
import {
  eventually,
  manualClock,
  memoryLogger,
  type ReceivedRequest,
  type Receiver,
  type Reply,
  seededRandom,
  sleep,
  startReceiver,
} from "./relay-fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "eix-relay-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let files = 0;

interface Setup {
  readonly reply: (request: ReceivedRequest) => Reply;
  readonly relay?: Partial<Omit<RelayOptions, "store" | "destinations" | "logger" | "hubId">>;
  readonly retry?: Partial<RetryPolicy>;
  readonly breaker?: Partial<CircuitBreakerOptions>;
  readonly encode?: Encoder;
  readonly extra?: ReadonlyMap<string, RelayDestinationConfig>;
}

interface Harness {
  readonly store: Store;
  readonly receiver: Receiver;
  readonly relay: Relay;
  readonly lines: ReturnType<typeof memoryLogger>["lines"];
  /** Ingests the messages in one batch (routed to "national" unless told otherwise) and wakes the relay. */
  ingest(envelopes: Envelope[], destinations?: string[], receivedAt?: Date): Promise<void>;
  deliveries(): Promise<Map<string, DeliveryRecord>>;
}

async function setup(options: Setup): Promise<Harness> {
  const store = await openSqliteStore({ path: join(dir, `relay-${++files}.sqlite`) });
  const receiver = await startReceiver(options.reply);
  const { logger, lines } = memoryLogger("info");
  const national: RelayDestinationConfig = {
    destination: new HttpDestination({ id: "national", url: receiver.url, timeoutMs: 3000 }),
    encode: options.encode ?? canonicalJsonEncoder(),
    retry: { initialDelayMs: 20, maxDelayMs: 100, ...options.retry },
    ...(options.breaker ? { breaker: options.breaker } : {}),
  };
  const relay = new Relay({
    store,
    destinations: new Map([["national", national], ...(options.extra ?? [])]),
    hubId: "330000-YJT-HUB",
    logger,
    pollIntervalMs: 50,
    leaseMs: 10_000,
    random: seededRandom(3),
    ...options.relay,
  });
  cleanups.push(async () => {
    await relay.stop(1000);
    await receiver.close();
    await store.close();
  });
  return {
    store,
    receiver,
    relay,
    lines,
    async ingest(envelopes, destinations = ["national"], receivedAt = new Date()) {
      // One transaction, as a batch from the group committer: the relay sees all of them or none.
      const results = await store.ingestBatch(envelopes.map((envelope) => item(envelope, destinations, receivedAt)));
      expect(results.every((result) => result.ok)).toBe(true);
      relay.notify();
    },
    async deliveries() {
      const records = await store.listDeliveries({ limit: 1000 });
      return new Map(records.map((record) => [`${record.messageId}@${record.destination}`, record]));
    },
  };
}

const accept = (): Reply => ({ status: 202, body: '{"ok":true}' });
const stateOf = async (h: Harness, envelope: Envelope, destination = "national") =>
  (await h.deliveries()).get(`${envelope.id}@${destination}`)?.state;
const allDelivered = (h: Harness, envelopes: Envelope[]) => async () => {
  const records = await h.deliveries();
  return envelopes.every((e) => records.get(`${e.id}@national`)?.state === "delivered");
};
const sent = (h: Harness, envelope: Envelope) => h.receiver.requests.filter((r) => r.messageId === envelope.id).length;

describe("relay", () => {
  test("an update is never delivered before its initial report, even when the initial report's first attempt fails", async () => {
    const incidentId = newId("incident");
    const initial = incident({ incidentId, sequence: 1 });
    const update = incident({ incidentId, sequence: 2 });
    const final = incident({ incidentId, sequence: 3, stage: "final" });
    let failed = false;
    const h = await setup({
      reply: (r) => {
        if (r.messageId === initial.id && !failed) {
          failed = true;
          return { status: 503, body: "starting up" };
        }
        return accept();
      },
    });
    h.relay.start();
    // The 续报 and 终报 arrive at the hub before the 初报; sequence order still rules.
    await h.ingest([update, final, initial]);
    await eventually(allDelivered(h, [initial, update, final]), 5000, "the chain delivered");
    expect(h.receiver.requests.map((r) => r.messageId)).toEqual([initial.id, initial.id, update.id, final.id]);
    expect(JSON.parse(h.receiver.requests[1]?.body.toString() ?? "")).toEqual(initial);
    expect((await h.deliveries()).get(`${initial.id}@national`)).toMatchObject({ attempts: 2, lastError: expect.any(String) });
  });

  test("a stuck incident does not hold back other incidents or check-ins", async () => {
    const stuckId = newId("stuck");
    const stuck = [incident({ incidentId: stuckId, sequence: 1 }), incident({ incidentId: stuckId, sequence: 2 })];
    const otherId = newId("other");
    const others = [
      incident({ incidentId: otherId, sequence: 1 }),
      incident({ incidentId: otherId, sequence: 2 }),
      checkin(),
      checkin(),
    ];
    let released = false;
    const h = await setup({
      reply: (r) => (r.messageId === stuck[0]?.id && !released ? { status: 500, body: "db down" } : accept()),
      breaker: { failureThreshold: 1000 },
    });
    h.relay.start();
    await h.ingest([...stuck, ...others]);
    await eventually(allDelivered(h, others), 5000, "the other messages delivered");
    await eventually(() => sent(h, stuck[0] as Envelope) >= 2, 5000, "the stuck head retried");
    expect(sent(h, stuck[1] as Envelope)).toBe(0);
    expect(await stateOf(h, stuck[1] as Envelope)).toBe("pending");

    released = true;
    await eventually(allDelivered(h, stuck), 5000, "the stuck incident delivered once released");
    const order = h.receiver.requests.filter((r) => stuck.some((e) => e.id === r.messageId)).map((r) => r.messageId);
    expect(order.lastIndexOf(stuck[0]?.id ?? "")).toBeLessThan(order.indexOf(stuck[1]?.id ?? ""));
  });

  test("a 400 goes to the dead letters with its reason while the rest flow; replay delivers it", async () => {
    const bad = checkin();
    const fine = [checkin(), checkin(), checkin()];
    const incidentId = newId("incident");
    const badInitial = incident({ incidentId, sequence: 1 });
    const blockedUpdate = incident({ incidentId, sequence: 2 });
    let fixed = false;
    const refused = new Set([bad.id, badInitial.id]);
    const h = await setup({
      reply: (r) =>
        refused.has(r.messageId) && !fixed ? { status: 400, body: '{"error":"unknown region code 999999"}' } : accept(),
    });
    h.relay.start();
    await h.ingest([bad, ...fine, badInitial, blockedUpdate]);
    await eventually(allDelivered(h, fine), 5000, "the good messages delivered");
    await eventually(
      async () => (await stateOf(h, bad)) === "dead" && (await stateOf(h, badInitial)) === "dead",
      5000,
      "dead letters",
    );
    const dead = (await h.deliveries()).get(`${bad.id}@national`);
    expect(dead).toMatchObject({ state: "dead", attempts: 1, lastResponse: { status: 400 } });
    expect(dead?.lastError).toMatch(/^EIX_RELAY_HTTP_REJECTED: .*\(HTTP 400\): \{"error":"unknown region code 999999"\}$/);
    // The dead 初报 holds its 续报 back (order per incident), and nothing is retried by itself.
    await sleep(200);
    expect(sent(h, bad)).toBe(1);
    expect(sent(h, blockedUpdate)).toBe(0);
    expect(await stateOf(h, blockedUpdate)).toBe("pending");
    expect(h.lines.filter((l) => l.level === 40 && l.msg === "relay gave up: dead letter")).toHaveLength(2);

    fixed = true;
    expect(await h.store.replay({ messageId: bad.id })).toBe(1);
    expect(await h.store.replay({ messageId: badInitial.id })).toBe(1);
    h.relay.notify();
    await eventually(allDelivered(h, [bad, badInitial, blockedUpdate]), 5000, "replayed deliveries");
    expect(sent(h, bad)).toBe(2);
    const chain = h.receiver.requests.map((r) => r.messageId).filter((id) => id === badInitial.id || id === blockedUpdate.id);
    expect(chain).toEqual([badInitial.id, badInitial.id, blockedUpdate.id]);
  });

  test("503 with Retry-After: the next attempt waits exactly as long as the receiver asked", async () => {
    const clock = manualClock(T0);
    const message = checkin();
    let answered = 0;
    const h = await setup({
      reply: () => (++answered === 1 ? { status: 503, headers: { "Retry-After": "120" }, body: "maintenance" } : accept()),
      relay: { clock: clock.now },
    });
    h.relay.start();
    await h.ingest([message], ["national"], T0);
    await eventually(async () => (await h.deliveries()).get(`${message.id}@national`)?.state === "pending" && answered === 1);
    const waiting = (await h.deliveries()).get(`${message.id}@national`);
    expect(waiting?.nextAttemptAt).toEqual(new Date(T0.getTime() + 120_000));
    expect(waiting?.lastError).toMatch(/^EIX_RELAY_HTTP_UNAVAILABLE: .*503/);

    clock.advance(119_999);
    h.relay.notify();
    await sleep(200);
    expect(answered).toBe(1);
    clock.advance(1);
    h.relay.notify();
    await eventually(allDelivered(h, [message]), 3000, "the retry after Retry-After");
    expect(answered).toBe(2);
  });

  test("a retry goes out when it falls due, not at the next poll, on an otherwise idle relay", async () => {
    const message = checkin();
    let answered = 0;
    const times: number[] = [];
    const h = await setup({
      reply: () => {
        times.push(Date.now());
        return ++answered === 1 ? { status: 503, headers: { "Retry-After": "1" }, body: "busy" } : accept();
      },
      // A poll far away: only the relay's own knowledge of the retry time can wake it in time.
      relay: { pollIntervalMs: 60_000 },
    });
    h.relay.start();
    await h.ingest([message]);
    await eventually(allDelivered(h, [message]), 5000, "the retry one second later");
    const [first = 0, second = 0] = times;
    expect(second - first).toBeGreaterThanOrEqual(1000);
    expect(second - first).toBeLessThan(3000);
  });

  test("an open circuit stops claims; after openMs one probe goes alone, and success lets the rest flow", async () => {
    const clock = manualClock(T0);
    const messages = [checkin(), checkin(), checkin(), checkin()];
    let down = true;
    const h = await setup({
      reply: () => (down ? { status: 503, body: "down" } : { ...accept(), delayMs: 150 }),
      breaker: { failureThreshold: 2, openMs: 60_000 },
      relay: { clock: clock.now, concurrency: 4, batchSize: 4 },
    });
    h.relay.start();
    await h.ingest(messages, ["national"], T0);
    await eventually(() => h.receiver.requests.length === 4, 3000, "the first four attempts");
    await eventually(() => h.relay.circuits().national === "open", 3000, "the circuit open");

    // Retries are due (backoff is at most 100 ms) but the circuit is open: nothing is claimed.
    clock.advance(10_000);
    h.relay.notify();
    await sleep(300);
    expect(h.receiver.requests).toHaveLength(4);
    expect(await h.store.listDeliveries({ state: "claimed" })).toEqual([]);

    down = false;
    clock.advance(50_000);
    h.relay.notify();
    await eventually(allDelivered(h, messages), 5000, "everything delivered after the circuit closed");
    const afterOutage = h.receiver.requests.slice(4);
    expect(afterOutage).toHaveLength(4);
    // The probe is answered after 150 ms; nothing else was sent before its answer came back.
    expect((afterOutage[1]?.receivedAt ?? 0) - (afterOutage[0]?.receivedAt ?? 0)).toBeGreaterThanOrEqual(140);
    const opened = h.lines.filter((l) => l.msg === "relay circuit opened: destination failing, sends paused");
    const closed = h.lines.filter((l) => l.msg === "relay circuit closed: destination answers again, sends resume");
    expect([opened.length, closed.length]).toEqual([1, 1]);
    expect(h.relay.circuits()).toEqual({ national: "closed" });
  });

  test("a message the destination's format cannot express is a dead letter with the adapter's code", async () => {
    const canonical = canonicalJsonEncoder();
    const encode: Encoder = (envelope) => {
      if (envelope.kind === "checkin") throw new AdapterError("EIX_ADAPTER_UNSUPPORTED_KIND", { value: "checkin" });
      return canonical(envelope);
    };
    const unsendable = checkin();
    const report = incident({ incidentId: newId("incident"), sequence: 1 });
    const h = await setup({ reply: accept, encode });
    h.relay.start();
    await h.ingest([unsendable, report]);
    await eventually(allDelivered(h, [report]));
    await eventually(async () => (await stateOf(h, unsendable)) === "dead");
    expect((await h.deliveries()).get(`${unsendable.id}@national`)?.lastError).toBe(
      'EIX_ADAPTER_UNSUPPORTED_KIND: This format cannot express a "checkin" message',
    );
    expect(h.receiver.requests.map((r) => r.messageId)).toEqual([report.id]);
  });

  test("gives up after maxAttempts with the last error", async () => {
    const message = checkin();
    const h = await setup({ reply: () => ({ status: 502, body: "bad gateway" }), retry: { maxAttempts: 3 } });
    h.relay.start();
    await h.ingest([message]);
    await eventually(async () => (await stateOf(h, message)) === "dead", 5000, "the dead letter");
    expect(sent(h, message)).toBe(3);
    expect((await h.deliveries()).get(`${message.id}@national`)?.lastError).toMatch(
      /^EIX_RELAY_MAX_ATTEMPTS: Gave up after 3 attempts \(limit 3\); last error: EIX_RELAY_HTTP_UNAVAILABLE: .*502/,
    );
  });

  test("notify() sends at once, without waiting for the poll interval; every destination gets its copy", async () => {
    const archive = join(dir, `archive-${files + 1}`);
    mkdirSync(archive);
    const outcomes: [string, string, number, number][] = [];
    const h = await setup({
      reply: accept,
      relay: {
        pollIntervalMs: 60_000,
        metrics: {
          onOutcome: (destination, outcome, attempts, latencyMs) => outcomes.push([destination, outcome, attempts, latencyMs]),
        },
      },
      extra: new Map([
        [
          "archive",
          { destination: new DirectoryDestination({ id: "archive", directory: archive }), encode: canonicalJsonEncoder() },
        ],
      ]),
    });
    h.relay.start();
    await sleep(100); // the relay has found nothing and is asleep for a minute
    const message = checkin();
    const started = Date.now();
    await h.ingest([message], ["national", "archive"]);
    await eventually(
      async () => (await stateOf(h, message, "archive")) === "delivered" && (await stateOf(h, message)) === "delivered",
      2000,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(readdirSync(archive)).toEqual([expect.stringMatching(new RegExp(`^${message.id}-\\d+\\.json$`))]);
    expect(outcomes.map(([d, o, a]) => `${d}:${o}:${a}`).sort()).toEqual(["archive:delivered:1", "national:delivered:1"]);
    expect(outcomes.every(([, , , latency]) => latency >= 0 && latency < 2000)).toBe(true);
  });

  test("stop() waits for sends in flight and records them; past its timeout it leaves the claim to lapse", async () => {
    const quick = checkin();
    const slow = checkin();
    const h = await setup({ reply: (r) => ({ ...accept(), delayMs: r.messageId === slow.id ? 2000 : 200 }) });
    h.relay.start();
    await h.ingest([quick]);
    await eventually(() => sent(h, quick) === 1);
    await h.relay.stop(1000);
    expect(await stateOf(h, quick)).toBe("delivered");

    const second = new Relay({
      store: h.store,
      destinations: new Map([
        [
          "national",
          { destination: new HttpDestination({ id: "national", url: h.receiver.url }), encode: canonicalJsonEncoder() },
        ],
      ]),
      hubId: "330000-YJT-HUB",
      logger: memoryLogger("error").logger,
      pollIntervalMs: 50,
    });
    second.start();
    await h.ingest([slow]);
    second.notify();
    await eventually(() => sent(h, slow) === 1);
    const started = Date.now();
    await second.stop(100);
    expect(Date.now() - started).toBeLessThan(1500);
    expect((await h.deliveries()).get(`${slow.id}@national`)).toMatchObject({ state: "claimed", attempts: 1 });
  });

  test("settings are checked at construction", async () => {
    const store = await openSqliteStore({ path: ":memory:" });
    cleanups.push(() => store.close());
    const base = { store, hubId: "hub", logger: memoryLogger().logger };
    const destination = new HttpDestination({ id: "national", url: "http://127.0.0.1:9/" });
    cleanups.push(() => destination.close());
    expect(
      () => new Relay({ ...base, destinations: new Map([["city", { destination, encode: canonicalJsonEncoder() }]]) }),
    ).toThrow(/calls itself "national"/);
    const destinations = new Map([["national", { destination, encode: canonicalJsonEncoder() }]]);
    expect(() => new Relay({ ...base, destinations, concurrency: 0 })).toThrow(/concurrency/);
    expect(() => new Relay({ ...base, destinations, leaseMs: 1.5 })).toThrow(
      expect.objectContaining({ code: "EIX_RELAY_INVALID_OPTIONS" }),
    );
  });
});
