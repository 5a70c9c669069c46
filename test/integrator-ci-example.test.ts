import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));

function run(...paths: string[]) {
  return spawnSync(tsx, ["--conditions=@eix/source", "examples/integrator-ci/check-payloads.ts", ...paths], {
    cwd: root,
    encoding: "utf8",
  });
}

describe("examples/integrator-ci", () => {
  test("passes the valid examples, with their declared warnings as annotations", () => {
    const result = run("packages/schema/examples/valid");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("::warning file=packages/schema/examples/valid/warning-haze-yellow-unlisted-type.json");
    expect(result.stdout).not.toContain("::error");
  });

  test("fails an invalid payload with an error annotation naming the code and the field", () => {
    const result = run("packages/schema/examples/invalid/ack-missing-by.json");
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/::error file=.*ack-missing-by\.json,title=EIX_SCHEMA_REQUIRED::\/payload\/by/);
  });
});
