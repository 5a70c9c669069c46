import { readFileSync } from "node:fs";
import { createRegistry, type DecodeResult } from "@eix/adapters";
import { type Envelope, validate } from "@eix/schema";
import { describe, expect, test } from "vitest";
import { conformanceCases } from "./conformance/cases.js";

// One contract suite for every adapter (BullMQ's habit): decode the corpus, check the output
// against the canonical model, sniffing, and the decode → encode → decode fixed point.
const registry = createRegistry();
const corpus = (file: string) => new Uint8Array(readFileSync(new URL(`./corpus/${file}`, import.meta.url)));

function withoutProvenance(message: Envelope): Envelope {
  const { provenance: _provenance, ...rest } = message;
  return rest as Envelope;
}

function expectDecoded(result: DecodeResult): asserts result is Extract<DecodeResult, { ok: true }> {
  if (!result.ok) expect.fail(`${result.error.code}: ${result.error.message} ${JSON.stringify(result.issues.slice(0, 3))}`);
}

describe.each([...new Set(conformanceCases.map((c) => c.adapter))])("adapter %s", (adapterId) => {
  const cases = conformanceCases.filter((c) => c.adapter === adapterId);

  test("is registered among the built-in adapters", () => {
    expect(registry.has(adapterId)).toBe(true);
  });

  test.each(cases.map((c) => [c.file, c] as const))("%s", (_file, testCase) => {
    const adapter = registry.get(adapterId);
    const bytes = corpus(testCase.file);
    const ctx = testCase.ctx ?? {};
    const result = adapter.decode(bytes, ctx);
    if (testCase.expect === "not-reportable") {
      expectDecoded(result);
      expect(result.messages).toEqual([]);
      expect(result.issues.some((issue) => issue.code.endsWith("_NOT_REPORTABLE"))).toBe(true);
      return;
    }
    if (testCase.expect !== "valid") {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(testCase.expect.code);
        expect(result.error.messages["zh-CN"]).not.toBe("");
        expect(result.error.messages.en).not.toBe("");
      }
      return;
    }
    expectDecoded(result);
    expect(result.messages.length).toBeGreaterThan(0);
    expect(result.source.adapter.id).toBe(adapterId);
    expect(result.source.rawSha256).toMatch(/^[0-9a-f]{64}$/);
    for (const message of result.messages) expect(validate(message).valid).toBe(true);
    if (testCase.sniffs !== false) expect(registry.pick({ bytes }).id).toBe(adapterId);
    if (!adapter.encode) return;
    for (const message of result.messages) {
      const encoded = adapter.encode(message, { blobs: result.blobs });
      const again = adapter.decode(encoded, ctx);
      expectDecoded(again);
      const twin = again.messages.find((m) => m.id === message.id) ?? again.messages[0];
      expect(twin && withoutProvenance(twin)).toEqual(withoutProvenance(message));
    }
  });
});
