// The MLLP listener (HL7 v2 over TCP, optionally TLS): accepts connections, hands each frame to
// the handler and writes its ACK back.
import { type AddressInfo, createServer as createTcpServer, type Server, type Socket } from "node:net";
import { createServer as createTlsServer, type TLSSocket } from "node:tls";
import { MllpConnection, type MllpHandler, type MllpLogger, type MllpPeer, type MllpRejecter } from "./mllp-connection.js";
import { MllpError } from "./mllp-errors.js";
import { DEFAULT_MAX_FRAME_BYTES } from "./mllp-framing.js";

/** Server certificate and, for mutual TLS, the CA client certificates must chain to. */
export interface MllpServerTls {
  readonly key: string | Buffer;
  readonly cert: string | Buffer;
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  /** Ask clients for a certificate. Default false. */
  readonly requestCert?: boolean;
  /**
   * With `requestCert`: refuse the handshake of a client whose certificate does not chain to
   * `ca` (default true). When false the connection is accepted and `peer.tls.authorized` says how it went.
   */
  readonly rejectUnauthorized?: boolean;
}

export interface MllpServerOptions {
  /** Default 127.0.0.1; "0.0.0.0" to listen on every interface. */
  readonly host?: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly tls?: MllpServerTls;
  /** Decode, ingest, commit, build the ACK. Its ACK is written only after it resolved. */
  readonly handler: MllpHandler;
  /** The ACK for an oversize or empty frame, or for a frame the handler failed on. */
  readonly reject: MllpRejecter;
  /** Never given a message body. */
  readonly logger: MllpLogger;
  /** Default 1 MiB. */
  readonly maxFrameBytes?: number;
  /** A connection with nothing in hand and no bytes for this long is closed. Default 60 s. */
  readonly idleTimeoutMs?: number;
  /** Open connections at most; one more is closed at once. Default 100. */
  readonly maxConnections?: number;
  /** How long `close()` waits for frames in hand before destroying their sockets. Default 10 s. */
  readonly closeTimeoutMs?: number;
}

/**
 * An MLLP listener. Each connection is answered strictly in turn (see `MllpConnection`); an
 * oversize or empty frame gets the `reject` builder's ACK and the connection goes on; bytes
 * between frames are skipped and logged with their count and first bytes.
 */
export class MllpServer {
  readonly #options: MllpServerOptions;
  readonly #server: Server;
  readonly #connections = new Set<MllpConnection>();
  /** Raw TCP sockets, TLS handshakes included: what `maxConnections` counts and `close()` finally destroys. */
  readonly #sockets = new Set<Socket>();
  readonly #maxConnections: number;
  readonly #idleTimeoutMs: number;
  readonly #maxFrameBytes: number;
  #nextId = 1;
  #closing: Promise<void> | undefined;

  constructor(options: MllpServerOptions) {
    this.#options = options;
    this.#maxConnections = positiveInteger(options.maxConnections, 100, "maxConnections");
    this.#idleTimeoutMs = positiveInteger(options.idleTimeoutMs, 60_000, "idleTimeoutMs");
    this.#maxFrameBytes = positiveInteger(options.maxFrameBytes, DEFAULT_MAX_FRAME_BYTES, "maxFrameBytes");
    positiveInteger(options.closeTimeoutMs, 10_000, "closeTimeoutMs");
    if (!(Number.isInteger(options.port) && options.port >= 0 && options.port <= 65_535)) {
      throw new MllpError("EIX_MLLP_INVALID_OPTIONS", { detail: "port must be an integer from 0 to 65535" });
    }
    // allowHalfOpen: a sender may send its last frame and FIN at once; its ACK still goes out.
    const { tls } = options;
    if (tls) {
      if (!(tls.key && tls.cert)) throw new MllpError("EIX_MLLP_INVALID_OPTIONS", { detail: "tls needs key and cert" });
      const server = createTlsServer({
        key: tls.key,
        cert: tls.cert,
        ...(tls.ca === undefined ? {} : { ca: tls.ca as string | Buffer | (string | Buffer)[] }),
        requestCert: tls.requestCert ?? false,
        rejectUnauthorized: tls.rejectUnauthorized ?? true,
        allowHalfOpen: true,
        handshakeTimeout: Math.min(this.#idleTimeoutMs, 120_000),
      });
      server.on("secureConnection", (socket: TLSSocket) => this.#accept(socket, tlsPeer(socket)));
      server.on("tlsClientError", (error: NodeJS.ErrnoException, socket: TLSSocket) => {
        const detail = error.code ?? error.message;
        options.logger.warn(
          { code: "EIX_MLLP_TLS_FAILED", remoteAddress: socket.remoteAddress, detail },
          "mllp: TLS handshake failed",
        );
      });
      this.#server = server;
    } else {
      this.#server = createTcpServer({ allowHalfOpen: true }, (socket) => this.#accept(socket, undefined));
    }
    // Node counts raw sockets, TLS handshakes included, and drops the one over the limit itself.
    this.#server.maxConnections = this.#maxConnections;
    this.#server.on("drop", (data?: { remoteAddress?: string }) => {
      const fields = { code: "EIX_MLLP_TOO_MANY_CONNECTIONS", remoteAddress: data?.remoteAddress, limit: this.#maxConnections };
      options.logger.warn(fields, "mllp: connection refused, too many open");
    });
    this.#server.on("connection", (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once("close", () => this.#sockets.delete(socket));
    });
  }

  /** Starts listening; resolves with the bound address. */
  listen(): Promise<{ readonly host: string; readonly port: number }> {
    return new Promise((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(this.#options.port, this.#options.host ?? "127.0.0.1", () => {
        this.#server.off("error", reject);
        const address = this.#server.address() as AddressInfo;
        this.#options.logger.info(
          { host: address.address, port: address.port, tls: this.#options.tls !== undefined },
          "mllp: listening",
        );
        resolve({ host: address.address, port: address.port });
      });
    });
  }

  /** Open connections (TLS handshakes in progress included). */
  get connectionCount(): number {
    return this.#sockets.size;
  }

  /**
   * Stops accepting; every connection finishes the frame in hand (its ACK is written), drops
   * frames it had not started, and is ended. After `closeTimeoutMs` what is left is destroyed.
   */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    const stopped = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    const graceful = Promise.all([...this.#connections].map((connection) => connection.shutdown()));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), this.#options.closeTimeoutMs ?? 10_000);
    });
    if ((await Promise.race([graceful, timeout])) === "timeout") {
      const open = this.#connections.size;
      this.#options.logger.warn({ open }, "mllp: frames still in hand at the close deadline, connections destroyed");
    }
    clearTimeout(timer);
    // What is left has no frame in hand: TLS handshakes not finished, sockets already closing.
    for (const socket of this.#sockets) socket.destroy();
    for (const connection of this.#connections) connection.destroy();
    await stopped;
    this.#options.logger.info("mllp: listener closed");
  }

  #accept(socket: Socket, tls: MllpPeer["tls"]): void {
    if (socket.destroyed) return;
    if (this.#closing) {
      socket.destroy(); // a TLS handshake that finished while the listener was closing
      return;
    }
    const peer: MllpPeer = {
      connectionId: this.#nextId++,
      remoteAddress: socket.remoteAddress ?? "",
      remotePort: socket.remotePort ?? 0,
      ...(tls ? { tls } : {}),
    };
    const connection = new MllpConnection(socket, peer, {
      handler: this.#options.handler,
      reject: this.#options.reject,
      logger: this.#options.logger,
      maxFrameBytes: this.#maxFrameBytes,
      idleTimeoutMs: this.#idleTimeoutMs,
    });
    this.#connections.add(connection);
    void connection.closed.then(() => this.#connections.delete(connection));
    this.#options.logger.debug(
      { connectionId: peer.connectionId, remoteAddress: peer.remoteAddress, authorized: tls?.authorized },
      "mllp: connection accepted",
    );
  }
}

function tlsPeer(socket: TLSSocket): NonNullable<MllpPeer["tls"]> {
  const certificate = socket.getPeerCertificate();
  const cn = certificate?.subject?.CN;
  const subjectCommonName = Array.isArray(cn) ? cn[0] : cn;
  const error = socket.authorizationError;
  return {
    authorized: socket.authorized,
    ...(error ? { authorizationError: String(error) } : {}),
    ...(subjectCommonName ? { subjectCommonName } : {}),
  };
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  const chosen = value ?? fallback;
  if (!(Number.isSafeInteger(chosen) && chosen > 0)) {
    throw new MllpError("EIX_MLLP_INVALID_OPTIONS", { detail: `${name} must be a positive integer` });
  }
  return chosen;
}
