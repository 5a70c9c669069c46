import { join } from "node:path";
import { AdapterError, createRegistry, defineAdapter } from "@eix/adapters";
import { describe, expect, it } from "vitest";
import { isConfigError } from "../../src/config/config-errors.js";
import { parseHubConfig } from "../../src/config/load-hub-config.js";
import { hashToken } from "../../src/config/unit-token.js";
import { BASE_TOKEN_SHA256, BASE_YAML, issuesOf, only, placeOf, where } from "./config-test-kit.js";

const SECOND_UNIT = `  - unitId: zz-emergency-office
    name: 株洲市应急管理局
    department: emergency-office
    level: municipal
    regionCode: "430200"
    tokenEnv: EIX_TOKEN_ZHUZHOU
`;
const ZHUZHOU_TOKEN = "zhuzhou-token-abcdefghijklmnop";

function withSecondUnit(unit = SECOND_UNIT): string {
  return BASE_YAML.replace("destinations:\n", `${unit}destinations:\n`);
}

describe("cross-checks the schema cannot express", () => {
  it("refuses a route to a destination that is not configured, naming the configured ones", async () => {
    const text = BASE_YAML.replace("to: [national, archive]", "to: [national, nationl]");
    const issue = only(await issuesOf(text), "EIX_CONFIG_DESTINATION_UNKNOWN");
    expect(issue.path).toBe("/routes/0/to/1");
    expect(placeOf(issue)).toEqual(where(text, "nationl"));
    expect(issue.message.en).toContain('"nationl"');
    expect(issue.message.en).toContain("configured: national, archive");
  });

  it("refuses duplicate unit ids, destination ids and route names, pointing at the second", async () => {
    const text = `${withSecondUnit(SECOND_UNIT.replace("zz-emergency-office", "cs-emergency-office")).replace(
      "  - id: archive\n",
      "  - id: national\n",
    )}  - name: everything\n    match: {}\n    to: [national]\n`;
    const issues = await issuesOf(text, { EIX_TOKEN_ZHUZHOU: ZHUZHOU_TOKEN });
    const unit = only(issues, "EIX_CONFIG_UNIT_DUPLICATE", "/units/1/unitId");
    expect(placeOf(unit)).toEqual(where(text, "cs-emergency-office", 2));
    expect(unit.message.en).toContain("(first at /units/0/unitId)");
    const secondId = where(text, "id: national", 2);
    expect(placeOf(only(issues, "EIX_CONFIG_DESTINATION_DUPLICATE", "/destinations/1/id"))).toEqual({
      line: secondId.line,
      column: secondId.column + "id: ".length,
    });
    expect(placeOf(only(issues, "EIX_CONFIG_ROUTE_DUPLICATE", "/routes/1/name"))).toEqual(where(text, "everything", 2));
  });

  it("refuses a region code missing from the GB/T 2260 table, in units and in routes", async () => {
    const text = BASE_YAML.replace('regionCode: "430100"', 'regionCode: "439900"').replace(
      "match: {}",
      'match: { regionWithin: ["430000", "990000"] }',
    );
    const issues = await issuesOf(text);
    const unit = only(issues, "EIX_CONFIG_REGION_UNKNOWN", "/units/0/regionCode");
    expect(placeOf(unit)).toEqual(where(text, '"439900"'));
    expect(unit.message["zh-CN"]).toContain("“439900” 不在 GB/T 2260 区划表");
    expect(placeOf(only(issues, "EIX_CONFIG_REGION_UNKNOWN", "/routes/0/match/regionWithin/1"))).toEqual(where(text, '"990000"'));
  });

  it("refuses adapters that are not registered, and a decode-only adapter for a destination", async () => {
    const text = `${BASE_YAML.replace("    path: ./archive\n", "    path: ./archive\n    adapter: weather.cap2\n")}fileDrop:\n  - dir: ./drop\n    unitId: cs-emergency-office\n    adapter: health.hl7\n`;
    const issues = await issuesOf(text);
    const destination = only(issues, "EIX_CONFIG_ADAPTER_UNKNOWN", "/destinations/1/adapter");
    expect(placeOf(destination)).toEqual(where(text, "weather.cap2"));
    expect(destination.message.en).toContain("available: canonical, weather.cn12379, weather.cap");
    expect(placeOf(only(issues, "EIX_CONFIG_ADAPTER_UNKNOWN", "/fileDrop/0/adapter"))).toEqual(where(text, "health.hl7"));

    const decodeOnly = defineAdapter({
      id: "test.decode-only",
      version: "1.0.0",
      department: "other",
      title: { "zh-CN": "仅解码", en: "Decode only" },
      mediaTypes: ["text/plain"],
      schemaRange: ">=0",
      sniff: () => 0,
      decode: () => ({ ok: false, error: new AdapterError("EIX_ADAPTER_NO_MATCH"), issues: [] }),
    });
    const adapters = createRegistry([decodeOnly]);
    const withDecodeOnly = BASE_YAML.replace("    path: ./archive\n", "    path: ./archive\n    adapter: test.decode-only\n");
    try {
      parseHubConfig(withDecodeOnly, { file: "hub.yaml", env: {}, adapters });
      expect.fail("a decode-only destination adapter was accepted");
    } catch (error) {
      if (!isConfigError(error)) throw error;
      expect(only(error.issues, "EIX_CONFIG_ADAPTER_NO_ENCODER", "/destinations/1/adapter").line).toBe(
        where(withDecodeOnly, "test.decode-only").line,
      );
    }
    // The same adapter is fine for reading a unit's posts.
    const asUnitDefault = BASE_YAML.replace(
      '    regionCode: "430100"\n',
      '    regionCode: "430100"\n    adapter: test.decode-only\n',
    );
    expect(parseHubConfig(asUnitDefault, { file: "hub.yaml", env: {}, adapters }).units[0]?.adapter).toBe("test.decode-only");
  });

  it("refuses a tokenSha256 that is not 64 hex digits, without repeating it", async () => {
    const pasted = "plain-token-pasted-by-mistake";
    const text = BASE_YAML.replace(`tokenSha256: ${BASE_TOKEN_SHA256}`, `tokenSha256: [${BASE_TOKEN_SHA256}, ${pasted}]`);
    const issue = only(await issuesOf(text), "EIX_CONFIG_TOKEN_HASH");
    expect(issue.path).toBe("/units/0/tokenSha256/1");
    expect(placeOf(issue)).toEqual(where(text, pasted));
    expect(issue.message.en).toContain(`${pasted.length} characters`);
    expect(JSON.stringify(issue)).not.toContain(pasted);
  });

  it("refuses a unit without credentials, an unset or weak token variable, and a token two units share", async () => {
    const noToken = BASE_YAML.replace(/ {4}tokenSha256: .*\n/, "");
    expect(only(await issuesOf(noToken), "EIX_CONFIG_NO_TOKEN", "/units/0").message.en).toContain('Unit "cs-emergency-office"');

    const text = withSecondUnit();
    const unset = only(await issuesOf(text, {}), "EIX_CONFIG_ENV_UNSET", "/units/1/tokenEnv");
    expect(placeOf(unset)).toEqual(where(text, "EIX_TOKEN_ZHUZHOU"));
    expect(only(await issuesOf(text, { EIX_TOKEN_ZHUZHOU: "" }), "EIX_CONFIG_ENV_UNSET").path).toBe("/units/1/tokenEnv");
    const weak = only(await issuesOf(text, { EIX_TOKEN_ZHUZHOU: "123456" }), "EIX_CONFIG_TOKEN_WEAK");
    expect(weak.message.en).not.toContain("123456");

    const shared = withSecondUnit(SECOND_UNIT.replace("tokenEnv: EIX_TOKEN_ZHUZHOU", `tokenSha256: "${BASE_TOKEN_SHA256}"`));
    const issue = only(await issuesOf(shared), "EIX_CONFIG_TOKEN_SHARED");
    expect(issue.path).toBe("/units/1");
    expect(issue.message.en).toContain('"cs-emergency-office"');
    // The same token given once as a hash and once through the environment is the same token.
    const sharedViaEnv = withSecondUnit();
    const env = { EIX_TOKEN_ZHUZHOU: ZHUZHOU_TOKEN };
    expect(hashToken(ZHUZHOU_TOKEN)).not.toBe(BASE_TOKEN_SHA256);
    const both = sharedViaEnv.replace(`tokenSha256: ${BASE_TOKEN_SHA256}`, `tokenSha256: ${hashToken(ZHUZHOU_TOKEN)}`);
    expect(only(await issuesOf(both, env), "EIX_CONFIG_TOKEN_SHARED").path).toBe("/units/1");
  });

  it("refuses a file drop for an unknown unit, and a directory used twice", async () => {
    const text = `${BASE_YAML}fileDrop:\n  - dir: ./drop\n    unitId: nobody\n  - dir: drop\n    unitId: cs-emergency-office\n  - dir: ./archive/\n    unitId: cs-emergency-office\n`;
    const issues = await issuesOf(text);
    expect(placeOf(only(issues, "EIX_CONFIG_UNIT_UNKNOWN", "/fileDrop/0/unitId"))).toEqual(where(text, "nobody"));
    const again = only(issues, "EIX_CONFIG_DIRECTORY_CONFLICT", "/fileDrop/1/dir");
    const dir = where(text, "dir: drop");
    expect(placeOf(again)).toEqual({ line: dir.line, column: dir.column + "dir: ".length });
    expect(again.message.en).toContain("/fileDrop/0/dir");
    expect(only(issues, "EIX_CONFIG_DIRECTORY_CONFLICT", "/fileDrop/2/dir").message.en).toContain("/destinations/1/path");
  });

  it("refuses retry delays that contradict each other and a lease shorter than a send", async () => {
    const text = `${BASE_YAML.replace(
      "    url: http://127.0.0.1:9310/v1/messages\n",
      "    url: http://127.0.0.1:9310/v1/messages\n    retry: { initialDelayMs: 600000 }\n    timeouts: { headersMs: 60000 }\n",
    )}relay:\n  leaseMs: 90000\n`;
    const issues = await issuesOf(text);
    const delays = only(issues, "EIX_CONFIG_RETRY_DELAYS", "/destinations/0/retry/initialDelayMs");
    expect(placeOf(delays)).toEqual(where(text, "600000"));
    expect(delays.message.en).toContain("600000 ms exceeds the maximum delay of 300000 ms");
    const lease = only(issues, "EIX_CONFIG_LEASE_TOO_SHORT", "/relay/leaseMs");
    expect(placeOf(lease)).toEqual(where(text, "90000\n"));
    expect(lease.message.en).toContain('destination "national", 95000 ms');
    // With the default lease (120 s) the same timeouts are fine.
    const fine = text.replace("relay:\n  leaseMs: 90000\n", "").replace("retry: { initialDelayMs: 600000 }", "retry: {}");
    expect(parseHubConfig(fine, { file: join("/srv", "hub.yaml"), env: {} }).destinations[0]?.kind).toBe("http");
  });

  it("takes a unit's adapterOptions per adapter id, and refuses one for an adapter not registered", async () => {
    const options = `    tokenSha256: ${BASE_TOKEN_SHA256}\n    adapterOptions:\n      forestry.hotspots: { clusterKm: 2, landTypeMinConfidence: { farmland: never } }\n`;
    const text = BASE_YAML.replace(`    tokenSha256: ${BASE_TOKEN_SHA256}\n`, options);
    const config = parseHubConfig(text, { file: join("/srv/eix", "hub.yaml"), env: {} });
    expect(config.units[0]?.adapterOptions).toEqual({
      "forestry.hotspots": { clusterKm: 2, landTypeMinConfidence: { farmland: "never" } },
    });
    const misspelt = text.replace("forestry.hotspots:", "forestry.hotspot:");
    const issue = only(await issuesOf(misspelt), "EIX_CONFIG_ADAPTER_UNKNOWN", "/units/0/adapterOptions/forestry.hotspot");
    expect(issue.message.en).toContain("forestry.hotspots");
  });

  it("refuses adapter options the adapter would refuse at every payload, with the adapter's own reason", async () => {
    const withOptions = (settings: string) =>
      BASE_YAML.replace(
        `    tokenSha256: ${BASE_TOKEN_SHA256}\n`,
        `    tokenSha256: ${BASE_TOKEN_SHA256}\n    adapterOptions:\n      forestry.hotspots: ${settings}\n`,
      );
    const wrongKind = only(
      await issuesOf(withOptions('{ clusterKm: "2" }')),
      "EIX_CONFIG_ADAPTER_OPTIONS",
      "/units/0/adapterOptions/forestry.hotspots",
    );
    expect(wrongKind.message.en).toBe(
      'The options of adapter "forestry.hotspots" are invalid: Field "options.clusterKm" has an invalid value: expected a number > 0',
    );
    expect(wrongKind.message["zh-CN"]).toContain("options.clusterKm");
    const misspelt = only(await issuesOf(withOptions("{ clusterKM: 2 }")), "EIX_CONFIG_ADAPTER_OPTIONS");
    expect(misspelt.message.en).toContain("options.clusterKM");
    const badLand = only(
      await issuesOf(withOptions("{ landTypeMinConfidence: { farmlands: h } }")),
      "EIX_CONFIG_ADAPTER_OPTIONS",
    );
    expect(badLand.message.en).toContain("landTypeMinConfidence.farmlands");
  });

  it("reports schema and cross-check problems together", async () => {
    const text = BASE_YAML.replace("level: municipal", "level: city").replace("to: [national, archive]", "to: [nowhere]");
    const codes = (await issuesOf(text)).map((issue) => issue.code);
    expect(codes).toEqual(["EIX_CONFIG_ENUM", "EIX_CONFIG_DESTINATION_UNKNOWN"]);
  });
});
