import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the stand-in did with one request. */
export type StandInAnswer = "accepted" | "duplicate" | "busy" | "refused";

export interface StandInRequest {
  readonly messageId: string;
  readonly unitId: string;
  readonly answer: StandInAnswer;
  readonly status: number;
  /** The report chain position, for incidents: order per incident is checked on this. */
  readonly incidentId?: string;
  readonly sequence?: number;
}

export interface StandInPlan {
  /** Every Nth request is answered 503 with `Retry-After: 1` (the platform is busy). */
  readonly busyEvery: number;
  /** After this many requests the platform goes down (connections refused) for `outageMs`. */
  readonly outageAfter: number;
  readonly outageMs: number;
  /** Messages the platform refuses with 400 until `fix()`: a bug on its side the demo fixes. */
  readonly refuse: ReadonlySet<string>;
}

/** The stand-in for the national platform (国家应急平台) that the demo hub relays to. */
export interface NationalStandIn {
  readonly url: string;
  /** Every request, in arrival order. */
  readonly requests: readonly StandInRequest[];
  /** Messages it holds, by `unitId/messageId`, in first-arrival order. */
  readonly accepted: ReadonlyMap<string, StandInRequest>;
  /** Connection attempts refused while it was down. */
  readonly outage: { readonly started: boolean; readonly over: boolean };
  /** The platform's side is fixed: refused messages are accepted from now on. */
  fix(): void;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** The incident's id and chain position when the body is a canonical incident report. */
function chainPosition(body: Buffer): { incidentId?: string; sequence?: number } {
  try {
    const envelope = JSON.parse(body.toString("utf8")) as { kind?: string; payload?: Record<string, unknown> };
    const payload = envelope.payload ?? {};
    if (envelope.kind !== "incident" || typeof payload.incidentId !== "string") return {};
    return typeof payload.sequence === "number"
      ? { incidentId: payload.incidentId, sequence: payload.sequence }
      : { incidentId: payload.incidentId };
  } catch {
    return {};
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * A loopback HTTP receiver that behaves like a national platform on a bad day, deterministically
 * (by request count, not by chance) so that every run of the demo tells the same story: busy
 * now and then (503 + Retry-After), down for a while (connection refused), and one message it
 * refuses (400) until its side is fixed. It deduplicates on X-EIX-Unit-Id + X-EIX-Message-Id as
 * a real receiver must, since the hub delivers at least once.
 */
export async function startNationalStandIn(plan: StandInPlan): Promise<NationalStandIn> {
  const requests: StandInRequest[] = [];
  const accepted = new Map<string, StandInRequest>();
  const outage = { started: false, over: false };
  let fixed = false;
  let count = 0;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readBody(request);
    count++;
    const messageId = String(request.headers["x-eix-message-id"] ?? "");
    const unitId = String(request.headers["x-eix-unit-id"] ?? "");
    const record = (answer: StandInAnswer, status: number, headers: Record<string, string> = {}, reply: unknown = {}) => {
      const entry: StandInRequest = { messageId, unitId, answer, status, ...chainPosition(body) };
      requests.push(entry);
      if (answer === "accepted") accepted.set(`${unitId}/${messageId}`, entry);
      response.writeHead(status, { "content-type": "application/json", ...headers });
      response.end(JSON.stringify(reply));
    };
    if (count % plan.busyEvery === 0) record("busy", 503, { "retry-after": "1" }, { error: "busy, retry later" });
    else if (plan.refuse.has(messageId) && !fixed)
      record("refused", 400, {}, { error: "unknown code in payload.eventType (fixed in the next release)" });
    else if (accepted.has(`${unitId}/${messageId}`)) record("duplicate", 200, {}, { duplicate: true });
    else record("accepted", 202, {}, { received: messageId });
    if (count >= plan.outageAfter && !outage.started) void goDown();
  };

  let server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  const port = await listen(server, 0);

  // Down: the listening socket closes and open connections are cut, so the hub sees connection
  // refused/reset; after outageMs it listens again on the same port.
  async function goDown(): Promise<void> {
    outage.started = true;
    const down = server;
    await new Promise<void>((resolve) => {
      down.close(() => resolve());
      down.closeAllConnections();
    });
    await new Promise((resolve) => setTimeout(resolve, plan.outageMs));
    server = createServer(down.listeners("request")[0] as (req: IncomingMessage, res: ServerResponse) => void);
    await listen(server, port);
    outage.over = true;
  }

  return {
    url: `http://127.0.0.1:${port}/v1/messages`,
    requests,
    accepted,
    outage,
    fix: () => {
      fixed = true;
    },
    close: async () => {
      // Waits for a pending outage to end so that no listener is left behind.
      while (outage.started && !outage.over) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
