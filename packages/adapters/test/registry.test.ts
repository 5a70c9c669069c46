import { type Adapter, AdapterError, AdapterRegistry, defineAdapter, runDecode } from "@eix/adapters";
import { describe, expect, test } from "vitest";

function fakeAdapter(overrides: Partial<Adapter> = {}): Adapter {
  return defineAdapter({
    id: "other.sample",
    version: "1.0.0",
    department: "other",
    title: { "zh-CN": "示例", en: "Sample" },
    mediaTypes: ["application/x-sample"],
    schemaRange: "^1.0.0",
    sniff: (bytes: Uint8Array) => (bytes[0] === 0x53 ? 0.9 : 0),
    decode: (bytes: Uint8Array) =>
      runDecode({ id: "other.sample", version: "1.0.0" }, bytes, {}, () => ({
        ok: true,
        messages: [],
        issues: [],
        sourceFormat: "sample",
      })),
    ...overrides,
  });
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return AdapterError.is(error) ? error.code : "not-an-adapter-error";
  }
  return undefined;
}

describe("AdapterRegistry", () => {
  test("third-party adapters register through the same call and are found by id, media type and sniffing", () => {
    const registry = new AdapterRegistry().register(fakeAdapter());
    expect(registry.get("other.sample").id).toBe("other.sample");
    expect(registry.forMediaType("application/x-sample; charset=utf-8")).toHaveLength(1);
    expect(registry.pick({ bytes: new TextEncoder().encode("S...") }).id).toBe("other.sample");
    expect(registry.pick({ mediaType: "application/x-sample" }).id).toBe("other.sample");
  });

  test("a model version outside the adapter's range is refused at registration", () => {
    expect(codeOf(() => new AdapterRegistry().register(fakeAdapter({ schemaRange: "^2.0.0" })))).toBe("EIX_ADAPTER_SCHEMA_RANGE");
    expect(codeOf(() => new AdapterRegistry({ modelVersion: "2.1.0" }).register(fakeAdapter()))).toBe("EIX_ADAPTER_SCHEMA_RANGE");
  });

  test("duplicates and malformed definitions are refused with codes", () => {
    const registry = new AdapterRegistry().register(fakeAdapter());
    expect(codeOf(() => registry.register(fakeAdapter()))).toBe("EIX_ADAPTER_DUPLICATE");
    expect(codeOf(() => registry.register(fakeAdapter({ id: "NoFamily" })))).toBe("EIX_ADAPTER_DEFINITION");
    expect(codeOf(() => registry.register(fakeAdapter({ id: "x.y", version: "one" })))).toBe("EIX_ADAPTER_DEFINITION");
    expect(codeOf(() => registry.register(fakeAdapter({ id: "x.z", schemaRange: "not a range" })))).toBe(
      "EIX_ADAPTER_DEFINITION",
    );
  });

  test("unknown ids and unrecognised bytes are coded errors; a throwing sniffer is ignored", () => {
    const registry = new AdapterRegistry().register(fakeAdapter()).register(
      fakeAdapter({
        id: "other.broken",
        sniff: () => {
          throw new Error("boom");
        },
      }),
    );
    expect(codeOf(() => registry.get("weather.none"))).toBe("EIX_ADAPTER_NOT_FOUND");
    expect(codeOf(() => registry.pick({ bytes: new TextEncoder().encode("nothing") }))).toBe("EIX_ADAPTER_NO_MATCH");
    expect(registry.sniff(new TextEncoder().encode("S")).map((s) => s.adapter.id)).toEqual(["other.sample"]);
  });
});

describe("runDecode", () => {
  test("turns an exception inside a decoder into EIX_ADAPTER_INTERNAL", () => {
    const result = runDecode({ id: "x.y", version: "1.0.0" }, new Uint8Array(), {}, () => {
      throw new TypeError("bug");
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe("EIX_ADAPTER_INTERNAL");
  });

  test("refuses a decoded message that fails canonical validation, with every issue", () => {
    const result = runDecode({ id: "x.y", version: "1.0.0" }, new Uint8Array([1]), {}, () => ({
      ok: true,
      // biome-ignore lint/suspicious/noExplicitAny: deliberately not an envelope
      messages: [{ kind: "warning" } as any],
      issues: [],
      sourceFormat: "x",
    }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("EIX_ADAPTER_INVALID_OUTPUT");
      expect(result.issues.filter((i) => i.code === "EIX_SCHEMA_REQUIRED").length).toBeGreaterThan(3);
    }
  });
});
