// eix serve / messages show / replay against a real hub (in-process startHub on the same
// configuration file and SQLite store) and a loopback receiver that refuses, then accepts.
import { once } from "node:events";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { hashToken, loadHubConfig, type RunningHub, startHub } from "@eix/hub";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { makeTempDir, run } from "./cli-harness.js";

const example = readFileSync(join(import.meta.dirname, "../../schema/examples/valid/incident-110-fire-initial.json"), "utf8");
const envelope = JSON.parse(example);
const token = "county-token-for-operator-tests";

let receiverRefuses = true;
const received: string[] = [];
let receiver: Server;
let hub: RunningHub;
const temp = makeTempDir();
const configFile = join(temp.dir, "hub.yaml");

function configText(receiverUrl: string): string {
  const { unitId, name, department, level, regionCode } = envelope.sender;
  return `hubId: operator-test-hub
store: { kind: sqlite, path: ./hub.db }
units:
  - { unitId: ${unitId}, name: ${name}, department: ${department}, level: ${level}, regionCode: "${regionCode}", tokenSha256: ${hashToken(token)} }
destinations:
  - id: national
    kind: http
    url: ${receiverUrl}
    retry: { initialDelayMs: 100, maxDelayMs: 200 }
routes:
  - { name: everything, match: {}, to: [national] }
`;
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  receiver = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      if (receiverRefuses) {
        response.writeHead(400, { "content-type": "text/plain" }).end("unknown incident type");
        return;
      }
      received.push(String(request.headers["x-eix-message-id"]));
      response.writeHead(200).end();
    });
  });
  receiver.listen(0, "127.0.0.1");
  await once(receiver, "listening");
  writeFileSync(configFile, configText(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/in`));
  hub = await startHub(await loadHubConfig(configFile), { port: 0, logger: pino({ level: "silent" }), relayPollMs: 50 });
  const answer = await fetch(`${hub.url}/v1/messages`, {
    method: "POST",
    body: example,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
  });
  expect(answer.status).toBe(202);
  await until(async () => (await hub.store.listDeliveries({ state: "dead" })).length === 1, "the dead letter");
});

afterAll(async () => {
  await hub?.close();
  receiver?.close();
  temp.remove();
});

describe("operator commands", () => {
  test("eix messages show lists the delivery as dead with the receiver's reason", async () => {
    const shown = await run("messages", "show", envelope.id, "--config", configFile, "--lang", "en");
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(envelope.id);
    expect(shown.stdout).toMatch(/national\s+dead\s+attempts=1\s+.*400/);
    const json = await run("messages", "show", envelope.id, "--config", configFile, "--json");
    expect(JSON.parse(json.stdout).deliveries[0]).toMatchObject({ destination: "national", state: "dead" });
  });

  test("eix messages show exits 1 for an unknown message", async () => {
    const shown = await run("messages", "show", "no-such-message", "--config", configFile);
    expect(shown.code).toBe(1);
  });

  test("eix replay re-queues the dead letter, and the hub delivers it once the receiver is fixed", async () => {
    expect((await run("replay", "--config", configFile, "--destination", "elsewhere")).code).toBe(1);
    receiverRefuses = false;
    const replayed = await run("replay", "--config", configFile, "--id", envelope.id, "--lang", "en");
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toContain("1 dead deliveries re-queued");
    await until(() => received.length === 1, "the replayed delivery");
    expect(received).toEqual([envelope.id]);
    const [delivery] = await hub.store.listDeliveries();
    expect(delivery?.state).toBe("delivered");
  });

  test("eix replay without a target is a usage error", async () => {
    const replayed = await run("replay", "--config", configFile);
    expect(replayed.code).toBe(2);
    expect(replayed.stderr).toContain("EIX_CLI_USAGE");
  });

  test("eix serve reports every configuration problem with file:line:col and exits 2", async () => {
    const broken = join(temp.dir, "broken.yaml");
    writeFileSync(
      broken,
      configText("http://127.0.0.1:9/in").replace('regionCode: "', 'regionCode: "99').replace("to: [national]", "to: [nowhere]"),
    );
    const served = await run("serve", "--config", broken, "--lang", "en");
    expect(served.code).toBe(2);
    const lines = served.stderr.trim().split("\n");
    expect(lines.some((line) => /broken\.yaml:4:\d+.*EIX_CONFIG_/.test(line))).toBe(true);
    expect(lines.some((line) => /broken\.yaml:11:\d+.*EIX_CONFIG_/.test(line))).toBe(true);
  });
});
