// One accepted MLLP connection: frames in, one ACK out per frame, strictly in turn.
import type { Socket } from "node:net";
import type { LocalizedText } from "@eix/schema";
import type { Logger } from "pino";
import { readHl7Header } from "./hl7-header.js";
import { type MllpErrorCode, mllpErrors, mllpMessage } from "./mllp-errors.js";
import { describeSample, encodeMllpFrame, MllpFrameDecoder, type MllpFrameEvent } from "./mllp-framing.js";

/** Who sent a frame. */
export interface MllpPeer {
  /** Unique per listener, in accept order; ties the log lines of one connection together. */
  readonly connectionId: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /**
   * Set on a TLS listener: whether a client certificate checked out against the configured CA
   * (always false when the listener does not ask for one).
   */
  readonly tls?: {
    readonly authorized: boolean;
    readonly authorizationError?: string;
    /** The client certificate's subject CN, when one was presented. */
    readonly subjectCommonName?: string;
  };
}

/** Takes one message and answers with the ACK bytes (unframed); resolves only once the message is committed. */
export type MllpHandler = (frame: Uint8Array, peer: MllpPeer) => Promise<Uint8Array>;

export type MllpRejectionCode = Extract<
  MllpErrorCode,
  "EIX_MLLP_FRAME_TOO_LARGE" | "EIX_MLLP_FRAME_EMPTY" | "EIX_MLLP_HANDLER_FAILED"
>;

/** A frame the listener answers without the handler's ACK, and why. */
export interface MllpRejection {
  readonly code: MllpRejectionCode;
  /** The acknowledgment code the table advises: AR (resending cannot help) or AE (send again later). */
  readonly ack: "AR" | "AE";
  readonly message: LocalizedText;
  /** MSH-10 of the refused message, when its start could be read: the MSA-2 of the answer. */
  readonly controlId?: string;
  /** The frame's first bytes (at most 4 KiB), for a builder that reads more of MSH. Never log them. */
  readonly head: Uint8Array;
  /** The handler's failure, for EIX_MLLP_HANDLER_FAILED. */
  readonly cause?: unknown;
}

/** Builds the ACK (AR/AE with the reason) for a frame the handler did not answer. */
export type MllpRejecter = (rejection: MllpRejection, peer: MllpPeer) => Uint8Array | Promise<Uint8Array>;

export type MllpLogger = Pick<Logger, "debug" | "info" | "warn" | "error">;

export interface MllpConnectionOptions {
  readonly handler: MllpHandler;
  readonly reject: MllpRejecter;
  readonly logger: MllpLogger;
  readonly maxFrameBytes: number;
  readonly idleTimeoutMs: number;
}

type Work =
  | { readonly kind: "frame"; readonly bytes: Uint8Array }
  | { readonly kind: "reject"; readonly rejection: MllpRejection };

/** Frames read ahead of the one in hand before the socket stops reading (a sender that does not wait). */
const MAX_QUEUED = 4;
/** After our FIN, how long the peer has to close its side before the socket is destroyed. */
const LINGER_MS = 2000;

/**
 * Reads frames from one socket and answers each with the handler's ACK, one at a time: the next
 * frame is handled only after the previous ACK was written (HL7's original acknowledgment mode),
 * so the sender's n-th ACK is always for its n-th message. Message bytes are never logged.
 */
export class MllpConnection {
  readonly peer: MllpPeer;
  readonly #socket: Socket;
  readonly #options: MllpConnectionOptions;
  readonly #decoder: MllpFrameDecoder;
  readonly #log: MllpLogger;
  readonly #queue: Work[] = [];
  #busy = false;
  /** The listener is closing, or our FIN is sent: finish the frame in hand, take no other. */
  #closing = false;
  /** The peer sent FIN: answer what came, then close. */
  #peerEnded = false;
  #idleTimer: NodeJS.Timeout | undefined;
  #lingerTimer: NodeJS.Timeout | undefined;
  readonly closed: Promise<void>;

  constructor(socket: Socket, peer: MllpPeer, options: MllpConnectionOptions) {
    this.#socket = socket;
    this.peer = peer;
    this.#options = options;
    this.#log = options.logger;
    this.#decoder = new MllpFrameDecoder({ maxFrameBytes: options.maxFrameBytes });
    this.closed = new Promise((resolve) => socket.once("close", () => resolve()));
    socket.setNoDelay(true); // one small ACK per message: no reason to let Nagle hold it back
    socket.on("data", (chunk: Buffer) => this.#onData(chunk));
    socket.on("end", () => this.#onEnd());
    socket.on("error", (error: NodeJS.ErrnoException) =>
      this.#log.debug({ ...this.#ids(), errno: error.code }, "mllp: socket error"),
    );
    socket.once("close", () => {
      clearTimeout(this.#idleTimer);
      clearTimeout(this.#lingerTimer);
      if (this.#queue.length > 0)
        this.#log.info({ ...this.#ids(), unanswered: this.#queue.length }, "mllp: connection closed with frames not handled");
      this.#queue.length = 0;
      this.#log.debug(this.#ids(), "mllp: connection closed");
    });
    this.#armIdle();
  }

  /** Whether a frame is in hand (its handler running or its ACK being written). */
  get busy(): boolean {
    return this.#busy;
  }

  /**
   * Stops reading; the frame in hand, if any, is finished and its ACK written; frames read but
   * not started are dropped unanswered (the sender resends them). Then the socket is ended.
   */
  shutdown(): Promise<void> {
    this.#closing = true;
    this.#socket.pause();
    const dropped = this.#queue.splice(0).length;
    if (dropped > 0)
      this.#log.info({ ...this.#ids(), unanswered: dropped }, "mllp: listener closing, frames left for the sender to resend");
    if (!this.#busy) this.#end();
    return this.closed;
  }

  destroy(): void {
    this.#socket.destroy();
  }

  #ids() {
    return { connectionId: this.peer.connectionId, remoteAddress: this.peer.remoteAddress };
  }

  #onData(chunk: Buffer): void {
    if (this.#closing) return;
    this.#armIdle();
    for (const event of this.#decoder.push(chunk)) this.#onEvent(event);
    this.#pump();
  }

  #onEnd(): void {
    this.#peerEnded = true;
    for (const event of this.#decoder.end()) this.#onEvent(event);
    if (!this.#busy && this.#queue.length === 0) this.#end();
  }

  #onEvent(event: MllpFrameEvent): void {
    switch (event.kind) {
      case "frame":
        if (event.bytes.length > 0) this.#enqueue({ kind: "frame", bytes: event.bytes });
        else this.#enqueue({ kind: "reject", rejection: rejection("EIX_MLLP_FRAME_EMPTY", event.bytes) });
        return;
      case "oversize": {
        const params = { value: String(event.byteCount), limit: String(event.limit) };
        this.#log.warn(
          { ...this.#ids(), code: "EIX_MLLP_FRAME_TOO_LARGE", bytes: event.byteCount, limit: event.limit },
          "mllp: frame too large, refused",
        );
        this.#enqueue({ kind: "reject", rejection: rejection("EIX_MLLP_FRAME_TOO_LARGE", event.head, params) });
        return;
      }
      case "garbage":
        this.#log.warn(
          { ...this.#ids(), code: "EIX_MLLP_GARBAGE", bytes: event.byteCount, start: describeSample(event.sample) },
          "mllp: bytes outside any frame skipped",
        );
        return;
      case "unterminated":
        this.#log.warn(
          { ...this.#ids(), code: "EIX_MLLP_FRAME_UNTERMINATED", bytes: event.byteCount, cause: event.cause },
          "mllp: frame dropped before its end marker",
        );
    }
  }

  #enqueue(work: Work): void {
    this.#queue.push(work);
    // A sender that does not wait for its ACKs is slowed down rather than buffered without bound.
    if (this.#queue.length >= MAX_QUEUED) this.#socket.pause();
  }

  #pump(): void {
    if (this.#busy || this.#closing) return;
    const work = this.#queue.shift();
    if (!work) return;
    this.#busy = true;
    clearTimeout(this.#idleTimer);
    if (this.#queue.length < MAX_QUEUED && !this.#peerEnded) this.#socket.resume();
    void this.#answer(work)
      .catch((error: unknown) => {
        this.#log.error({ ...this.#ids(), err: error }, "mllp: answering a frame failed, connection closed");
        this.#socket.destroy();
      })
      .then(() => this.#afterAnswer());
  }

  #afterAnswer(): void {
    this.#busy = false;
    if (this.#socket.destroyed) return;
    if (this.#closing || (this.#peerEnded && this.#queue.length === 0)) this.#end();
    else if (this.#queue.length > 0) this.#pump();
    else this.#armIdle();
  }

  /** Handles one frame and writes its ACK; never rejects. */
  async #answer(work: Work): Promise<void> {
    const started = Date.now();
    let ack: Uint8Array;
    try {
      ack = await this.#ackFor(work);
    } catch (error) {
      // Not even an AE could be built: closing tells the sender nothing was acknowledged.
      this.#log.error({ ...this.#ids(), err: error }, "mllp: no ACK could be built, connection closed");
      this.#socket.destroy();
      return;
    }
    if (this.#socket.destroyed) {
      this.#log.info(
        { ...this.#ids(), code: work.kind === "reject" ? work.rejection.code : undefined },
        "mllp: ACK not sent, the sender closed the connection",
      );
      return;
    }
    const failed = await new Promise<Error | null | undefined>((resolve) => this.#socket.write(encodeMllpFrame(ack), resolve));
    if (failed)
      this.#log.info({ ...this.#ids(), errno: (failed as NodeJS.ErrnoException).code }, "mllp: ACK could not be written");
    else
      this.#log.debug(
        { ...this.#ids(), bytes: work.kind === "frame" ? work.bytes.length : 0, ms: Date.now() - started },
        "mllp: frame answered",
      );
  }

  async #ackFor(work: Work): Promise<Uint8Array> {
    if (work.kind === "reject") return this.#options.reject(work.rejection, this.peer);
    try {
      return await this.#options.handler(work.bytes, this.peer);
    } catch (error) {
      this.#log.error({ ...this.#ids(), code: "EIX_MLLP_HANDLER_FAILED", err: error }, "mllp: handler failed, answering AE");
      // The sender sees only a code or the error's name: the log line has the rest.
      const code = (error as { code?: unknown } | null)?.code;
      const detail = typeof code === "string" ? code : error instanceof Error ? error.name : "internal error";
      return this.#options.reject(
        rejection("EIX_MLLP_HANDLER_FAILED", work.bytes.subarray(0, 4096), { detail }, error),
        this.peer,
      );
    }
  }

  #armIdle(): void {
    clearTimeout(this.#idleTimer);
    if (this.#busy || this.#closing) return;
    this.#idleTimer = setTimeout(() => {
      if (this.#busy) return;
      const limit = this.#options.idleTimeoutMs;
      this.#log.info({ ...this.#ids(), code: "EIX_MLLP_IDLE_TIMEOUT", limit }, "mllp: idle connection closed");
      this.#end();
    }, this.#options.idleTimeoutMs);
    this.#idleTimer.unref();
  }

  /** FIN after every written ACK; destroyed if the peer does not close its side in time. */
  #end(): void {
    clearTimeout(this.#idleTimer);
    if (this.#socket.destroyed) return;
    // No frame is taken after our FIN; reading goes on only so the peer's own FIN is seen.
    this.#closing = true;
    this.#socket.resume();
    this.#socket.end();
    this.#lingerTimer ??= setTimeout(() => this.#socket.destroy(), LINGER_MS);
    this.#lingerTimer.unref();
  }
}

function rejection(
  code: MllpRejectionCode,
  head: Uint8Array,
  params: { readonly value?: string; readonly limit?: string; readonly detail?: string } = {},
  cause?: unknown,
): MllpRejection {
  const controlId = readHl7Header(head)?.controlId;
  const ack = mllpErrors[code].outcome;
  return {
    code,
    ack,
    message: mllpMessage(code, params),
    head,
    ...(controlId === undefined ? {} : { controlId }),
    ...(cause === undefined ? {} : { cause }),
  };
}
