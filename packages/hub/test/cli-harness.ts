// Helpers shared by the CLI tests: a fresh temporary directory, a valid message to start
// fixtures from, and runCli with its output captured.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { runCli } from "@eix/hub";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function run(...argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: {
      write: (text: string) => {
        stdout += text;
      },
    },
    stderr: {
      write: (text: string) => {
        stderr += text;
      },
    },
  });
  return { code, stdout, stderr };
}

export function makeTempDir(): { readonly dir: string; readonly remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "eix-cli-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `content` (a value is written as JSON) to dir/name, creating folders; returns the path. */
export function put(dir: string, name: string, content: unknown): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, typeof content === "string" || content instanceof Uint8Array ? content : JSON.stringify(content, null, 2));
  return path;
}

/** A valid initial incident report (初报) that raises no warning; a fresh copy on every call. */
export function incident(payloadChanges: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "0193f1a2-7c4e-7b21-9a3d-5e2f10000099",
    schema: "eix/1",
    kind: "incident",
    sentAt: "2026-03-14T02:41:00+08:00",
    sender: {
      unitId: "330110-YJJ-ZBS",
      name: "杭州市余杭区应急管理局值班室",
      department: "emergency-office",
      level: "county",
      regionCode: "330110",
    },
    status: "actual",
    classification: "internal",
    payload: {
      incidentId: "330110-20260314-0001",
      stage: "initial",
      sequence: 1,
      title: "余杭区仁和街道一服装加工厂发生火灾",
      eventType: "12G00",
      severity: "IV",
      occurredAt: "2026-03-14T02:05:00+08:00",
      location: { regionCode: "330110", address: "浙江省杭州市余杭区仁和街道" },
      source: { channel: "110" },
      ...payloadChanges,
    },
  };
}

/** An error: an initial report must have sequence 1. */
export const wrongSequence = () => incident({ sequence: 2 });
/** Only a warning: discovered before it occurred. */
export const discoveredEarly = () => incident({ discoveredAt: "2026-03-14T02:00:00+08:00" });

/** A stack trace line as Node prints it. */
export const STACK_LINE = /^\s+at .+\(?.+:\d+:\d+\)?$/m;
