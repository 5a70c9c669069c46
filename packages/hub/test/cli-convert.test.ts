import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { incident, makeTempDir, put, run, STACK_LINE } from "./cli-harness.js";

// `eix convert` on the real corpus (test/corpus, see its PROVENANCE.md), into temporary directories.
const corpus = (path: string) => fileURLToPath(new URL(`../../../test/corpus/${path}`, import.meta.url));
const CAP_12 = corpus("cap/oasiscap-v1dot2_appendix_adot2.xml");
const CAP_TWO_INFOS = corpus("cap/google-australia.cap");
const CAP_INVALID = corpus("cap/google-invalid.cap");
const CN12379 = corpus("cn12379/henan-cma-11B06-blue-2020.xml");

// A 14-digit sender code (ZZZZZZDDDUUUXX), which the 12379 profile needs and CAP can carry.
const SENDER = {
  unitId: "41000041600000",
  name: "河南省气象台",
  department: "weather",
  level: "provincial",
  regionCode: "410000",
};

let temp: ReturnType<typeof makeTempDir>;
let dir: string;
let senderFile: string;
let counter = 0;
/** A fresh directory path under the test's temporary directory (not created). */
const freshDir = (label: string) => join(dir, `${label}-${++counter}`);

beforeAll(() => {
  temp = makeTempDir();
  dir = temp.dir;
  senderFile = put(dir, "sender.json", SENDER);
});
afterAll(() => temp.remove());

/** The canonical envelope(s) a file converts to, through `eix convert --to canonical` on stdout. */
async function canonicalOf(file: string): Promise<Record<string, unknown>> {
  const { code, stdout, stderr } = await run("convert", "--to", "canonical", "--sender", senderFile, file);
  expect(stderr).toBe("");
  expect(code).toBe(0);
  return JSON.parse(stdout);
}

const only = (folder: string) => {
  const names = readdirSync(folder);
  expect(names).toHaveLength(1);
  return join(folder, names[0] ?? "");
};

describe("eix convert: round trips through real corpus files", () => {
  test("CAP → canonical → CAP decodes to the same canonical message", async () => {
    const json = freshDir("json");
    const cap = freshDir("cap");
    expect(
      (await run("convert", "--from", "weather.cap", "--to", "canonical", "--sender", senderFile, "--out", json, CAP_12)).code,
    ).toBe(0);
    expect((await run("convert", "--from", "canonical", "--to", "weather.cap", "--out", cap, only(json))).code).toBe(0);
    const written = only(cap);
    expect(readFileSync(written, "utf8")).toMatch(/^<\?xml [^>]*\?>\s*<alert xmlns="urn:oasis:names:tc:emergency:cap:1\.2">/);
    const original = await canonicalOf(CAP_12);
    expect(original.sender).toEqual(SENDER);
    expect(await canonicalOf(written)).toEqual(original);
  });

  test("CAP 1.2 → weather.cn12379 → weather.cap keeps headline, level, event type and areas", async () => {
    const profile = freshDir("cn12379");
    const cap = freshDir("cap");
    expect((await run("convert", "--to", "weather.cn12379", "--sender", senderFile, "--out", profile, CAP_12)).code).toBe(0);
    const middle = only(profile);
    expect(readFileSync(middle, "utf8")).toContain("<senderCode>41000041600000</senderCode>");
    expect((await run("validate", "--format", "auto", "--json", middle)).stdout).toContain('"format": "weather.cn12379"');
    expect((await run("convert", "--from", "weather.cn12379", "--to", "weather.cap", "--out", cap, middle)).code).toBe(0);
    const before = (await canonicalOf(CAP_12)).payload as Record<string, unknown>;
    const after = (await canonicalOf(only(cap))).payload as Record<string, unknown>;
    expect(before).toMatchObject({ headline: "SEVERE THUNDERSTORM WARNING", level: "orange", eventType: "11B14" });
    for (const field of ["headline", "level", "eventType", "areas"]) expect(after[field]).toEqual(before[field]);
  });
});

describe("eix convert --out DIR", () => {
  test("one file per envelope: input name, -N when several, the target's extension; DIR is created", async () => {
    const out = join(freshDir("nested"), "out");
    const { code, stdout, stderr } = await run(
      "convert",
      "--to",
      "canonical",
      "--sender",
      senderFile,
      "--out",
      out,
      CAP_TWO_INFOS,
      CAP_12,
    );
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(readdirSync(out).sort()).toEqual([
      "google-australia-1.json",
      "google-australia-2.json",
      "oasiscap-v1dot2_appendix_adot2.json",
    ]);
    expect(stdout).toContain(`✓ ${CAP_TWO_INFOS}  (weather.cap → canonical)\n    → ${join(out, "google-australia-1.json")}\n`);
    expect(stdout).toContain("共 2 个文件：2 个已转换，0 个失败；写出 3 个文件");
    // What was written is canonical JSON that eix validate accepts.
    const check = await run("validate", "--json", out);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout).summary).toMatchObject({ files: 3, valid: 3 });
  });

  test("XML targets are written as .xml", async () => {
    const out = freshDir("xml");
    expect((await run("convert", "--to", "weather.cap", "--out", out, CN12379)).code).toBe(0);
    expect(readdirSync(out)).toEqual(["henan-cma-11B06-blue-2020.xml"]);
  });

  test("an output never replaces an input file (EIX_CLI_OUTPUT_CLASH, exit 2)", async () => {
    const folder = freshDir("in-place");
    const input = join(folder, "warning.xml");
    put(folder, "warning.xml", "");
    copyFileSync(CN12379, input);
    const before = readFileSync(input);
    const { code, stdout } = await run("convert", "--to", "weather.cn12379", "--out", folder, "--lang", "en", input);
    expect(code).toBe(2);
    expect(stdout).toMatch(/error +- +EIX_CLI_OUTPUT_CLASH +Not writing ".*warning\.xml": it is an input file/);
    expect(readFileSync(input)).toEqual(before);
  });

  test("a --out path that cannot be a directory stops the command (exit 2)", async () => {
    const file = put(dir, "a-file", "x");
    const { code, stdout, stderr } = await run("convert", "--to", "canonical", "--out", join(file, "sub"), CN12379);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^eix: EIX_CLI_FILE_UNWRITABLE /);
  });
});

describe("eix convert to stdout", () => {
  test("one output is the bare document", async () => {
    const { code, stdout } = await run("convert", "--to", "weather.cap", CN12379);
    expect(code).toBe(0);
    expect(stdout.startsWith("<?xml")).toBe(true);
    expect(stdout.match(/<\?xml/g)).toHaveLength(1);
  });

  test("several outputs are each headed by ==> NAME <==, each a whole document", async () => {
    const { code, stdout } = await run("convert", "--to", "weather.cn12379", "--sender", senderFile, CAP_TWO_INFOS, CAP_12);
    expect(code).toBe(0);
    const headers = stdout.match(/^==> .* <==$/gm);
    expect(headers).toEqual([
      "==> google-australia-1.xml <==",
      "==> google-australia-2.xml <==",
      "==> oasiscap-v1dot2_appendix_adot2.xml <==",
    ]);
    const documents = stdout.split(/^==> .* <==\n/m).slice(1);
    for (const document of documents) expect(document.trimStart().startsWith("<?xml")).toBe(true);
    expect(documents).toHaveLength(3);
  });
});

describe("eix convert: failing inputs are reported and the others still converted (exit 1)", () => {
  test("decode errors with line:col and encode refusals with the adapter's code", async () => {
    const out = freshDir("partial");
    const canonicalIncident = put(dir, "incident.json", incident());
    const { code, stdout } = await run(
      "convert",
      "--to",
      "weather.cap",
      "--sender",
      senderFile,
      "--out",
      out,
      CAP_INVALID,
      canonicalIncident,
      CAP_12,
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ .*google-invalid\.cap {2}\(weather\.cap → weather\.cap\)\n +错误 +2:1 +EIX_ADAPTER_MISSING_FIELD /);
    expect(stdout).toMatch(/✗ .*incident\.json {2}\(canonical → weather\.cap\)\n +错误 +- +EIX_ADAPTER_UNSUPPORTED_KIND /);
    expect(stdout).toContain("共 3 个文件：1 个已转换，2 个失败；写出 1 个文件");
    expect(readdirSync(out)).toEqual(["oasiscap-v1dot2_appendix_adot2.xml"]);
    expect(stdout).not.toMatch(STACK_LINE);
  });

  test("without --out, the documents go to stdout and the failures to stderr", async () => {
    const { code, stdout, stderr } = await run("convert", "--to", "canonical", "--lang", "en", CAP_INVALID, CN12379);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ kind: "warning", payload: { eventType: "11B06", level: "blue" } });
    expect(stderr).toMatch(/^✗ .*google-invalid\.cap {2}\(weather\.cap → canonical\)\n +error +2:1 +EIX_ADAPTER_MISSING_FIELD /);
    expect(stderr).toContain("2 files: 1 converted, 1 failed; 1 document printed");
  });

  test("a file that cannot be read is reported, the others converted, exit 2", async () => {
    const folder = freshDir("unreadable");
    mkdirSync(join(folder, "target"), { recursive: true });
    symlinkSync(join(folder, "target"), join(folder, "a-link.xml"));
    copyFileSync(CN12379, join(folder, "b-ok.xml"));
    const { code, stdout, stderr } = await run(
      "convert",
      "--from",
      "weather.cn12379",
      "--to",
      "canonical",
      "--lang",
      "en",
      folder,
    );
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ kind: "warning" });
    expect(stderr).toMatch(
      /✗ .*a-link\.xml .*\n +error +\/ +EIX_CLI_FILE_UNREADABLE +Cannot read ".*a-link\.xml": is a directory/,
    );
    expect(stderr).toContain("2 files: 1 converted, 1 failed (1 unreadable); 1 document printed");
  });
});

describe("eix convert: usage errors exit 2 before anything is written", () => {
  test.each([
    [
      "unknown --to",
      ["--to", "weather.cap2", CN12379],
      /^eix: EIX_CLI_UNKNOWN_FORMAT .*weather\.cap2.*canonical, weather\.cn12379, weather\.cap, health\.hl7v2, health\.phe-report, forestry\.fire-report, national\.edxl, national\.batch, public-security\.cad110, public-security\.eido, public-security\.ucri2, forestry\.hotspots\n$/,
    ],
    ["unknown --from", ["--from", "hl7v2", "--to", "canonical", CN12379], /^eix: EIX_CLI_UNKNOWN_FORMAT .*canonical, auto, /],
    ["missing --to", ["--from", "weather.cap", CN12379], /^eix: EIX_CLI_USAGE .*--to/],
    ["--to auto", ["--to", "auto", CN12379], /^eix: EIX_CLI_USAGE .*auto/],
    ["no file", ["--to", "canonical"], /^eix: EIX_CLI_USAGE /],
    ["missing file", ["--to", "canonical", "/nonexistent/eix/alert.xml"], /^eix: EIX_CLI_FILE_NOT_FOUND /],
  ])("%s", async (_name, argv, expected) => {
    const out = freshDir("never");
    const { code, stdout, stderr } = await run("convert", "--out", out, ...argv);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(expected);
    expect(existsSync(out)).toBe(false);
  });

  test("--help prints the usage and exits 0, even without --to", async () => {
    const { code, stdout } = await run("convert", "--help");
    expect(code).toBe(0);
    expect(stdout).toContain("eix convert [--from F|auto] --to F");
  });
});
