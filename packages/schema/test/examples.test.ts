import { existsSync, readdirSync, readFileSync } from "node:fs";
import { parseJsonInput, type SchemaIssueCode, schemaIssues, type ValidationResult, validate } from "@eix/schema";
import { describe, expect, test } from "vitest";

// The example documents are read when the tests are collected, so an example dropped into
// either folder is covered without touching this file.
const examplesDir = new URL("../examples/", import.meta.url);
const validDir = new URL("valid/", examplesDir);
const invalidDir = new URL("invalid/", examplesDir);

const SIDECAR = ".expected.json";

/** `NAME.expected.json` beside `NAME.json`: what validating NAME.json must report. */
interface Expectation {
  readonly rule: string;
  /** Exactly the set of error codes. */
  readonly codes: readonly string[];
  /** Exactly the set of warning codes (valid examples only; none when absent). */
  readonly warnings?: readonly string[];
}

function examplesIn(dir: URL): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json") && !name.endsWith(SIDECAR))
    .sort();
}

function sidecarsIn(dir: URL): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(SIDECAR))
    .sort();
}

function sidecarName(example: string): string {
  return example.replace(/\.json$/, SIDECAR);
}

function readExpectation(dir: URL, example: string): Expectation | undefined {
  const file = new URL(sidecarName(example), dir);
  if (!existsSync(file)) return undefined;
  const value: unknown = JSON.parse(readFileSync(file, "utf8"));
  expect(value, `${sidecarName(example)} must be an object`).toBeTypeOf("object");
  const expectation = value as Expectation;
  expect(expectation.rule, `${sidecarName(example)}: "rule" must be a sentence`).toMatch(/\S/);
  expect(Array.isArray(expectation.codes), `${sidecarName(example)}: "codes" must be an array`).toBe(true);
  if (expectation.warnings !== undefined) expect(Array.isArray(expectation.warnings)).toBe(true);
  return expectation;
}

/** Parses the bytes the way the hub does (UTF-8 JSON), then validates. */
function validateFile(dir: URL, example: string): { doc: unknown; result: ValidationResult } {
  const parsed = parseJsonInput(new Uint8Array(readFileSync(new URL(example, dir))));
  if (!parsed.ok) throw new Error(`${example} is not readable JSON: ${parsed.issue.message.en}`);
  return { doc: parsed.value, result: validate(parsed.value) };
}

function codeSet(result: ValidationResult, severity: "error" | "warning"): string[] {
  return [...new Set(result.issues.filter((issue) => issue.severity === severity).map((issue) => issue.code))].sort();
}

function expectMessages(result: ValidationResult): void {
  for (const issue of result.issues) {
    expect(issue.message["zh-CN"].trim(), `${issue.code} at ${issue.path} has no zh-CN message`).not.toBe("");
    expect(issue.message.en.trim(), `${issue.code} at ${issue.path} has no en message`).not.toBe("");
  }
}

const validExamples = examplesIn(validDir);
const invalidExamples = examplesIn(invalidDir);

describe("valid examples", () => {
  test("there are at least 25", () => {
    expect(validExamples.length).toBeGreaterThanOrEqual(25);
  });

  test("every sidecar belongs to an example", () => {
    const orphans = sidecarsIn(validDir).filter(
      (sidecar) => !validExamples.includes(sidecar.replace(/\.expected\.json$/, ".json")),
    );
    expect(orphans).toEqual([]);
  });

  test.each(validExamples)("%s", (example) => {
    const expectation = readExpectation(validDir, example);
    const { result } = validateFile(validDir, example);
    expect(codeSet(result, "error"), "a valid example must report no error").toEqual([]);
    expect(result.valid).toBe(true);
    expect(expectation?.codes ?? [], "a valid example's sidecar declares no error codes").toEqual([]);
    expect(codeSet(result, "warning")).toEqual([...new Set(expectation?.warnings ?? [])].sort());
    expectMessages(result);
  });
});

describe("invalid examples", () => {
  test("there are at least 25", () => {
    expect(invalidExamples.length).toBeGreaterThanOrEqual(25);
  });

  test("every invalid example has its NAME.expected.json", () => {
    const missing = invalidExamples.filter((example) => !existsSync(new URL(sidecarName(example), invalidDir)));
    expect(missing).toEqual([]);
  });

  test("every sidecar belongs to an example", () => {
    const orphans = sidecarsIn(invalidDir).filter(
      (sidecar) => !invalidExamples.includes(sidecar.replace(/\.expected\.json$/, ".json")),
    );
    expect(orphans).toEqual([]);
  });

  test.each(invalidExamples)("%s", (example) => {
    const expectation = readExpectation(invalidDir, example);
    expect(expectation, `${sidecarName(example)} is missing`).toBeDefined();
    const { result } = validateFile(invalidDir, example);
    expect(result.valid).toBe(false);
    const declared = [...new Set(expectation?.codes ?? [])].sort();
    expect(declared.length, "an invalid example declares at least one error code").toBeGreaterThan(0);
    for (const code of declared)
      expect(schemaIssues[code as SchemaIssueCode]?.severity, `${code} is an error code`).toBe("error");
    expect(codeSet(result, "error")).toEqual(declared);
    expectMessages(result);
  });

  test("together they cover every error code a parsed document can produce", () => {
    // JSON_* codes arise only while reading bytes (json-input tests cover them); INVALID is the
    // catch-all for schema keywords the mapper does not name, and the shipped schemas use none.
    const notFromDocuments = new Set<string>(["EIX_SCHEMA_INVALID"]);
    const errorCodes = Object.entries(schemaIssues)
      .filter(([code, definition]) => definition.severity === "error" && !code.startsWith("EIX_SCHEMA_JSON_"))
      .map(([code]) => code)
      .filter((code) => !notFromDocuments.has(code));
    const covered = new Set(invalidExamples.flatMap((example) => readExpectation(invalidDir, example)?.codes ?? []));
    expect(errorCodes.filter((code) => !covered.has(code))).toEqual([]);
  });
});

describe("all examples", () => {
  test("message ids are unique", () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const [dir, names] of [
      [validDir, validExamples],
      [invalidDir, invalidExamples],
    ] as const) {
      for (const name of names) {
        const doc: unknown = JSON.parse(readFileSync(new URL(name, dir), "utf8"));
        const id = doc !== null && typeof doc === "object" && !Array.isArray(doc) ? (doc as { id?: unknown }).id : undefined;
        if (typeof id !== "string") continue;
        const first = seen.get(id);
        if (first) duplicates.push(`${id}: ${first} and ${name}`);
        else seen.set(id, name);
      }
    }
    expect(duplicates).toEqual([]);
  });
});
