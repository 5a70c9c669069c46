import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { findUnitByToken } from "../../src/config/unit-token.js";
import { BASE_TOKEN, BASE_YAML, issuesOf, load, only, placeOf, where } from "./config-test-kit.js";

/** The base configuration as JSON, pretty-printed with tabs as some editors write it. */
const BASE_JSON = JSON.stringify(parse(BASE_YAML), null, "\t");

describe("JSON configuration files", () => {
  it("loads a .json file to the same configuration as the YAML one", async () => {
    const fromJson = await load(BASE_JSON, {}, "hub.json");
    const fromYaml = await load(BASE_YAML);
    expect(fromJson.units).toEqual(fromYaml.units);
    expect(fromJson.routes).toEqual(fromYaml.routes);
    expect(fromJson.destinations.map((d) => d.kind)).toEqual(["http", "directory"]);
    expect(findUnitByToken(fromJson, BASE_TOKEN)?.unitId).toBe("cs-emergency-office");
  });

  it("recognises JSON by its content when the extension says nothing", async () => {
    const config = await load(BASE_JSON, {}, "hub.conf");
    expect(config.hubId).toBe("test-hub");
  });

  it("places schema and cross-check problems in the JSON text", async () => {
    const text = BASE_JSON.replace('"430100"', '"439900"').replace('"level": "municipal"', '"level": "city"');
    const issues = await issuesOf(text, {}, "hub.json");
    expect(placeOf(only(issues, "EIX_CONFIG_REGION_UNKNOWN", "/units/0/regionCode"))).toEqual(where(text, '"439900"'));
    expect(placeOf(only(issues, "EIX_CONFIG_ENUM", "/units/0/level"))).toEqual(where(text, '"city"'));
  });

  it("refuses YAML-only syntax and malformed JSON in a .json file, with the place", async () => {
    const withComment = BASE_JSON.replace('\t"hubId"', '\t# the hub\n\t"hubId"');
    const comment = only(await issuesOf(withComment, {}, "hub.json"), "EIX_CONFIG_SYNTAX");
    expect(comment.line).toBe(where(withComment, "# the hub").line);
    const truncated = BASE_JSON.slice(0, BASE_JSON.indexOf('"destinations"'));
    const syntax = only(await issuesOf(truncated, {}, "hub.json"), "EIX_CONFIG_SYNTAX");
    expect(syntax.line).toBe(truncated.split("\n").length);
  });
});
