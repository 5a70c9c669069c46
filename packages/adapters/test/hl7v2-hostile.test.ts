import { readdirSync, readFileSync } from "node:fs";
import { type Hl7ParseResult, parseHl7, readHl7Ack, serializeHl7 } from "@eix/adapters";
import { describe, expect, test } from "vitest";

// Hostile input: parseHl7 and readHl7Ack never throw, refuse with a code, and stay within time
// and memory (the limits stop a 10 MiB field of separators before it costs gigabytes).
const MSH = "MSH|^~\\&|HIS|HOSP|EIX|HUB|20260301120000||ADT^A01^ADT_A01|C-1|P|2.5\r";
const dir = new URL("../../../test/corpus/hl7v2/", import.meta.url);
const samples = readdirSync(dir)
  .filter((name) => name.endsWith(".hl7"))
  .map((name) => new Uint8Array(readFileSync(new URL(name, dir))));
const bytes = (text: string) => new TextEncoder().encode(text);

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function safely(input: Uint8Array, options?: Parameters<typeof parseHl7>[1]): Hl7ParseResult {
  let result: Hl7ParseResult | undefined;
  expect(() => {
    result = parseHl7(input, options);
  }).not.toThrow();
  return result as Hl7ParseResult;
}
const code = (result: Hl7ParseResult) => (result.ok ? "ok" : result.error.code);

describe("hostile input never throws", () => {
  test("input above maxBytes is refused before decoding", () => {
    const huge = new Uint8Array(11 * 1024 * 1024).fill(0x7c);
    const started = performance.now();
    expect(code(safely(huge))).toBe("EIX_ADAPTER_TOO_LARGE");
    expect(performance.now() - started).toBeLessThan(100);
  });

  test("10 MiB of one separator in a field or segment stops at the value limit", () => {
    const size = 10 * 1024 * 1024 - 200;
    for (const separator of ["~", "^", "&", "|"]) {
      const started = performance.now();
      expect(code(safely(bytes(`${MSH}PID|${separator.repeat(size)}`))), separator).toBe("EIX_HL7_TOO_MANY_VALUES");
      expect(performance.now() - started, separator).toBeLessThan(5_000);
    }
  });

  test("10 MiB of malformed escapes parses with at most 100 warnings", () => {
    const result = safely(bytes(`${MSH}NTE|1||${"\\Q\\".repeat(3_000_000)}`));
    expect(result.ok).toBe(true);
    expect(result.issues.length).toBeLessThanOrEqual(100);
  });

  test("a million segments: refused by the segment limit, parsed when it is raised", () => {
    const million = `${MSH}${"PID|1\r".repeat(1_000_000)}`;
    const refused = safely(bytes(million));
    expect(code(refused)).toBe("EIX_HL7_TOO_MANY_SEGMENTS");
    expect(refused.ok || refused.error.position).toEqual({ line: 200_001 });
    const parsed = safely(bytes(`${MSH}${"ZXX\r".repeat(1_000_000)}`), { maxSegments: 1_000_001 });
    expect(parsed.ok && parsed.messages[0]?.segments.length).toBe(1_000_001);
  });

  test("no MSH, truncated MSH", () => {
    const cases: Record<string, string> = {
      "": "EIX_HL7_NO_MSH",
      "\r\n\r\n": "EIX_HL7_NO_MSH",
      "PID|1": "EIX_HL7_NO_MSH",
      "<?xml version='1.0'?><alert/>": "EIX_HL7_NO_MSH",
      '{"msh":1}': "EIX_HL7_NO_MSH",
      M: "EIX_HL7_NO_MSH",
      MS: "EIX_HL7_NO_MSH",
      MSH: "EIX_HL7_MSH_ENCODING",
      "MSH|": "EIX_HL7_MSH_ENCODING",
      "MSH|^": "EIX_HL7_MSH_ENCODING",
      "MSH|^~\\": "EIX_HL7_MSH_ENCODING",
      "MSH|^~\\&": "EIX_HL7_VERSION_UNSUPPORTED",
      "MSH|^~\\&|": "EIX_HL7_VERSION_UNSUPPORTED",
      "MSHX|^~\\&": "EIX_HL7_NO_MSH",
    };
    for (const [text, expected] of Object.entries(cases)) expect(code(safely(bytes(text))), JSON.stringify(text)).toBe(expected);
  });

  test("binary garbage, alone and after a valid MSH", () => {
    const next = random(20260301);
    for (let i = 0; i < 300; i++) {
      const garbage = new Uint8Array(1 + Math.floor(next() * 2000)).map(() => Math.floor(next() * 256));
      expect(safely(garbage).ok).toBe(false);
      const after = new Uint8Array([...bytes(MSH), ...garbage]);
      const result = safely(after);
      if (!result.ok) expect(result.error.code).toMatch(/^EIX_(HL7|CHARSET)_/);
    }
  });

  test("mutated corpus files: never a throw; what parses writes back stably", () => {
    const next = random(7);
    const alphabet = bytes('|^~\\&#\r\n"XMSHPID0 \x00\xff\xe4');
    for (let i = 0; i < 2_000; i++) {
      const sample = samples[i % samples.length] as Uint8Array;
      const mutated = new Uint8Array(sample);
      for (let k = 0, n = 1 + Math.floor(next() * 6); k < n; k++)
        mutated[Math.floor(next() * mutated.length)] = alphabet[Math.floor(next() * alphabet.length)] ?? 0;
      const cut = next() < 0.2 ? mutated.subarray(0, Math.floor(next() * mutated.length)) : mutated;
      const result = safely(cut);
      if (!result.ok) {
        expect(result.error.code).toMatch(/^EIX_/);
        continue;
      }
      // Written back as UTF-8: other charsets' round trips are in hl7v2-corpus.
      if (result.charset !== "utf-8") continue;
      const written = result.messages.map((message) => serializeHl7(message)).join("");
      const again = parseHl7(new TextEncoder().encode(written), { maxBytes: 1e9 });
      expect(again.ok && again.messages.map((message) => serializeHl7(message)).join("")).toBe(written);
    }
  });

  test("readHl7Ack on random and truncated text", () => {
    const next = random(99);
    const ack = "MSH|^~\\&|R|F|S|F|20260101||ACK|1|P|2.5\rMSA|AE|C-1|x\rERR||PID^1|E1^t^EIX-ERR|E\r";
    for (let i = 0; i <= ack.length; i++) expect(() => readHl7Ack(ack.slice(0, i))).not.toThrow();
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: Math.floor(next() * 200) }, () => String.fromCharCode(Math.floor(next() * 0x3000))).join(
        "",
      );
      expect(() => readHl7Ack(text)).not.toThrow();
      expect(() => readHl7Ack(`MSH|^~\\&|A\rMSA|${text}`)).not.toThrow();
    }
  });
});
