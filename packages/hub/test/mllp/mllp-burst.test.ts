// A mass-casualty incident (群体伤亡事件) against a real hub: `startHub` with a SQLite store in a
// temporary directory; the provincial emergency office posts the incident's initial report as
// canonical JSON over HTTP; two hospitals, each on its own MLLP listener (health.hl7v2), then
// register their casualties in a burst over two sockets writing at the same time. The hub folds
// every registration into the incident's report chain (casualty-tally.ts) and relays everything to
// a loopback HTTP receiver, one report at a time per incident.
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readHl7Ack } from "@eix/adapters";
import { type Envelope, validate } from "@eix/schema";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseHubConfig } from "../../src/config/load-hub-config.js";
import { hashToken } from "../../src/config/unit-token.js";
import type { RegisteredCasualties } from "../../src/ingest/chain-placement.js";
import { type RunningHub, startHub } from "../../src/serve/start-hub.js";
import type { IncidentChainEntry } from "../../src/store/store-records.js";
import { bearer, call } from "../http/hub-harness.js";
import { type LogLine, memoryLogger } from "../relay/relay-fixtures.js";
import { frame, RawClient, until } from "./mllp-fixtures.js";

type Incident = Extract<Envelope, { kind: "incident" }>;

const OFFICE_TOKEN = "ha-office-token-3b8e17";
const OPERATOR_TOKEN = "ha-operator-token-d24a60";
const ZMX_TOKEN = "ha-zmx-hospital-token-90c3fe";
const ZDYFY_TOKEN = "ha-zdyfy-hospital-token-unused-here";
const OFFICE_UNIT = "410000-YJT-ZBS";
const ZDYFY_UNIT = "410100-WJW-ZDYFY";
const ZMX_UNIT = "410122-WJW-ZMXRMYY";
const INCIDENT_ID = "410122-20260123-0002";
const UNKNOWN_INCIDENT_ID = "410122-20260123-9999";

function configText(receiverUrl: string): string {
  return `hubId: ha-test-hub
store: { kind: sqlite, path: ./hub.db }
units:
  - unitId: ${OFFICE_UNIT}
    name: 河南省应急管理厅值班室
    department: emergency-office
    level: provincial
    regionCode: "410000"
    tokenSha256: ${hashToken(OFFICE_TOKEN)}
  - unitId: 410000-YJT-YW
    name: 河南省应急管理厅运维值班
    department: emergency-office
    level: provincial
    regionCode: "410000"
    tokenSha256: ${hashToken(OPERATOR_TOKEN)}
    operator: true
  - unitId: ${ZDYFY_UNIT}
    name: 郑州大学第一附属医院
    department: health
    level: municipal
    regionCode: "410100"
    tokenSha256: ${hashToken(ZDYFY_TOKEN)}
  - unitId: ${ZMX_UNIT}
    name: 中牟县人民医院
    department: health
    level: county
    regionCode: "410122"
    tokenSha256: ${hashToken(ZMX_TOKEN)}
destinations:
  - id: provincial-platform
    kind: http
    url: ${receiverUrl}
    retry: { initialDelayMs: 100, maxDelayMs: 200 }
routes:
  - name: everything-to-the-province
    match: {}
    to: [provincial-platform]
mllp:
  - name: zdyfy
    port: 0
    unitId: ${ZDYFY_UNIT}
    adapter: health.hl7v2
  - name: zmxrmyy
    port: 0
    unitId: ${ZMX_UNIT}
    adapter: health.hl7v2
log: { level: silent }
`;
}

/** The incident's initial report: the schema's road traffic example, moved to 中牟县 and sent by the province. */
function initialReport(): Incident {
  const url = new URL("../../../schema/examples/valid/incident-road-traffic-122-collision.json", import.meta.url);
  const doc = JSON.parse(readFileSync(url, "utf8")) as Incident;
  const envelope: Incident = {
    ...doc,
    id: "019be81b-9380-7d2b-8fe5-410122000002",
    sender: {
      unitId: OFFICE_UNIT,
      name: "河南省应急管理厅值班室",
      department: "emergency-office",
      level: "provincial",
      regionCode: "410000",
    },
    payload: {
      ...doc.payload,
      incidentId: INCIDENT_ID,
      title: "G30连霍高速中牟段一大客车与重型货车相撞",
      location: { ...doc.payload.location, regionCode: "410122", address: "河南省郑州市中牟县G30连霍高速K612处" },
      casualties: { deaths: 2, injured: 5, seriouslyInjured: 2, trapped: 0 },
    },
  };
  expect(validate(envelope).valid).toBe(true);
  return envelope;
}

type Category = "injured" | "seriouslyInjured" | "dead";
const categoryOf: Record<string, Category> = {
  green: "injured",
  yellow: "injured",
  injured: "injured",
  red: "seriouslyInjured",
  重伤: "seriouslyInjured",
  black: "dead",
  死亡: "dead",
};
const WORDS = Object.keys(categoryOf);

interface Sent {
  readonly facility: string;
  readonly controlId: string;
  readonly visit: string;
  readonly category: string;
  readonly trigger: "A01" | "A04" | "A08";
  readonly incidentId: string;
}

/** One ADT registration as a hospital's HIS sends it; MSH-7 07:30 + `minute` Beijing time. */
function adt(sent: Sent, minute: number): string {
  const at = 7 * 60 + 30 + minute;
  const time = `20260123${String(Math.floor(at / 60)).padStart(2, "0")}${String(at % 60).padStart(2, "0")}00+0800`;
  const pv1 = ["PV1", "1", "E", ...Array<string>(16).fill(""), sent.visit];
  return `${[
    `MSH|^~\\&|HIS|${sent.facility}|EIX|HUB|${time}||ADT^${sent.trigger}^ADT_A01|${sent.controlId}|P|2.5|||AL|NE||UNICODE UTF-8`,
    `EVN|${sent.trigger}|${time}`,
    `PID|1||P-${sent.visit}^^^${sent.facility}^MR||伤员^${sent.visit}`,
    pv1.join("|"),
    `ZEI|${sent.incidentId}|${sent.category}`,
  ].join("\r")}\r`;
}

const messageIdOf = (sent: Sent) => `hl7-${sent.facility}-${sent.controlId}`;

interface Received {
  readonly messageId: string;
  // biome-ignore lint/suspicious/noExplicitAny: read field by field.
  readonly body: any;
}

function startReceiver(received: Received[]): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        messageId: String(request.headers["x-eix-message-id"]),
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
      });
      response.writeHead(200).end();
    });
  });
  server.listen(0, "127.0.0.1");
  return once(server, "listening").then(() => server);
}

let hub: RunningHub;
let receiver: Server;
let dir: string;
let ports: { zdyfy: number; zmxrmyy: number };
let lines: LogLine[];
const received: Received[] = [];
const clients: RawClient[] = [];

async function client(port: number): Promise<RawClient> {
  const opened = await RawClient.connect(port);
  clients.push(opened);
  return opened;
}

/** MSA of an ACK frame read with @eix/adapters' reader. */
function ackOf(text: string) {
  const reading = readHl7Ack(text);
  if (!reading.ok) expect.fail(`not an ACK: ${reading.error.message}`);
  return reading;
}

async function chainOverHttp(incidentId: string): Promise<IncidentChainEntry[]> {
  const answer = await call(`${hub.url}/v1/incidents/${incidentId}`, { headers: bearer(OPERATOR_TOKEN) });
  expect(answer.status).toBe(200);
  expect(answer.json.incidentId).toBe(incidentId);
  return answer.json.chain as IncidentChainEntry[];
}

const registeredOf = (envelope: Envelope) =>
  (envelope.kind === "incident"
    ? (envelope.payload.extensions?.health as { registeredCasualties?: RegisteredCasualties } | undefined)
    : undefined
  )?.registeredCasualties;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "eix-mllp-burst-"));
  receiver = await startReceiver(received);
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/eix/messages`;
  const config = parseHubConfig(configText(receiverUrl), { file: join(dir, "hub.yaml"), env: {} });
  const memory = memoryLogger("info");
  lines = memory.lines;
  hub = await startHub(config, { port: 0, logger: memory.logger, relayPollMs: 50 });
  const portOf = (name: string) => (hub.mllp.find((listener) => listener.name === name) as { port: number }).port;
  ports = { zdyfy: portOf("zdyfy"), zmxrmyy: portOf("zmxrmyy") };
});

afterAll(async () => {
  for (const opened of clients.splice(0)) opened.close();
  await hub?.close();
  receiver?.closeAllConnections();
  if (receiver) await new Promise((resolve) => receiver.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a burst of casualty registrations from two hospitals over MLLP", () => {
  const initial = initialReport();

  test("the initial report, the burst, the chain, the totals and the relay", async () => {
    const posted = await call(`${hub.url}/v1/messages`, {
      method: "POST",
      body: new TextEncoder().encode(JSON.stringify(initial)),
      headers: { ...bearer(OFFICE_TOKEN), "content-type": "application/json" },
    });
    expect(posted.status).toBe(202);
    expect(posted.json.receipts).toHaveLength(1);

    // 郑大一附院: 14 patients, then the A04 of its 3rd patient sent again byte for byte (its
    // engine missed the ACK), then an A08 moving its 1st patient (green) to black.
    const zdyfy: Sent[] = Array.from({ length: 14 }, (_, i) => ({
      facility: "ZDYFY",
      controlId: `ZD-${String(i + 1).padStart(4, "0")}`,
      visit: `V${String(i + 1).padStart(5, "0")}`,
      category: WORDS[i % WORDS.length] as string,
      trigger: "A04" as const,
      incidentId: INCIDENT_ID,
    }));
    const resend = zdyfy[2] as Sent;
    const a08: Sent = { ...(zdyfy[0] as Sent), controlId: "ZD-0100", category: "black", trigger: "A08" };
    expect(zdyfy[0]?.category).toBe("green");
    const zdyfyFrames = [...zdyfy.map((sent, i) => [sent, i] as const), [resend, 2] as const, [a08, 25] as const];
    // 中牟县人民医院: 15 admissions (A01).
    const zmx: Sent[] = Array.from({ length: 15 }, (_, i) => ({
      facility: "ZMXRMYY",
      controlId: `ZM-${String(i + 1).padStart(4, "0")}`,
      visit: `Z${String(i + 1).padStart(5, "0")}`,
      category: WORDS[(i * 3 + 1) % WORDS.length] as string,
      trigger: "A01" as const,
      incidentId: INCIDENT_ID,
    }));
    const zmxFrames = zmx.map((sent, i) => [sent, i] as const);

    // What the totals must be: each (facility, visit) once, its last category; the resend changes nothing.
    const latest = new Map<string, { facility: string; category: Category }>();
    for (const [sent] of [...zdyfyFrames, ...zmxFrames])
      latest.set(`${sent.facility}/${sent.visit}`, { facility: sent.facility, category: categoryOf[sent.category] as Category });
    const zero = () => ({ injured: 0, seriouslyInjured: 0, deaths: 0 });
    const total = zero();
    const facilities: Record<string, ReturnType<typeof zero>> = { ZDYFY: zero(), ZMXRMYY: zero() };
    for (const { facility, category } of latest.values())
      for (const counts of [total, facilities[facility] as ReturnType<typeof zero>]) {
        if (category === "dead") counts.deaths++;
        else counts.injured++;
        if (category === "seriouslyInjured") counts.seriouslyInjured++;
      }
    const expected: RegisteredCasualties = { patients: latest.size, ...total, facilities };
    // Worked by hand as a check on the sums above: the A08 moved ZDYFY's green patient to dead.
    expect(expected).toEqual({
      patients: 29,
      injured: 20,
      seriouslyInjured: 8,
      deaths: 9,
      facilities: {
        ZDYFY: { injured: 9, seriouslyInjured: 4, deaths: 5 },
        ZMXRMYY: { injured: 11, seriouslyInjured: 4, deaths: 4 },
      },
    });
    const stored = zdyfy.length + 1 + zmx.length; // the A08 is a report of its own; the resend is not

    // Two sockets writing at the same time, one frame per write, without waiting for ACKs.
    const [a, b] = await Promise.all([client(ports.zdyfy), client(ports.zmxrmyy)]);
    const started = Date.now();
    const writeAll = async (socket: RawClient, frames: readonly (readonly [Sent, number])[]) => {
      for (const [sent, minute] of frames) {
        await socket.write(frame(adt(sent, minute)));
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await Promise.all([writeAll(a as RawClient, zdyfyFrames), writeAll(b as RawClient, zmxFrames)]);
    await until(() => a?.received.length === zdyfyFrames.length && b?.received.length === zmxFrames.length, "every ACK", 8000);
    const burstMs = Date.now() - started;

    // Every frame AA, in the order sent on its connection; the resend gets the original receipt.
    expect(a?.acks()).toEqual(zdyfyFrames.map(([sent]) => `AA:${sent.controlId}`));
    expect(b?.acks()).toEqual(zmxFrames.map(([sent]) => `AA:${sent.controlId}`));
    const zdyfyAcks = (a as RawClient).received.map(({ text }) => ackOf(text));
    expect(zdyfyAcks.every((ack) => ack.errors.length === 0)).toBe(true);
    expect(zdyfyAcks[14]?.text).toBe(zdyfyAcks[2]?.text);
    expect(zdyfyAcks[2]?.text).toMatch(/^accepted: \S+$/);

    // The chain, as operators see it: 1..N once each, every report updating the one before.
    const chain = await chainOverHttp(INCIDENT_ID);
    expect(chain).toHaveLength(1 + stored);
    expect(chain.map((entry) => entry.sequence)).toEqual(Array.from({ length: 1 + stored }, (_, i) => i + 1));
    expect(new Set(chain.map((entry) => `${entry.unitId}/${entry.messageId}`)).size).toBe(chain.length);
    expect(chain[0]).toMatchObject({ stage: "initial", messageId: initial.id, unitId: OFFICE_UNIT });
    chain.slice(1).forEach((entry, i) => {
      expect(entry.stage).toBe("update");
      expect(entry.envelope.references?.[0]?.id).toBe(chain[i]?.messageId);
      expect(validate(entry.envelope).valid).toBe(true);
      expect(entry.envelope.kind === "incident" && entry.envelope.payload.eventType).toBe("12H02");
    });
    expect(chain.filter((entry) => entry.messageId === messageIdOf(resend))).toHaveLength(1);
    // The two hospitals really were folded in between each other, not one after the other.
    const switches = chain.slice(2).filter((entry, i) => entry.unitId !== chain[i + 1]?.unitId).length;
    expect(switches).toBeGreaterThanOrEqual(2);

    const last = chain.at(-1)?.envelope as Incident;
    expect(registeredOf(last)).toEqual(expected);
    // The incident's figures: its own (deaths 2, injured 5, seriously injured 2) raised to the registered ones.
    expect(last.payload.casualties).toEqual({
      deaths: Math.max(2, expected.deaths),
      injured: Math.max(5, expected.injured),
      seriouslyInjured: Math.max(2, expected.seriouslyInjured),
      trapped: 0,
    });
    // The A08's report says the 1st patient is now dead.
    const a08Entry = chain.find((entry) => entry.messageId === messageIdOf(a08)) as IncidentChainEntry;
    expect((a08Entry.envelope as Incident).payload.extensions?.health).toMatchObject({
      registration: { caseReference: `ZDYFY/${a08.visit}`, category: "dead", messageType: "ADT^A08" },
    });

    // The receiver: every stored report once, in sequence order.
    await until(
      () => received.filter((r) => r.body?.payload?.incidentId === INCIDENT_ID).length >= chain.length,
      "the relay",
      8000,
    );
    await new Promise((resolve) => setTimeout(resolve, 150)); // anything sent twice would arrive by now
    const relayed = received.filter((r) => r.body?.payload?.incidentId === INCIDENT_ID);
    expect(relayed.map((r) => r.messageId).sort()).toEqual(chain.map((entry) => entry.messageId).sort());
    expect(relayed.map((r) => r.body.payload.sequence)).toEqual(chain.map((entry) => entry.sequence));
    expect(relayed.at(-1)?.body.payload.extensions.health.registeredCasualties).toEqual(expected);

    // Well inside the test budget (a few hundred milliseconds here).
    expect(burstMs).toBeLessThan(8000);
  });

  test("a registration naming an unknown incident is answered AA and kept as its own chain with the hospital's values", async () => {
    const knownBefore = (await chainOverHttp(INCIDENT_ID)).length;
    const socket = await client(ports.zmxrmyy);
    const sent: Sent = {
      facility: "ZMXRMYY",
      controlId: "ZM-9001",
      visit: "Z09001",
      category: "red",
      trigger: "A01",
      incidentId: UNKNOWN_INCIDENT_ID,
    };
    await socket.write(frame(adt(sent, 40)));
    await until(() => socket.received.length === 1, "the ACK", 4000);
    const ack = ackOf(socket.received[0]?.text as string);
    expect(ack).toMatchObject({ code: "AA", controlId: "ZM-9001" });

    const stored = await hub.store.getMessage(messageIdOf(sent), ZMX_UNIT);
    const envelope = stored?.envelope as Incident;
    expect(envelope.payload).toMatchObject({
      incidentId: UNKNOWN_INCIDENT_ID,
      sequence: 2,
      eventType: "10000",
      severity: "unknown",
      location: { regionCode: "410122" },
      casualties: { injured: 1, seriouslyInjured: 1 },
    });
    expect(envelope.references).toEqual([{ id: UNKNOWN_INCIDENT_ID, relation: "updates" }]);
    expect(envelope.payload.extensions?.health).toMatchObject({
      registration: { provisional: false },
      registeredCasualties: { patients: 1, injured: 1, seriouslyInjured: 1, deaths: 0 },
    });
    // The AA carries the hub's own warning as an ERR with severity W; the log shows the message.
    expect(ack.errors).toEqual([expect.objectContaining({ code: "EIX_INGEST_TALLY_UNKNOWN_INCIDENT" })]);
    expect(socket.received[0]?.text).toMatch(/\rERR\|[^\r]*\|EIX_INGEST_TALLY_UNKNOWN_INCIDENT\^[^\r]*\|W\|/);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: "message accepted", messageId: messageIdOf(sent), incidentId: UNKNOWN_INCIDENT_ID }),
    );
    // Posted over HTTP by a hospital with a token, the warning is in the answer.
    const next: Sent = { ...sent, controlId: "ZM-9002", visit: "Z09002", category: "black" };
    const answer = await call(`${hub.url}/v1/messages`, {
      method: "POST",
      body: new TextEncoder().encode(adt(next, 41)),
      headers: { ...bearer(ZMX_TOKEN), "x-eix-adapter": "health.hl7v2", "content-type": "application/hl7-v2" },
    });
    expect(answer.status).toBe(202);
    expect(answer.json.receipts).toHaveLength(1);
    expect(answer.json.issues).toContainEqual(
      expect.objectContaining({ code: "EIX_INGEST_TALLY_UNKNOWN_INCIDENT", severity: "warning", path: "/payload/incidentId" }),
    );
    const chain = await chainOverHttp(UNKNOWN_INCIDENT_ID);
    expect(chain.map((entry) => entry.sequence)).toEqual([2, 3]);
    expect(registeredOf(chain[1]?.envelope as Envelope)).toMatchObject({
      patients: 2,
      injured: 1,
      seriouslyInjured: 1,
      deaths: 1,
    });

    await until(
      () => received.filter((r) => r.body?.payload?.incidentId === UNKNOWN_INCIDENT_ID).length === 2,
      "the relay",
      4000,
    );
    expect(
      received.filter((r) => r.body?.payload?.incidentId === UNKNOWN_INCIDENT_ID).map((r) => r.body.payload.sequence),
    ).toEqual([2, 3]);
    // The known incident's chain did not move.
    expect(await chainOverHttp(INCIDENT_ID)).toHaveLength(knownBefore);
  });
});
