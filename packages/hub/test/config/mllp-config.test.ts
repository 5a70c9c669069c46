import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadHubConfig } from "../../src/config/load-hub-config.js";
import { BASE_YAML, issuesOf, load, only, placeOf, where, writeConfig } from "./config-test-kit.js";

const WITH_LISTENER = `${BASE_YAML}mllp:
  - name: hospitals
    port: 2575
    unitId: cs-emergency-office
`;

const WITH_DESTINATION = BASE_YAML.replace(
  "routes:\n",
  `  - id: cdc
    kind: mllp
    host: 127.0.0.1
    port: 6661
routes:
`,
);

describe("MLLP listeners and destinations in the configuration", () => {
  it("fills in the listener's defaults: loopback, health.hl7v2, 1 MiB frames, 60 s idle, 100 connections", async () => {
    const config = await load(WITH_LISTENER);
    expect(config.mllp).toEqual([
      {
        name: "hospitals",
        host: "127.0.0.1",
        port: 2575,
        unitId: "cs-emergency-office",
        adapter: "health.hl7v2",
        maxFrameBytes: 1048576,
        idleTimeoutMs: 60000,
        maxConnections: 100,
      },
    ]);
  });

  it("fills in the destination's defaults: health.hl7v2, one connection, an unanswered send is not repeated", async () => {
    const config = await load(WITH_DESTINATION);
    expect(config.destinations.find((d) => d.id === "cdc")).toMatchObject({
      kind: "mllp",
      host: "127.0.0.1",
      port: 6661,
      adapter: "health.hl7v2",
      connections: 1,
      onAmbiguousTimeout: "dead",
      timeouts: { connectMs: 5000, ackMs: 30000 },
      acceptsStatus: ["actual"],
    });
  });

  it("refuses a listener of an unknown unit and one on the HTTP API's port", async () => {
    const text = `${WITH_LISTENER}  - name: lab
    port: 8080
    unitId: no-such-unit
`;
    const issues = await issuesOf(text);
    only(issues, "EIX_CONFIG_UNIT_UNKNOWN", "/mllp/1/unitId");
    const port = only(issues, "EIX_CONFIG_PORT_CONFLICT", "/mllp/1/port");
    expect(port.message.en).toContain("/http/port");
    expect(placeOf(port)).toEqual(where(text, "8080"));
  });

  it("refuses two listeners on one port, and allows the same port on another address", async () => {
    const twice = `${WITH_LISTENER}  - name: lab
    port: 2575
    unitId: cs-emergency-office
`;
    expect(only(await issuesOf(twice), "EIX_CONFIG_PORT_CONFLICT", "/mllp/1/port").message.en).toContain("/mllp/0/port");
    await expect(load(twice.replace("  - name: lab\n", "  - name: lab\n    host: 127.0.0.2\n"))).resolves.toBeDefined();
  });

  it("a TLS listener needs its certificate and key, mutual TLS its CA; every named file must be readable", async () => {
    const text = `${WITH_LISTENER}    tls:
      certFile: ./tls/hub.crt
      requestCert: true
`;
    const issues = await issuesOf(text);
    expect(issues.filter((i) => i.code === "EIX_CONFIG_TLS_INCOMPLETE").map((i) => i.message.en)).toEqual([
      'The TLS settings lack "keyFile"',
      'The TLS settings lack "caFile"',
    ]);
    const missing = only(issues, "EIX_CONFIG_TLS_FILE", "/mllp/0/tls/certFile");
    expect(missing.message.en).toContain("ENOENT");
  });

  it("resolves TLS files against the configuration's directory and loads when they exist", async () => {
    const text = `${WITH_LISTENER}    tls:
      certFile: hub.crt
      keyFile: hub.key
`;
    const path = writeConfig(text);
    for (const name of ["hub.crt", "hub.key"]) writeFileSync(join(dirname(path), name), "-----BEGIN-----\n");
    const config = await loadHubConfig(path, {});
    expect(config.mllp[0]?.tls).toEqual({
      certFile: join(dirname(path), "hub.crt"),
      keyFile: join(dirname(path), "hub.key"),
      requestCert: false,
    });
  });

  it("the relay lease must outlast an MLLP send (connect + ACK timeouts)", async () => {
    const text = `${WITH_DESTINATION.replace("    port: 6661\n", "    port: 6661\n    timeouts: { ackMs: 200000 }\n")}relay:
  leaseMs: 150000
`;
    const issue = only(await issuesOf(text), "EIX_CONFIG_LEASE_TOO_SHORT");
    expect(issue.message.en).toContain("205000 ms");
  });

  it("an mllp destination's keys are checked like any other: a misspelt one is named", async () => {
    const issue = only(
      await issuesOf(WITH_DESTINATION.replace("    port: 6661\n", "    port: 6661\n    ackTimeout: 5\n")),
      "EIX_CONFIG_UNKNOWN_PROPERTY",
    );
    expect(issue.path).toBe("/destinations/2/ackTimeout");
  });
});
