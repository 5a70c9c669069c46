// The downward path of a directive (指令) and the return path of its acknowledgements (回执),
// against a real hub: `startHub` with a YAML configuration, SQLite in a temporary directory,
// HTTP on port 0. The Henan provincial emergency office posts the flood directive of the schema
// examples; each targeted city's emergency office has its own inbox — a loopback HTTP receiver —
// and gets the directive exactly once; the provincial water department, also a target, is not
// configured and is recorded as withheld. The cities acknowledge (received / read / done /
// rejected); every ack is delivered to the province's inbox, and the operators' view of the
// directive shows, per unit, how far it got and when.
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Envelope, validate } from "@eix/schema";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseHubConfig } from "../src/config/load-hub-config.js";
import { hashToken } from "../src/config/unit-token.js";
import { type RunningHub, startHub } from "../src/serve/start-hub.js";
import { type Answer, bearer, call } from "./http/hub-harness.js";

type Directive = Extract<Envelope, { kind: "directive" }>;
type Ack = Extract<Envelope, { kind: "ack" }>;

const PROVINCE = "410000-YJT-ZBS";
const OPERATOR = "410000-YJT-YW";
const ZHENGZHOU = "410100-YJJ-ZBS";
const XINXIANG = "410700-YJJ-ZBS";
const JIAOZUO = "410800-YJJ-ZBS";
const QIBIN = "410611-YJJ-ZBS"; // 鹤壁市淇滨区: not a target, acknowledges anyway (the rejected example)
const DIRECTIVE_ID = "019f79b6-05c0-71e3-8f71-23abeccc3841";

const TOKENS: Record<string, string> = {
  [PROVINCE]: "ha-province-token-5d1e0b",
  [OPERATOR]: "ha-operator-token-77c2f9",
  [ZHENGZHOU]: "ha-zhengzhou-token-0a9b3c",
  [XINXIANG]: "ha-xinxiang-token-e41f27",
  [JIAOZUO]: "ha-jiaozuo-token-6c58d2",
  [QIBIN]: "ha-qibin-token-39ad10",
};

/** Inbox destination id → its receiver. */
const INBOXES = ["province-inbox", "zhengzhou-inbox", "xinxiang-inbox", "jiaozuo-inbox"] as const;
type Inbox = (typeof INBOXES)[number];

interface Arrival {
  readonly messageId: string;
  readonly unitId: string;
  readonly envelope: Envelope;
}

function configText(urls: Record<Inbox, string>): string {
  const unit = (unitId: string, name: string, level: string, regionCode: string, more = "") => `  - unitId: ${unitId}
    name: ${name}
    department: emergency-office
    level: ${level}
    regionCode: "${regionCode}"
    tokenSha256: ${hashToken(TOKENS[unitId] as string)}
${more}`;
  const destination = (id: Inbox) => `  - id: ${id}
    kind: http
    url: ${urls[id]}
    retry: { initialDelayMs: 100, maxDelayMs: 200 }
`;
  return `hubId: ha-test-hub
store: { kind: sqlite, path: ./hub.db }
units:
${unit(PROVINCE, "河南省应急管理厅（省防汛抗旱指挥部办公室）", "provincial", "410000", "    inbox: province-inbox\n")}${unit(
  OPERATOR,
  "河南省应急管理厅运维值班",
  "provincial",
  "410000",
  "    operator: true\n",
)}${unit(ZHENGZHOU, "郑州市应急管理局", "municipal", "410100", "    inbox: zhengzhou-inbox\n")}${unit(
  XINXIANG,
  "新乡市应急管理局",
  "municipal",
  "410700",
  "    inbox: xinxiang-inbox\n",
)}${unit(JIAOZUO, "焦作市应急管理局", "municipal", "410800", "    inbox: jiaozuo-inbox\n")}${unit(
  QIBIN,
  "鹤壁市淇滨区应急管理局",
  "county",
  "410611",
)}destinations:
${INBOXES.map(destination).join("")}log: { level: silent }
`;
}

/** A loopback receiver recording every delivery it gets (header ids and the delivered envelope). */
async function startReceiver(arrivals: Arrival[]): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      arrivals.push({
        messageId: String(request.headers["x-eix-message-id"]),
        unitId: decodeURIComponent(String(request.headers["x-eix-unit-id"])),
        envelope: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Envelope,
      });
      response.writeHead(200).end();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return server;
}

const exampleDir = new URL("../../schema/examples/valid/", import.meta.url);
function example<T extends Envelope>(name: string): T {
  const doc = JSON.parse(readFileSync(new URL(`${name}.json`, exampleDir), "utf8")) as T;
  return doc;
}

/** An acknowledgement of the directive by one of the cities, built on an example and kept valid. */
function ackBy(
  unitId: string,
  regionCode: string,
  name: string,
  id: string,
  payload: Pick<Ack["payload"], "type" | "at"> & Partial<Ack["payload"]>,
  withoutOfUnitId = false,
): Ack {
  const base = example<Ack>("ack-directive-received");
  const envelope: Ack = {
    ...base,
    id,
    sentAt: payload.at,
    sender: { ...base.sender, unitId, name, regionCode },
    payload: { ...base.payload, ...payload },
  };
  if (withoutOfUnitId) delete envelope.payload.ofUnitId;
  const result = validate(envelope);
  if (!result.valid) throw new Error(`ack ${id} is not valid: ${result.issues.map((i) => i.code).join(", ")}`);
  return envelope;
}

// Zhengzhou: received, read, done. Xinxiang: received, then rejected. Jiaozuo: received only,
// without ofUnitId (the hub finds the directive's sender in its store). 淇滨区: not addressed, rejects.
const ACKS = {
  zzReceived: example<Ack>("ack-directive-received"),
  zzRead: ackBy(ZHENGZHOU, "410100", "郑州市应急管理局", "019f79c0-1a40-7a11-9d2e-410100000002", {
    type: "read",
    at: "2026-07-19T17:44:30+08:00",
  }),
  zzDone: example<Ack>("ack-directive-done"),
  xxReceived: ackBy(XINXIANG, "410700", "新乡市应急管理局", "019f79b8-3d90-7c22-8a3b-410700000001", {
    type: "received",
    at: "2026-07-19T17:33:05+08:00",
  }),
  xxRejected: ackBy(XINXIANG, "410700", "新乡市应急管理局", "019f79c4-0b58-7d33-9c4c-410700000002", {
    type: "rejected",
    at: "2026-07-19T17:47:10+08:00",
    note: "本市防指已于17时发布同类通知，请省防指核实是否重复下发。",
  }),
  jzReceived: ackBy(
    JIAOZUO,
    "410800",
    "焦作市应急管理局",
    "019f79b9-77a0-7e44-8b5d-410800000001",
    { type: "received", at: "2026-07-19T17:34:40+08:00" },
    true,
  ),
  qibinRejected: example<Ack>("ack-directive-rejected"),
} as const;

let hub: RunningHub;
let dir: string;
const servers: Server[] = [];
const arrivals: Record<Inbox, Arrival[]> = {
  "province-inbox": [],
  "zhengzhou-inbox": [],
  "xinxiang-inbox": [],
  "jiaozuo-inbox": [],
};

const post = (unitId: string, envelope: Envelope): Promise<Answer> =>
  call(`${hub.url}/v1/messages`, {
    method: "POST",
    body: JSON.stringify(envelope),
    headers: { ...bearer(TOKENS[unitId] as string), "content-type": "application/json" },
  });

const operatorGet = (path: string) => call(`${hub.url}${path}`, { headers: bearer(TOKENS[OPERATOR] as string) });

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every delivery of the hub has been made (none pending, claimed or dead). */
async function allDelivered(): Promise<boolean> {
  const answer = await operatorGet("/v1/deliveries?limit=1000");
  // biome-ignore lint/suspicious/noExplicitAny: read field by field.
  return answer.json.deliveries.every((d: any) => d.state === "delivered");
}

const idsAt = (inbox: Inbox) => arrivals[inbox].map((a) => a.messageId);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "eix-directive-path-"));
  const urls = {} as Record<Inbox, string>;
  for (const inbox of INBOXES) {
    const server = await startReceiver(arrivals[inbox]);
    servers.push(server);
    urls[inbox] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/eix/inbox`;
  }
  const config = parseHubConfig(configText(urls), { file: join(dir, "hub.yaml"), env: {} });
  hub = await startHub(config, { port: 0, logger: pino({ level: process.env.EIX_TEST_LOG ?? "silent" }), relayPollMs: 50 });
});

afterAll(async () => {
  await hub?.close();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a directive from the province to three cities and the water department", () => {
  const WATER_WITHHELD = {
    destination: "unit:regionCode=410000,department=water,level=provincial",
    reason: "EIX_ROUTE_NO_INBOX",
  };

  test("posted as canonical JSON: 202, routed to the three cities' inboxes, the unconfigured water department withheld", async () => {
    const directive = example<Directive>("directive-flood-command-graded");
    const answer = await post(PROVINCE, directive);
    expect(answer.status).toBe(202);
    expect(answer.json.receipts).toEqual([
      expect.objectContaining({
        messageId: DIRECTIVE_ID,
        unitId: PROVINCE,
        duplicate: false,
        destinations: ["zhengzhou-inbox", "xinxiang-inbox", "jiaozuo-inbox"],
        withheld: [WATER_WITHHELD],
      }),
    ]);
  });

  test("each city's receiver gets the directive exactly once, and the province's inbox gets nothing", async () => {
    await until(
      () => INBOXES.slice(1).every((inbox) => idsAt(inbox as Inbox).includes(DIRECTIVE_ID)),
      "the directive at the three cities",
    );
    // A resend is a duplicate: no new deliveries.
    const again = await post(PROVINCE, example<Directive>("directive-flood-command-graded"));
    expect(again.status).toBe(200);
    expect(again.json.receipts[0]).toMatchObject({ duplicate: true, destinations: [] });
    await until(allDelivered, "every delivery made");
    await new Promise((resolve) => setTimeout(resolve, 150)); // a few more relay polls: nothing more comes
    for (const inbox of ["zhengzhou-inbox", "xinxiang-inbox", "jiaozuo-inbox"] as const) {
      expect(idsAt(inbox)).toEqual([DIRECTIVE_ID]);
      const [arrival] = arrivals[inbox];
      expect(arrival?.unitId).toBe(PROVINCE);
      expect(arrival?.envelope.kind).toBe("directive");
      expect(arrival?.envelope.payload).toEqual(example<Directive>("directive-flood-command-graded").payload);
    }
    expect(arrivals["province-inbox"]).toEqual([]);
  });

  test("the stored directive records its addressees and the withheld target; all three await an answer", async () => {
    const answer = await operatorGet(`/v1/messages/${DIRECTIVE_ID}`);
    expect(answer.status).toBe(200);
    expect(answer.json.provenance).toMatchObject({
      authenticatedUnitId: PROVINCE,
      addressedTo: [ZHENGZHOU, XINXIANG, JIAOZUO],
      withheld: [WATER_WITHHELD],
    });
    // biome-ignore lint/suspicious/noExplicitAny: read field by field.
    expect(answer.json.deliveries.map((d: any) => [d.destination, d.state])).toEqual([
      ["zhengzhou-inbox", "delivered"],
      ["xinxiang-inbox", "delivered"],
      ["jiaozuo-inbox", "delivered"],
    ]);
    expect(answer.json.receipts).toEqual(
      [ZHENGZHOU, XINXIANG, JIAOZUO].map((unitId) => ({ unitId, addressed: true, state: "awaiting", acks: [] })),
    );
  });

  test("the cities' acknowledgements (and one from a unit not addressed) each go back to the province's inbox once", async () => {
    const posted: [string, Ack][] = [
      [ZHENGZHOU, ACKS.zzReceived],
      [JIAOZUO, ACKS.jzReceived],
      [XINXIANG, ACKS.xxReceived],
      [QIBIN, ACKS.qibinRejected],
      [ZHENGZHOU, ACKS.zzRead],
      [XINXIANG, ACKS.xxRejected],
      [ZHENGZHOU, ACKS.zzDone],
    ];
    for (const [unitId, ack] of posted) {
      const answer = await post(unitId, ack);
      expect(answer.status, `${ack.id}: ${answer.text}`).toBe(202);
      expect(answer.json.receipts).toEqual([
        expect.objectContaining({ messageId: ack.id, unitId, duplicate: false, destinations: ["province-inbox"] }),
      ]);
      expect(answer.json.receipts[0].withheld ?? []).toEqual([]);
    }
    const ackIds = posted.map(([, ack]) => ack.id);
    await until(() => ackIds.every((id) => idsAt("province-inbox").includes(id)), "every ack at the province");
    await until(allDelivered, "every delivery made");
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect([...idsAt("province-inbox")].sort()).toEqual([...ackIds].sort());
    for (const arrival of arrivals["province-inbox"]) {
      expect(arrival.envelope.kind).toBe("ack");
      expect(arrival.unitId).toBe(arrival.envelope.sender.unitId);
    }
    // The acks went to the province only: the cities still have just the directive.
    for (const inbox of ["zhengzhou-inbox", "xinxiang-inbox", "jiaozuo-inbox"] as const)
      expect(idsAt(inbox)).toEqual([DIRECTIVE_ID]);
  });

  test("an ack without ofUnitId was routed back by the sender the store knows, and says so in its provenance", async () => {
    const answer = await operatorGet(`/v1/messages/${ACKS.jzReceived.id}?unitId=${JIAOZUO}`);
    expect(answer.status).toBe(200);
    expect(answer.json.envelope.payload).not.toHaveProperty("ofUnitId");
    expect(answer.json.provenance.addressedTo).toEqual([PROVINCE]);
    expect(answer.json.provenance).not.toHaveProperty("withheld");
    // biome-ignore lint/suspicious/noExplicitAny: read field by field.
    expect(answer.json.deliveries.map((d: any) => [d.destination, d.state])).toEqual([["province-inbox", "delivered"]]);
    expect(answer.json).not.toHaveProperty("receipts"); // only a directive has receipts
  });

  test("GET /v1/messages/<directive>: per unit, the furthest state, the first time of each answer, and every ack", async () => {
    const answer = await operatorGet(`/v1/messages/${DIRECTIVE_ID}`);
    expect(answer.status).toBe(200);
    const receivedAt = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const entry = (ack: Ack) => ({ messageId: ack.id, type: ack.payload.type, at: ack.payload.at, receivedAt });
    expect(answer.json.receipts).toEqual([
      {
        unitId: ZHENGZHOU,
        addressed: true,
        state: "done",
        received: "2026-07-19T17:31:20+08:00",
        read: "2026-07-19T17:44:30+08:00",
        done: "2026-07-19T21:40:00+08:00",
        acks: [entry(ACKS.zzReceived), entry(ACKS.zzRead), entry(ACKS.zzDone)],
      },
      {
        unitId: XINXIANG,
        addressed: true,
        state: "rejected",
        received: "2026-07-19T17:33:05+08:00",
        rejected: { at: "2026-07-19T17:47:10+08:00", note: "本市防指已于17时发布同类通知，请省防指核实是否重复下发。" },
        acks: [entry(ACKS.xxReceived), entry(ACKS.xxRejected)],
      },
      {
        unitId: JIAOZUO,
        addressed: true,
        state: "received",
        received: "2026-07-19T17:34:40+08:00",
        acks: [entry(ACKS.jzReceived)],
      },
      {
        unitId: QIBIN,
        addressed: false,
        state: "rejected",
        rejected: { at: "2026-07-19T17:40:00+08:00", note: ACKS.qibinRejected.payload.note },
        acks: [entry(ACKS.qibinRejected)],
      },
    ]);
    // The same view for the directive named with its sender's unit id.
    const bySender = await operatorGet(`/v1/messages/${DIRECTIVE_ID}?unitId=${PROVINCE}`);
    expect(bySender.json.receipts).toEqual(answer.json.receipts);
    // Each ack's receivedAt is when the hub stored it.
    const zz = answer.json.receipts[0].acks as { receivedAt: string }[];
    const times = zz.map((a) => Date.parse(a.receivedAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  test("an ack naming another unit as the directive's sender goes nowhere and does not count for this directive", async () => {
    const stray = ackBy(JIAOZUO, "410800", "焦作市应急管理局", "019f79d0-5e10-7f55-8c6e-410800000002", {
      type: "done",
      at: "2026-07-19T19:00:00+08:00",
      ofUnitId: "420000-YJT-ZBS",
    });
    const answer = await post(JIAOZUO, stray);
    expect(answer.status).toBe(202);
    expect(answer.json.receipts[0]).toMatchObject({
      destinations: [],
      withheld: [{ destination: "unit:unitId=420000-YJT-ZBS", reason: "EIX_ROUTE_NO_INBOX" }],
    });
    const directive = await operatorGet(`/v1/messages/${DIRECTIVE_ID}`);
    // biome-ignore lint/suspicious/noExplicitAny: read field by field.
    const jiaozuo = directive.json.receipts.find((r: any) => r.unitId === JIAOZUO);
    expect(jiaozuo).toMatchObject({ state: "received", acks: [{ messageId: ACKS.jzReceived.id }] });
    expect(jiaozuo).not.toHaveProperty("done");
  });
});
