import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { findUnitByToken, hashToken } from "../../src/config/unit-token.js";
import { BASE_TOKEN, BASE_YAML, load } from "./config-test-kit.js";

const NEW_TOKEN = "zhuzhou-new-token-0000000000";
const OLD_TOKEN = "zhuzhou-old-token-1111111111";

const TWO_UNITS = BASE_YAML.replace(
  "destinations:\n",
  `  - unitId: zz-emergency-office
    name: 株洲市应急管理局
    department: emergency-office
    level: municipal
    regionCode: "430200"
    tokenEnv: EIX_TOKEN_ZHUZHOU
    tokenSha256: ${hashToken(OLD_TOKEN).toUpperCase()}
destinations:
`,
);

describe("unit tokens", () => {
  it("hashes a token to lower-case hex SHA-256 of its UTF-8 bytes", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashToken("令牌")).toBe(createHash("sha256").update(Buffer.from("令牌", "utf8")).digest("hex"));
  });

  it("keeps only hashes: the plain token from the environment is nowhere in the loaded config", async () => {
    const config = await load(TWO_UNITS, { EIX_TOKEN_ZHUZHOU: NEW_TOKEN });
    const zhuzhou = config.units[1];
    expect(zhuzhou?.tokenSha256).toEqual([hashToken(OLD_TOKEN), hashToken(NEW_TOKEN)]);
    expect(JSON.stringify(config)).not.toContain(NEW_TOKEN);
    expect(Object.keys(zhuzhou ?? {})).not.toContain("tokenEnv");
  });

  it("finds the unit of a bearer token, any of its rotated tokens, and nobody for others", async () => {
    const config = await load(TWO_UNITS, { EIX_TOKEN_ZHUZHOU: NEW_TOKEN });
    expect(findUnitByToken(config, BASE_TOKEN)?.unitId).toBe("cs-emergency-office");
    expect(findUnitByToken(config, NEW_TOKEN)?.unitId).toBe("zz-emergency-office");
    expect(findUnitByToken(config, OLD_TOKEN)?.unitId).toBe("zz-emergency-office");
    expect(findUnitByToken(config, `${NEW_TOKEN} `)).toBeUndefined();
    expect(findUnitByToken(config, hashToken(NEW_TOKEN))).toBeUndefined(); // a hash is not a token
    expect(findUnitByToken(config, "")).toBeUndefined();
  });

  it("ignores a malformed hash in a hand-built config rather than failing", () => {
    const unit = {
      unitId: "x",
      name: "x",
      department: "other",
      level: "county" as const,
      regionCode: "430181",
      tokenSha256: ["not-hex", hashToken("x-token-0123456789")],
    };
    expect(findUnitByToken({ units: [unit] }, "x-token-0123456789")).toBe(unit);
    expect(findUnitByToken({ units: [unit] }, "not-hex")).toBeUndefined();
  });
});
