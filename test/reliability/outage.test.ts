// Outage (目的地故障): the destination is down (port closed), then answers 503 with
// Retry-After: 1, then accepts. Everything arrives, each incident's reports in order, and no
// delivery is retried sooner than the destination asked — also once the circuit breaker is
// closed again, when nothing but the retry schedule spaces the attempts.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  type Arrival,
  type HubProcess,
  incidentReport,
  killAllChildren,
  LoopbackReceiver,
  listDeliveries,
  makeWorkDir,
  postMessage,
  sleep,
  startHubProcess,
  testUnit,
  waitFor,
  writeHubConfig,
} from "./harness.js";

const INCIDENTS = 5;
const STAGES = ["initial", "update", "final"] as const;
/** Retry-After: 1 means one second; the clocks of both sides are the same machine's, so allow only rounding. */
const RETRY_AFTER_MS = 1000;
const CLOCK_SLACK_MS = 30;
const SPELL_INCIDENTS = 3;
const FILLER_INTERVAL_MS = 40;
const CIRCUIT_OPENED = "relay circuit opened: destination failing, sends paused";
const CIRCUIT_CLOSED = "relay circuit closed: destination answers again, sends resume";

const work = makeWorkDir("outage");
const run = Date.now().toString(36);
const unit = testUnit("330110-YJJ-OUT");
const operator = testUnit("330110-YJJ-OPS", { operator: true });
let receiver: LoopbackReceiver;
let hub: HubProcess;

beforeAll(async () => {
  receiver = await LoopbackReceiver.start();
});

afterAll(async () => {
  await killAllChildren();
  await receiver?.down();
  work.remove();
});

/** For every attempt that followed a 503 of the same delivery: ms from that answer to the attempt. */
function retryGaps(arrivals: readonly Arrival[]): number[] {
  const gaps: number[] = [];
  for (const attempts of groupBy(arrivals, (a) => a.deliveryId).values()) {
    for (const [i, arrival] of attempts.entries()) {
      const previous = attempts[i - 1];
      if (previous?.status === 503) gaps.push(arrival.at - previous.answeredAt);
    }
  }
  return gaps;
}

/** Arrivals grouped by a key, each group in arrival order. */
function groupBy(arrivals: readonly Arrival[], key: (arrival: Arrival) => string): Map<string, Arrival[]> {
  const groups = new Map<string, Arrival[]>();
  for (const arrival of [...arrivals].sort((a, b) => a.at - b.at)) {
    const list = groups.get(key(arrival)) ?? [];
    list.push(arrival);
    groups.set(key(arrival), list);
  }
  return groups;
}

describe("outage: down, then 503 with Retry-After, then up", () => {
  test("everything arrives, in order per incident, and no retry comes before Retry-After", async () => {
    await receiver.down();
    const configPath = writeHubConfig(work.dir, {
      receiverUrl: receiver.url,
      units: [unit, operator],
      timeouts: { connectMs: 1000, headersMs: 2000, bodyMs: 2000 },
      retry: { initialDelayMs: 100, maxDelayMs: 1000, maxAttempts: 1000 },
      // 10: the outage opens the circuit (5 lanes fail fast), the short 503 spell at the end does not.
      breaker: { failureThreshold: 10, openMs: 500 },
      relay: { leaseMs: 6000 },
    });
    hub = await startHubProcess(configPath);

    // Each incident's chain is posted in order (初报, 续报, 终报); the incidents side by side.
    const incidentIds = Array.from({ length: INCIDENTS }, (_, i) => `330110-OUTAGE-${run}-${i}`);
    const expected = new Map<string, number>();
    await Promise.all(
      incidentIds.map(async (incidentId) => {
        const chain: string[] = [];
        for (const stage of STAGES) {
          const report = incidentReport({ id: `${incidentId}-${stage}`, unitId: unit.unitId, incidentId, stage, updates: chain });
          const outcome = await postMessage(hub.url, unit, report);
          expect(outcome.kind, JSON.stringify(outcome)).toBe("accepted");
          chain.push(report.id);
          expected.set(report.id, report.payload.sequence);
        }
      }),
    );

    // Down: the hub tries, fails to connect, opens the circuit, and keeps the deliveries pending.
    await waitFor("the circuit to open", () => hub.logged(CIRCUIT_OPENED) === 1, {
      timeoutMs: 15_000,
      detail: hub.recentOutput,
    });
    // Each lane's head has failed attempts on record; the reports behind them were never tried.
    const heads = new Set(incidentIds.map((id) => `${id}-initial`));
    await waitFor(
      "the failed attempts to be recorded",
      async () => {
        const waiting = await listDeliveries(hub.url, operator);
        expect(waiting.length).toBe(expected.size);
        expect(waiting.filter((d) => d.state === "delivered" || d.state === "dead")).toEqual([]);
        for (const d of waiting) if (!heads.has(d.messageId)) expect(d).toMatchObject({ state: "pending", attempts: 0 });
        return waiting.every((d) => !heads.has(d.messageId) || (d.state === "pending" && /^EIX_RELAY_/.test(d.lastError ?? "")));
      },
      { timeoutMs: 10_000 },
    );
    await sleep(500);
    expect(receiver.arrivals).toEqual([]);

    // Up, but "not now": 503 with Retry-After: 1 until every initial report was turned away.
    receiver.respond = () => ({ status: 503, headers: { "retry-after": "1" } });
    await receiver.up();
    const turnedAway = () =>
      groupBy(
        receiver.arrivals.filter((a) => a.status === 503),
        (a) => a.messageId,
      );
    await waitFor("every initial report to get a 503", () => incidentIds.every((id) => turnedAway().has(`${id}-initial`)), {
      timeoutMs: 20_000,
      intervalMs: 100,
      detail: hub.recentOutput,
    });

    // Accepting again.
    receiver.respond = () => ({ status: 200 });
    await waitFor("every report to arrive", () => receiver.accepted().size === expected.size, {
      timeoutMs: 30_000,
      intervalMs: 100,
      detail: () => `${receiver.accepted().size} of ${expected.size} arrived\n${hub.recentOutput()}`,
    });
    expect(hub.logged(CIRCUIT_CLOSED)).toBe(1);

    // Nothing but what was posted; everything, with its body.
    for (const [id, arrivals] of receiver.accepted()) {
      expect(expected.has(id), id).toBe(true);
      expect(arrivals[0]?.envelope?.payload?.sequence).toBe(expected.get(id));
    }
    // While an earlier report was not delivered, no later one was even tried: per incident, the
    // attempts come in sequence order and each report is first accepted after the one before.
    const byIncident = groupBy(receiver.arrivals, (a) => String(a.envelope?.payload?.incidentId));
    expect([...byIncident.keys()].sort()).toEqual([...incidentIds].sort());
    for (const [incidentId, arrivals] of byIncident) {
      const sequences = arrivals.map((a) => a.envelope?.payload?.sequence ?? 0);
      expect(sequences, incidentId).toEqual([...sequences].sort((a, b) => a - b));
      const firstAccepted = [1, 2, 3].map((sequence) =>
        arrivals.find((a) => a.status === 200 && a.envelope?.payload?.sequence === sequence),
      );
      expect(
        firstAccepted.every((a) => a !== undefined),
        incidentId,
      ).toBe(true);
      for (const [i, arrival] of firstAccepted.entries()) {
        const previous = firstAccepted[i - 1];
        if (arrival && previous) expect(arrival.at, incidentId).toBeGreaterThanOrEqual(previous.answeredAt);
      }
    }
    // Retry-After honoured: after a 503 the same delivery came back no sooner than 1 s later.
    // While the circuit is half-open its probes also space the attempts, so this says little yet.
    const outageGaps = retryGaps(receiver.arrivals);
    expect(outageGaps.length).toBeGreaterThanOrEqual(INCIDENTS);
    expect(Math.min(...outageGaps)).toBeGreaterThanOrEqual(RETRY_AFTER_MS - CLOCK_SLACK_MS);

    // With the circuit closed, a short 503 spell: each new report is turned away twice, then
    // taken. Backoff alone would retry after 100–1000 ms; Retry-After: 1 must stretch every wait.
    // Other traffic keeps flowing meanwhile: each commit wakes the relay, so its idle poll (1 s)
    // does not space the retries by itself and only the retry schedule decides when they come.
    const spellStart = receiver.arrivals.length;
    const turnedAwayTimes = new Map<string, number>();
    receiver.respond = ({ messageId }) => {
      const times = turnedAwayTimes.get(messageId) ?? 0;
      if (times >= 2) return { status: 200 };
      turnedAwayTimes.set(messageId, times + 1);
      return { status: 503, headers: { "retry-after": "1" } };
    };
    const initialReport = (incidentId: string) =>
      incidentReport({ id: `${incidentId}-initial`, unitId: unit.unitId, incidentId, stage: "initial" });
    const spellIds: string[] = [];
    for (let i = 0; i < SPELL_INCIDENTS; i++) {
      const report = initialReport(`330110-SPELL-${run}-${i}`);
      expect((await postMessage(hub.url, unit, report)).kind).toBe("accepted");
      spellIds.push(report.id);
    }
    const fillerIds: string[] = [];
    const spellOver = () => spellIds.every((id) => receiver.accepted().has(id));
    while (!spellOver()) {
      if (fillerIds.length > 600) throw new Error(`the spell's reports did not arrive\n${hub.recentOutput()}`);
      const filler = initialReport(`330110-FILLER-${run}-${fillerIds.length}`);
      fillerIds.push(filler.id);
      turnedAwayTimes.set(filler.id, 2);
      expect((await postMessage(hub.url, unit, filler)).kind).toBe("accepted");
      await sleep(FILLER_INTERVAL_MS);
    }
    const spellGaps = retryGaps(receiver.arrivals.slice(spellStart));
    expect(spellGaps.length).toBe(2 * SPELL_INCIDENTS);
    expect(Math.min(...spellGaps)).toBeGreaterThanOrEqual(RETRY_AFTER_MS - CLOCK_SLACK_MS);
    expect(hub.logged(CIRCUIT_OPENED), "the spell stayed below the breaker's threshold").toBe(1);

    await waitFor("the fillers to arrive", () => fillerIds.every((id) => receiver.accepted().has(id)), { timeoutMs: 10_000 });
    const all = await listDeliveries(hub.url, operator);
    expect(all.map((d) => d.state)).toEqual(Array(expected.size + SPELL_INCIDENTS + fillerIds.length).fill("delivered"));
    console.log(
      `outage test: ${spellStart} requests for ${expected.size} reports through the outage, ` +
        `${outageGaps.length} retries after a 503 (shortest wait ${Math.min(...outageGaps)} ms); ` +
        `closed-circuit spell: ${spellGaps.length} retries, shortest wait ${Math.min(...spellGaps)} ms (Retry-After: 1)`,
    );
    expect(await hub.kill("SIGTERM"), "a clean stop").toEqual({ code: 0, signal: null });
  }, 90_000);
});
