// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are configuration text whose ${NAME} references are under test.
import { describe, expect, it } from "vitest";
import { substituteEnvironment } from "../../src/config/env-substitution.js";
import { BASE_YAML, issuesOf, load, only, placeOf, where } from "./config-test-kit.js";

const withHeaders = (headers: string) =>
  BASE_YAML.replace(
    "    url: http://127.0.0.1:9310/v1/messages\n",
    `    url: http://127.0.0.1:9310/v1/messages\n    headers:\n${headers}`,
  );

describe("${NAME} substitution", () => {
  it("replaces references inside string values, several per string", async () => {
    const text = withHeaders('      Authorization: Bearer ${NATIONAL_TOKEN}\n      X-Route: "${REGION}-${TIER}"\n').replace(
      "hubId: test-hub",
      "hubId: ${HUB_ID}",
    );
    const config = await load(text, { NATIONAL_TOKEN: "n-secret", REGION: "430000", TIER: "provincial", HUB_ID: "hn-hub" });
    expect(config.hubId).toBe("hn-hub");
    const national = config.destinations[0];
    expect(national?.kind === "http" && national.headers).toEqual({
      Authorization: "Bearer n-secret",
      "X-Route": "430000-provincial",
    });
  });

  it("reports every unset or empty variable at the string that names it", async () => {
    const text = withHeaders("      Authorization: Bearer ${NATIONAL_TOKEN}\n      X-Hub: ${HUB_NAME}\n");
    const issues = await issuesOf(text, { HUB_NAME: "" });
    const token = only(issues, "EIX_CONFIG_ENV_UNSET", "/destinations/0/headers/Authorization");
    expect(placeOf(token)).toEqual(where(text, "Bearer ${NATIONAL_TOKEN}"));
    expect(token.message.en).toBe("The environment variable NATIONAL_TOKEN is not set or is empty");
    expect(only(issues, "EIX_CONFIG_ENV_UNSET", "/destinations/0/headers/X-Hub").message["zh-CN"]).toBe(
      "环境变量 HUB_NAME 未设置或为空",
    );
  });

  it("reports a malformed reference instead of sending it verbatim", async () => {
    const text = withHeaders("      Authorization: Bearer ${NATIONAL_TOKEN\n");
    const issue = only(await issuesOf(text, { NATIONAL_TOKEN: "x" }), "EIX_CONFIG_ENV_SYNTAX");
    expect(issue.path).toBe("/destinations/0/headers/Authorization");
    expect(issue.message.en).toContain('"${NATIONAL_TOKEN"');
  });

  it("quotes a refused value as the reference that named it, never as the secret it became", async () => {
    const text = `${BASE_YAML}store:\n  kind: postgres\n  url: \${PG_URL}\n`;
    const issue = only(await issuesOf(text, { PG_URL: "mysql://eix:s3cret-password@db/eix" }), "EIX_CONFIG_PATTERN");
    expect(issue.path).toBe("/store/url");
    expect(placeOf(issue)).toEqual(where(text, "${PG_URL}"));
    expect(issue.message.en).toContain('"${PG_URL}"');
    expect(JSON.stringify(issue)).not.toContain("s3cret");
  });

  it("keeps $${ as a literal ${, does not rescan substituted text, and leaves keys and numbers alone", () => {
    const env = { A: "${B}", B: "never" };
    const { value, problems } = substituteEnvironment({ "${A}": "x", s: "$${A} and ${A}", n: 5, list: ["${A}", true] }, env);
    expect(problems).toEqual([]);
    expect(value).toEqual({ "${A}": "x", s: "${A} and ${B}", n: 5, list: ["${B}", true] });
  });

  it("keeps a __proto__ key as a key, so the schema refuses it", async () => {
    const { value } = substituteEnvironment(JSON.parse('{"__proto__": {"polluted": 1}}'), {});
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value as object)).toEqual(["__proto__"]);
    const issues = await issuesOf(`${BASE_YAML}__proto__:\n  x: 1\n`);
    expect(only(issues, "EIX_CONFIG_UNKNOWN_PROPERTY", "/__proto__").line).toBe(
      where(`${BASE_YAML}__proto__:`, "__proto__").line,
    );
  });
});
