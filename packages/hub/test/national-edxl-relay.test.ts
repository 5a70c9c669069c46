// The upward path to the national platform (国家应急平台) in EDXL-DE 2.0, against a real hub:
// `startHub` with a YAML configuration, SQLite in a temporary directory, HTTP on port 0. Every
// canonical incident example is posted by the unit that sends it; one route sends every incident
// to the `national` destination (http, adapter national.edxl), a loopback stand-in of the
// platform. The stand-in decodes each distribution with the adapter and answers 200 with an EDXL
// Ack distribution — except for one incident it refuses with an Error distribution. The hub reads
// those replies with the destination's adapter: the acked deliveries end `delivered` with the
// reply recorded, the refused one `dead` with EIX_RELAY_REPLY_REJECTED and the platform's reason.
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nationalEdxlAdapter } from "@eix/adapters";
import type { Envelope, Unit } from "@eix/schema";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { de20Errors } from "../../adapters/test/national-edxl-validators.js";
import { parseHubConfig } from "../src/config/load-hub-config.js";
import { hashToken } from "../src/config/unit-token.js";
import { type RunningHub, startHub } from "../src/serve/start-hub.js";
import type { DeliveryRecord } from "../src/store/store-records.js";
import { type Answer, bearer, call } from "./http/hub-harness.js";

type Incident = Extract<Envelope, { kind: "incident" }>;
type Ack = Extract<Envelope, { kind: "ack" }>;

const OPERATOR = "110000-YJB-YW";
const OPERATOR_TOKEN = "nat-operator-token-5e0c91";
const EDXL_XML = nationalEdxlAdapter.mediaTypes[0] as string;

// ---------------------------------------------------------------------------------------------
// The examples: every incident-*.json (the *.expected.json beside some are notes on what
// validation says, not messages), each with the unit that sends it.
const exampleDir = new URL("../../schema/examples/valid/", import.meta.url);
const INCIDENTS: Incident[] = readdirSync(exampleDir)
  .filter((name) => /^incident-.*\.json$/.test(name) && !name.endsWith(".expected.json"))
  .map((name) => JSON.parse(readFileSync(new URL(name, exampleDir), "utf8")) as Incident)
  // Posted in the order they were sent, so a report chain (初报/续报/终报) goes in in order.
  .sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));

/** The incident the platform refuses: a report of its own (a lane of one), so it holds nothing back. */
const REFUSED_ID = "01a1ef5e-5820-79b4-8ee8-56ac038d21ca"; // incident-coal-mine-flooding-xiangyuan
const REFUSAL_NOTE = "事件类型与报告不符 / event type does not match the report";

const SENDERS = new Map<string, Unit>(INCIDENTS.map((incident) => [incident.sender.unitId, incident.sender]));
const tokenOf = (unitId: string) => `nat-${unitId.toLowerCase()}-token`;

/** Who answers for the platform: the national level, whose region is the whole country (100000). */
const PLATFORM: Unit = {
  unitId: "100000-YJB-GJPT",
  name: "应急管理部国家应急平台",
  department: "emergency-office",
  level: "national",
  regionCode: "100000",
};

function configText(nationalUrl: string): string {
  const unit = (u: Unit, token: string, more = "") => `  - unitId: ${u.unitId}
    name: ${u.name}
    department: ${u.department}
    level: ${u.level}
    regionCode: "${u.regionCode}"
    tokenSha256: ${hashToken(token)}
${more}`;
  const operator: Unit = {
    unitId: OPERATOR,
    name: "应急管理部信息中心运维值班",
    department: "emergency-office",
    level: "provincial",
    regionCode: "110000",
  };
  // No unit has `inbox: national`: the platform's replies are read with no configured sender,
  // which an Ack or Error distribution made by EIX allows (it carries its own ack, sender included).
  return `hubId: nat-test-hub
store: { kind: sqlite, path: ./hub.db }
units:
${[...SENDERS.values()].map((u) => unit(u, tokenOf(u.unitId))).join("")}${unit(operator, OPERATOR_TOKEN, "    operator: true\n")}destinations:
  - id: national
    kind: http
    url: ${nationalUrl}
    adapter: national.edxl
    acceptsStatus: [actual, exercise, test]
    timeouts: { connectMs: 1000, headersMs: 3000, bodyMs: 3000 }
    retry: { initialDelayMs: 50, maxDelayMs: 100, maxAttempts: 3, maxAgeMs: 10000 }
routes:
  - name: incidents-to-national
    match: { kind: [incident] }
    to: [national]
log: { level: silent }
`;
}

// ---------------------------------------------------------------------------------------------
// The stand-in for the national platform.

interface Arrival {
  readonly messageId: string;
  readonly unitId: string;
  readonly contentType: string | undefined;
  readonly body: string;
  /** What the adapter made of the body: the messages, or why it refused. */
  readonly decoded: ReturnType<typeof nationalEdxlAdapter.decode>;
  readonly replied: "Ack" | "Error" | "400";
}

/** Second precision, as EDXL-DE writes times. */
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");

/** The platform's acknowledgement of `message`, as a canonical ack envelope. */
function platformAck(message: Envelope, refusal?: string): Ack {
  const at = now();
  return {
    id: randomUUID(),
    schema: "eix/1",
    kind: "ack",
    sentAt: at,
    sender: PLATFORM,
    status: message.status,
    classification: "internal",
    payload: {
      of: message.id,
      ofUnitId: message.sender.unitId,
      type: refusal ? "rejected" : "received",
      by: { name: "国家应急平台值班员", role: "值班员" },
      at,
      ...(refusal ? { note: refusal } : {}),
    },
  };
}

async function startStandIn(arrivals: Arrival[]): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const bytes = Buffer.concat(chunks);
      const decoded = nationalEdxlAdapter.decode(new Uint8Array(bytes));
      const messageId = String(request.headers["x-eix-message-id"]);
      const message = decoded.ok && decoded.messages.length === 1 ? decoded.messages[0] : undefined;
      const record = (replied: Arrival["replied"]) =>
        arrivals.push({
          messageId,
          unitId: decodeURIComponent(String(request.headers["x-eix-unit-id"])),
          contentType: request.headers["content-type"],
          body: bytes.toString("utf8"),
          decoded,
          replied,
        });
      if (!message || message.id !== messageId) {
        record("400");
        response.writeHead(400, { "content-type": "text/plain" }).end("not one EIX message in EDXL-DE 2.0");
        return;
      }
      const refused = message.id === REFUSED_ID;
      record(refused ? "Error" : "Ack");
      const reply = nationalEdxlAdapter.encode?.(platformAck(message, refused ? REFUSAL_NOTE : undefined));
      response.writeHead(200, { "content-type": EDXL_XML }).end(reply);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return server;
}

// ---------------------------------------------------------------------------------------------

let hub: RunningHub;
let standIn: Server;
let dir: string;
const arrivals: Arrival[] = [];
const posted: Answer[] = [];

const operatorGet = (path: string) => call(`${hub.url}${path}`, { headers: bearer(OPERATOR_TOKEN) });

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 6000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function deliveries(): Promise<DeliveryRecord[]> {
  const answer = await operatorGet("/v1/deliveries?limit=1000");
  return answer.json.deliveries as DeliveryRecord[];
}

/** Every delivery has come to an end: delivered or dead. */
async function settled(): Promise<boolean> {
  const all = await deliveries();
  return all.length === INCIDENTS.length && all.every((d) => d.state === "delivered" || d.state === "dead");
}

/** The envelope without its provenance (the hub adds its hop). */
function withoutProvenance(envelope: Envelope): Omit<Envelope, "provenance"> {
  const { provenance: _, ...rest } = envelope;
  return rest;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "eix-national-edxl-"));
  standIn = await startStandIn(arrivals);
  const url = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}/edxl/de2`;
  const config = parseHubConfig(configText(url), { file: join(dir, "hub.yaml"), env: {} });
  hub = await startHub(config, { port: 0, logger: pino({ level: process.env.EIX_TEST_LOG ?? "silent" }), relayPollMs: 50 });
  for (const incident of INCIDENTS)
    posted.push(
      await call(`${hub.url}/v1/messages`, {
        method: "POST",
        body: JSON.stringify(incident),
        headers: { ...bearer(tokenOf(incident.sender.unitId)), "content-type": "application/json" },
      }),
    );
  await until(settled, "every delivery to the national platform delivered or dead");
  await new Promise((resolve) => setTimeout(resolve, 150)); // a few more relay polls: nothing more goes out
});

afterAll(async () => {
  await hub?.close();
  if (standIn) {
    standIn.closeAllConnections();
    await new Promise((resolve) => standIn.close(resolve));
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("incidents relayed to the national platform in EDXL-DE 2.0, its Ack and Error replies recorded", () => {
  test("the examples: every incident, one of them refused", () => {
    expect(INCIDENTS.length).toBeGreaterThanOrEqual(15);
    expect(INCIDENTS.map((i) => i.id)).toContain(REFUSED_ID);
    expect(new Set(INCIDENTS.map((i) => i.id)).size).toBe(INCIDENTS.length);
  });

  test("each is accepted (202) by the hub and routed to national only", () => {
    INCIDENTS.forEach((incident, i) => {
      const answer = posted[i] as Answer;
      expect(answer.status, `${incident.id}: ${answer.text}`).toBe(202);
      expect(answer.json.receipts).toEqual([
        expect.objectContaining({
          messageId: incident.id,
          unitId: incident.sender.unitId,
          duplicate: false,
          destinations: ["national"],
        }),
      ]);
      expect(answer.json.receipts[0].withheld ?? []).toEqual([]);
    });
  });

  test("the stand-in gets each incident exactly once, as EDXL XML with the message's id and unit in the headers", () => {
    const ids = arrivals.map((a) => a.messageId);
    expect([...ids].sort()).toEqual(INCIDENTS.map((i) => i.id).sort());
    for (const arrival of arrivals) {
      const incident = INCIDENTS.find((i) => i.id === arrival.messageId) as Incident;
      expect(arrival.unitId).toBe(incident.sender.unitId);
      // The adapter's first media type is what the hub sends (EDXL-DE has no registered one).
      expect(arrival.contentType).toBe("application/vnd.eix.edxl-de+xml");
      expect(arrival.body).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\s*<EDXLDistribution /);
      expect(arrival.body).toContain('xmlns="urn:oasis:names:tc:emergency:EDXL:DE:2.0"');
      expect(arrival.replied).toBe(arrival.messageId === REFUSED_ID ? "Error" : "Ack");
    }
  });

  test("each distribution decodes to the very message the hub stored (provenance aside)", async () => {
    for (const arrival of arrivals) {
      expect(arrival.decoded.ok, arrival.messageId).toBe(true);
      if (!arrival.decoded.ok) continue;
      expect(arrival.decoded.source.sourceFormat).toBe("EDXL-DE 2.0 XML");
      expect(arrival.decoded.issues.filter((issue) => issue.severity === "error")).toEqual([]);
      expect(arrival.decoded.messages).toHaveLength(1);
      const [decoded] = arrival.decoded.messages as [Envelope];
      const stored = await operatorGet(`/v1/messages/${arrival.messageId}?unitId=${encodeURIComponent(arrival.unitId)}`);
      expect(stored.status).toBe(200);
      expect(withoutProvenance(decoded)).toEqual(withoutProvenance(stored.json.envelope));
      // The canonical JSON inside carries the provenance too, the hub's own hop last.
      expect(decoded.provenance?.at(-1)).toMatchObject({ hubId: "nat-test-hub", adapter: { id: "eix.json" } });
      // And what was posted, for the payload: the hub relays the report as the county wrote it.
      const incident = INCIDENTS.find((i) => i.id === arrival.messageId) as Incident;
      expect(decoded.payload).toEqual(incident.payload);
      // The distribution says what it is on its envelope: Report for an initial report, status as the message's.
      const kind = incident.payload.stage === "initial" ? "Report" : "Update";
      expect(arrival.body).toContain(`<distributionKind>${kind}</distributionKind>`);
      const status = { actual: "Actual", exercise: "Exercise", test: "Test" }[incident.status];
      expect(arrival.body).toContain(`<distributionStatus>${status}</distributionStatus>`);
    }
  });

  test("a received distribution is valid against the EDXL-DE 2.0 XSD", async () => {
    const arrival = arrivals.find((a) => a.messageId !== REFUSED_ID) as Arrival;
    expect(await de20Errors(arrival.body)).toEqual([]);
    const refused = arrivals.find((a) => a.messageId === REFUSED_ID) as Arrival;
    expect(await de20Errors(refused.body)).toEqual([]);
  });

  test("the acked deliveries end delivered, the platform's Ack recorded as the reply", async () => {
    for (const incident of INCIDENTS.filter((i) => i.id !== REFUSED_ID)) {
      const answer = await operatorGet(`/v1/messages/${incident.id}?unitId=${encodeURIComponent(incident.sender.unitId)}`);
      expect(answer.status).toBe(200);
      const [delivery, ...more] = answer.json.deliveries as DeliveryRecord[];
      expect(more).toEqual([]);
      expect(delivery, incident.id).toMatchObject({ destination: "national", state: "delivered", attempts: 1 });
      expect(delivery?.lastResponse).toMatchObject({
        status: 200,
        headers: expect.objectContaining({ "content-type": EDXL_XML }),
        reply: { type: "received", of: incident.id, format: "national.edxl" },
      });
      expect(delivery?.lastResponse?.reply).not.toHaveProperty("note");
      expect(delivery?.lastError).toBeUndefined();
    }
  });

  test("the refused one ends dead with EIX_RELAY_REPLY_REJECTED and the platform's reason, after one attempt", async () => {
    const refused = INCIDENTS.find((i) => i.id === REFUSED_ID) as Incident;
    const answer = await operatorGet(`/v1/messages/${REFUSED_ID}?unitId=${encodeURIComponent(refused.sender.unitId)}`);
    expect(answer.status).toBe(200);
    const [delivery, ...more] = answer.json.deliveries as DeliveryRecord[];
    expect(more).toEqual([]);
    expect(delivery).toMatchObject({ destination: "national", state: "dead", attempts: 1 });
    expect(delivery?.lastError).toMatch(/^EIX_RELAY_REPLY_REJECTED/);
    expect(delivery?.lastError).toContain("HTTP 200");
    expect(delivery?.lastError).toContain(REFUSAL_NOTE);
    expect(delivery?.lastResponse).toMatchObject({
      status: 200,
      reply: { type: "rejected", of: REFUSED_ID, note: REFUSAL_NOTE, format: "national.edxl" },
    });
    expect(delivery?.lastResponse?.body).toContain("<distributionKind>Error</distributionKind>");
  });

  test("the dead letters list holds the refused delivery only", async () => {
    const answer = await operatorGet("/v1/deliveries?state=dead");
    expect(answer.status).toBe(200);
    const dead = answer.json.deliveries as DeliveryRecord[];
    expect(dead.map((d) => d.messageId)).toEqual([REFUSED_ID]);
    expect(dead[0]?.lastError).toMatch(/^EIX_RELAY_REPLY_REJECTED: .*事件类型与报告不符/);
    expect(dead[0]?.lastResponse?.reply?.type).toBe("rejected");
    const all = await deliveries();
    expect(all.filter((d) => d.state === "delivered")).toHaveLength(INCIDENTS.length - 1);
  });
});
