import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { AdapterError, builtinAdapters, createRegistry, type DecodeResult } from "@eix/adapters";
import { type Envelope, encodeBatchMessage, encodeEnvelope, envelopeProtoType } from "@eix/schema";
import { describe, expect, test } from "vitest";
import {
  nationalBatchAdapter as adapter,
  BATCH_HEADER_BYTES,
  BATCH_MEDIA_TYPE,
  batchErrors,
  DEFAULT_MAX_BATCH_ENVELOPES,
  decodeBatch,
  encodeBatch,
} from "../src/national/batch/index.js";

// national.batch (README.md in src/national/batch): the frame, the digest and every way a
// batch is refused. Frames and digests are also built here by hand from the written format,
// so the tests hold the code to the README and eix.proto, not to itself.
const validDir = new URL("../../schema/examples/valid/", import.meta.url);
const examples: Envelope[] = readdirSync(validDir)
  .filter((name) => name.endsWith(".json") && !name.endsWith(".expected.json"))
  .sort()
  .map((name) => JSON.parse(readFileSync(new URL(name, validDir), "utf8")) as Envelope);

const SENDER = "eix-hub-330000";
const RECEIVER = "eix-hub-110000";
const fixedNow = () => new Date("2026-11-22T08:00:00.000Z");
const batchOf = (envelopes: readonly Envelope[], batchId = "batch-1") =>
  encodeBatch(envelopes, { hubId: SENDER, batchId, now: fixedNow });
const full = batchOf(examples);

/** The frame as README.md describes it: "EIXB", version 1, u32 big-endian length, payload. */
function frame(payload: Uint8Array, version = 1): Uint8Array {
  const out = new Uint8Array(9 + payload.length);
  out.set(new TextEncoder().encode("EIXB"));
  out[4] = version;
  new DataView(out.buffer).setUint32(5, payload.length, false);
  out.set(payload, 9);
  return out;
}

/** Batch.digest as eix.proto defines it: SHA-256 over (u32 big-endian length, bytes) per envelope. */
function specDigest(envelopes: readonly Uint8Array[]): Uint8Array {
  const hash = createHash("sha256");
  for (const envelope of envelopes) {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(envelope.length);
    hash.update(length).update(envelope);
  }
  return hash.digest();
}

/** A framed batch with every field chosen by the test (wrong ones included). */
function craft(fields: Partial<Parameters<typeof encodeBatchMessage>[0]> & { envelopes: readonly Uint8Array[] }): Uint8Array {
  return frame(
    encodeBatchMessage({
      batchId: "crafted",
      hubId: SENDER,
      createdAt: "2026-11-22T16:00:00+08:00",
      count: fields.envelopes.length,
      digest: specDigest(fields.envelopes),
      ...fields,
    }),
  );
}

const withoutLastHop = (message: Envelope): Envelope => {
  const provenance = message.provenance?.slice(0, -1);
  const { provenance: _dropped, ...rest } = message;
  return (provenance && provenance.length > 0 ? { ...rest, provenance } : rest) as Envelope;
};

function decoded(result: DecodeResult) {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result;
}

/** The coded failure of a decode that must fail; never an exception. */
function refused(bytes: Uint8Array, limits?: Parameters<typeof decodeBatch>[1]) {
  const result = adapter.decode(bytes, limits === undefined ? {} : { limits });
  if (result.ok) throw new Error("expected the batch to be refused");
  expect(AdapterError.is(result.error)).toBe(true);
  expect(result.error.messages["zh-CN"]).not.toBe("");
  expect(result.error.messages.en).not.toBe("");
  return result;
}

describe("national.batch round trip", () => {
  test("every valid example, as one batch, decodes to the originals in order", () => {
    expect(examples.length).toBeGreaterThanOrEqual(30);
    const result = decoded(adapter.decode(full));
    expect(result.messages).toEqual(examples);
    expect(result.source).toMatchObject({ adapter: { id: "national.batch" }, sourceFormat: "EIX batch v1" });
    expect(result.source.rawSha256).toBe(createHash("sha256").update(full).digest("hex"));
  });

  test("with a hub named, each message gains one provenance hop and is otherwise the original", () => {
    const result = decoded(adapter.decode(full, { hubId: RECEIVER, now: fixedNow }));
    expect(result.messages.map(withoutLastHop)).toEqual(examples);
    for (const message of result.messages)
      expect(message.provenance?.at(-1)).toEqual({
        hubId: RECEIVER,
        receivedAt: "2026-11-22T08:00:00.000Z",
        adapter: { id: "national.batch", version: "0.1.0" },
        sourceFormat: "EIX batch v1",
        rawSha256: result.source.rawSha256,
      });
  });

  test("the bytes follow the written format: frame header, eix.v1.Batch, digest over the envelopes", () => {
    expect(new TextDecoder().decode(full.subarray(0, 4))).toBe("EIXB");
    expect(full[4]).toBe(1);
    expect(new DataView(full.buffer, full.byteOffset).getUint32(5, false)).toBe(full.length - BATCH_HEADER_BYTES);
    const read = decodeBatch(full);
    if (!read.ok) throw new Error(read.error.code);
    expect(read.batch).toMatchObject({ batchId: "batch-1", hubId: SENDER, createdAt: "2026-11-22T08:00:00.000Z" });
    expect(read.batch.digest).toBe(Buffer.from(specDigest(examples.map(encodeEnvelope))).toString("hex"));
    // Hand-framed from the same parts, the batch is byte for byte what encodeBatch wrote.
    expect(craft({ batchId: "batch-1", createdAt: "2026-11-22T08:00:00.000Z", envelopes: examples.map(encodeEnvelope) })).toEqual(
      full,
    );
  });

  test("decodeBatch returns the envelopes as sent: no hop added, no validation", () => {
    const invalid = { ...(examples[0] as Envelope), sentAt: "yesterday" } as Envelope;
    const read = decodeBatch(batchOf([invalid]));
    expect(read.ok && read.batch.envelopes).toEqual([invalid]);
  });

  test("encode (the contract's one message) writes a batch of one, from the last hub in its provenance", () => {
    const message = decoded(adapter.decode(full, { hubId: RECEIVER })).messages[3] as Envelope;
    const bytes = adapter.encode(message);
    const read = decodeBatch(bytes);
    if (!read.ok) throw new Error(read.error.code);
    expect(read.batch.hubId).toBe(RECEIVER);
    expect(read.batch.envelopes).toEqual([message]);
    const named = decodeBatch(adapter.encode(message, { options: { hubId: "eix-hub-440000", batchId: "resend-7" } }));
    expect(named.ok && [named.batch.hubId, named.batch.batchId]).toEqual(["eix-hub-440000", "resend-7"]);
  });

  test("encode without a hub to name is refused; so is an envelope protobuf cannot carry", () => {
    const bare = { ...(examples[0] as Envelope) };
    delete bare.provenance;
    expect(() => adapter.encode(bare)).toThrow(expect.objectContaining({ code: "EIX_ADAPTER_MISSING_FIELD" }));
    expect(() => encodeBatch(examples, { hubId: "" })).toThrow(expect.objectContaining({ code: "EIX_ADAPTER_MISSING_FIELD" }));
    const surrogate = { ...(examples[1] as Envelope), id: "\ud800" };
    expect(() => encodeBatch([examples[0] as Envelope, surrogate], { hubId: SENDER })).toThrow(
      expect.objectContaining({
        code: "EIX_BATCH_ENVELOPE_ENCODE",
        messages: expect.objectContaining({ en: expect.stringMatching(/^Envelope 1 /) }),
      }),
    );
  });

  test("encoding is deterministic for a given batch id and clock; a random UUID otherwise", () => {
    expect(batchOf(examples)).toEqual(full);
    const a = decodeBatch(encodeBatch(examples.slice(0, 2), { hubId: SENDER }));
    expect(a.ok && a.batch.batchId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("national.batch empty batch", () => {
  test("is valid: no messages and an EIX_BATCH_EMPTY warning (a sync with nothing pending)", () => {
    const result = decoded(adapter.decode(batchOf([], "nothing-pending")));
    expect(result.messages).toEqual([]);
    expect(result.issues).toEqual([
      {
        code: "EIX_BATCH_EMPTY",
        severity: "warning",
        message: expect.objectContaining({ en: "The batch nothing-pending carries no envelopes" }),
      },
    ]);
    const read = decodeBatch(batchOf([]));
    // SHA-256 of no bytes.
    expect(read.ok && read.batch.digest).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});

describe("national.batch framing", () => {
  test("a batch cut at every 97th byte, and inside the header, is EIX_BATCH_TRUNCATED", () => {
    const cuts = [
      ...Array.from({ length: 8 }, (_, i) => i + 1),
      ...Array.from({ length: Math.ceil(full.length / 97) }, (_, i) => i * 97),
    ];
    expect(cuts.length).toBeGreaterThan(300);
    for (const cut of cuts) {
      const result = refused(full.subarray(0, cut));
      expect(result.error.code, `cut at ${cut}`).toBe("EIX_BATCH_TRUNCATED");
      expect(result.error.messages.en).toBe(`The batch is truncated: ${cut} of ${cut < 9 ? 9 : full.length} bytes`);
    }
  });

  test("bytes after the frame are EIX_BATCH_TRAILING_BYTES, even a second whole batch", () => {
    const oneMore = new Uint8Array([...full, 0x0a]);
    expect(refused(oneMore).error).toMatchObject({
      code: "EIX_BATCH_TRAILING_BYTES",
      messages: { en: `1 unexpected bytes follow the batch frame of ${full.length} bytes` },
    });
    const two = new Uint8Array([...full, ...full]);
    expect(refused(two).error.code).toBe("EIX_BATCH_TRAILING_BYTES");
  });

  test("foreign bytes are EIX_BATCH_BAD_MAGIC and sniff 0; another frame version is EIX_BATCH_VERSION_UNSUPPORTED", () => {
    for (const text of ['{"id":"x"}', "<?xml version='1.0'?><alert/>", "MSH|^~\\&|", "EIXA\u0001\u0000\u0000\u0000\u0000"]) {
      const bytes = new TextEncoder().encode(text);
      expect(refused(bytes).error.code, text).toBe("EIX_BATCH_BAD_MAGIC");
      expect(adapter.sniff(bytes)).toBe(0);
    }
    expect(refused(new TextEncoder().encode("<?xml")).error.messages.en).toBe(
      'Not an EIX batch: the input starts with 3c 3f 78 6d, not "EIXB"',
    );
    const v2 = frame(full.subarray(9), 2);
    expect(refused(v2).error).toMatchObject({
      code: "EIX_BATCH_VERSION_UNSUPPORTED",
      messages: { en: "Unsupported batch frame version 2; supported: 1" },
    });
    expect(adapter.sniff(v2)).toBe(0.8);
    expect(adapter.sniff(full)).toBe(1);
  });

  test("a payload that is not eix.v1.Batch is EIX_BATCH_PROTOBUF, with the codec's reason in both languages", () => {
    const result = refused(frame(Uint8Array.of(0x0a, 0x05, 0x61, 0x62))); // batch_id: 5 bytes announced, 2 present
    expect(result.error.code).toBe("EIX_BATCH_PROTOBUF");
    expect(result.issues).toEqual([
      {
        code: "EIX_PROTO_DECODE",
        severity: "error",
        message: {
          "zh-CN": expect.stringMatching(/^无法解码 EIX protobuf 消息/),
          en: expect.stringMatching(/^Cannot decode the EIX protobuf message/),
        },
      },
    ]);
  });
});

describe("national.batch integrity", () => {
  const encoded = examples.map(encodeEnvelope);
  const integrityCodes = [
    "EIX_BATCH_DIGEST_MISMATCH",
    "EIX_BATCH_PROTOBUF",
    "EIX_BATCH_COUNT_MISMATCH",
    "EIX_ADAPTER_BAD_VALUE",
    "EIX_ADAPTER_MISSING_FIELD",
  ];

  test("a byte flipped in the middle is a digest or protobuf error", () => {
    const flipped = new Uint8Array(full);
    const middle = Math.floor(full.length / 2);
    flipped[middle] = (flipped[middle] as number) ^ 0xff;
    expect(["EIX_BATCH_DIGEST_MISMATCH", "EIX_BATCH_PROTOBUF"]).toContain(refused(flipped).error.code);
  });

  test("no single flipped byte anywhere in the envelopes goes unnoticed", () => {
    // From the tag of the first envelope entry to the end; the header fields are not covered
    // by the digest (eix.proto), and are checked for form instead.
    const first = Buffer.from(full).indexOf(Buffer.from(encoded[0] as Uint8Array)) - 3;
    expect(first).toBeGreaterThan(BATCH_HEADER_BYTES);
    const seen = new Set<string>();
    for (let offset = first; offset < full.length; offset += 13) {
      const flipped = new Uint8Array(full);
      flipped[offset] = (flipped[offset] as number) ^ 0xff;
      const code = refused(flipped).error.code;
      expect(integrityCodes, `offset ${offset}`).toContain(code);
      seen.add(code);
    }
    expect(seen).toContain("EIX_BATCH_DIGEST_MISMATCH");
  });

  test("a wrong digest, or the right envelopes in another order, is EIX_BATCH_DIGEST_MISMATCH", () => {
    const wrong = refused(craft({ envelopes: encoded, digest: specDigest(encoded.slice(1)) }));
    expect(wrong.error.code).toBe("EIX_BATCH_DIGEST_MISMATCH");
    expect(wrong.error.messages.en).toContain(`computed ${Buffer.from(specDigest(encoded)).toString("hex")}`);
    const reordered = [encoded[1], encoded[0], ...encoded.slice(2)] as Uint8Array[];
    expect(refused(craft({ envelopes: reordered, digest: specDigest(encoded) })).error.code).toBe("EIX_BATCH_DIGEST_MISMATCH");
  });

  test("a count that disagrees with the envelopes is EIX_BATCH_COUNT_MISMATCH", () => {
    const result = refused(craft({ envelopes: encoded, count: encoded.length + 1 }));
    expect(result.error).toMatchObject({
      code: "EIX_BATCH_COUNT_MISMATCH",
      messages: { en: `The batch declares ${encoded.length + 1} envelopes (count) but carries ${encoded.length}` },
    });
  });

  test("missing or malformed header fields are refused with the proto field's name", () => {
    const cases: Array<[Partial<Parameters<typeof craft>[0]>, string, string]> = [
      [{ batchId: "" }, "EIX_ADAPTER_MISSING_FIELD", "batch_id"],
      [{ hubId: "" }, "EIX_ADAPTER_MISSING_FIELD", "hub_id"],
      [{ hubId: "h".repeat(101) }, "EIX_ADAPTER_BAD_VALUE", "hub_id"],
      [{ createdAt: "" }, "EIX_ADAPTER_MISSING_FIELD", "created_at"],
      [{ createdAt: "2026-11-22 16:00:00" }, "EIX_ADAPTER_BAD_VALUE", "created_at"],
      [{ digest: new Uint8Array(0) }, "EIX_ADAPTER_MISSING_FIELD", "digest"],
      [{ digest: new Uint8Array(31) }, "EIX_ADAPTER_BAD_VALUE", "digest"],
    ];
    for (const [fields, code, field] of cases) {
      const result = refused(craft({ envelopes: encoded.slice(0, 2), ...fields }));
      expect(result.error, field).toMatchObject({ code, position: { field } });
    }
  });

  test("an envelope that does not convert refuses the batch, naming the envelope", () => {
    const type = envelopeProtoType();
    // A real envelope with its payload (the oneof member) taken out.
    const object = type.toObject(type.decode(encoded[0] as Uint8Array));
    for (const member of ["incident", "warning", "directive", "ack", "checkIn"]) delete object[member];
    const noPayload = type.encode(type.fromObject(object)).finish();
    const result = refused(craft({ envelopes: [encoded[0] as Uint8Array, noPayload, encoded[1] as Uint8Array] }));
    expect(result.error).toMatchObject({ code: "EIX_BATCH_ENVELOPE_DECODE", position: { at: "/envelopes/1" } });
    expect(result.error.messages.en).toMatch(
      /^Envelope 1 \(counting from 0\) of the batch does not convert: .*no payload is set/,
    );
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: "EIX_PROTO_DECODE",
        position: { at: "/envelopes/1" },
        message: expect.objectContaining({ "zh-CN": expect.stringContaining("未携带消息内容") }),
      }),
    ]);
  });

  test("an envelope that converts but fails validation refuses the batch (EIX_ADAPTER_INVALID_OUTPUT)", () => {
    const invalid = { ...(examples[0] as Envelope), sentAt: "yesterday" } as Envelope;
    const result = refused(batchOf([examples[1] as Envelope, invalid]));
    expect(result.error.code).toBe("EIX_ADAPTER_INVALID_OUTPUT");
    expect(result.issues.some((issue) => issue.severity === "error" && issue.path?.startsWith("/1/sentAt"))).toBe(true);
  });
});

describe("national.batch limits", () => {
  test("more envelopes than limits.maxMessages is EIX_BATCH_TOO_MANY_ENVELOPES; exactly the limit passes", () => {
    const result = refused(full, { maxMessages: examples.length - 1 });
    expect(result.error).toMatchObject({
      code: "EIX_BATCH_TOO_MANY_ENVELOPES",
      messages: { en: `The batch holds ${examples.length} envelopes, more than the limit of ${examples.length - 1}` },
    });
    expect(adapter.decode(full, { limits: { maxMessages: examples.length } }).ok).toBe(true);
  });

  test("a declared count over the default limit is refused before anything else about the envelopes", () => {
    const result = refused(
      craft({ envelopes: [encodeEnvelope(examples[0] as Envelope)], count: DEFAULT_MAX_BATCH_ENVELOPES + 1 }),
    );
    expect(result.error.code).toBe("EIX_BATCH_TOO_MANY_ENVELOPES");
  });

  test("input over limits.maxBytes is EIX_ADAPTER_TOO_LARGE; exactly the limit passes", () => {
    expect(refused(full, { maxBytes: full.length - 1 }).error).toMatchObject({
      code: "EIX_ADAPTER_TOO_LARGE",
      messages: { en: `The input is too large: ${full.length} bytes, the limit is ${full.length - 1} bytes` },
    });
    expect(adapter.decode(full, { limits: { maxBytes: full.length } }).ok).toBe(true);
  });

  test("a header announcing more than the limit is refused as too large from its 9 bytes alone", () => {
    const header = frame(new Uint8Array(0)).subarray(0, 9);
    new DataView(header.buffer, header.byteOffset).setUint32(5, 0xffff_fff0, false);
    expect(refused(header).error).toMatchObject({
      code: "EIX_ADAPTER_TOO_LARGE",
      messages: { en: expect.stringContaining(`${9 + 0xffff_fff0} bytes`) },
    });
  });
});

describe("national.batch never throws on bad input (fixed-seed fuzz)", () => {
  // mulberry32: small, seedable, good enough to spread inputs.
  function random(seed: number) {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const knownCodes = new Set([
    ...Object.keys(batchErrors),
    "EIX_ADAPTER_TOO_LARGE",
    "EIX_ADAPTER_MISSING_FIELD",
    "EIX_ADAPTER_BAD_VALUE",
    "EIX_ADAPTER_INVALID_OUTPUT",
  ]);
  const bytesOf = (next: () => number, length: number) => Uint8Array.from({ length }, () => Math.floor(next() * 256));

  function expectCoded(bytes: Uint8Array, label: string) {
    let result: DecodeResult | undefined;
    expect(() => {
      result = adapter.decode(bytes, { hubId: RECEIVER });
    }, label).not.toThrow();
    if (result && !result.ok) expect(knownCodes, `${label}: ${result.error.code}`).toContain(result.error.code);
    return result;
  }

  test("random bytes, and random payloads in a valid frame", () => {
    const next = random(0x5eed);
    for (let i = 0; i < 400; i++) {
      const raw = bytesOf(next, Math.floor(next() * 600));
      expect(expectCoded(raw, `raw ${i}`)?.ok).toBe(false);
      expect(expectCoded(frame(raw), `framed ${i}`)?.ok).toBe(false);
    }
  });

  test("random bytes as envelopes of a well-formed, correctly digested batch", () => {
    const next = random(0xba7c4);
    for (let i = 0; i < 300; i++) {
      const envelopes = Array.from({ length: 1 + Math.floor(next() * 3) }, () => bytesOf(next, Math.floor(next() * 300)));
      expect(expectCoded(craft({ envelopes }), `envelopes ${i}`)?.ok).toBe(false);
    }
  });

  test("random mutations of a valid batch", () => {
    const next = random(0xf1a9);
    for (let i = 0; i < 300; i++) {
      const mutated = new Uint8Array(full);
      const changes = 1 + Math.floor(next() * 8);
      for (let c = 0; c < changes; c++) mutated[Math.floor(next() * mutated.length)] = Math.floor(next() * 256);
      expectCoded(mutated, `mutation ${i}`);
    }
  });
});

describe("national.batch definition and codes", () => {
  test("registers like any adapter; sniffing and the media type pick it among the built-in ones", () => {
    // Third-party style until builtin-adapters.ts lists it; then as a built-in.
    const registry = createRegistry(builtinAdapters.some((a) => a.id === adapter.id) ? [] : [adapter]);
    expect(registry.pick({ bytes: full }).id).toBe("national.batch");
    expect(registry.pick({ mediaType: BATCH_MEDIA_TYPE }).id).toBe("national.batch");
    expect(registry.sniff(full).map((s) => s.adapter.id)).toEqual(["national.batch"]);
    for (const example of examples.slice(0, 3)) expect(adapter.sniff(new TextEncoder().encode(JSON.stringify(example)))).toBe(0);
  });

  test("every EIX_BATCH_* code has a summary and messages in both languages", () => {
    const params = { value: "X", expected: "Y", limit: "9", detail: "Z" };
    for (const [code, definition] of Object.entries(batchErrors)) {
      expect(code).toMatch(/^EIX_BATCH_[A-Z_]+$/);
      expect(definition.summary, code).not.toBe("");
      expect(definition.zh(params), code).toMatch(/[\u4e00-\u9fff]/);
      expect(definition.en(params), code).toMatch(/^[\x20-\x7e–]+$/);
    }
  });

  test("a batch error is an AdapterError: brand, class, code and both texts", () => {
    const { error } = refused(full.subarray(0, 20));
    expect(error).toBeInstanceOf(AdapterError);
    expect(error).toMatchObject({ name: "AdapterError", code: "EIX_BATCH_TRUNCATED", retryable: false });
    expect(error.message).toBe(error.messages.en);
    expect(error.stack).toContain("The batch is truncated");
  });
});
