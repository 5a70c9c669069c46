import { mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRegistry } from "@eix/adapters";
import type { Unit } from "@eix/schema";
import { pino } from "pino";
import { hubLogger, type RunningHub, startHub } from "../serve/start-hub.js";
import type { DeliveryRecord } from "../store/store-records.js";
import { DEMO_OPERATOR, demoHubConfig } from "./demo-config.js";
import { type DemoInputs, type DemoInvalidPost, type DemoPost, loadDemoInputs } from "./demo-inputs.js";
import { codesOf, type PostAnswer, postMessage, replayDelivery } from "./demo-posts.js";
import { type NationalStandIn, type StandInRequest, startNationalStandIn } from "./national-stand-in.js";

export interface DemoOptions {
  /** The examples: DIR/valid and DIR/invalid (default: those of @eix/schema). */
  readonly examplesDir: string;
  /** Where the store, the log, the archive and the config go; default a new temporary directory. */
  readonly dataDir?: string;
  /** The 12379 corpus; default found in the repository, skipped when absent. */
  readonly weatherDir?: string;
  /** How long to wait for the relay to settle, each time (default 60 s). */
  readonly settleTimeoutMs?: number;
}

export interface InvalidAnswer extends PostAnswer {
  readonly declaredCodes: readonly string[];
  readonly asDeclared: boolean;
}

/** A satellite pass as posted, and where its candidate fire landed in the store. */
export interface SatelliteAnswer extends PostAnswer {
  /** The stored report of each candidate fire of the pass: its incident, stage and sequence. */
  readonly fires: readonly { readonly incidentId: string; readonly stage: string; readonly sequence: number }[];
  /** Whether the hub joined the pass to a fire it knew under another id. */
  readonly joined: boolean;
}

export interface ReplayStep {
  readonly delivery: DeliveryRecord;
  readonly status: number;
}

/** A check of the scenario, for the report and the exit status. */
export interface DemoCheck {
  readonly ok: boolean;
  readonly text: { readonly "zh-CN": string; readonly en: string };
}

/** Everything that happened in a run of the demo, for the report. */
export interface DemoRun {
  readonly dataDir: string;
  readonly logFile: string;
  readonly configFile: string;
  readonly hubUrl: string;
  readonly nationalUrl: string;
  readonly weatherDir?: string;
  readonly valid: readonly PostAnswer[];
  readonly resend: PostAnswer;
  readonly badToken: PostAnswer;
  readonly invalid: readonly InvalidAnswer[];
  readonly weather: readonly PostAnswer[];
  readonly satellite: readonly SatelliteAnswer[];
  /** Dead letters after the first settling, before the replay. */
  readonly deadBeforeReplay: readonly DeliveryRecord[];
  readonly replays: readonly ReplayStep[];
  /** Final state of every delivery. */
  readonly deliveries: readonly DeliveryRecord[];
  readonly national: { readonly requests: readonly StandInRequest[]; readonly held: number; readonly outage: boolean };
  readonly archiveFiles: number;
  readonly elapsedMs: number;
  readonly settled: boolean;
  readonly checks: readonly DemoCheck[];
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((code) => b.includes(code));

/** Senders of every post that names one, each once, in order of appearance. */
function sendersOf(inputs: DemoInputs): Unit[] {
  const seen = new Map<string, Unit>();
  for (const post of [...inputs.valid, ...inputs.weather, ...inputs.satellite])
    if (post.sender && !seen.has(post.sender.unitId)) seen.set(post.sender.unitId, post.sender);
  return [...seen.values()];
}

/** The message the stand-in refuses until fixed: the latest incident report of the day. */
function poisonOf(valid: readonly DemoPost[]): string | undefined {
  return valid.filter((post) => post.kind === "incident" && post.messageId).at(-1)?.messageId;
}

const settledStates = new Set(["delivered", "dead"]);

/** Waits until no delivery is pending or claimed; false on timeout. */
async function settle(hub: RunningHub, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = (await allDeliveries(hub)).filter((delivery) => !settledStates.has(delivery.state));
    if (open.length === 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function allDeliveries(hub: RunningHub): Promise<DeliveryRecord[]> {
  const all: DeliveryRecord[] = [];
  for (;;) {
    const last = all.at(-1);
    const page = await hub.store.listDeliveries({ limit: 1000, ...(last ? { afterId: last.deliveryId } : {}) });
    all.push(...page);
    if (page.length < 1000) return all;
  }
}

/** Each incident's reports reached the platform in chain order (初报 → 续报 → 终报). */
function inChainOrder(requests: readonly StandInRequest[]): boolean {
  const last = new Map<string, number>();
  for (const request of requests) {
    if (request.answer !== "accepted" || request.incidentId === undefined || request.sequence === undefined) continue;
    if ((last.get(request.incidentId) ?? 0) > request.sequence) return false;
    last.set(request.incidentId, request.sequence);
  }
  return true;
}

/** One fire, reports 1, 2, 3, the later two joined to it. */
function satelliteChained(passes: readonly SatelliteAnswer[]): boolean {
  const fires = passes.flatMap((pass) => pass.fires);
  return (
    passes.length === 3 &&
    passes.every((pass) => pass.status === 202) &&
    new Set(fires.map((fire) => fire.incidentId)).size === 1 &&
    fires.map((fire) => fire.sequence).join(",") === "1,2,3" &&
    passes.slice(1).every((pass) => pass.joined)
  );
}

function check(ok: boolean, zh: string, en: string): DemoCheck {
  return { ok, text: { "zh-CN": zh, en } };
}

function scenarioChecks(run: Omit<DemoRun, "checks">, poison: string | undefined, standIn: NationalStandIn): DemoCheck[] {
  const nationalIds = run.deliveries.filter((d) => d.destination === "national").map((d) => `${d.unitId}/${d.messageId}`);
  const missing = nationalIds.filter((id) => !standIn.accepted.has(id));
  const busy = run.national.requests.filter((r) => r.answer === "busy").length;
  const poisonRefused = run.national.requests.some((r) => r.messageId === poison && r.answer === "refused");
  return [
    check(
      run.valid.every((a) => a.status === 202),
      `全部 ${run.valid.length} 条有效示例被接收（202）`,
      `all ${run.valid.length} valid examples accepted (202)`,
    ),
    check(
      run.resend.status === 200 && run.resend.receipts[0]?.duplicate === true,
      "重发得到原回执（200），不再转发",
      "the resend got its original receipt (200) and was not relayed again",
    ),
    check(run.badToken.status === 401, "错误令牌被拒（401）", "a wrong token was refused (401)"),
    check(
      run.invalid.every((a) => a.asDeclared),
      `全部 ${run.invalid.length} 条无效示例被拒，错误代码与声明一致`,
      `all ${run.invalid.length} invalid examples refused with their declared codes`,
    ),
    check(
      run.weather.every((a) => a.status >= 200 && a.status < 500),
      "每个 12379 文件都得到明确答复（接收或拒收及原因）",
      "every 12379 file got a definite answer (accepted, or refused with its reasons)",
    ),
    check(
      busy > 0 && run.national.outage,
      "国家平台模拟端繁忙（503）并中断过，转发经重试后完成",
      "the national stand-in was busy (503) and down for a while; the relay retried through it",
    ),
    check(
      poisonRefused && run.deadBeforeReplay.length > 0 && run.replays.every((r) => r.status === 200),
      "被拒（400）的消息进入死信，修复后经接口重放",
      "the message refused with 400 went dead, and was replayed through the API after the fix",
    ),
    check(
      run.settled && run.deliveries.every((d) => d.state === "delivered") && missing.length === 0,
      "最终全部投递成功，国家平台收齐所有应转发的消息",
      "in the end every delivery was delivered, and the national platform holds every message routed to it",
    ),
    check(
      satelliteChained(run.satellite),
      "卫星热点：三次过境为同一火场，初报之后两次续报（后续过境按位置和时间关联，编号不同）",
      "satellite hotspots: three passes over one fire are its initial report and two updates (later passes joined by place and time, under other ids)",
    ),
    check(
      inChainOrder(run.national.requests),
      "每个事件的报告按初报、续报、终报的顺序到达",
      "each incident's reports arrived in chain order (initial, update, final)",
    ),
  ];
}

/**
 * The demo (the README's first command): a hub on embedded SQLite and a national-platform
 * stand-in that fails now and then; the example messages are posted as their departments
 * would, and the run records what was received, refused (and why), relayed, retried and
 * dead-lettered, then replayed.
 */
export async function runDemo(options: DemoOptions): Promise<DemoRun> {
  const started = Date.now();
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "eix-demo-")));
  await mkdir(dataDir, { recursive: true });
  const registry = createRegistry();
  const inputs = await loadDemoInputs(options.examplesDir, registry, options.weatherDir);
  const poison = poisonOf(inputs.valid);
  const standIn = await startNationalStandIn({
    busyEvery: 5,
    outageAfter: 12,
    outageMs: 1500,
    refuse: new Set(poison ? [poison] : []),
  });
  let hub: RunningHub | undefined;
  try {
    const setup = demoHubConfig({ dataDir, nationalUrl: standIn.url, senders: sendersOf(inputs), registry });
    const configFile = join(dataDir, "hub.yaml");
    await writeFile(configFile, setup.yaml);
    const logFile = join(dataDir, "hub.log");
    const logger = hubLogger(setup.config, pino.destination({ dest: logFile, sync: true }));
    hub = await startHub(setup.config, { logger, registry, port: 0, relayPollMs: 100 });
    const timeoutMs = options.settleTimeoutMs ?? 60_000;
    const operatorToken = setup.tokens.get(DEMO_OPERATOR.unitId) ?? "";
    const tokenFor = (post: DemoPost) => setup.tokens.get(post.sender?.unitId ?? "") ?? operatorToken;

    // A day of reports, in the order they were sent; one at a time, as a department's system would.
    const valid: PostAnswer[] = [];
    for (const post of inputs.valid) valid.push(await postMessage(hub.url, post, tokenFor(post)));
    const first = inputs.valid[0] as DemoPost;
    const resend = await postMessage(hub.url, first, tokenFor(first));
    const badToken = await postMessage(hub.url, first, "not-the-token-of-any-unit");
    const invalid: InvalidAnswer[] = [];
    for (const post of inputs.invalid as DemoInvalidPost[]) {
      const answer = await postMessage(hub.url, post, tokenFor(post));
      const asDeclared = answer.status >= 400 && answer.status < 500 && sameSet(codesOf(answer, "error"), post.declaredCodes);
      invalid.push({ ...answer, declaredCodes: post.declaredCodes, asDeclared });
    }
    const weather: PostAnswer[] = [];
    for (const post of inputs.weather) weather.push(await postMessage(hub.url, post, tokenFor(post)));
    // A provincial forest-fire monitoring centre posts each satellite pass as its bulletin comes.
    const satellite: SatelliteAnswer[] = [];
    for (const post of inputs.satellite) {
      const answer = await postMessage(hub.url, post, tokenFor(post));
      const fires = [];
      for (const receipt of answer.receipts) {
        const stored = await hub.store.getMessage(receipt.messageId, post.sender?.unitId);
        if (stored?.envelope.kind === "incident") {
          const { incidentId, stage, sequence } = stored.envelope.payload;
          fires.push({ incidentId, stage, sequence });
        }
      }
      const joined = answer.issues.some((issue) => issue.code === "EIX_INGEST_FOLLOW_UP_JOINED");
      satellite.push({ ...answer, fires, joined });
    }

    // The relay works through the stand-in's bad day; then the duty officer has its side fixed
    // and replays the dead letters.
    let settled = await settle(hub, timeoutMs);
    const deadBeforeReplay = (await allDeliveries(hub)).filter((d) => d.state === "dead");
    standIn.fix();
    const replays: ReplayStep[] = [];
    for (const delivery of deadBeforeReplay)
      replays.push({ delivery, status: await replayDelivery(hub.url, delivery.deliveryId, operatorToken) });
    settled = settled && (await settle(hub, timeoutMs));
    const deliveries = await allDeliveries(hub);
    const archiveFiles = (await readdir(join(dataDir, "archive")).catch(() => [])).length;
    const partial = {
      dataDir,
      logFile,
      configFile,
      hubUrl: hub.url,
      nationalUrl: standIn.url,
      ...(inputs.weatherDir ? { weatherDir: inputs.weatherDir } : {}),
      valid,
      resend,
      badToken,
      invalid,
      weather,
      satellite,
      deadBeforeReplay,
      replays,
      deliveries,
      national: { requests: [...standIn.requests], held: standIn.accepted.size, outage: standIn.outage.started },
      archiveFiles,
      elapsedMs: Date.now() - started,
      settled,
    };
    return { ...partial, checks: scenarioChecks(partial, poison, standIn) };
  } finally {
    await hub?.close();
    await standIn.close();
  }
}
