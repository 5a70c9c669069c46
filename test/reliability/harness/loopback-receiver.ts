// A destination the test controls: it records every request and answers as it is told.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the receiver got: who it was for, what it carried, what it answered and when. */
export interface Arrival {
  readonly messageId: string;
  readonly unitId: string;
  readonly deliveryId: string;
  /** The body as JSON (canonical EIX), or undefined when it was not JSON. */
  readonly envelope: ReceivedEnvelope | undefined;
  /** Date.now() when the request began. */
  readonly at: number;
  readonly status: number;
  /** Date.now() just before the answer was written. */
  readonly answeredAt: number;
}

export interface ReceivedEnvelope {
  readonly id?: string;
  readonly sender?: { readonly unitId?: string };
  readonly payload?: { readonly incidentId?: string; readonly sequence?: number; readonly stage?: string };
}

export interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Responder = (request: { readonly messageId: string; readonly envelope: ReceivedEnvelope | undefined }) => Answer;

const ACCEPT: Responder = () => ({ status: 200 });

/**
 * A node:http server on 127.0.0.1 that records every request and answers as `respond` says
 * (200 by default). `down()` closes its port (connections refused), `up()` opens the same port
 * again.
 */
export class LoopbackReceiver {
  respond: Responder = ACCEPT;
  readonly arrivals: Arrival[] = [];
  readonly #server: Server;
  #port = 0;

  private constructor() {
    this.#server = createServer((request, response) => this.#handle(request, response));
  }

  static async start(): Promise<LoopbackReceiver> {
    const receiver = new LoopbackReceiver();
    await receiver.up();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}/eix/messages`;
  }

  /** Arrivals answered 2xx, by message id, in arrival order. */
  accepted(): Map<string, Arrival[]> {
    const byId = new Map<string, Arrival[]>();
    for (const arrival of this.arrivals) {
      if (arrival.status < 200 || arrival.status >= 300) continue;
      const list = byId.get(arrival.messageId) ?? [];
      list.push(arrival);
      byId.set(arrival.messageId, list);
    }
    return byId;
  }

  async up(): Promise<void> {
    await new Promise<void>((done, failed) => {
      this.#server.once("error", failed);
      this.#server.listen(this.#port, "127.0.0.1", () => {
        this.#server.off("error", failed);
        this.#port = (this.#server.address() as AddressInfo).port;
        done();
      });
    });
  }

  /** Closes the port and every open connection: the destination is down. */
  async down(): Promise<void> {
    if (!this.#server.listening) return;
    const closed = new Promise<void>((done) => this.#server.close(() => done()));
    this.#server.closeAllConnections();
    await closed;
  }

  #handle(request: IncomingMessage, response: ServerResponse): void {
    const at = Date.now();
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const messageId = request.headers["x-eix-message-id"];
      const envelope = parseEnvelope(Buffer.concat(chunks).toString("utf8"));
      const answer = this.respond({ messageId: String(messageId), envelope });
      const answeredAt = Date.now();
      this.arrivals.push({
        messageId: String(messageId),
        unitId: String(request.headers["x-eix-unit-id"]),
        deliveryId: String(request.headers["x-eix-delivery-id"]),
        envelope,
        at,
        status: answer.status,
        answeredAt,
      });
      response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      response.end(JSON.stringify({ status: answer.status }));
    });
  }
}

function parseEnvelope(text: string): ReceivedEnvelope | undefined {
  try {
    return JSON.parse(text) as ReceivedEnvelope;
  } catch {
    return undefined;
  }
}
