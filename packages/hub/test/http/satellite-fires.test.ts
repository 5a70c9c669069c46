// Satellite hotspots through the hub daemon (`startHub`, SQLite file, a loopback receiver as the
// city's command system): a provincial monitoring centre posts one bulletin per satellite pass;
// the first pass over a fire is its initial report (初报), later passes — each naming the fire
// after its own earliest hotspot — are joined into that fire's chain as updates (续报), also
// after the hub restarts, and relayed in order. GET /v1/incidents/:id shows the chain.
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseHubConfig } from "../../src/config/load-hub-config.js";
import { hashToken } from "../../src/config/unit-token.js";
import { type RunningHub, startHub } from "../../src/serve/start-hub.js";
import { type Answer, bearer, call } from "./hub-harness.js";

const TOKEN = "hlj-forestry-token-51c0de";
const OPERATOR_TOKEN = "hlj-operator-token-7d2e90";
const UNIT = "230000-LCJ-WXRD";
const HEADER = "热点编号,卫星,观测时间,经度,纬度,省,县,像元数,地类,是否连续,核查结果";
const KM_PER_DEG = (6371.0088 * Math.PI) / 180;
/** A forest hotspot of 漠河市 `kmNorth` km north of 53.10N 122.80E, seen at `time` (Beijing). */
const row = (id: string, satellite: string, time: string, kmNorth: number, lon = 122.8) =>
  `${id},${satellite},${time},${lon},${(53.1 + kmNorth / KM_PER_DEG).toFixed(6)},黑龙江省,漠河市,3,林地,否,待核查`;
const bulletin = (...rows: string[]) => new TextEncoder().encode(`${HEADER}\r\n${rows.join("\r\n")}\r\n`);

function configText(dir: string, receiverUrl: string): string {
  return `hubId: hlj-test-hub
store: { kind: sqlite, path: ${join(dir, "hub.db")} }
units:
  - unitId: ${UNIT}
    name: 黑龙江省林业和草原局卫星林火监测
    department: forestry
    level: provincial
    regionCode: "230000"
    tokenSha256: ${hashToken(TOKEN)}
    adapterOptions:
      forestry.hotspots: { landTypeMinConfidence: { farmland: never } }
  - unitId: 230000-YJT-YW
    name: 黑龙江省应急管理厅运维值班
    department: emergency-office
    level: provincial
    regionCode: "230000"
    tokenSha256: ${hashToken(OPERATOR_TOKEN)}
    operator: true
destinations:
  - id: daxinganling-command
    kind: http
    url: ${receiverUrl}
routes:
  - name: forest-fires-to-the-prefecture
    match: { kind: [incident], eventTypePrefix: [11G] }
    to: [daxinganling-command]
log: { level: silent }
`;
}

interface Delivered {
  readonly incidentId: string;
  readonly stage: string;
  readonly sequence: number;
}

function startReceiver(received: Delivered[]): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const envelope = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const { incidentId, stage, sequence } = envelope.payload;
      received.push({ incidentId, stage, sequence });
      response.writeHead(200).end();
    });
  });
  server.listen(0, "127.0.0.1");
  return once(server, "listening").then(() => server);
}

let hub: RunningHub;
let receiver: Server;
let dir: string;
let config: ReturnType<typeof parseHubConfig>;
const received: Delivered[] = [];
const logger = pino({ level: process.env.EIX_TEST_LOG ?? "silent" });

const post = (body: Uint8Array): Promise<Answer> =>
  call(`${hub.url}/v1/messages`, { method: "POST", body, headers: { ...bearer(TOKEN), "content-type": "text/csv" } });
const chainOf = async (incidentId: string) => {
  const answer = await call(`${hub.url}/v1/incidents/${encodeURIComponent(incidentId)}`, { headers: bearer(OPERATOR_TOKEN) });
  expect(answer.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: read field by field.
  return answer.json.chain as any[];
};

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "eix-satellite-fires-"));
  receiver = await startReceiver(received);
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/eix/messages`;
  config = parseHubConfig(configText(dir, receiverUrl), { file: join(dir, "hub.yaml"), env: {} });
  hub = await startHub(config, { port: 0, logger, relayPollMs: 50 });
});

afterAll(async () => {
  await hub?.close();
  receiver?.closeAllConnections();
  if (receiver) await new Promise((resolve) => receiver.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("one fire seen on four passes, with a hub restart between", () => {
  let fire: string;

  test("the first pass is the fire's initial report, in 漠河市", async () => {
    const answer = await post(
      bulletin(row("P1-1", "FY-3D", "2025-05-01 13:42", 0), row("P1-2", "FY-3D", "2025-05-01 13:42", 0.9)),
    );
    expect(answer.status).toBe(202);
    expect(answer.json.receipts).toHaveLength(1);
    const [report] = await chainOf(answer.json.receipts[0].messageId.replace(/-[0-9a-f]{12}$/, ""));
    expect(report).toMatchObject({ stage: "initial", sequence: 1 });
    expect(report.envelope.payload.location.regionCode).toBe("232701");
    fire = report.incidentId;
  });

  test("the second pass starts under another id and is joined as update 2, with a warning saying so", async () => {
    const answer = await post(
      bulletin(row("P2-1", "NOAA-20", "2025-05-01 15:20", 1.9), row("P2-2", "NOAA-20", "2025-05-01 15:20", 3.0)),
    );
    expect(answer.status).toBe(202);
    expect(answer.json.receipts[0].messageId.startsWith(fire)).toBe(false);
    expect(answer.json.issues).toEqual([
      expect.objectContaining({ code: "EIX_INGEST_FOLLOW_UP_JOINED", severity: "warning", path: "/payload/incidentId" }),
    ]);
    const chain = await chainOf(fire);
    expect(chain.map((link) => [link.stage, link.sequence])).toEqual([
      ["initial", 1],
      ["update", 2],
    ]);
    expect(chain[1].envelope.references).toEqual([{ id: chain[0].messageId, relation: "updates" }]);
  });

  test("after a restart the hub still finds the fire by place: the third pass is update 3", async () => {
    await hub.close();
    hub = await startHub(config, { port: 0, logger, relayPollMs: 50 });
    const answer = await post(bulletin(row("P3-1", "FY-3D", "2025-05-01 18:05", 3.8)));
    expect(answer.status).toBe(202);
    expect((await chainOf(fire)).map((link) => link.sequence)).toEqual([1, 2, 3]);
  });

  test("a pass 7 hours after the last hotspot there is a new fire; everything reached the prefecture in chain order", async () => {
    const answer = await post(bulletin(row("P4-1", "FY-3D", "2025-05-02 01:10", 3.8)));
    expect(answer.status).toBe(202);
    expect(answer.json.issues ?? []).toEqual([]);
    await until(() => received.length === 4, "four deliveries");
    expect(received.filter((d) => d.incidentId === fire).map((d) => [d.stage, d.sequence])).toEqual([
      ["initial", 1],
      ["update", 2],
      ["update", 3],
    ]);
    expect(received.find((d) => d.incidentId !== fire)).toMatchObject({ stage: "initial", sequence: 1 });
  });
});

describe("the unit's adapter options", () => {
  test("farmland never starts a fire for this unit: a confirmed, continuous farmland hotspot is not reportable", async () => {
    const farmland = "F-1,FY-3D,2025-05-03 13:42,126.9000,47.2000,黑龙江省,,8,农田,是,已核实为明火";
    const answer = await post(bulletin(farmland));
    expect(answer.status).toBe(200);
    expect(answer.json.receipts).toEqual([]);
    expect(answer.json.issues.map((issue: { code: string }) => issue.code)).toEqual([
      "EIX_HOTSPOT_LOW_CONFIDENCE",
      "EIX_HOTSPOT_NOT_REPORTABLE",
    ]);
  });
});
