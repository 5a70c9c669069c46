import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { AdapterRegistry } from "@eix/adapters";
import type { Unit } from "@eix/schema";
import { stringify } from "yaml";
import type { HubConfigFile, UnitEntry } from "../config/config-file-model.js";
import type { HubConfig } from "../config/config-model.js";
import { parseHubConfig } from "../config/load-hub-config.js";
import { hashToken } from "../config/unit-token.js";

export const DEMO_HUB_ID = "eix-demo-hub";
/**
 * The duty officer (值班员) who replays dead letters through the API. Provincial, since most of
 * the examples come from Henan (410000); an operator only reads and replays, it sends nothing.
 */
export const DEMO_OPERATOR: UnitEntry = {
  unitId: "demo-duty-officer",
  name: "演示枢纽值班员 Demo hub duty officer",
  department: "emergency-office",
  level: "provincial",
  regionCode: "410000",
  operator: true,
};

export interface DemoHubSetup {
  readonly config: HubConfig;
  /** The configuration as the demo wrote it (tokens as hashes), for `eix serve --config` later. */
  readonly yaml: string;
  /** Bearer token of each unit, by unit id (the operator's too). */
  readonly tokens: ReadonlyMap<string, string>;
}

export interface DemoHubOptions {
  readonly dataDir: string;
  readonly nationalUrl: string;
  /** Every unit that sends in the demo: one per distinct sender of the example messages. */
  readonly senders: readonly Unit[];
  readonly registry: AdapterRegistry;
}

/**
 * The demo hub's configuration: a unit per sender, each with a fresh random token; the national
 * platform stand-in for every actual message with short retry delays so the story fits in
 * seconds; an archive directory that keeps exercises too. It goes through the same parser,
 * JSON Schema and cross-checks as any `eix serve --config` file.
 */
export function demoHubConfig(options: DemoHubOptions): DemoHubSetup {
  const tokens = new Map<string, string>();
  const units: UnitEntry[] = [];
  for (const sender of [...options.senders, DEMO_OPERATOR] as (Unit | UnitEntry)[]) {
    if (tokens.has(sender.unitId)) continue;
    const token = randomBytes(24).toString("base64url");
    tokens.set(sender.unitId, token);
    const { unitId, name, department, level, regionCode } = sender;
    units.push({
      unitId,
      name,
      department,
      level: level as UnitEntry["level"],
      regionCode,
      tokenSha256: hashToken(token),
      ...("operator" in sender && sender.operator === true ? { operator: true } : {}),
    });
  }
  const file: HubConfigFile = {
    hubId: DEMO_HUB_ID,
    store: { kind: "sqlite", path: join(options.dataDir, "eix-hub.db") },
    http: { host: "127.0.0.1", port: 0 },
    units,
    destinations: [
      {
        id: "national",
        kind: "http",
        url: options.nationalUrl,
        acceptsStatus: ["actual"],
        clearance: "internal",
        timeouts: { connectMs: 1000, headersMs: 5000, bodyMs: 5000 },
        retry: { initialDelayMs: 200, maxDelayMs: 2000, maxAttempts: 30, maxAgeMs: 120_000 },
        breaker: { failureThreshold: 3, openMs: 1000 },
      },
      {
        id: "archive",
        kind: "directory",
        path: join(options.dataDir, "archive"),
        acceptsStatus: ["actual", "exercise"],
        clearance: "restricted",
      },
    ],
    routes: [
      { name: "everything-to-national", match: {}, to: ["national"] },
      { name: "archive-everything", match: {}, to: ["archive"] },
    ],
    relay: { workers: 2, batchSize: 16, leaseMs: 30_000, deadBlocksLane: true },
    log: { level: "info" },
  };
  const yaml = `# Configuration of the EIX demo hub, written by \`eix demo\`.\n${stringify(file)}`;
  const config = parseHubConfig(yaml, {
    file: join(options.dataDir, "hub.yaml"),
    env: {},
    adapters: options.registry,
    format: "yaml",
  });
  return { config, yaml, tokens };
}
