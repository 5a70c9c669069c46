import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { isMllpError, MllpError, type MllpErrorCode, mllpErrors, mllpMessage, mllpReason } from "../../src/mllp/mllp-errors.js";
import { relayErrors } from "../../src/relay/relay-errors.js";

const codes = Object.keys(mllpErrors) as MllpErrorCode[];
const cjk = /[\u4e00-\u9fff]/;
const params = { value: "VALUE-Y", limit: "LIMIT-Z", detail: "DETAIL-D", ack: "AE" };

describe("the EIX_MLLP_* table", () => {
  test.each(codes)("%s is a stable code with a summary and a zh-CN and an en message", (code) => {
    expect(code).toMatch(/^EIX_MLLP_[A-Z0-9_]+$/);
    const text = mllpMessage(code, params);
    expect(text["zh-CN"]).toMatch(cjk);
    expect(text.en).not.toMatch(cjk);
    for (const line of [text["zh-CN"], text.en]) expect(line).not.toMatch(/undefined|…/);
    expect(mllpErrors[code].summary.trim()).not.toBe("");
  });

  test("what a code leads to agrees with whether it is retryable", () => {
    for (const code of codes) {
      const { outcome, retryable } = mllpErrors[code];
      if (outcome === "AR" || outcome === "permanent" || outcome === "thrown") expect(retryable, code).toBe(false);
      if (outcome === "AE" || outcome === "retryable" || outcome === "ambiguous") expect(retryable, code).toBe(true);
    }
  });

  test("a reason begins with its code, then the English text", () => {
    expect(mllpReason("EIX_MLLP_ACK_REJECTED", { ack: "AR", detail: "PID-3 missing" })).toBe(
      "EIX_MLLP_ACK_REJECTED: The destination refused the message (AR): PID-3 missing",
    );
  });

  test("MllpError carries code, texts and retryable, and is recognised by its brand", () => {
    const error = new MllpError("EIX_MLLP_INVALID_OPTIONS", { detail: "port" });
    expect(error).toMatchObject({
      code: "EIX_MLLP_INVALID_OPTIONS",
      retryable: false,
      message: "Invalid MLLP configuration: port",
    });
    expect(error.text["zh-CN"]).toBe("MLLP 配置无效：port");
    expect(isMllpError(error)).toBe(true);
    expect(isMllpError(new Error("x"))).toBe(false);
  });

  test("no code is shared with the relay table, and docs/errors.md lists every one", () => {
    expect(codes.filter((code) => Object.hasOwn(relayErrors, code))).toEqual([]);
    const doc = readFileSync(new URL("../../../../docs/errors.md", import.meta.url), "utf8");
    for (const code of codes) expect(doc, code).toContain(`\`${code}\``);
  });
});
