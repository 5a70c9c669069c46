// Poison (毒消息): a message the destination always refuses with 400 becomes a dead letter (死信)
// with the reason, while other incidents keep flowing. Once the destination is fixed, a replay —
// `eix replay` or POST /v1/deliveries/:id/replay — delivers it. With deadBlocksLane (the default)
// a later report of the same incident waits behind the dead one and follows it after the replay.
import { afterAll, afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  type DeliveryView,
  type HubProcess,
  incidentReport,
  killAllChildren,
  LoopbackReceiver,
  listDeliveries,
  makeWorkDir,
  operatorCall,
  postMessage,
  runEix,
  startHubProcess,
  type TestUnit,
  testUnit,
  waitFor,
  writeHubConfig,
} from "./harness.js";

const run = Date.now().toString(36);
const unit = testUnit("330110-YJJ-PSN");
const operator = testUnit("330110-YJJ-OPS", { operator: true });
let work: ReturnType<typeof makeWorkDir>;
let receiver: LoopbackReceiver;
let hub: HubProcess;
let configPath: string;
/** Message ids the receiver refuses with 400 until it is "fixed". */
const poisoned = new Set<string>();

beforeEach(async () => {
  work = makeWorkDir("poison");
  receiver = await LoopbackReceiver.start();
  poisoned.clear();
  receiver.respond = ({ messageId }) => (poisoned.has(messageId) ? { status: 400 } : { status: 200 });
});

afterEach(async () => {
  await killAllChildren();
  await receiver.down();
  work.remove();
});

afterAll(killAllChildren);

async function startPoisonHub(deadBlocksLane?: boolean): Promise<void> {
  configPath = writeHubConfig(work.dir, {
    receiverUrl: receiver.url,
    units: [unit, operator],
    timeouts: { connectMs: 1000, headersMs: 2000, bodyMs: 2000 },
    retry: { initialDelayMs: 100, maxDelayMs: 1000 },
    breaker: { openMs: 500 },
    relay: { leaseMs: 6000, ...(deadBlocksLane === undefined ? {} : { deadBlocksLane }) },
  });
  hub = await startHubProcess(configPath);
}

/** Posts the report and expects a 202; returns its id. */
async function post(incidentId: string, stage: "initial" | "update", updates: readonly string[] = []): Promise<string> {
  const report = incidentReport({ id: `${incidentId}-${stage}`, unitId: unit.unitId, incidentId, stage, updates });
  const outcome = await postMessage(hub.url, unit, report);
  expect(outcome.kind, JSON.stringify(outcome)).toBe("accepted");
  return report.id;
}

async function deliveryOf(messageId: string, as: TestUnit = operator): Promise<DeliveryView> {
  const found = (await listDeliveries(hub.url, as)).find((d) => d.messageId === messageId);
  if (!found) throw new Error(`no delivery of ${messageId}`);
  return found;
}

async function waitDead(messageId: string): Promise<DeliveryView> {
  await waitFor(`${messageId} to become a dead letter`, async () => (await deliveryOf(messageId)).state === "dead", {
    timeoutMs: 15_000,
    intervalMs: 100,
    detail: hub.recentOutput,
  });
  return deliveryOf(messageId);
}

function waitArrived(ids: readonly string[], what: string): Promise<void> {
  return waitFor(what, () => ids.every((id) => receiver.accepted().has(id)), {
    timeoutMs: 20_000,
    detail: () => `missing: ${ids.filter((id) => !receiver.accepted().has(id)).join(", ")}\n${hub.recentOutput()}`,
  });
}

/** When the receiver first accepted the message. */
const acceptedAt = (id: string) => receiver.accepted().get(id)?.[0]?.at ?? Number.NaN;

describe("poison: a message the destination always refuses", () => {
  test("goes dead with its reason, holds back only its own incident, and is delivered after `eix replay`", async () => {
    await startPoisonHub();
    const poison = `330110-POISON-${run}`;
    const other = `330110-OTHER-${run}`;
    const later = `330110-LATER-${run}`;
    poisoned.add(`${poison}-initial`);

    const poisonInitial = await post(poison, "initial");
    const otherInitial = await post(other, "initial");
    const dead = await waitDead(poisonInitial);
    // Refused once, not retried: a 400 is the destination's final word.
    expect(dead.attempts).toBe(1);
    expect(dead.lastError).toMatch(/^EIX_RELAY_HTTP_REJECTED\b.*400/);
    expect(receiver.arrivals.filter((a) => a.messageId === poisonInitial).map((a) => a.status)).toEqual([400]);
    const { code: showCode, stdout: shown } = await runEix([
      "messages",
      "show",
      poisonInitial,
      "--config",
      configPath,
      "--lang",
      "en",
    ]);
    expect(showCode).toBe(0);
    expect(shown).toMatch(new RegExp(`#${dead.deliveryId}\\s+receiver\\s+dead\\s+attempts=1\\s+EIX_RELAY_HTTP_REJECTED`));

    // Later reports: the poisoned incident's update waits; other incidents, old and new, flow.
    const poisonUpdate = await post(poison, "update", [poisonInitial]);
    const flowing = [otherInitial, await post(other, "update", [otherInitial]), await post(later, "initial")];
    flowing.push(await post(later, "update", [flowing[2] as string]));
    await waitArrived(flowing, "the other incidents' reports");
    expect(receiver.accepted().has(poisonUpdate)).toBe(false);
    // Never even tried: it is behind a dead letter in its lane (deadBlocksLane, the default).
    expect(await deliveryOf(poisonUpdate)).toMatchObject({ state: "pending", attempts: 0 });

    // The destination is fixed; the operator replays the dead letter from the command line.
    poisoned.clear();
    const replay = await runEix(["replay", "--config", configPath, "--id", poisonInitial, "--lang", "en"]);
    expect(replay, replay.stderr).toMatchObject({ code: 0 });
    expect(replay.stdout).toContain("1 dead deliveries re-queued");
    await waitArrived([poisonInitial, poisonUpdate], "the replayed report and the one behind it");
    expect(acceptedAt(poisonUpdate)).toBeGreaterThan(acceptedAt(poisonInitial));
    expect(receiver.arrivals.filter((a) => a.messageId === poisonInitial).map((a) => a.status)).toEqual([400, 200]);
    expect(await deliveryOf(poisonInitial)).toMatchObject({ state: "delivered" });
    // Nothing is left to replay.
    const again = await runEix(["replay", "--config", configPath, "--id", poisonInitial, "--lang", "en"]);
    expect(again.code).toBe(1);
    await hub.kill("SIGTERM");
  }, 90_000);

  test("a dead letter replayed through POST /v1/deliveries/:id/replay is delivered; only operators may replay", async () => {
    await startPoisonHub();
    const incident = `330110-HTTP-REPLAY-${run}`;
    poisoned.add(`${incident}-initial`);
    const initial = await post(incident, "initial");
    const update = await post(incident, "update", [initial]);
    const dead = await waitDead(initial);
    const path = `/v1/deliveries/${dead.deliveryId}/replay`;

    const notOperator = await operatorCall<{ error: { code: string } }>(hub.url, unit, path, "POST");
    expect(notOperator, "a sending unit is not an operator").toMatchObject({
      status: 403,
      body: { error: { code: "EIX_HTTP_NOT_OPERATOR" } },
    });
    expect(await deliveryOf(update)).toMatchObject({ state: "pending", attempts: 0 });
    poisoned.clear();
    expect(await operatorCall(hub.url, operator, path, "POST")).toEqual({ status: 200, body: { replayed: 1 } });
    await waitArrived([initial, update], "the replayed report and the one behind it");
    expect(acceptedAt(update)).toBeGreaterThan(acceptedAt(initial));
    const notDead = await operatorCall<{ error: { code: string } }>(hub.url, operator, path, "POST");
    expect(notDead).toMatchObject({ status: 409, body: { error: { code: "EIX_HTTP_NOT_DEAD" } } });
    await hub.kill("SIGTERM");
  }, 90_000);

  test("with deadBlocksLane: false the later report of the same incident goes past the dead one", async () => {
    await startPoisonHub(false);
    const incident = `330110-NOBLOCK-${run}`;
    poisoned.add(`${incident}-initial`);
    const initial = await post(incident, "initial");
    await waitDead(initial);
    const update = await post(incident, "update", [initial]);
    await waitArrived([update], "the update, past the dead initial report");
    expect(await deliveryOf(initial)).toMatchObject({ state: "dead" });
    await hub.kill("SIGTERM");
  }, 90_000);
});
