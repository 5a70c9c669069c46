// Crash (崩溃): the hub is SIGKILLed while 2,000 messages are being posted to it. After a
// restart on the same store, every message it acknowledged (202) reaches the destination at
// least once, nothing it refused ever does, and a message whose fate the sender could not know
// can be sent again safely.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  type HubProcess,
  incidentReport,
  killAllChildren,
  LoopbackReceiver,
  listDeliveries,
  makeWorkDir,
  operatorCall,
  type PostOutcome,
  postMessage,
  runPool,
  startHubProcess,
  type TestUnit,
  testUnit,
  waitFor,
  writeHubConfig,
} from "./harness.js";

const TOTAL = 2000;
const IN_FLIGHT = 48;
/** The kill comes after this many 202s, so a good part of the stream is still in flight. */
const KILL_AFTER_ACCEPTED = 500;

interface Planned {
  readonly index: number;
  readonly id: string;
  readonly unit: TestUnit;
  readonly message: unknown;
  /** Why the hub must refuse it, or undefined for a valid message. */
  readonly refusal: "invalid" | "forbidden" | undefined;
}

const work = makeWorkDir("crash");
const run = `${Date.now().toString(36)}`;
const unitA = testUnit("330110-YJJ-A");
const unitB = testUnit("330110-YJJ-B");
const operator = testUnit("330110-YJJ-OPS", { operator: true });
let receiver: LoopbackReceiver;

beforeAll(async () => {
  receiver = await LoopbackReceiver.start();
});

afterAll(async () => {
  await killAllChildren();
  await receiver?.down();
  work.remove();
});

/**
 * 2,000 distinct messages, each the initial report of its own incident, from two units. Every
 * 40th is invalid (an initial report with sequence 2: 422) and every 97th is sent with the other
 * unit's token (403): refusals the hub must never relay.
 */
function plan(): Planned[] {
  return Array.from({ length: TOTAL }, (_, index) => {
    const owner = index % 2 === 0 ? unitA : unitB;
    const refusal = index % 40 === 7 ? "invalid" : index % 97 === 3 ? "forbidden" : undefined;
    const message = incidentReport({
      id: `crash-${run}-${index}`,
      unitId: owner.unitId,
      incidentId: `330110-CRASH-${run}-${index}`,
      stage: "initial",
      ...(refusal === "invalid" ? { sequence: 2 } : {}),
    });
    const sender = refusal === "forbidden" ? (owner === unitA ? unitB : unitA) : owner;
    return { index, id: message.id, unit: sender, message, refusal };
  });
}

describe("crash: SIGKILL mid-stream, restart on the same store", () => {
  test("every 202 arrives at least once; refusals never arrive; unknown fates resend as 200 or 202", async () => {
    const configPath = writeHubConfig(work.dir, {
      receiverUrl: receiver.url,
      units: [unitA, unitB, operator],
      // Short timeouts so a short lease is allowed: the claims the killed hub held lapse soon after the restart.
      timeouts: { connectMs: 1000, headersMs: 2000, bodyMs: 2000 },
      relay: { workers: 8, leaseMs: 6000 },
      retry: { initialDelayMs: 100, maxDelayMs: 1000, maxAttempts: 1000 },
      breaker: { openMs: 500 },
    });
    const messages = plan();
    const outcomes = new Map<string, PostOutcome>();
    let hub: HubProcess = await startHubProcess(configPath);

    // Phase 1: post concurrently; SIGKILL once enough 202s came back; start nothing new after it.
    let accepted = 0;
    let killing: Promise<unknown> | undefined;
    await runPool(
      messages,
      IN_FLIGHT,
      async (item) => {
        const outcome = await postMessage(hub.url, item.unit, item.message);
        outcomes.set(item.id, outcome);
        if (outcome.kind === "accepted" && ++accepted === KILL_AFTER_ACCEPTED) killing = hub.kill("SIGKILL");
      },
      () => killing !== undefined,
    );
    const exit = await killing;
    expect(exit, "the hub died of the SIGKILL").toMatchObject({ signal: "SIGKILL" });

    const acceptedIds = messages.filter((m) => outcomes.get(m.id)?.kind === "accepted").map((m) => m.id);
    const refused = messages.filter((m) => outcomes.get(m.id)?.kind === "refused");
    const unknown = messages.filter((m) => outcomes.get(m.id)?.kind === "unknown");
    const unsent = messages.filter((m) => !outcomes.has(m.id));
    expect(acceptedIds.length).toBeGreaterThanOrEqual(KILL_AFTER_ACCEPTED);
    expect(outcomes.size, "some posts were cut off by the kill or never started").toBeLessThan(TOTAL);
    expect(unknown.length + unsent.length).toBeGreaterThan(0);
    // A 4xx is the hub's considered answer: only the messages built to be refused get one.
    for (const item of refused) {
      const outcome = outcomes.get(item.id);
      expect(item.refusal, `${item.id} refused with ${JSON.stringify(outcome)}`).toBeDefined();
      expect(outcome).toMatchObject(item.refusal === "invalid" ? { status: 422 } : { status: 403 });
    }
    for (const id of acceptedIds) {
      const outcome = outcomes.get(id);
      expect(outcome?.kind === "accepted" && outcome.receipts[0]).toMatchObject({ duplicate: false, destinations: ["receiver"] });
    }

    // Phase 2: restart on the same configuration and store; every 202 must come out.
    hub = await startHubProcess(configPath);
    const missing = () => {
      const arrived = receiver.accepted();
      return acceptedIds.filter((id) => !arrived.has(id));
    };
    await waitFor("every message acknowledged before the kill to reach the receiver", () => missing().length === 0, {
      timeoutMs: 60_000,
      intervalMs: 200,
      detail: () => `${missing().length} missing, e.g. ${missing().slice(0, 5).join(", ")}\n${hub.recentOutput()}`,
    });

    // Phase 3: resend what the sender could not know about, then send what was never sent.
    const unknownArrived = new Set(unknown.filter((m) => receiver.accepted().has(m.id)).map((m) => m.id));
    const resent = new Map<string, PostOutcome>();
    await runPool([...unknown, ...unsent], IN_FLIGHT, async (item) => {
      resent.set(item.id, await postMessage(hub.url, item.unit, item.message));
    });
    for (const item of unknown) {
      const outcome = resent.get(item.id);
      if (item.refusal) expect(outcome?.kind, `${item.id}`).toBe("refused");
      else expect(["accepted", "duplicate"], `${item.id}: ${JSON.stringify(outcome)}`).toContain(outcome?.kind);
      if (outcome?.kind === "duplicate") expect(outcome.receipts[0]?.duplicate).toBe(true);
      // Relayed means stored: such a message must come back as a duplicate, not be taken twice.
      if (unknownArrived.has(item.id)) expect(outcome?.kind, `${item.id} had already arrived`).toBe("duplicate");
    }
    for (const item of unsent) {
      const outcome = resent.get(item.id);
      expect(outcome?.kind, `${item.id}: ${JSON.stringify(outcome)}`).toBe(item.refusal ? "refused" : "accepted");
    }

    const valid = messages.filter((m) => m.refusal === undefined).map((m) => m.id);
    const missingValid = () => {
      const arrived = receiver.accepted();
      return valid.filter((id) => !arrived.has(id));
    };
    await waitFor("every valid message to reach the receiver", () => missingValid().length === 0, {
      timeoutMs: 60_000,
      intervalMs: 200,
      detail: () => `${missingValid().length} missing, e.g. ${missingValid().slice(0, 5).join(", ")}`,
    });

    // The outbox settles: every delivery recorded as delivered, none dead. Claims the killed hub
    // held are sent again once their lease lapses (their message may have arrived already).
    const states = async () => {
      const counts = new Map<string, number>();
      for (const d of await listDeliveries(hub.url, operator)) counts.set(d.state, (counts.get(d.state) ?? 0) + 1);
      return counts;
    };
    await waitFor(
      "the hub to record every delivery as delivered",
      async () => (await states()).get("delivered") === valid.length,
      {
        timeoutMs: 30_000,
        intervalMs: 250,
      },
    );
    expect(Object.fromEntries(await states())).toEqual({ delivered: valid.length });

    // Nothing refused arrived, and nothing the test did not send.
    const arrived = receiver.accepted();
    const invalidIds = new Set(messages.filter((m) => m.refusal !== undefined).map((m) => m.id));
    const sentIds = new Set(messages.map((m) => m.id));
    expect([...arrived.keys()].filter((id) => invalidIds.has(id))).toEqual([]);
    expect([...arrived.keys()].filter((id) => !sentIds.has(id))).toEqual([]);
    expect(arrived.size).toBe(valid.length);
    // Each request carried the message its header named, from the unit that sent it.
    for (const arrival of receiver.arrivals) {
      expect(arrival.envelope?.id).toBe(arrival.messageId);
      expect(arrival.envelope?.sender?.unitId).toBe(arrival.unitId);
    }
    // The refused messages were never stored, so no hub state can send them later.
    for (const id of invalidIds) {
      const { status } = await operatorCall(hub.url, operator, `/v1/messages/${encodeURIComponent(id)}`);
      expect(status, `${id} is not stored`).toBe(404);
    }

    const deliveredRequests = [...arrived.values()].reduce((sum, list) => sum + list.length, 0);
    const duplicates = deliveredRequests - arrived.size;
    const resentCommitted = unknown.filter((m) => resent.get(m.id)?.kind === "duplicate").length;
    console.log(
      [
        `crash test: ${TOTAL} messages, ${IN_FLIGHT} in flight, SIGKILL after ${KILL_AFTER_ACCEPTED} accepted`,
        `  accepted (202) before the kill: ${acceptedIds.length}`,
        `  refused (4xx) before the kill:  ${refused.length}`,
        `  unknown fate (no answer):       ${unknown.length} — ${unknownArrived.size} had reached the receiver before the resend; ` +
          `on resend ${resentCommitted} were already stored (200)`,
        `  never sent before the kill:     ${unsent.length}`,
        `  receiver: ${arrived.size} distinct messages, ${deliveredRequests} accepted requests, ${duplicates} duplicates`,
      ].join("\n"),
    );
    expect(await hub.kill("SIGTERM"), "a clean stop").toEqual({ code: 0, signal: null });
  }, 180_000);
});
