import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { incident, makeTempDir, put, run, STACK_LINE, wrongSequence } from "./cli-harness.js";

// `eix validate --format F|auto [--sender FILE]` on the real corpus (test/corpus, see its PROVENANCE.md).
const corpus = (path: string) => fileURLToPath(new URL(`../../../test/corpus/${path}`, import.meta.url));
const CAP_12 = corpus("cap/oasiscap-v1dot2_appendix_adot2.xml");
const CAP_TWO_INFOS = corpus("cap/google-australia.cap");
const CAP_INVALID = corpus("cap/google-invalid.cap");
const CAP_NOAA_ERRORS = corpus("cap/google-noaa_errors.cap");
const CN12379 = corpus("cn12379/henan-cma-11B06-blue-2020.xml");
const CN12379_CLASSIFIED = corpus("cn12379/henan-11B06-blue-classified.xml");

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The sending unit CAP files need (their <sender> is free text), as a --sender file gives it. */
const SENDER = {
  unitId: "41000041600000",
  name: "河南省气象台",
  department: "weather",
  level: "provincial",
  regionCode: "410000",
};

interface JsonFile {
  file: string;
  format: string | null;
  envelopes: number;
  valid: boolean;
  issues: { code: string; severity: string; path?: string; position?: { line?: number; column?: number; at?: string } }[];
}

let temp: ReturnType<typeof makeTempDir>;
let dir: string;
let senderFile: string;

beforeAll(() => {
  temp = makeTempDir();
  dir = temp.dir;
  senderFile = put(dir, "sender.json", SENDER);
});
afterAll(() => temp.remove());

async function jsonReport(...argv: string[]): Promise<{ code: number; files: JsonFile[]; summary: Record<string, number> }> {
  const { code, stdout, stderr } = await run("validate", "--json", ...argv);
  expect(stderr).toBe("");
  const report = JSON.parse(stdout);
  return { code, files: report.files, summary: report.summary };
}

describe("eix validate --format auto", () => {
  test("sniffs CAP, the 12379 profile and canonical JSON, file by file", async () => {
    const canonical = put(dir, "incident.json", incident());
    const { code, files } = await jsonReport("--format", "auto", "--sender", senderFile, CAP_12, CN12379, canonical);
    expect(code).toBe(0);
    expect(files.map(({ format, envelopes, valid }) => ({ format, envelopes, valid }))).toEqual([
      { format: "weather.cap", envelopes: 1, valid: true },
      { format: "weather.cn12379", envelopes: 1, valid: true },
      { format: "canonical", envelopes: 1, valid: true },
    ]);
  });

  test("a directory stands for its .xml, .cap and .json files, sorted, without sidecars", async () => {
    const folder = join(dir, "mixed");
    mkdirSync(folder, { recursive: true });
    copyFileSync(CN12379, join(folder, "b-12379.xml"));
    copyFileSync(CAP_TWO_INFOS, join(folder, "a-australia.cap"));
    put(folder, "c-bad.json", wrongSequence());
    put(folder, "c-bad.expected.json", { codes: ["EIX_SCHEMA_STAGE_SEQUENCE"] });
    put(folder, "notes.txt", "not a message");
    const { code, files } = await jsonReport("--format", "auto", "--sender", senderFile, folder);
    expect(code).toBe(1);
    expect(files.map(({ file, format, envelopes, valid }) => [file, format, envelopes, valid])).toEqual([
      [join(folder, "a-australia.cap"), "weather.cap", 2, true],
      [join(folder, "b-12379.xml"), "weather.cn12379", 1, true],
      [join(folder, "c-bad.json"), "canonical", 0, false],
    ]);
    expect(files[2]?.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["EIX_SCHEMA_STAGE_SEQUENCE", "/payload/sequence"],
    ]);
  });

  test("bytes no adapter recognises are EIX_ADAPTER_NO_MATCH, with no format (exit 1)", async () => {
    const text = put(dir, "plain.txt", "有事报事，无事报平安\n");
    const { code, files } = await jsonReport("--format", "auto", text);
    expect(code).toBe(1);
    expect(files).toEqual([
      expect.objectContaining({
        format: null,
        envelopes: 0,
        valid: false,
        issues: [expect.objectContaining({ code: "EIX_ADAPTER_NO_MATCH" })],
      }),
    ]);
  });

  test("the text report names each file's format and envelope count", async () => {
    const { code, stdout } = await run(
      "validate",
      "--format",
      "auto",
      "--lang",
      "en",
      "--sender",
      senderFile,
      CAP_TWO_INFOS,
      CN12379,
    );
    expect(code).toBe(0);
    expect(stdout).toContain(`✓ ${CAP_TWO_INFOS}  (weather.cap, 2 envelopes)`);
    expect(stdout).toContain(`✓ ${CN12379}  (weather.cn12379, 1 envelope)`);
    expect(stdout).toContain("2 files: 2 valid, 0 invalid");
  });
});

describe("eix validate --format ADAPTER: errors with their location", () => {
  test.each([
    [CAP_INVALID, "EIX_ADAPTER_MISSING_FIELD", 2, 1, "/alert/scope"],
    [CAP_NOAA_ERRORS, "EIX_ADAPTER_BAD_VALUE", 13, 1, "/alert/references"],
  ])("%s fails with %s at %i:%i", async (file, expectedCode, line, column, at) => {
    const text = await run("validate", "--format", "weather.cap", "--sender", senderFile, file);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(
      new RegExp(`✗ ${escaped(file)}  \\(weather\\.cap，0 条消息\\)\\n +错误 +${line}:${column} +${expectedCode} `),
    );
    const { files } = await jsonReport("--format", "weather.cap", "--sender", senderFile, file);
    expect(files[0]?.issues[0]).toMatchObject({ code: expectedCode, severity: "error", position: { line, column, at } });
    expect(text.stdout).not.toMatch(STACK_LINE);
  });

  test("without --sender, a CAP file whose <sender> is not a sender code fails with the adapter's code", async () => {
    const { code, stdout } = await run("validate", "--format", "weather.cap", "--lang", "en", CAP_12);
    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ .*\n +error +- +EIX_ADAPTER_MISSING_FIELD +Required field "sender unit/);
    const withSender = await run("validate", "--format", "weather.cap", "--sender", senderFile, CAP_12);
    expect(withSender.code).toBe(0);
  });

  test("a decoded message that fails the schema shows the adapter's code and the JSON pointer", async () => {
    const { code, files } = await jsonReport("--format", "weather.cn12379", CN12379_CLASSIFIED);
    expect(code).toBe(1);
    expect(files[0]?.issues.map(({ code: c, path }) => [c, path])).toEqual([
      ["EIX_ADAPTER_INVALID_OUTPUT", undefined],
      ["EIX_SCHEMA_CLASSIFIED_REFUSED", "/classification"],
    ]);
    const text = await run("validate", "--format", "weather.cn12379", CN12379_CLASSIFIED);
    expect(text.stdout).toMatch(/错误 +\/classification +EIX_SCHEMA_CLASSIFIED_REFUSED /);
  });

  test("a file in another format is refused by the adapter, not guessed", async () => {
    const canonical = put(dir, "not-xml.json", incident());
    const { code, files } = await jsonReport("--format", "weather.cn12379", canonical);
    expect(code).toBe(1);
    expect(files[0]).toMatchObject({
      format: "weather.cn12379",
      valid: false,
      issues: [{ code: "EIX_XML_MALFORMED", position: { line: 1, column: 1 } }],
    });
  });

  test("--format canonical is the default, and keeps the plain report", async () => {
    const file = put(dir, "plain.json", incident());
    const explicit = await run("validate", "--format", "canonical", file);
    const implicit = await run("validate", file);
    expect(explicit).toEqual(implicit);
    expect(implicit.stdout.split("\n")[0]).toBe(`✓ ${file}`);
  });
});

describe("eix validate --format: usage errors exit 2", () => {
  test("an unknown format lists the known ones", async () => {
    const { code, stdout, stderr } = await run("validate", "--format", "weather.cap12", "--lang", "en", CAP_12);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      'eix: EIX_CLI_UNKNOWN_FORMAT Unknown format "weather.cap12"; known formats: canonical, auto, weather.cn12379, weather.cap, health.hl7v2, health.phe-report, forestry.fire-report, national.edxl, national.batch, public-security.cad110, public-security.eido, public-security.ucri2, forestry.hotspots\n',
    );
  });

  test.each([
    [
      "an invalid unit",
      () => put(dir, "bad-sender.json", { ...SENDER, department: "police" }),
      "EIX_CLI_BAD_SENDER",
      /\/department/,
    ],
    ["not JSON", () => put(dir, "broken-sender.json", "{"), "EIX_CLI_BAD_SENDER", /JSON/],
    ["an empty object", () => put(dir, "empty-sender.json", {}), "EIX_CLI_BAD_SENDER", /\/unitId: Required field "unitId"/],
    ["an unknown field", () => put(dir, "extra-sender.json", { ...SENDER, phone: "12379" }), "EIX_CLI_BAD_SENDER", /\/phone/],
    ["an array", () => put(dir, "array-sender.json", [SENDER]), "EIX_CLI_BAD_SENDER", /JSON object/],
    ["a missing file", () => join(dir, "no-such-sender.json"), "EIX_CLI_FILE_NOT_FOUND", /no-such-sender/],
  ])("--sender with %s → %s", async (_name, make, expectedCode, detail) => {
    const { code, stdout, stderr } = await run("validate", "--format", "weather.cap", "--lang", "en", "--sender", make(), CAP_12);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(new RegExp(`^eix: ${expectedCode} `));
    expect(stderr).toMatch(detail);
  });

  test("a directory with none of the format's files is EIX_CLI_NO_MATCHING_FILES", async () => {
    const folder = join(dir, "only-json");
    put(folder, "a.json", incident());
    const { code, stderr } = await run("validate", "--format", "weather.cn12379", folder);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^eix: EIX_CLI_NO_MATCHING_FILES .*\.xml/);
  });
});
