// The configuration a test hub runs on, written to a temporary directory.
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh temporary directory for one hub's configuration and store. */
export function makeWorkDir(prefix: string): { readonly dir: string; readonly remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `eix-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A sending unit of the test hub, with its bearer token. */
export interface TestUnit {
  readonly unitId: string;
  readonly token: string;
  readonly operator: boolean;
}

export function testUnit(unitId: string, options: { readonly operator?: boolean } = {}): TestUnit {
  return { unitId, token: randomBytes(24).toString("hex"), operator: options.operator ?? false };
}

export interface HubConfigSpec {
  readonly receiverUrl: string;
  readonly units: readonly TestUnit[];
  readonly retry?: { initialDelayMs?: number; maxDelayMs?: number; maxAttempts?: number; maxAgeMs?: number };
  readonly breaker?: { failureThreshold?: number; openMs?: number };
  readonly timeouts?: { connectMs: number; headersMs: number; bodyMs: number };
  readonly relay?: { workers?: number; batchSize?: number; leaseMs?: number; deadBlocksLane?: boolean };
}

/**
 * Writes `hub.json` into `dir` (JSON is YAML too, and needs no dependency here): a SQLite store in
 * `dir`, one HTTP destination `receiver` that every message is routed to, the units with the
 * SHA-256 of their tokens, and ingest limits high enough that a test's load never meets 429/503.
 */
export function writeHubConfig(dir: string, spec: HubConfigSpec): string {
  const config = {
    hubId: "reliability-hub",
    store: { kind: "sqlite", path: "./hub.db" },
    http: { host: "127.0.0.1", port: 0, maxInFlight: 5000, maxInFlightPerUnit: 5000 },
    units: spec.units.map((unit) => ({
      unitId: unit.unitId,
      name: `${unit.unitId} 应急管理局值班室`,
      department: "emergency-office",
      level: "county",
      regionCode: "330110",
      tokenSha256: createHash("sha256").update(unit.token).digest("hex"),
      ...(unit.operator ? { operator: true } : {}),
    })),
    destinations: [
      {
        id: "receiver",
        kind: "http",
        url: spec.receiverUrl,
        ...(spec.timeouts ? { timeouts: spec.timeouts } : {}),
        ...(spec.retry ? { retry: spec.retry } : {}),
        ...(spec.breaker ? { breaker: spec.breaker } : {}),
      },
    ],
    routes: [{ name: "everything-to-receiver", match: {}, to: ["receiver"] }],
    ...(spec.relay ? { relay: spec.relay } : {}),
    // info: the "hub started" line carries the address the hub listens on.
    log: { level: "info" },
  };
  const path = join(dir, "hub.json");
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
  return path;
}
