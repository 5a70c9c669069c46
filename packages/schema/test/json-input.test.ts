import { parseJsonInput } from "@eix/schema";
import { describe, expect, test } from "vitest";

const bytes = (text: string) => new TextEncoder().encode(text);

function codeOf(input: Uint8Array, limits?: Parameters<typeof parseJsonInput>[1]): string | undefined {
  const result = parseJsonInput(input, limits);
  return result.ok ? undefined : result.issue.code;
}

describe("parseJsonInput", () => {
  test("parses UTF-8 with or without a BOM", () => {
    expect(parseJsonInput(bytes('{"a":"值班"}'))).toEqual({ ok: true, value: { a: "值班" } });
    expect(parseJsonInput(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes("[1]")]))).toEqual({ ok: true, value: [1] });
  });

  test("refuses empty and blank input", () => {
    expect(codeOf(bytes(""))).toBe("EIX_SCHEMA_JSON_EMPTY");
    expect(codeOf(bytes(" \n\t"))).toBe("EIX_SCHEMA_JSON_EMPTY");
  });

  test("refuses GB18030 and UTF-16 bytes as not UTF-8", () => {
    // "中文" in GB18030 inside a JSON string.
    const gb = new Uint8Array([0x22, 0xd6, 0xd0, 0xce, 0xc4, 0x22]);
    expect(codeOf(gb)).toBe("EIX_SCHEMA_JSON_ENCODING");
    expect(codeOf(new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]))).toBe("EIX_SCHEMA_JSON_ENCODING");
  });

  test("refuses input over the size limit before decoding it", () => {
    expect(codeOf(bytes("[1,2,3]"), { maxBytes: 4 })).toBe("EIX_SCHEMA_JSON_TOO_LARGE");
  });

  test("refuses 10,000 levels of nesting without recursing", () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    expect(codeOf(bytes(deep))).toBe("EIX_SCHEMA_JSON_TOO_DEEP");
    const fine = `${'{"a":'.repeat(20)}1${"}".repeat(20)}`;
    expect(parseJsonInput(bytes(fine)).ok).toBe(true);
    // Brackets inside strings do not count.
    expect(parseJsonInput(bytes(JSON.stringify({ t: "[".repeat(500) }))).ok).toBe(true);
  });

  test("reports malformed JSON with its position", () => {
    const result = parseJsonInput(bytes('{\n  "a": 1,\n  "b": }'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issue.code).toBe("EIX_SCHEMA_JSON_SYNTAX");
      expect(result.issue.message.en).toMatch(/3:\d+/);
      expect(result.issue.message["zh-CN"]).toMatch(/JSON 格式错误/);
    }
  });
});
