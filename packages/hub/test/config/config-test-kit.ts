// Helpers shared by the configuration tests: real files in a fresh temporary directory, the
// issues a broken file produces, and the line:column of a piece of text found independently of
// the loader (by searching the text that was written).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, expect } from "vitest";
import { type ConfigIssue, isConfigError } from "../../src/config/config-errors.js";
import type { HubConfig } from "../../src/config/config-model.js";
import { loadHubConfig } from "../../src/config/load-hub-config.js";
import { hashToken } from "../../src/config/unit-token.js";

/** A token for the base config's unit, and its hash as the file gives it. */
export const BASE_TOKEN = "base-unit-token-0123456789";
export const BASE_TOKEN_SHA256 = hashToken(BASE_TOKEN);

/** A small valid configuration; tests replace parts of it to break it. */
export const BASE_YAML = `hubId: test-hub
units:
  - unitId: cs-emergency-office
    name: 长沙市应急管理局
    department: emergency-office
    level: municipal
    regionCode: "430100"
    tokenSha256: ${BASE_TOKEN_SHA256}
destinations:
  - id: national
    kind: http
    url: http://127.0.0.1:9310/v1/messages
  - id: archive
    kind: directory
    path: ./archive
routes:
  - name: everything
    match: {}
    to: [national, archive]
`;

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "eix-config-"));
  made.push(dir);
  return dir;
}

/** Writes `text` to a new temporary directory under `name`; returns the path. */
export function writeConfig(text: string, name = "hub.yaml"): string {
  const path = join(tempDir(), name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** The issues loading `text` produces; fails the test when it loads. */
export async function issuesOf(text: string, env: Record<string, string> = {}, name = "hub.yaml"): Promise<ConfigIssue[]> {
  const path = writeConfig(text, name);
  try {
    await loadHubConfig(path, env);
  } catch (error) {
    if (isConfigError(error)) return [...error.issues];
    throw error;
  }
  expect.fail("the configuration loaded, but problems were expected");
}

export async function load(text: string, env: Record<string, string> = {}, name = "hub.yaml"): Promise<HubConfig> {
  return loadHubConfig(writeConfig(text, name), env);
}

/** The one issue with this code (and pointer, when given). */
export function only(issues: readonly ConfigIssue[], code: string, path?: string): ConfigIssue {
  const found = issues.filter((issue) => issue.code === code && (path === undefined || issue.path === path));
  expect(found, `issues: ${JSON.stringify(issues.map((i) => [i.code, i.path]))}`).toHaveLength(1);
  return found[0] as ConfigIssue;
}

/** Where the `occurrence`-th (1-based) `needle` starts in `text`, 1-based line and column. */
export function where(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let offset = -1;
  for (let i = 0; i < occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`"${needle}" occurs fewer than ${occurrence} times`);
  }
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

export function placeOf(issue: ConfigIssue): { line: number | undefined; column: number | undefined } {
  return { line: issue.line, column: issue.column };
}
