import { readFileSync } from "node:fs";
import { makeIssue, type SchemaIssueCode, schemaIssues } from "@eix/schema";
import { describe, expect, test } from "vitest";

const codes = Object.keys(schemaIssues) as SchemaIssueCode[];
const sample = { field: "occurredAt", label: "事发时间", value: "x", expected: "y", limit: "1", detail: "d" };

describe("the issue code table", () => {
  test("codes are stable EIX_SCHEMA_* names", () => {
    for (const code of codes) expect(code).toMatch(/^EIX_SCHEMA_[A-Z0-9_]+$/);
  });

  test.each(codes)("%s has a zh-CN and an en message", (code) => {
    const issue = makeIssue(code, "/payload/occurredAt", sample);
    expect(issue.message["zh-CN"].trim()).not.toBe("");
    expect(issue.message.en.trim()).not.toBe("");
    expect(issue.message["zh-CN"]).toMatch(/[\u4e00-\u9fff]/);
    expect(issue.message.en).not.toMatch(/[\u4e00-\u9fff]|undefined/);
    expect(["error", "warning"]).toContain(issue.severity);
  });

  test("docs/errors.md lists every code", () => {
    const doc = readFileSync(new URL("../../../docs/errors.md", import.meta.url), "utf8");
    const undocumented = codes.filter((code) => !doc.includes(`\`${code}\``));
    expect(undocumented).toEqual([]);
  });
});
