import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { discoveredEarly, incident, makeTempDir, put, run, STACK_LINE, wrongSequence } from "./cli-harness.js";

let temp: ReturnType<typeof makeTempDir>;
let dir: string;

/** An examples folder whose every example is as declared. */
function writeGoodExamples(): void {
  put(dir, "valid/plain.json", incident());
  put(dir, "valid/early.json", discoveredEarly());
  put(dir, "valid/early.expected.json", { warnings: ["EIX_SCHEMA_DISCOVERED_BEFORE_OCCURRED"] });
  put(dir, "invalid/sequence.json", wrongSequence());
  put(dir, "invalid/sequence.expected.json", { rule: "初报序号为 1", codes: ["EIX_SCHEMA_STAGE_SEQUENCE"] });
  put(dir, "invalid/empty.json", "");
  put(dir, "invalid/empty.expected.json", { rule: "empty input", codes: ["EIX_SCHEMA_JSON_EMPTY"] });
}

beforeEach(() => {
  temp = makeTempDir();
  dir = temp.dir;
  writeGoodExamples();
});
afterEach(() => temp.remove());

/** Display columns, counting CJK characters as two. */
const columns = (text: string) =>
  [...text].reduce((width, char) => width + (/[\u3000-\u9fff\uff00-\uff60]/.test(char) ? 2 : 1), 0);

describe("eix demo", () => {
  test("the project's own examples are all as declared (exit 0)", async () => {
    const { code, stdout, stderr } = await run("demo");
    expect(stderr).toBe("");
    expect(stdout).toContain("packages/schema/examples");
    expect(stdout).toMatch(/✓ 共 \d+ 个示例.*全部符合声明/);
    expect(code).toBe(0);
  });

  test("a folder of examples as declared exits 0 and lists each with kind, expectation, result and codes", async () => {
    const { code, stdout } = await run("demo", dir);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines).toContainEqual(expect.stringMatching(/^示例 +类别 +预期 +结果 +代码$/));
    expect(lines).toContainEqual(expect.stringMatching(/^valid\/plain\.json +incident +有效 +✓ 有效$/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^valid\/early\.json +incident +有效，1 条警告 +✓ 有效 +EIX_SCHEMA_DISCOVERED_BEFORE_OCCURRED$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^invalid\/sequence\.json +incident +无效 +✓ 无效 +EIX_SCHEMA_STAGE_SEQUENCE$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^invalid\/empty\.json +- +无效 +✓ 无效 +EIX_SCHEMA_JSON_EMPTY$/));
    expect(stdout).toContain("✓ 共 4 个示例（2 个有效，2 个无效），全部符合声明");
  });

  test("columns line up, Chinese characters counting as two columns", async () => {
    const { stdout } = await run("demo", dir);
    const rows = stdout.split("\n").filter((line) => /^(示例|valid\/|invalid\/)/.test(line));
    expect(rows).toHaveLength(5);
    // Where the "result" column starts: after the third run of two or more spaces.
    const resultColumn = (row: string) =>
      columns(
        row
          .split(/(?<= {2})(?=\S)/)
          .slice(0, 3)
          .join(""),
      );
    expect(new Set(rows.map(resultColumn)).size).toBe(1);
  });

  test("--lang en prints the table in English", async () => {
    const { code, stdout } = await run("demo", "--lang", "en", dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^file +kind +expected +result +codes$/m);
    expect(stdout).toContain("✓ 4 examples (2 valid, 2 invalid): all as declared");
  });

  test("a broken valid example makes the demo fail (exit 1) and shows why", async () => {
    put(dir, "valid/plain.json", '{"schema": "eix/1",');
    const { code, stdout, stderr } = await run("demo", dir);
    expect(code).toBe(1);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^valid\/plain\.json +- +有效 +✗ 无效 +EIX_SCHEMA_JSON_SYNTAX$/m);
    expect(stdout).toMatch(/不符合声明的示例：\n✗ valid\/plain\.json\n/);
    expect(stdout).toContain("✗ 共 4 个示例，1 个不符合声明");
    expect(stdout).not.toMatch(STACK_LINE);
  });

  test("an undeclared warning, wrong codes or a missing declaration each fail the demo", async () => {
    put(dir, "valid/early.expected.json", { warnings: [] });
    put(dir, "invalid/sequence.expected.json", { rule: "wrong", codes: ["EIX_SCHEMA_REQUIRED"] });
    put(dir, "invalid/undeclared.json", wrongSequence());
    const { code, stdout } = await run("demo", "--lang", "en", dir);
    expect(code).toBe(1);
    expect(stdout).toContain("✗ 5 examples: 3 not as declared");
    expect(stdout).toMatch(
      /✗ valid\/early\.json\n +declared: valid, codes: none\n +reported: valid, codes: EIX_SCHEMA_DISCOVERED_BEFORE_OCCURRED\n/,
    );
    expect(stdout).toMatch(
      /✗ invalid\/sequence\.json\n +declared: invalid, codes: EIX_SCHEMA_REQUIRED\n +reported: invalid, codes: EIX_SCHEMA_STAGE_SEQUENCE\n +rule: wrong\n/,
    );
    expect(stdout).toMatch(/✗ invalid\/undeclared\.json\n +no declaration file undeclared\.expected\.json/);
  });

  test("a missing folder is a file error (exit 2)", async () => {
    const { code, stdout, stderr } = await run("demo", join(dir, "nowhere"));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^eix: EIX_CLI_FILE_NOT_FOUND /);
  });

  test("a folder without examples is an error (exit 2)", async () => {
    const empty = join(dir, "nothing");
    put(empty, "readme.txt", "");
    const { code, stderr } = await run("demo", empty);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^eix: EIX_CLI_NO_JSON_FILES /);
  });

  test("more than one folder is a usage error (exit 2)", async () => {
    const { code, stderr } = await run("demo", dir, "extra");
    expect(code).toBe(2);
    expect(stderr).toMatch(/^eix: EIX_CLI_USAGE 用法错误：多余的参数 “extra”\n运行 “eix demo --help” 查看用法。\n$/);
  });
});
