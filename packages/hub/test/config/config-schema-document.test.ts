import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ConfigIssueCode } from "../../src/config/config-errors.js";
import { configIssues, configMessage, formatConfigIssues } from "../../src/config/config-errors.js";
import { HUB_CONFIG_SCHEMA } from "../../src/config/config-schema.js";
import { loadHubConfig } from "../../src/config/load-hub-config.js";
import { BASE_TOKEN_SHA256, tempDir } from "./config-test-kit.js";

type SchemaNode = Record<string, unknown>;
const root = HUB_CONFIG_SCHEMA as SchemaNode;

function resolve(node: SchemaNode): SchemaNode {
  const ref = node.$ref;
  if (typeof ref !== "string") return node;
  const target = ref
    .slice(2)
    .split("/")
    .reduce<unknown>((at, key) => (at as SchemaNode)[key], root) as SchemaNode;
  return { ...resolve(target), ...node };
}

/** Every `properties` entry in the schema, with its place. */
function properties(node: unknown, at: string, out: Array<[string, SchemaNode]>): Array<[string, SchemaNode]> {
  if (node === null || typeof node !== "object") return out;
  const record = node as SchemaNode;
  for (const [key, value] of Object.entries(record)) {
    if (key === "properties")
      for (const [name, property] of Object.entries(value as Record<string, SchemaNode>))
        out.push([`${at}/properties/${name}`, property]);
    properties(value, `${at}/${key}`, out);
  }
  return out;
}

/**
 * Walks the loaded config beside the schema: wherever the file left a defaultable setting out,
 * the loaded value must be the schema's `default`. Paths are made absolute by the loader, so a
 * path default is compared resolved.
 */
function checkDefaults(
  schema: SchemaNode,
  value: unknown,
  given: unknown,
  where: string,
  baseDir: string,
  seen: Set<SchemaNode>,
): void {
  const node = resolve(schema);
  if (Array.isArray(node.oneOf) && value && typeof value === "object") {
    const kind = (value as SchemaNode).kind;
    const branch = (node.oneOf as SchemaNode[])
      .map(resolve)
      .find(
        (b) =>
          (b.properties as SchemaNode)?.kind && ((b.properties as Record<string, SchemaNode>).kind as SchemaNode).const === kind,
      );
    if (branch) checkDefaults(branch, value, given, where, baseDir, seen);
    return;
  }
  if (node.items && Array.isArray(value))
    for (const [index, item] of value.entries())
      checkDefaults(
        node.items as SchemaNode,
        item,
        (given as unknown[] | undefined)?.[index],
        `${where}/${index}`,
        baseDir,
        seen,
      );
  if (!node.properties || value === null || typeof value !== "object") return;
  for (const [name, property] of Object.entries(node.properties as Record<string, SchemaNode>)) {
    const resolved = resolve(property);
    const loaded = (value as SchemaNode)[name];
    const fromFile = (given as SchemaNode | undefined)?.[name];
    if ("default" in resolved && fromFile === undefined) {
      const expected =
        name === "path" && typeof resolved.default === "string" ? join(baseDir, resolved.default) : resolved.default;
      expect(loaded, `${where}/${name}`).toEqual(expected);
      seen.add(property);
    }
    checkDefaults(property, loaded, fromFile, `${where}/${name}`, baseDir, seen);
  }
}

describe("hub-config.schema.json", () => {
  it("describes every property", () => {
    const all = properties(root, "#", []);
    expect(all.length).toBeGreaterThan(60);
    const undescribed = all.filter(([, property]) => typeof resolve(property).description !== "string").map(([at]) => at);
    expect(undescribed).toEqual([]);
  });

  it("states the same defaults the loader applies", async () => {
    const unit = {
      unitId: "u",
      name: "n",
      department: "other",
      level: "county",
      regionCode: "430181",
      tokenSha256: BASE_TOKEN_SHA256,
    };
    // Every optional section present but empty, so the defaults inside them show...
    const sections = {
      hubId: "h",
      store: { kind: "sqlite" },
      http: {},
      units: [unit],
      destinations: [
        { id: "a", kind: "http", url: "http://127.0.0.1:1/", retry: {}, timeouts: {}, breaker: {} },
        { id: "b", kind: "directory", path: "out", retry: {}, breaker: {} },
        { id: "c", kind: "mllp", host: "127.0.0.1", port: 6661, retry: {}, timeouts: {}, breaker: {}, tls: { caFile: "ca.pem" } },
      ],
      fileDrop: [{ dir: "in", unitId: "u" }],
      mllp: [{ name: "m", port: 2575, unitId: "u", tls: { certFile: "cert.pem", keyFile: "key.pem" } }],
      retention: {},
      relay: {},
      log: {},
    };
    // ...and every optional section absent, so the defaults of the sections themselves show.
    const bare = { hubId: "h", units: [unit], destinations: [] };
    const seen = new Set<SchemaNode>();
    for (const file of [sections, bare]) {
      const dir = tempDir();
      writeFileSync(join(dir, "hub.json"), JSON.stringify(file));
      for (const pem of ["ca.pem", "cert.pem", "key.pem"]) writeFileSync(join(dir, pem), "-----BEGIN-----\n");
      const config = await loadHubConfig(join(dir, "hub.json"), {});
      checkDefaults(root, config, file, "", dir, seen);
      if (file === bare) expect(config.store).toEqual({ kind: "sqlite", path: join(dir, "data", "eix-hub.db") });
    }
    // Every default the schema declares was compared: none hides in a branch the walk missed.
    const unchecked = properties(root, "#", [])
      .filter(([, property]) => "default" in property && !seen.has(property))
      .map(([at]) => at);
    expect(unchecked).toEqual([]);
    expect(seen.size).toBeGreaterThan(30);
  });
});

describe("the EIX_CONFIG_* table", () => {
  const codes = Object.keys(configIssues) as ConfigIssueCode[];

  it("has a summary and both languages for every code", () => {
    for (const code of codes) {
      expect(code).toMatch(/^EIX_CONFIG_[A-Z_]+$/);
      const message = configMessage(code, { value: "v", expected: "e", limit: "1", detail: "d", file: "f" });
      expect(configIssues[code].summary.length, code).toBeGreaterThan(10);
      expect(message["zh-CN"], code).toMatch(/[\u4e00-\u9fff]/);
      expect(message.en, code).toMatch(/^[\x20-\x7e…]+$/);
    }
  });

  it("formats issues one per line with file:line:column, code, pointer and message", () => {
    const issue = {
      code: "EIX_CONFIG_REGION_UNKNOWN" as const,
      severity: "error" as const,
      path: "/units/2/regionCode",
      message: configMessage("EIX_CONFIG_REGION_UNKNOWN", { value: "439900", detail: "GB/T 2260" }),
      file: "hub.yaml",
      line: 12,
      column: 17,
    };
    const root = {
      ...issue,
      code: "EIX_CONFIG_SYNTAX" as const,
      path: "",
      message: configMessage("EIX_CONFIG_SYNTAX", { detail: "x" }),
    };
    const { line: _line, column: _column, ...placeless } = root;
    expect(formatConfigIssues([issue, placeless], "en").split("\n")).toEqual([
      'hub.yaml:12:17 EIX_CONFIG_REGION_UNKNOWN /units/2/regionCode The region code "439900" is not in the GB/T 2260 region table (GB/T 2260)',
      "hub.yaml EIX_CONFIG_SYNTAX / Syntax error in the configuration file: x",
    ]);
    expect(formatConfigIssues([issue], "zh-CN")).toBe(
      "hub.yaml:12:17 EIX_CONFIG_REGION_UNKNOWN /units/2/regionCode 行政区划代码 “439900” 不在 GB/T 2260 区划表（GB/T 2260）中",
    );
  });
});
