import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { incident, makeTempDir, put, run, STACK_LINE, wrongSequence } from "./cli-harness.js";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const examplesDir = join(REPO_ROOT, "packages/schema/examples");
const countIn = (folder: string) => readdirSync(join(examplesDir, folder)).filter((f) => /(?<!\.expected)\.json$/.test(f)).length;

/** `pnpm demo …` exactly as the README runs it, from the repository root. */
function pnpmDemo(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      "pnpm",
      ["demo", ...args],
      { cwd: REPO_ROOT, timeout: 120_000, env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("pnpm demo (the README's first command)", () => {
  let temp: ReturnType<typeof makeTempDir>;
  let result: { code: number; stdout: string; stderr: string };
  let data: string;

  beforeAll(async () => {
    temp = makeTempDir();
    data = join(temp.dir, "data");
    result = await pnpmDemo("--lang", "en", "--data", data);
  }, 150_000);
  afterAll(() => temp.remove());

  test("completes the scenario and exits 0, every check passed", () => {
    expect(result.stdout).toMatch(/✓ demo complete in \d+\.\d s/);
    expect(result.stdout).not.toContain("✗");
    expect(result.code).toBe(0);
  });

  test("reports every valid example received (202), the resend (200) and the wrong token (401)", () => {
    const valid = countIn("valid");
    expect(result.stdout).toContain(`1. Received: ${valid} valid examples`);
    const received = result.stdout.match(/^ {2}valid\/\S+\.json +\w+ +202 /gm) ?? [];
    expect(received).toHaveLength(valid);
    expect(result.stdout).toMatch(/resend of valid\/\S+\.json: 200, original receipt [0-9a-f-]{36}, not relayed again/);
    expect(result.stdout).toContain("wrong token: 401 EIX_HTTP_UNAUTHENTICATED");
  });

  test("shows what policy withheld: a test message reaches no destination, an exercise only the archive", () => {
    expect(result.stdout).toMatch(
      /valid\/warning-test-link-check\.json +warning +202 +- +withheld national \(EIX_ROUTE_STATUS_NOT_ACCEPTED\), archive \(EIX_ROUTE_STATUS_NOT_ACCEPTED\)/,
    );
    expect(result.stdout).toMatch(
      /valid\/incident-exercise-chlorine-leak\.json +incident +202 +archive +withheld national \(EIX_ROUTE_STATUS_NOT_ACCEPTED\)/,
    );
  });

  test("refuses every invalid example with the codes it declares", () => {
    const invalid = countIn("invalid");
    expect(result.stdout).toContain(`2. Rejected: ${invalid} invalid examples`);
    expect(result.stdout.match(/^ {2}invalid\/\S+\.json +4\d\d +EIX_\w+ +✓ as declared$/gm)).toHaveLength(invalid);
    expect(result.stdout).toMatch(/invalid\/incident-initial-sequence-2\.json +422 +EIX_SCHEMA_STAGE_SEQUENCE +✓ as declared/);
  });

  test("posts the 12379 corpus through weather.cn12379: GB18030 accepted, the classified one refused", () => {
    expect(result.stdout).toMatch(/3\. Weather: \d+ 12379 files/);
    expect(result.stdout).toMatch(/cn12379\/henan-11B06-blue-gb18030-undeclared\.xml +20[02] /);
    expect(result.stdout).toMatch(/cn12379\/henan-11B06-blue-classified\.xml +422 +refused .*EIX_SCHEMA_CLASSIFIED_REFUSED/);
  });

  test("posts three satellite passes over one fire: its initial report, then two updates joined by place and time", () => {
    expect(result.stdout).toContain("4. Satellite hotspots: 3 passes of a hotspot bulletin");
    const fire = "HOTSPOT-20250501T0542Z-53.10N-122.80E";
    expect(result.stdout).toMatch(
      new RegExp(`satellite/hotspots-2025-05-01-1342-fy3d\\.csv +202 +${fire} +initial #1 +EIX_HOTSPOT_LOW_CONFIDENCE`),
    );
    expect(result.stdout).toMatch(
      new RegExp(`satellite/hotspots-2025-05-01-1520-noaa20\\.csv +202 +${fire} +update #2 +joined to a known fire`),
    );
    expect(result.stdout).toMatch(
      new RegExp(`satellite/hotspots-2025-05-01-1805-fy3d\\.csv +202 +${fire} +update #3 +joined to a known fire`),
    );
    expect(result.stdout).toContain("✓ satellite hotspots: three passes over one fire are its initial report and two updates");
  });

  test("relays through the stand-in's bad day: retries after 503 and the outage, one dead letter replayed", () => {
    const national = result.stdout.match(/^ {2}national +(\d+) +(\d+) +(\d+) +(\d+) +1 → 1$/m);
    expect(national).not.toBeNull();
    const [, deliveries, delivered, retried, attempts] = (national ?? []).map(Number);
    expect(delivered).toBe(deliveries);
    expect(retried).toBeGreaterThan(0);
    expect(attempts).toBeGreaterThan(Number(deliveries));
    expect(result.stdout).toMatch(
      /the national stand-in got \d+ requests: \d+ accepted, [1-9]\d* busy \(503\), 1 refused \(400\)/,
    );
    expect(result.stdout).toMatch(/delivery #\d+ → national, message \S+: EIX_RELAY_HTTP_REJECTED: .*HTTP 400/);
    expect(result.stdout).toMatch(/replayed after the fix through POST \/v1\/deliveries\/:id\/replay: 200; finally delivered/);
  });

  test("leaves its store, config, archive and a JSON log with message ids but no token or body", () => {
    expect(existsSync(join(data, "eix-hub.db"))).toBe(true);
    expect(readFileSync(join(data, "hub.yaml"), "utf8")).toMatch(/tokenSha256: [0-9a-f]{64}/);
    const archived = readdirSync(join(data, "archive"));
    const archiveRow = result.stdout.match(/^ {2}archive +(\d+) +(\d+) /m);
    expect(archived.length).toBe(Number(archiveRow?.[1]));
    const log = readFileSync(join(data, "hub.log"), "utf8").trim().split("\n");
    const entries = log.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.some((entry) => typeof entry.messageId === "string")).toBe(true);
    const text = log.join("\n");
    expect(text).not.toMatch(/Bearer [A-Za-z0-9_-]{16,}/);
    expect(text).not.toContain("杭州市余杭区"); // a sender's name is in every body, never in the log
    expect(result.stderr).not.toMatch(STACK_LINE);
  });
});

describe("eix demo", () => {
  test("a declared code that the hub does not report fails the demo (exit 1) and says which", async () => {
    const temp = makeTempDir();
    try {
      put(temp.dir, "examples/valid/plain.json", incident());
      put(temp.dir, "examples/invalid/sequence.json", wrongSequence());
      put(temp.dir, "examples/invalid/sequence.expected.json", { rule: "wrong", codes: ["EIX_SCHEMA_REQUIRED"] });
      const { code, stdout } = await run("demo", "--lang", "en", "--data", join(temp.dir, "data"), join(temp.dir, "examples"));
      expect(stdout).toMatch(/invalid\/sequence\.json +422 +EIX_SCHEMA_STAGE_SEQUENCE +✗ declared EIX_SCHEMA_REQUIRED/);
      expect(stdout).toContain("✗ all 1 invalid examples refused with their declared codes");
      expect(stdout).toContain("✗ the demo did not go as expected");
      expect(code).toBe(1);
    } finally {
      temp.remove();
    }
  }, 60_000);

  test("--help prints the usage in both languages (exit 0)", async () => {
    const { code, stdout } = await run("demo", "--help");
    expect(code).toBe(0);
    expect(stdout).toContain("用法 Usage: eix demo");
    expect(stdout).toContain("national-platform stand-in");
  });

  test("a missing examples folder is a file error (exit 2), before anything starts", async () => {
    const { code, stdout, stderr } = await run("demo", "/nowhere/at/all");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^eix: EIX_CLI_FILE_NOT_FOUND /);
  });

  test("more than one folder is a usage error (exit 2)", async () => {
    const { code, stderr } = await run("demo", "a", "b");
    expect(code).toBe(2);
    expect(stderr).toMatch(/^eix: EIX_CLI_USAGE 用法错误：多余的参数 “b”\n运行 “eix demo --help” 查看用法。\n$/);
  });
});
