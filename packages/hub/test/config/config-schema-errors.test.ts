import { describe, expect, it } from "vitest";
import { BASE_YAML, issuesOf, load, only, placeOf, where } from "./config-test-kit.js";

describe("schema errors are reported with code, pointer and line:column", () => {
  it("the base configuration loads (the tests below break it one way at a time)", async () => {
    const config = await load(BASE_YAML);
    expect(config.hubId).toBe("test-hub");
  });

  it("refuses an unknown property at its key, listing the allowed names and the likely one", async () => {
    const text = BASE_YAML.replace('    regionCode: "430100"\n', '    regionCode: "430100"\n    regioncode: "430100"\n');
    const issue = only(await issuesOf(text), "EIX_CONFIG_UNKNOWN_PROPERTY");
    expect(issue.path).toBe("/units/0/regioncode");
    expect(placeOf(issue)).toEqual(where(text, "regioncode"));
    expect(issue.message.en).toContain('Unknown setting "regioncode" (did you mean "regionCode"?)');
    expect(issue.message.en).toContain("allowed here: unitId, name, department, level, regionCode, tokenSha256, tokenEnv");
    expect(issue.message["zh-CN"]).toContain("是否想写 “regionCode”");
  });

  it("refuses unknown top-level sections and unknown keys inside a destination branch", async () => {
    const text = `${BASE_YAML}logging:\n  level: debug\n`.replace(
      "    path: ./archive\n",
      "    path: ./archive\n    url: http://x\n",
    );
    const issues = await issuesOf(text);
    const top = only(issues, "EIX_CONFIG_UNKNOWN_PROPERTY", "/logging");
    expect(placeOf(top)).toEqual(where(text, "logging:"));
    expect(top.message.en).toContain('(did you mean "log"?)');
    const inBranch = only(issues, "EIX_CONFIG_UNKNOWN_PROPERTY", "/destinations/1/url");
    expect(placeOf(inBranch)).toEqual(where(text, "url: http://x"));
    // The directory branch's names, not the http branch's: url is not allowed for a directory.
    expect(inBranch.message.en).toContain("allowed here: id, kind, path, adapter");
  });

  it("reports a missing required setting at the object that lacks it", async () => {
    const text = BASE_YAML.replace("    name: 长沙市应急管理局\n", "");
    const issue = only(await issuesOf(text), "EIX_CONFIG_REQUIRED");
    expect(issue.path).toBe("/units/0/name");
    expect(placeOf(issue)).toEqual(where(text, "unitId: cs-emergency-office"));
    expect(issue.message.en).toBe('Required setting "name" is missing');
  });

  it("reports a wrong type, explaining that a quoted number is a string", async () => {
    const text = `${BASE_YAML}http:\n  port: "8080"\n`;
    const issue = only(await issuesOf(text), "EIX_CONFIG_TYPE");
    expect(issue.path).toBe("/http/port");
    expect(placeOf(issue)).toEqual(where(text, '"8080"'));
    expect(issue.message.en).toContain("expected integer, got string (quoted values");
  });

  it("reports a bad enum value with the allowed values", async () => {
    const text = BASE_YAML.replace("level: municipal", "level: city");
    const issue = only(await issuesOf(text), "EIX_CONFIG_ENUM");
    expect(issue.path).toBe("/units/0/level");
    expect(placeOf(issue)).toEqual(where(text, "city"));
    expect(issue.message.en).toBe('Invalid value "city"; allowed: national, provincial, municipal, county, township');
  });

  it("reports an unknown destination kind once, with the kinds there are", async () => {
    const text = BASE_YAML.replace("    kind: directory\n", "    kind: ftp\n");
    const issues = await issuesOf(text);
    const issue = only(issues, "EIX_CONFIG_ENUM", "/destinations/1/kind");
    expect(placeOf(issue)).toEqual(where(text, "ftp"));
    expect(issue.message.en).toContain("allowed: http, directory");
    expect(issues.filter((i) => i.path.startsWith("/destinations/1"))).toHaveLength(1);
  });

  it("reports patterns, ranges, lengths and duplicates inside lists", async () => {
    const text = `${BASE_YAML.replace("to: [national, archive]", "to: [national, national]").replace(
      "match: {}",
      "match: { eventTypePrefix: [B11], kind: [] }",
    )}relay:\n  workers: 0\n`;
    const issues = await issuesOf(text);
    expect(placeOf(only(issues, "EIX_CONFIG_PATTERN", "/routes/0/match/eventTypePrefix/0"))).toEqual(where(text, "B11"));
    expect(placeOf(only(issues, "EIX_CONFIG_LENGTH", "/routes/0/match/kind"))).toEqual(where(text, "kind: []"));
    expect(placeOf(only(issues, "EIX_CONFIG_DUPLICATE_VALUE", "/routes/0/to"))).toEqual(where(text, "to: [national"));
    const range = only(issues, "EIX_CONFIG_RANGE", "/relay/workers");
    expect(placeOf(range)).toEqual(where(text, "0", text.split("0").length - 1));
    expect(range.message.en).toBe("The number 0 is out of range (>= 1)");
  });

  it("reports a tokenEnv that is neither a variable name nor a list of them", async () => {
    const issues = await issuesOf(BASE_YAML.replace(/tokenSha256: .*/, "tokenEnv: 12"));
    expect(only(issues, "EIX_CONFIG_TYPE", "/units/0/tokenEnv").message.en).toContain("expected string or array, got integer");
    const text = BASE_YAML.replace(/tokenSha256: .*/, "tokenEnv: [GOOD_NAME, bad-name]");
    const named = only(await issuesOf(text, { GOOD_NAME: "g".repeat(20) }), "EIX_CONFIG_PATTERN", "/units/0/tokenEnv/1");
    expect(placeOf(named)).toEqual(where(text, "bad-name"));
  });

  it("reports every problem at once, in file order", async () => {
    const text = `${BASE_YAML.replace("level: municipal", "level: city").replace("kind: directory", "kind: ftp")}extra: 1\n`;
    const issues = await issuesOf(text);
    expect(issues.map((i) => i.code)).toEqual(["EIX_CONFIG_ENUM", "EIX_CONFIG_ENUM", "EIX_CONFIG_UNKNOWN_PROPERTY"]);
    const lines = issues.map((i) => i.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it("refuses a document that is not a mapping, and an empty file", async () => {
    expect(only(await issuesOf("- a\n- b\n"), "EIX_CONFIG_TYPE", "").message.en).toContain("expected object, got array");
    expect(only(await issuesOf(""), "EIX_CONFIG_TYPE", "").message.en).toContain("got null");
  });

  it("reports YAML syntax errors and duplicate keys with their place", async () => {
    const broken = "hubId: test-hub\nunits:\n  - unitId: [a\n";
    const syntax = (await issuesOf(broken)).filter((i) => i.code === "EIX_CONFIG_SYNTAX");
    expect(syntax.length).toBeGreaterThan(0);
    expect(syntax[0]?.line).toBeGreaterThanOrEqual(3);
    const twice = `${BASE_YAML}hubId: again\n`;
    const duplicate = only(await issuesOf(twice), "EIX_CONFIG_SYNTAX");
    expect(placeOf(duplicate)).toEqual(where(twice, "hubId: again"));
    expect(duplicate.message.en).toContain("DUPLICATE_KEY");
  });

  it("reports a file that cannot be read", async () => {
    const { loadHubConfig } = await import("../../src/config/load-hub-config.js");
    await expect(loadHubConfig("/nonexistent/eix/hub.yaml", {})).rejects.toMatchObject({
      code: "EIX_CONFIG_REJECTED",
      issues: [{ code: "EIX_CONFIG_FILE_UNREADABLE", message: { en: expect.stringContaining("ENOENT") } }],
    });
  });
});
