// MLLP over TLS with certificates made for the test by the openssl command line: a private CA,
// a server certificate for 127.0.0.1 and a client certificate for mutual TLS.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "node:tls";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { MllpDestination } from "../../src/mllp/mllp-destination.js";
import { encodeMllpFrame, MllpFrameDecoder } from "../../src/mllp/mllp-framing.js";
import { claimedDelivery } from "../relay/relay-fixtures.js";
import { adt, startListener, type TestListener, testAckReader, until, utf8 } from "./mllp-fixtures.js";

function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

interface Certificates {
  readonly ca: string;
  readonly serverKey: string;
  readonly serverCert: string;
  readonly clientKey: string;
  readonly clientCert: string;
}

/** A CA and two leaf certificates (P-256 keys: quick to make), valid for a day. */
function makeCertificates(dir: string): Certificates {
  const run = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  run("req", "-x509", ...ec, "-subj", "/CN=EIX test CA", "-days", "1", "-keyout", "ca.key", "-out", "ca.crt");
  writeFileSync(join(dir, "server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  writeFileSync(join(dir, "client.ext"), "extendedKeyUsage=clientAuth\n");
  for (const [name, cn] of [
    ["server", "localhost"],
    ["client", "HOSP-A"],
  ] as const) {
    run("req", ...ec, "-subj", `/CN=${cn}`, "-keyout", `${name}.key`, "-out", `${name}.csr`);
    run(
      "x509",
      "-req",
      "-in",
      `${name}.csr`,
      "-CA",
      "ca.crt",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-days",
      "1",
      "-extfile",
      `${name}.ext`,
      "-out",
      `${name}.crt`,
    );
  }
  const read = (file: string) => readFileSync(join(dir, file), "utf8");
  return {
    ca: read("ca.crt"),
    serverKey: read("server.key"),
    serverCert: read("server.crt"),
    clientKey: read("client.key"),
    clientCert: read("client.crt"),
  };
}

const openssl = hasOpenssl();
const title = openssl
  ? "MLLP over TLS (loopback)"
  : "MLLP over TLS (skipped: no openssl command on PATH to make test certificates)";

describe.skipIf(!openssl)(title, () => {
  let dir = "";
  let certs: Certificates;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "eix-mllp-tls-"));
    certs = makeCertificates(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function tlsListener(mutual: boolean): Promise<TestListener> {
    const listener = await startListener({
      tls: { key: certs.serverKey, cert: certs.serverCert, ...(mutual ? { ca: certs.ca, requestCert: true } : {}) },
    });
    cleanups.push(() => listener.server.close());
    return listener;
  }

  test("the destination delivers to a TLS listener it trusts through the private CA", async () => {
    const { port, committed } = await tlsListener(false);
    const cdc = new MllpDestination({ id: "cdc", host: "127.0.0.1", port, readAck: testAckReader, tls: { ca: certs.ca } });
    cleanups.push(() => cdc.close());
    const body = { bytes: utf8(adt("CTRL-1")), contentType: "application/hl7-v2", extension: "hl7" };
    expect(await cdc.send(claimedDelivery(), body)).toMatchObject({ kind: "delivered", response: { body: "AA CTRL-1" } });
    // Encrypted, but no client certificate was asked for, so none vouches for the sender.
    expect(committed[0]?.peer.tls).toEqual({ authorized: false });
  });

  test("with mutual TLS the handler learns the client certificate's CN", async () => {
    const { port, committed } = await tlsListener(true);
    const cdc = new MllpDestination({
      id: "cdc",
      host: "127.0.0.1",
      port,
      readAck: testAckReader,
      tls: { ca: certs.ca, key: certs.clientKey, cert: certs.clientCert },
    });
    cleanups.push(() => cdc.close());
    const body = { bytes: utf8(adt("CTRL-1")), contentType: "application/hl7-v2", extension: "hl7" };
    expect((await cdc.send(claimedDelivery(), body)).kind).toBe("delivered");
    expect(committed[0]?.peer.tls).toEqual({ authorized: true, subjectCommonName: "HOSP-A" });
  });

  test("with mutual TLS a client without a certificate is refused at the handshake", async () => {
    const { port, committed, lines } = await tlsListener(true);
    const socket = connect({ host: "127.0.0.1", port, ca: certs.ca });
    socket.on("error", () => undefined);
    const acks: Uint8Array[] = [];
    const decoder = new MllpFrameDecoder();
    socket.on("data", (chunk) => {
      for (const event of decoder.push(chunk)) if (event.kind === "frame") acks.push(event.bytes);
    });
    socket.on("secureConnect", () => socket.write(encodeMllpFrame(utf8(adt("CTRL-1")))));
    await until(() => socket.destroyed, "the connection to be refused");
    expect(acks).toEqual([]);
    expect(committed).toEqual([]);
    await until(() => lines.some((line) => line.code === "EIX_MLLP_TLS_FAILED"), "the TLS log line");
  });

  test("a destination that does not trust the listener's certificate cannot connect: retryable", async () => {
    const { port, committed } = await tlsListener(false);
    const cdc = new MllpDestination({ id: "cdc", host: "127.0.0.1", port, readAck: testAckReader, tls: {} });
    cleanups.push(() => cdc.close());
    const body = { bytes: utf8(adt("CTRL-1")), contentType: "application/hl7-v2", extension: "hl7" };
    const result = await cdc.send(claimedDelivery(), body);
    expect(result.kind === "retryable" && result.reason).toMatch(/^EIX_MLLP_CONNECT_FAILED: .*(self-signed|issuer|UNABLE_TO)/i);
    expect(committed).toEqual([]);
  });
});
