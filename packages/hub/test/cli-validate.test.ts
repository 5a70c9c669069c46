import { spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "@eix/hub";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { discoveredEarly, incident, makeTempDir, put, run, STACK_LINE, wrongSequence } from "./cli-harness.js";

const CJK = /[\u4e00-\u9fff]/;
let temp: ReturnType<typeof makeTempDir>;
let dir: string;

beforeAll(() => {
  temp = makeTempDir();
  dir = temp.dir;
});
afterAll(() => temp.remove());

describe("eix validate: outcomes", () => {
  test("a valid message exits 0 with a ✓ line and a summary", async () => {
    const file = put(dir, "ok.json", incident());
    const { code, stdout, stderr } = await run("validate", file);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toContain(`✓ ${file}`);
    expect(stdout).toContain("共 1 个文件：1 个有效，0 个无效");
  });

  test("warnings alone leave a message valid (exit 0) but are printed", async () => {
    const file = put(dir, "early.json", discoveredEarly());
    const { code, stdout } = await run("validate", file);
    expect(code).toBe(0);
    expect(stdout).toMatch(/警告 +\/payload\/discoveredAt +EIX_SCHEMA_DISCOVERED_BEFORE_OCCURRED +发现时间/);
  });

  test("an invalid message exits 1 with severity, pointer, code and Chinese message", async () => {
    const file = put(dir, "seq.json", wrongSequence());
    const { code, stdout } = await run("validate", file);
    expect(code).toBe(1);
    expect(stdout).toContain(`✗ ${file}`);
    expect(stdout).toMatch(/错误 +\/payload\/sequence +EIX_SCHEMA_STAGE_SEQUENCE +报告阶段/);
    expect(stdout).toContain("共 1 个文件：0 个有效，1 个无效");
  });

  test("--lang en prints English messages and summary", async () => {
    const file = put(dir, "seq-en.json", wrongSequence());
    const { code, stdout } = await run("validate", "--lang", "en", file);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /error +\/payload\/sequence +EIX_SCHEMA_STAGE_SEQUENCE +A report at stage "initial" cannot have sequence 2/,
    );
    expect(stdout).toContain("1 file: 0 valid, 1 invalid");
    expect(stdout).not.toMatch(CJK);
    expect((await run("validate", "--lang=en", file)).stdout).toBe(stdout);
  });

  test("--json prints one parseable document with codes, pointers and both languages", async () => {
    const ok = put(dir, "json-ok.json", incident());
    const bad = put(dir, "json-bad.json", wrongSequence());
    const { code, stdout } = await run("validate", "--json", ok, bad);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.summary).toEqual({ files: 2, valid: 1, invalid: 1, unreadable: 0, errors: 1, warnings: 0 });
    expect(report.files).toEqual([
      { file: ok, format: "canonical", envelopes: 1, valid: true, issues: [] },
      {
        file: bad,
        format: "canonical",
        envelopes: 0,
        valid: false,
        issues: [
          expect.objectContaining({
            code: "EIX_SCHEMA_STAGE_SEQUENCE",
            severity: "error",
            path: "/payload/sequence",
            message: { "zh-CN": expect.stringMatching(CJK), en: expect.stringContaining("sequence 2") },
          }),
        ],
      },
    ]);
  });

  test("a directory stands for its *.json files, sorted, without *.expected.json sidecars", async () => {
    const folder = join(dir, "folder");
    put(folder, "b-bad.json", wrongSequence());
    put(folder, "a-ok.json", incident());
    put(folder, "b-bad.expected.json", { rule: "sequence", codes: ["EIX_SCHEMA_STAGE_SEQUENCE"] });
    put(folder, "notes.txt", "not a message");
    put(folder, "nested/c.json", incident());
    const { code, stdout } = await run("validate", folder);
    expect(code).toBe(1);
    const fileLines = stdout.split("\n").filter((line) => /^[✓✗] /.test(line));
    expect(fileLines).toEqual([`✓ ${join(folder, "a-ok.json")}`, `✗ ${join(folder, "b-bad.json")}`]);
    expect(stdout).toContain("共 2 个文件：1 个有效，1 个无效");
  });
});

describe("eix validate: bad input is an issue of its file, never a crash", () => {
  const cases: [string, string, () => string][] = [
    ["not JSON", "EIX_SCHEMA_JSON_SYNTAX", () => put(dir, "not.json", '{\n  "schema": "eix/1",\n')],
    ["empty", "EIX_SCHEMA_JSON_EMPTY", () => put(dir, "empty.json", "")],
    [
      "50 MB (sparse, refused from its size before reading)",
      "EIX_SCHEMA_JSON_TOO_LARGE",
      () => {
        const path = put(dir, "huge.json", "");
        truncateSync(path, 50 * 1024 * 1024);
        return path;
      },
    ],
    ["10,000 levels deep", "EIX_SCHEMA_JSON_TOO_DEEP", () => put(dir, "deep.json", `${"[".repeat(10_000)}${"]".repeat(10_000)}`)],
    [
      "GB18030 bytes",
      "EIX_SCHEMA_JSON_ENCODING",
      () =>
        put(
          dir,
          "gb18030.json",
          Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('"}')]),
        ),
    ],
    ["a JSON array", "EIX_SCHEMA_NOT_OBJECT", () => put(dir, "array.json", "[]")],
  ];

  test.each(cases)("%s → %s, exit 1", async (_name, expectedCode, make) => {
    const file = make();
    const { code, stdout, stderr } = await run("validate", file);
    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(`✗ .*\\n +错误 +/ +${expectedCode} `));
    expect(stdout + stderr).not.toMatch(STACK_LINE);
    expect(stderr).toBe("");
  });

  test("the run goes on past each bad file and reports them all (exit 1)", async () => {
    const files = cases.map(([, , make]) => make());
    const ok = put(dir, "zz-ok.json", incident());
    const { code, stdout } = await run("validate", "--json", ...files, ok);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.files.map((f: { issues: { code: string }[] }) => f.issues[0]?.code)).toEqual([
      ...cases.map(([, expectedCode]) => expectedCode),
      undefined,
    ]);
    expect(report.summary).toMatchObject({ files: cases.length + 1, valid: 1, invalid: cases.length });
  });
});

describe("eix validate: a file that cannot be read", () => {
  test("is reported as that file's EIX_CLI_FILE_UNREADABLE issue; the others are still checked; exit 2", async () => {
    const folder = join(dir, "with-unreadable");
    mkdirSync(join(folder, "target"), { recursive: true });
    symlinkSync(join(folder, "target"), join(folder, "a-link.json"));
    put(folder, "b-ok.json", incident());
    const { code, stdout, stderr } = await run("validate", "--lang", "en", folder);
    expect(code).toBe(2);
    expect(stderr).toBe("");
    expect(stdout).toMatch(
      /✗ .*a-link\.json\n +error +\/ +EIX_CLI_FILE_UNREADABLE +Cannot read ".*a-link\.json": is a directory/,
    );
    expect(stdout).toContain(`✓ ${join(folder, "b-ok.json")}`);
    expect(stdout).toContain("2 files: 1 valid, 1 invalid (1 unreadable)");
  });
});

describe("eix: usage errors exit 2 with one coded line on stderr", () => {
  test.each([
    ["no command", [], "EIX_CLI_USAGE"],
    ["unknown command", ["frobnicate"], "EIX_CLI_USAGE"],
    ["a command name from Object.prototype", ["toString"], "EIX_CLI_USAGE"],
    ["no file", ["validate"], "EIX_CLI_USAGE"],
    ["unknown flag", ["validate", "--strict", "x.json"], "EIX_CLI_USAGE"],
    ["value given to a flag", ["validate", "--json=yes", "x.json"], "EIX_CLI_USAGE"],
    ["bad --lang", ["validate", "--lang", "fr", "x.json"], "EIX_CLI_USAGE"],
    ["--lang without value", ["validate", "x.json", "--lang"], "EIX_CLI_USAGE"],
    ["missing file", ["validate", "/nonexistent/eix/message.json"], "EIX_CLI_FILE_NOT_FOUND"],
  ])("%s", async (_name, argv, expectedCode) => {
    const { code, stdout, stderr } = await run(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.split("\n")[0]).toMatch(new RegExp(`^eix: ${expectedCode} \\S`));
    expect(stderr).not.toMatch(STACK_LINE);
  });

  test("an unknown command prints the usage on stderr", async () => {
    const { stderr } = await run("frobnicate");
    expect(stderr).toContain("eix validate [--format F|auto] [--sender FILE] [--json] [--lang zh-CN|en] FILE|DIR...");
  });

  test("errors follow --lang en", async () => {
    const { stderr } = await run("validate", "--lang", "en", "/nonexistent/eix/message.json");
    expect(stderr).toBe('eix: EIX_CLI_FILE_NOT_FOUND No such file or directory: "/nonexistent/eix/message.json"\n');
  });

  test("a missing file stops the run before any output, even among good files", async () => {
    const ok = put(dir, "ok-first.json", incident());
    const { code, stdout } = await run("validate", ok, join(dir, "missing.json"));
    expect(code).toBe(2);
    expect(stdout).toBe("");
  });

  test("a directory without .json files is a usage error", async () => {
    const empty = join(dir, "no-json");
    put(empty, "readme.txt", "nothing here");
    const { code, stderr } = await run("validate", empty);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^eix: EIX_CLI_NO_JSON_FILES /);
  });

  test("--help prints usage on stdout and exits 0", async () => {
    for (const argv of [["--help"], ["help"], ["validate", "--help"], ["validate", "-h"]]) {
      const { code, stdout, stderr } = await run(...argv);
      expect(code).toBe(0);
      expect(stdout).toContain("eix validate");
      expect(stderr).toBe("");
    }
  });

  test("an unexpected failure is one EIX_CLI_INTERNAL line, exit 2, no stack trace", async () => {
    const file = put(dir, "ok-internal.json", incident());
    let stderr = "";
    const code = await runCli(["validate", file], {
      stdout: {
        write: () => {
          throw new Error("disk on fire\n    at somewhere (file.js:1:1)");
        },
      },
      stderr: {
        write: (text: string) => {
          stderr += text;
        },
      },
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^eix: EIX_CLI_INTERNAL 内部错误：Error: disk on fire（/);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});

describe("the eix executable", () => {
  test("runs end to end as a child process and sets the exit status", () => {
    const root = fileURLToPath(new URL("../../../", import.meta.url));
    const ok = put(dir, "child-ok.json", incident());
    const bad = put(dir, "child-bad.json", wrongSequence());
    writeFileSync(join(dir, "child-gb.json"), Buffer.from([0x22, 0xd6, 0xd0, 0xce, 0xc4, 0x22]));
    const child = spawnSync(
      join(root, "node_modules/.bin/tsx"),
      [
        "--conditions=@eix/source",
        "packages/hub/src/cli/main.ts",
        "validate",
        "--lang",
        "en",
        ok,
        bad,
        join(dir, "child-gb.json"),
      ],
      { cwd: root, encoding: "utf8", timeout: 60_000, env: { ...process.env, NO_COLOR: "1" } },
    );
    expect(child.stderr).toBe("");
    expect(child.status).toBe(1);
    expect(child.stdout).toContain(`✓ ${ok}`);
    expect(child.stdout).toContain("EIX_SCHEMA_STAGE_SEQUENCE");
    expect(child.stdout).toContain("EIX_SCHEMA_JSON_ENCODING");
    expect(child.stdout).toContain("3 files: 1 valid, 2 invalid");
  });
});
