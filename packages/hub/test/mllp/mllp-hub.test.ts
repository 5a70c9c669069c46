// A hospital's interface engine against a real hub: `startHub` with a SQLite store in a temporary
// directory, one MLLP listener (health.hl7v2, a provincial health commission as the sending unit)
// and a route of notifiable-disease cases (13A*) to a loopback HTTP receiver. The client is a plain
// TCP socket writing MLLP frames by hand; ACKs are read with @eix/adapters' readHl7Ack.
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readHl7Ack } from "@eix/adapters";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { HubConfig } from "../../src/config/config-model.js";
import { parseHubConfig } from "../../src/config/load-hub-config.js";
import { hashToken } from "../../src/config/unit-token.js";
import { decodeHl7Text } from "../../src/mllp/hl7-header.js";
import { encodeMllpFrame, MllpFrameDecoder } from "../../src/mllp/mllp-framing.js";
import { type RunningHub, startHub } from "../../src/serve/start-hub.js";
import { call, corpusFile } from "../http/hub-harness.js";
import { sleep, until } from "./mllp-fixtures.js";

const OPERATOR_TOKEN = "gx-operator-token-5c2e91";
const HEALTH_UNIT = "gx-health";
const CHOLERA_CONTROL_ID = "LAB-20260721-0042";
/** The message id health.hl7v2 gives a case: sending facility (MSH-4.1) and MSH-10. */
const CHOLERA_MESSAGE_ID = `hl7-NNCDC-${CHOLERA_CONTROL_ID}`;
const MAX_FRAME_BYTES = 64 * 1024;

/** 锡林郭勒盟医院 in GB18030 (checked against TextDecoder below): a facility name no ASCII ACK could carry. */
const FACILITY_GB18030 = Uint8Array.from(Buffer.from("cefdc1d6b9f9c0d5c3cbd2bdd4ba", "hex"));
const FACILITY_NAME = "锡林郭勒盟医院";

/** The hub's configuration as a file would give it; the MLLP port is set to 0 afterwards (the schema wants 1–65535). */
function configText(receiverUrl: string): string {
  return `hubId: gx-test-hub
store: { kind: sqlite, path: ./hub.db }
units:
  - unitId: ${HEALTH_UNIT}
    name: 广西壮族自治区卫生健康委员会
    department: health
    level: provincial
    regionCode: "450000"
    tokenSha256: ${hashToken("gx-health-token-unused-here")}
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
    retry: { initialDelayMs: 100, maxDelayMs: 200 }
routes:
  - name: notifiable-disease-cases-to-cdc
    match: { kind: [incident], eventTypePrefix: [13A] }
    to: [gx-cdc]
mllp:
  - name: hospitals
    port: 0
    unitId: ${HEALTH_UNIT}
    adapter: health.hl7v2
    maxFrameBytes: ${MAX_FRAME_BYTES}
log: { level: silent }
`;
}

/** What the loopback receiver got: the message id header and the canonical JSON body. */
interface Received {
  readonly messageId: string;
  // biome-ignore lint/suspicious/noExplicitAny: the body is read field by field.
  readonly body: any;
}

function startReceiver(received: Received[]): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const messageId = String(request.headers["x-eix-message-id"]);
      received.push({ messageId, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      response.writeHead(200).end();
    });
  });
  server.listen(0, "127.0.0.1");
  return once(server, "listening").then(() => server);
}

const replaceAll = (bytes: Uint8Array, from: string, to: string): Uint8Array =>
  Buffer.from(Buffer.from(bytes).toString("latin1").replaceAll(from, to), "latin1");

/** The cholera case as another case of the same lab: its own MSH-10 and lab number, so its own message and incident. */
function choleraCase(controlId: string, padding = 0): Uint8Array {
  let bytes = corpusFile("health/hl7-oru-r01-cholera-confirmed.hl7") as Uint8Array;
  bytes = replaceAll(bytes, CHOLERA_CONTROL_ID, controlId);
  bytes = replaceAll(bytes, "LAB-3321", `LAB-${controlId}`);
  if (padding === 0) return bytes;
  return Buffer.concat([bytes, Buffer.from(`NTE|1||${"x".repeat(padding)}\r`, "latin1")]);
}

const choleraMessageId = (controlId: string) => `hl7-NNCDC-${controlId}`;

/** A client of the listener: writes raw bytes, keeps every ACK frame that comes back, as bytes. */
class MllpClient {
  readonly acks: Uint8Array[] = [];
  readonly #socket: Socket;
  readonly #decoder = new MllpFrameDecoder();
  /** ACKs already handed out by `nextAck`. */
  #read = 0;
  closed = false;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => {
      for (const event of this.#decoder.push(chunk)) if (event.kind === "frame") this.acks.push(event.bytes);
    });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      this.closed = true;
    });
  }

  static open(port: number): Promise<MllpClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: "127.0.0.1", port }, () => {
        socket.off("error", reject);
        resolve(new MllpClient(socket));
      });
      socket.once("error", reject);
    });
  }

  /** One TCP write, resolved once the kernel took it. */
  write(bytes: Uint8Array | string): Promise<void> {
    return new Promise((resolve, reject) => this.#socket.write(bytes, (error) => (error ? reject(error) : resolve())));
  }

  /** The next ACK not yet returned, waiting for it if needed. */
  async nextAck(): Promise<Uint8Array> {
    const index = this.#read++;
    await until(() => this.acks.length > index, `ACK #${index + 1}`, 4000);
    return this.acks[index] as Uint8Array;
  }

  /** Sends one framed message and returns its ACK. */
  async exchange(message: Uint8Array): Promise<Uint8Array> {
    await this.write(encodeMllpFrame(message));
    return this.nextAck();
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    const closed = once(this.#socket, "close").then(() => undefined);
    this.#socket.destroy();
    return closed;
  }
}

/** An ACK read as HL7 (in the charset its MSH-18 names); fails the test when it is not one. */
function ackOf(bytes: Uint8Array) {
  const reading = readHl7Ack(decodeHl7Text(bytes));
  if (!reading.ok) expect.fail(`not an ACK: ${reading.error.message}`);
  return reading;
}

/** Field `n` (1-based, HL7 numbering) of the ACK's MSH segment. */
function mshField(text: string, n: number): string | undefined {
  const msh = text.split("\r").find((segment) => segment.startsWith("MSH"));
  return msh?.split("|")[n - 1];
}

const containsBytes = (haystack: Uint8Array, needle: Uint8Array) => Buffer.from(haystack).indexOf(needle) >= 0;

let hub: RunningHub;
let receiver: Server;
let port: number;
let dir: string;
const received: Received[] = [];
const clients: MllpClient[] = [];

async function client(): Promise<MllpClient> {
  const opened = await MllpClient.open(port);
  clients.push(opened);
  return opened;
}

const relayedTimes = (messageId: string) => received.filter((r) => r.messageId === messageId).length;

/** Waits until the store recorded every delivery of the message as delivered. */
async function deliveredState(messageId: string): Promise<void> {
  const deadline = Date.now() + 4000;
  for (;;) {
    const stored = await hub.store.getMessage(messageId, HEALTH_UNIT);
    if (stored && stored.deliveries.length > 0 && stored.deliveries.every((d) => d.state === "delivered")) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${messageId} to be delivered`);
    await sleep(20);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "eix-mllp-hub-"));
  receiver = await startReceiver(received);
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/eix/messages`;
  const loaded = parseHubConfig(configText(receiverUrl), { file: join(dir, "hub.yaml"), env: {} });
  const config: HubConfig = loaded;
  hub = await startHub(config, { port: 0, logger: pino({ level: process.env.EIX_TEST_LOG ?? "silent" }), relayPollMs: 50 });
  port = (hub.mllp[0] as { port: number }).port;
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((opened) => opened.close()));
});

afterAll(async () => {
  await hub?.close();
  receiver?.closeAllConnections();
  if (receiver) await new Promise((resolve) => receiver.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("MLLP listener of a running hub", () => {
  test("the listener is bound as configured, on a port of its own", () => {
    expect(hub.mllp).toEqual([{ name: "hospitals", port: expect.any(Number) }]);
    expect(port).toBeGreaterThan(0);
  });

  test("a cholera case is answered AA naming its MSH-10, after it was committed; the CDC receives it", async () => {
    const sender = await client();
    const ack = ackOf(await sender.exchange(corpusFile("health/hl7-oru-r01-cholera-confirmed.hl7")));
    expect(ack).toMatchObject({ code: "AA", controlId: CHOLERA_CONTROL_ID, errors: [] });

    // Nothing else is awaited between the ACK and these reads: AA means stored.
    const stored = await hub.store.getMessage(CHOLERA_MESSAGE_ID, HEALTH_UNIT);
    expect(stored).toBeDefined();
    expect(ack.text).toBe(`accepted: ${stored?.receiptId}`);
    expect(stored?.envelope).toMatchObject({ kind: "incident", sender: { unitId: HEALTH_UNIT }, status: "actual" });
    expect(stored?.deliveries.map((d) => d.destination)).toEqual(["gx-cdc"]);

    const shown = await call(`${hub.url}/v1/messages/${CHOLERA_MESSAGE_ID}`, {
      headers: { authorization: `Bearer ${OPERATOR_TOKEN}` },
    });
    expect(shown.status).toBe(200);
    expect(shown.json).toMatchObject({ messageId: CHOLERA_MESSAGE_ID, unitId: HEALTH_UNIT, receiptId: stored?.receiptId });
    expect(shown.json.provenance).toMatchObject({
      source: "mllp:hospitals",
      adapter: { id: "health.hl7v2" },
      authenticatedUnitId: HEALTH_UNIT,
    });
    const raw = corpusFile("health/hl7-oru-r01-cholera-confirmed.hl7");
    expect(Buffer.from(shown.json.raw.base64, "base64").equals(raw)).toBe(true);

    await until(() => relayedTimes(CHOLERA_MESSAGE_ID) === 1, "the delivery to the CDC", 4000);
    const delivered = received.find((r) => r.messageId === CHOLERA_MESSAGE_ID);
    expect(delivered?.body).toMatchObject({ id: CHOLERA_MESSAGE_ID, kind: "incident", payload: { eventType: "13A02" } });
  });

  test("a GB18030 plague case is answered AA in GB18030, repeating MSH-18 and addressed back to the sender", async () => {
    const request = corpusFile("health/hl7-adt-a04-plague-suspected-gb18030.hl7");
    const sender = await client();
    const bytes = await sender.exchange(request);
    const text = new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    expect(mshField(text, 18)).toBe("GB 18030-2000");
    // MSH-5/MSH-6 of the ACK are the request's MSH-3/MSH-4 (HIS at 锡林郭勒盟人民医院).
    expect(mshField(text, 5)).toBe("HIS");
    expect(mshField(text, 6)).toBe("XLGL-RMYY");
    expect(mshField(text, 9)).toBe("ACK^A04^ACK");
    const ack = ackOf(bytes);
    expect(ack).toMatchObject({ code: "AA", controlId: "ADT-000731", errors: [] });
    // Reported from outside the unit's region (152502 is in Inner Mongolia): a warning, not a refusal.
    expect(await hub.store.getMessage("hl7-XLGL-RMYY-ADT-000731", HEALTH_UNIT)).toBeDefined();
  });

  test("the ACK of a GB18030 message is written in GB18030, not UTF-8: a Chinese facility comes back as GB18030 bytes", async () => {
    expect(new TextDecoder("gb18030").decode(FACILITY_GB18030)).toBe(FACILITY_NAME);
    const original = corpusFile("health/hl7-adt-a04-plague-suspected-gb18030.hl7");
    const at = original.indexOf("XLGL-RMYY");
    const rest = replaceAll(original.subarray(at + "XLGL-RMYY".length), "ADT-000731", "ADT-000732");
    const request = Buffer.concat([original.subarray(0, at), FACILITY_GB18030, rest]);
    const sender = await client();
    const bytes = await sender.exchange(request);
    expect(containsBytes(bytes, FACILITY_GB18030)).toBe(true);
    expect(containsBytes(bytes, new TextEncoder().encode(FACILITY_NAME))).toBe(false);
    const text = new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    expect(mshField(text, 6)).toBe(FACILITY_NAME);
    expect(ackOf(bytes)).toMatchObject({ code: "AA", controlId: "ADT-000732" });
  });

  test("a lab result that is no notifiable case is answered AA, nothing to report; it is recorded, not relayed", async () => {
    const before = (await hub.store.listDeliveries()).length;
    const quarantined = (await hub.store.listQuarantine({ source: "mllp:hospitals" })).length;
    const sender = await client();
    const ack = ackOf(await sender.exchange(corpusFile("hl7v2/rethink-oru-r01-lab.hl7")));
    expect(ack).toMatchObject({ code: "AA", controlId: "MSG00003", errors: [] });
    expect(ack.text).toContain("nothing to report");
    expect(ack.text).toContain("无需上报");

    const records = await hub.store.listQuarantine({ source: "mllp:hospitals" });
    expect(records).toHaveLength(quarantined + 1);
    expect(records.at(-1)).toMatchObject({
      unitId: HEALTH_UNIT,
      reasonCodes: ["EIX_HL7_NOT_REPORTABLE"],
      detail: { outcome: "not-reportable", adapter: "health.hl7v2" },
    });
    expect((await hub.store.listDeliveries()).length).toBe(before);
    expect(await hub.store.getMessage("hl7-FACILITY_B-MSG00003")).toBeUndefined();
  });

  test("a message of HL7 version 1.0 is answered AR with an ERR segment carrying EIX_HL7_VERSION_UNSUPPORTED", async () => {
    const sender = await client();
    const bytes = await sender.exchange(corpusFile("hl7v2/rethink-invalid-wrong-version.hl7"));
    const ack = ackOf(bytes);
    expect(ack.code).toBe("AR");
    expect(ack.text).toBe("invalid");
    expect(ack.errors.map((error) => error.code)).toContain("EIX_HL7_VERSION_UNSUPPORTED");
    const records = await hub.store.listQuarantine({ source: "mllp:hospitals" });
    expect(records.at(-1)?.reasonCodes).toContain("EIX_HL7_VERSION_UNSUPPORTED");
  });

  test("the AR for a refused version names the refused message's MSH-10 in MSA-2, read from its bytes", async () => {
    const sender = await client();
    const ack = ackOf(await sender.exchange(corpusFile("hl7v2/rethink-invalid-wrong-version.hl7")));
    expect(ack.controlId).toBe("MSG001");
  });
});

describe("MLLP framing on the wire", () => {
  test("a frame written in 3 pieces is answered once; the next message gets the next ACK", async () => {
    const sender = await client();
    const frame = encodeMllpFrame(choleraCase("SPLIT-0001"));
    const cuts = [0, 37, 400, frame.length];
    for (let i = 1; i < cuts.length; i++) {
      await sender.write(frame.subarray(cuts[i - 1], cuts[i]));
      await sleep(15);
    }
    expect(ackOf(await sender.nextAck())).toMatchObject({ code: "AA", controlId: "SPLIT-0001" });
    // Had the pieces produced a second answer, it would come before this one.
    expect(ackOf(await sender.exchange(choleraCase("SPLIT-0002")))).toMatchObject({ code: "AA", controlId: "SPLIT-0002" });
    expect(sender.acks).toHaveLength(2);
  });

  test("two frames in one write are answered in order", async () => {
    const sender = await client();
    await sender.write(Buffer.concat([encodeMllpFrame(choleraCase("PAIR-0001")), encodeMllpFrame(choleraCase("PAIR-0002"))]));
    const first = ackOf(await sender.nextAck());
    const second = ackOf(await sender.nextAck());
    expect([first.code, first.controlId, second.code, second.controlId]).toEqual(["AA", "PAIR-0001", "AA", "PAIR-0002"]);
    expect(await hub.store.getMessage(choleraMessageId("PAIR-0002"), HEALTH_UNIT)).toBeDefined();
  });

  test("bytes between frames are skipped; the frames around them are answered", async () => {
    const sender = await client();
    await sender.write(
      Buffer.concat([
        Buffer.from("GET / HTTP/1.1\r\n\r\n"),
        encodeMllpFrame(choleraCase("NOISE-0001")),
        Buffer.from([0x00, 0xff, 0x41, 0x0a]),
        encodeMllpFrame(choleraCase("NOISE-0002")),
      ]),
    );
    expect(ackOf(await sender.nextAck())).toMatchObject({ code: "AA", controlId: "NOISE-0001" });
    expect(ackOf(await sender.nextAck())).toMatchObject({ code: "AA", controlId: "NOISE-0002" });
    expect(sender.closed).toBe(false);
  });

  test("an oversize frame is answered AR EIX_MLLP_FRAME_TOO_LARGE naming its MSH-10; the connection goes on", async () => {
    const sender = await client();
    const big = choleraCase("BIG-0001", 100 * 1024);
    expect(big.length).toBeGreaterThan(MAX_FRAME_BYTES);
    const ack = ackOf(await sender.exchange(big));
    expect(ack).toMatchObject({ code: "AR", controlId: "BIG-0001", text: "EIX_MLLP_FRAME_TOO_LARGE" });
    expect(ack.errors.map((error) => error.code)).toEqual(["EIX_MLLP_FRAME_TOO_LARGE"]);
    expect(ack.errors[0]?.text).toContain(`${MAX_FRAME_BYTES} bytes`);
    expect(await hub.store.getMessage(choleraMessageId("BIG-0001"))).toBeUndefined();

    expect(ackOf(await sender.exchange(choleraCase("AFTER-BIG-0001")))).toMatchObject({
      code: "AA",
      controlId: "AFTER-BIG-0001",
    });
    expect(sender.closed).toBe(false);
  });
});

describe("resends", () => {
  test("the same message sent again is answered AA with the original receipt, stored once and relayed once", async () => {
    const message = choleraCase("RESEND-0001");
    const messageId = choleraMessageId("RESEND-0001");
    const sender = await client();
    const first = ackOf(await sender.exchange(message));
    const again = ackOf(await sender.exchange(message));
    // A resend after a reconnect, as an engine does when it missed the ACK.
    const reconnected = await client();
    const third = ackOf(await reconnected.exchange(message));
    for (const ack of [first, again, third]) expect(ack).toMatchObject({ code: "AA", controlId: "RESEND-0001" });
    expect(again.text).toBe(first.text);
    expect(third.text).toBe(first.text);

    // One message, one delivery: the resends created nothing the relay could send again.
    const stored = await hub.store.getMessage(messageId, HEALTH_UNIT);
    expect(first.text).toBe(`accepted: ${stored?.receiptId}`);
    expect(stored?.deliveries).toHaveLength(1);
    await until(() => relayedTimes(messageId) === 1, "the delivery to the CDC", 4000);
    await deliveredState(messageId);
    const deliveries = (await hub.store.listDeliveries({ destination: "gx-cdc" })).filter((d) => d.messageId === messageId);
    expect(deliveries.map((d) => d.state)).toEqual(["delivered"]);
    expect(relayedTimes(messageId)).toBe(1);
  });
});
