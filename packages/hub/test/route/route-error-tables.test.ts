import { describe, expect, test } from "vitest";
import { type AuthErrorCode, authErrors, authIssue } from "../../src/route/auth-errors.js";
import { isRouteErrorCode, type RouteErrorCode, routeErrors, routeMessageText } from "../../src/route/route-errors.js";

const authCodes = Object.keys(authErrors) as AuthErrorCode[];
const routeCodes = Object.keys(routeErrors) as RouteErrorCode[];
const cjk = /[\u4e00-\u9fff]/;

describe("the EIX_AUTH_* table", () => {
  test.each(authCodes)("%s is a stable code with a zh-CN and an en message naming the values", (code) => {
    expect(code).toMatch(/^EIX_AUTH_[A-Z0-9_]+$/);
    const issue = authIssue(code, "/sender/unitId", {
      unitId: "UNIT-X",
      value: "VALUE-Y",
      limit: "LIMIT-Z",
      regionName: "余杭区",
      limitName: "杭州市",
      subject: "warning-area",
    });
    expect(issue).toMatchObject({ code, severity: "error", path: "/sender/unitId" });
    expect(issue.message["zh-CN"]).toMatch(cjk);
    expect(issue.message.en).not.toMatch(cjk);
    for (const text of [issue.message["zh-CN"], issue.message.en]) {
      expect(text).toContain("VALUE-Y");
      expect(text).not.toMatch(/undefined|…/);
    }
    expect(authErrors[code].summary.trim()).not.toBe("");
  });
});

describe("the EIX_ROUTE_* table", () => {
  test.each(routeCodes)("%s is a stable code with a zh-CN and an en message naming the destination", (code) => {
    expect(code).toMatch(/^EIX_ROUTE_[A-Z0-9_]+$/);
    expect(isRouteErrorCode(code)).toBe(true);
    const text = routeMessageText(code, { destination: "DEST-1", value: "VALUE-Y", limit: "LIMIT-Z" });
    expect(text["zh-CN"]).toMatch(cjk);
    expect(text.en).not.toMatch(cjk);
    for (const line of [text["zh-CN"], text.en]) {
      expect(line).toContain("DEST-1");
      expect(line).not.toMatch(/undefined|…/);
    }
    expect(routeErrors[code].summary.trim()).not.toBe("");
  });

  test("anything else is not a routing reason", () => {
    expect(isRouteErrorCode("EIX_AUTH_UNIT_MISMATCH")).toBe(false);
    expect(isRouteErrorCode("toString")).toBe(false);
  });

  test("the two tables share no code", () => {
    expect(authCodes.filter((code) => (routeCodes as string[]).includes(code))).toEqual([]);
  });
});
