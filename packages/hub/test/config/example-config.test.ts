import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type ConfigIssue, isConfigError } from "../../src/config/config-errors.js";
import { loadHubConfig } from "../../src/config/load-hub-config.js";
import { findUnitByToken } from "../../src/config/unit-token.js";

const EXAMPLE = fileURLToPath(new URL("../../../../examples/provincial-hub/hub.yaml", import.meta.url));
const EXAMPLE_DIR = fileURLToPath(new URL("../../../../examples/provincial-hub/", import.meta.url));

/** The variables the example's README lists, each with a distinct token. */
const ENV = {
  EIX_TOKEN_HN_EMERGENCY_OFFICE: "hn-emergency-office-token-0001",
  EIX_TOKEN_CHANGSHA: "changsha-municipal-hub-token-0002",
  EIX_TOKEN_ZHUZHOU: "zhuzhou-municipal-token-0003",
  EIX_TOKEN_LIUYANG: "liuyang-county-token-0004",
  EIX_TOKEN_HN_WEATHER: "hunan-weather-bureau-token-0005",
  EIX_TOKEN_HN_HEALTH: "hunan-health-commission-token-0006",
  EIX_NATIONAL_TOKEN: "token-presented-to-the-national-platform",
  EIX_PUBLIC_SECURITY_TOKEN: "token-presented-to-public-security",
};

describe("examples/provincial-hub/hub.yaml", () => {
  it("loads with the documented environment", async () => {
    const config = await loadHubConfig(EXAMPLE, ENV);
    expect(config.hubId).toBe("hunan-provincial-hub");
    expect(config.units.map((unit) => [unit.unitId, unit.regionCode])).toEqual([
      ["hn-emergency-office", "430000"],
      ["cs-emergency-office", "430100"],
      ["zz-emergency-office", "430200"],
      ["ly-emergency-office", "430181"],
      ["hn-weather", "430000"],
      ["hn-health", "430000"],
    ]);
    expect(config.store).toEqual({ kind: "sqlite", path: `${EXAMPLE_DIR}data/eix-hub.db` });
    expect(findUnitByToken(config, ENV.EIX_TOKEN_LIUYANG)?.name).toBe("浏阳市应急管理局");
    expect(findUnitByToken(config, ENV.EIX_NATIONAL_TOKEN)).toBeUndefined();
  });

  it("sends what the README says where it says", async () => {
    const config = await loadHubConfig(EXAMPLE, ENV);
    const national = config.destinations.find((d) => d.id === "national");
    expect(national).toMatchObject({
      kind: "http",
      url: "http://127.0.0.1:9310/v1/messages",
      acceptsStatus: ["actual"],
      clearance: "internal",
      headers: { Authorization: `Bearer ${ENV.EIX_NATIONAL_TOKEN}` },
    });
    expect(config.destinations.find((d) => d.id === "hn-cdc")).toMatchObject({
      kind: "mllp",
      port: 6661,
      adapter: "health.hl7v2",
      onAmbiguousTimeout: "dead",
    });
    expect(config.mllp).toMatchObject([{ name: "hospitals", port: 2575, unitId: "hn-health", adapter: "health.hl7v2" }]);
    const archive = config.destinations.find((d) => d.id === "hn-archive");
    expect(archive).toMatchObject({ kind: "directory", path: `${EXAMPLE_DIR}archive`, acceptsStatus: ["actual", "exercise"] });
    const toNational = config.routes.filter((route) => route.to.includes("national")).map((route) => route.match);
    expect(toNational).toContainEqual(expect.objectContaining({ kind: ["incident"], severity: ["I", "II", "III"] }));
    expect(toNational).toContainEqual(expect.objectContaining({ kind: ["warning"], severity: ["red", "orange"] }));
    expect(config.routes.find((route) => route.to.includes("hn-archive"))?.match).toEqual({ regionWithin: ["430000"] });
    expect(config.fileDrop).toEqual([
      { dir: `${EXAMPLE_DIR}drop/weather`, unitId: "hn-weather", adapter: "weather.cn12379", pollMs: 2000 },
    ]);
  });

  it("names every missing variable at once, and nothing else", async () => {
    let issues: readonly ConfigIssue[] = [];
    try {
      await loadHubConfig(EXAMPLE, {});
    } catch (error) {
      if (!isConfigError(error)) throw error;
      issues = error.issues;
    }
    expect(issues.map((issue) => issue.code)).toEqual(Array(8).fill("EIX_CONFIG_ENV_UNSET"));
    const named = issues.map((issue) => /environment variable (\w+)/.exec(issue.message.en)?.[1]);
    expect(new Set(named)).toEqual(new Set(Object.keys(ENV)));
  });
});
