// HL7 v2 posted over HTTP by a health unit, against a real hub (`startHub`, SQLite in a temporary
// directory, a loopback HTTP receiver as the CDC): a lab result that is no notifiable case is
// accepted with no receipt, its bytes kept in the quarantine table as "not-reportable" and relayed
// nowhere; /v1/validate says the same without storing anything; a case is accepted and relayed.
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
import { type Answer, bearer, call, corpusFile } from "./hub-harness.js";

const HEALTH_TOKEN = "gx-health-token-7a31d0";
const OPERATOR_TOKEN = "gx-operator-token-c04be2";
const HEALTH_UNIT = "gx-health";
const LAB_RESULT = "hl7v2/rethink-oru-r01-lab.hl7";
const CHOLERA_CASE = "health/hl7-oru-r01-cholera-confirmed.hl7";
const CHOLERA_MESSAGE_ID = "hl7-NNCDC-LAB-20260721-0042";

function configText(receiverUrl: string): string {
  return `hubId: gx-test-hub
store: { kind: sqlite, path: ./hub.db }
units:
  - unitId: ${HEALTH_UNIT}
    name: 广西壮族自治区卫生健康委员会
    department: health
    level: provincial
    regionCode: "450000"
    tokenSha256: ${hashToken(HEALTH_TOKEN)}
  - unitId: gx-operator
    name: 广西壮族自治区应急管理厅运维值班
    department: emergency-office
    level: provincial
    regionCode: "450000"
    tokenSha256: ${hashToken(OPERATOR_TOKEN)}
    operator: true
destinations:
  - id: gx-cdc
    kind: http
    url: ${receiverUrl}
routes:
  - name: notifiable-disease-cases-to-cdc
    match: { kind: [incident], eventTypePrefix: [13A] }
    to: [gx-cdc]
log: { level: silent }
`;
}

/** A loopback receiver recording the X-EIX-Message-Id of every delivery it gets. */
function startReceiver(received: string[]): Promise<Server> {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      received.push(String(request.headers["x-eix-message-id"]));
      response.writeHead(200).end();
    });
  });
  server.listen(0, "127.0.0.1");
  return once(server, "listening").then(() => server);
}

let hub: RunningHub;
let receiver: Server;
let dir: string;
const received: string[] = [];

const post = (path: string, body: Uint8Array, headers: Record<string, string>): Promise<Answer> =>
  call(`${hub.url}${path}`, { method: "POST", body, headers });

/** POST /v1/messages as the health unit. */
const ingest = (body: Uint8Array, headers: Record<string, string>) =>
  post("/v1/messages", body, { ...bearer(HEALTH_TOKEN), ...headers });

const operatorGet = (path: string) => call(`${hub.url}${path}`, { headers: bearer(OPERATOR_TOKEN) });

/** The quarantine records of the HTTP source for the health unit, oldest first, as the operators' API shows them. */
async function quarantined() {
  const answer = await operatorGet(`/v1/quarantine?source=http&unitId=${HEALTH_UNIT}`);
  expect(answer.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: read field by field.
  return answer.json.quarantine as any[];
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 4000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const notReportable = expect.objectContaining({
  code: "EIX_HL7_NOT_REPORTABLE",
  severity: "warning",
  position: expect.objectContaining({ at: "MSH" }),
  message: {
    "zh-CN": expect.stringContaining("MSG00003"),
    en: "HL7 message ORU^R01 (control id MSG00003) carries no notifiable-disease case; no report is made",
  },
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "eix-not-reportable-"));
  receiver = await startReceiver(received);
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/eix/messages`;
  const config = parseHubConfig(configText(receiverUrl), { file: join(dir, "hub.yaml"), env: {} });
  hub = await startHub(config, { port: 0, logger: pino({ level: process.env.EIX_TEST_LOG ?? "silent" }), relayPollMs: 50 });
});

afterAll(async () => {
  await hub?.close();
  receiver?.closeAllConnections();
  if (receiver) await new Promise((resolve) => receiver.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("an HL7 message with nothing to report, posted by a health unit", () => {
  test("named by X-EIX-Adapter: 200, no receipt, the EIX_HL7_NOT_REPORTABLE warning", async () => {
    const answer = await ingest(corpusFile(LAB_RESULT), { "x-eix-adapter": "health.hl7v2", "content-type": "text/plain" });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ receipts: [], issues: [notReportable] });
  });

  test("its bytes are recorded in quarantine as not-reportable, and nothing is stored or relayed", async () => {
    const before = (await quarantined()).length;
    const bytes = corpusFile(LAB_RESULT);
    expect((await ingest(bytes, { "x-eix-adapter": "health.hl7v2" })).status).toBe(200);

    const records = await quarantined();
    expect(records).toHaveLength(before + 1);
    const record = records.at(-1);
    expect(record).toMatchObject({
      source: "http",
      unitId: HEALTH_UNIT,
      reasonCodes: ["EIX_HL7_NOT_REPORTABLE"],
      issues: [notReportable],
      detail: { outcome: "not-reportable", adapter: "health.hl7v2" },
      raw: { size: bytes.length, truncated: false },
    });
    expect(Buffer.from(record.raw.base64, "base64").equals(bytes)).toBe(true);

    const deliveries = await operatorGet("/v1/deliveries");
    expect(deliveries.status).toBe(200);
    expect(deliveries.json.deliveries).toEqual([]);
    expect((await operatorGet("/v1/messages/hl7-FACILITY_B-MSG00003")).status).toBe(404);
    expect(received).toEqual([]);
  });

  test("chosen by Content-Type application/hl7-v2: the same answer", async () => {
    const answer = await ingest(corpusFile(LAB_RESULT), { "content-type": "application/hl7-v2" });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ receipts: [], issues: [notReportable] });
  });

  test("POST /v1/validate: valid, zero messages, the same warning; nothing is recorded", async () => {
    const before = (await hub.store.listQuarantine()).length;
    for (const headers of [
      { "x-eix-adapter": "health.hl7v2" },
      { "content-type": "application/hl7-v2", ...bearer(HEALTH_TOKEN) },
    ]) {
      const answer = await post("/v1/validate", corpusFile(LAB_RESULT), headers);
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ valid: true, adapter: "health.hl7v2", messages: [], issues: [notReportable] });
    }
    expect(await hub.store.listQuarantine()).toHaveLength(before);
  });
});

describe("an HL7 notifiable-disease case posted by a health unit", () => {
  test("202 with one receipt routed to the CDC, which receives it; a resend is 200 with the same receipt", async () => {
    const bytes = corpusFile(CHOLERA_CASE);
    const answer = await ingest(bytes, { "content-type": "application/hl7-v2" });
    expect(answer.status).toBe(202);
    expect(answer.json.receipts).toEqual([
      {
        messageId: CHOLERA_MESSAGE_ID,
        unitId: HEALTH_UNIT,
        receiptId: expect.any(String),
        receivedAt: expect.any(String),
        duplicate: false,
        destinations: ["gx-cdc"],
      },
    ]);
    expect(answer.json.issues.map((issue: { code: string }) => issue.code)).not.toContain("EIX_HL7_NOT_REPORTABLE");

    await until(() => received.includes(CHOLERA_MESSAGE_ID), "the delivery to the CDC");

    const again = await ingest(bytes, { "content-type": "application/hl7-v2" });
    expect(again.status).toBe(200);
    expect(again.json.receipts).toEqual([
      expect.objectContaining({ receiptId: answer.json.receipts[0].receiptId, duplicate: true, destinations: [] }),
    ]);
    const stored = await operatorGet(`/v1/messages/${CHOLERA_MESSAGE_ID}`);
    expect(stored.json.deliveries).toHaveLength(1);
  });
});
