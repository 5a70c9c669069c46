// One client connection to an MLLP receiver: connect, then one frame out and one ACK frame in at a time.
import { connect as connectTcp, type Socket } from "node:net";
import { connect as connectTls } from "node:tls";
import { encodeMllpFrame, MllpFrameDecoder } from "./mllp-framing.js";

/** TLS settings for an MLLP destination (client certificate, private CA). */
export interface MllpLinkTls {
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  readonly servername?: string;
  readonly rejectUnauthorized?: boolean;
}

export interface MllpLinkOptions {
  readonly host: string;
  readonly port: number;
  readonly tls?: MllpLinkTls;
  readonly connectTimeoutMs: number;
  readonly maxAckBytes: number;
}

/** How connecting failed; the frame was not sent either way. */
export type ConnectFailure = { readonly kind: "connect-timeout" } | { readonly kind: "connect-failed"; readonly detail: string };

/** How one frame-for-ACK exchange ended, as the transport saw it; the destination classifies it. */
export type Exchange =
  | { readonly kind: "ack"; readonly bytes: Uint8Array }
  /** An ACK frame over `maxAckBytes`: skipped unread. */
  | { readonly kind: "ack-too-large"; readonly byteCount: number }
  /** The connection failed or closed; `written`: the whole frame had been handed to the kernel. */
  | { readonly kind: "closed"; readonly written: boolean; readonly detail: string }
  | { readonly kind: "timeout"; readonly written: boolean }
  | { readonly kind: "aborted"; readonly written: boolean };

type Settle = (exchange: Exchange) => void;

/**
 * A kept-alive connection used for one exchange at a time (MLLP is strictly request/response).
 * Anything the receiver sends while no exchange waits — a late ACK of a timed-out frame — makes
 * the link unusable, so it can never be taken for the answer to the next frame.
 */
export class MllpLink {
  readonly #options: MllpLinkOptions;
  #socket: Socket | undefined;
  #decoder: MllpFrameDecoder;
  #settle: Settle | undefined;
  #written = false;
  #lastError: string | undefined;
  #idleTimer: NodeJS.Timeout | undefined;

  constructor(options: MllpLinkOptions) {
    this.#options = options;
    this.#decoder = new MllpFrameDecoder({ maxFrameBytes: options.maxAckBytes });
  }

  /** Whether a socket is open and was not closed or spoken on out of turn. */
  get usable(): boolean {
    const socket = this.#socket;
    return socket !== undefined && !socket.destroyed && !socket.readableEnded && !this.#decoder.inFrame;
  }

  /** Opens a fresh socket (closing any old one); resolves undefined once connected, else with the failure. */
  connect(signal?: AbortSignal): Promise<ConnectFailure | undefined> {
    this.close();
    const { host, port, tls, connectTimeoutMs } = this.#options;
    const socket = tls
      ? connectTls({ host, port, ...definedOnly(tls), ...(tls.servername || isIp(host) ? {} : { servername: host }) })
      : connectTcp({ host, port });
    this.#socket = socket;
    this.#decoder = new MllpFrameDecoder({ maxFrameBytes: this.#options.maxAckBytes });
    this.#lastError = undefined;
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.#onData(socket, chunk));
    socket.on("error", (error: NodeJS.ErrnoException) => {
      this.#lastError = describe(error);
    });
    socket.on("close", () => this.#onClose(socket));
    return new Promise((resolve) => {
      const connectedEvent = tls ? "secureConnect" : "connect";
      const done = (failure: ConnectFailure | undefined) => {
        clearTimeout(timer);
        socket.off(connectedEvent, onConnected);
        socket.off("error", onError);
        signal?.removeEventListener("abort", onAbort);
        if (failure) socket.destroy();
        resolve(failure);
      };
      const onConnected = () => done(undefined);
      const onError = (error: NodeJS.ErrnoException) => done({ kind: "connect-failed", detail: describe(error) });
      const onAbort = () => done({ kind: "connect-failed", detail: "send aborted while connecting" });
      const timer = setTimeout(() => done({ kind: "connect-timeout" }), connectTimeoutMs);
      socket.once(connectedEvent, onConnected);
      socket.once("error", onError);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /**
   * Writes one framed message and waits for one ACK frame. The clock (`timeoutMs`) runs from the
   * start of the write, so a receiver that stops reading cannot hold the send forever either.
   * Only an ACK leaves the socket usable; every other end closes it.
   */
  exchange(message: Uint8Array, timeoutMs: number, signal?: AbortSignal): Promise<Exchange> {
    const socket = this.#socket;
    if (!socket || !this.usable) return Promise.resolve({ kind: "closed", written: false, detail: "not connected" });
    this.unpark();
    this.#written = false;
    return new Promise((resolve) => {
      const onAbort = () => settle({ kind: "aborted", written: this.#written });
      const timer = setTimeout(() => settle({ kind: "timeout", written: this.#written }), timeoutMs);
      const settle: Settle = (exchange) => {
        if (this.#settle !== settle) return;
        this.#settle = undefined;
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        if (exchange.kind !== "ack") socket.destroy();
        resolve(exchange);
      };
      this.#settle = settle;
      if (signal?.aborted) return onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      socket.write(encodeMllpFrame(message), (error) => {
        if (error) settle({ kind: "closed", written: false, detail: this.#lastError ?? describe(error) });
        else this.#written = true;
      });
    });
  }

  /** Keeps the idle socket for the next send, closing it after `idleMs` unused. */
  park(idleMs: number): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => this.close(), idleMs);
    this.#idleTimer.unref();
  }

  unpark(): void {
    clearTimeout(this.#idleTimer);
  }

  close(): void {
    clearTimeout(this.#idleTimer);
    this.#socket?.destroy();
    this.#socket = undefined;
  }

  #onData(socket: Socket, chunk: Buffer): void {
    if (socket !== this.#socket) return;
    for (const event of this.#decoder.push(chunk)) {
      const settle = this.#settle;
      if (event.kind === "garbage") continue; // a stray line break or noise before the ACK frame
      if (!settle) {
        // Spoken to out of turn: a late ACK. The next frame's answer must not be confused with it.
        socket.destroy();
        return;
      }
      if (event.kind === "frame") settle({ kind: "ack", bytes: event.bytes });
      else if (event.kind === "oversize") settle({ kind: "ack-too-large", byteCount: event.byteCount });
      // "unterminated" (the receiver restarted its frame): keep waiting for the complete one.
    }
  }

  #onClose(socket: Socket): void {
    if (socket !== this.#socket) return;
    clearTimeout(this.#idleTimer);
    this.#settle?.({ kind: "closed", written: this.#written, detail: this.#lastError ?? "connection closed by the receiver" });
  }
}

function definedOnly(tls: MllpLinkTls): Record<string, unknown> {
  return Object.fromEntries(Object.entries(tls).filter(([, value]) => value !== undefined));
}

const isIp = (host: string) => /^[\d.]+$/.test(host) || host.includes(":");

/** "ECONNREFUSED connect ECONNREFUSED 127.0.0.1:2575": codes and addresses, never data. */
function describe(error: NodeJS.ErrnoException): string {
  const code = error.code;
  if (code === undefined) return error.message;
  return error.message.includes(code) ? error.message : `${code} ${error.message}`;
}
