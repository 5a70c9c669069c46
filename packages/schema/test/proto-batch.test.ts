import { readdirSync, readFileSync } from "node:fs";
import {
  batchProtoType,
  type Envelope,
  encodeBatchMessage,
  encodeEnvelope,
  envelopeProtoType,
  tryDecodeBatchMessage,
} from "@eix/schema";
import { describe, expect, test } from "vitest";

// eix.v1.Batch is read and written through a twin type whose envelopes are bytes (batch-codec.ts).
// These tests hold the twin to the real message: same bytes on the wire in both directions.
const validDir = new URL("../examples/valid/", import.meta.url);
const encoded = readdirSync(validDir)
  .filter((name) => name.endsWith(".json") && !name.endsWith(".expected.json"))
  .sort()
  .map((name) => encodeEnvelope(JSON.parse(readFileSync(new URL(name, validDir), "utf8")) as Envelope));
const header = { batchId: "b-1", hubId: "eix-hub-330000", createdAt: "2026-11-22T08:00:00Z", count: encoded.length };
const digest = new Uint8Array(32).fill(7);

describe("eix.v1.Batch codec (envelopes kept as bytes)", () => {
  test("what it writes, the real eix.v1.Batch reads, envelopes included", () => {
    const bytes = encodeBatchMessage({ ...header, digest, envelopes: encoded });
    const real = batchProtoType().toObject(batchProtoType().decode(bytes), { longs: Number });
    expect(real).toMatchObject(header);
    expect(real.envelopes).toHaveLength(encoded.length);
    const envelopeType = envelopeProtoType();
    real.envelopes.forEach((envelope: Record<string, unknown>, index: number) => {
      expect(envelopeType.encode(envelopeType.fromObject(envelope)).finish()).toEqual(encoded[index]);
    });
  });

  test("what the real eix.v1.Batch writes, it reads, each envelope byte for byte", () => {
    const envelopeType = envelopeProtoType();
    const type = batchProtoType();
    const bytes = type
      .encode(
        type.fromObject({ ...header, digest, envelopes: encoded.map((e) => envelopeType.toObject(envelopeType.decode(e))) }),
      )
      .finish();
    const read = tryDecodeBatchMessage(bytes);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.batch).toMatchObject(header);
    expect(new Uint8Array(read.batch.digest)).toEqual(digest);
    const plain = (list: readonly Uint8Array[]) => list.map((e) => new Uint8Array(e)); // Buffer vs Uint8Array
    expect(plain(read.batch.envelopes)).toEqual(plain(encoded));
  });

  test("absent fields read as proto3 zero values; malformed wire data is a failure, not an exception", () => {
    expect(tryDecodeBatchMessage(new Uint8Array(0))).toEqual({
      ok: true,
      batch: { batchId: "", hubId: "", createdAt: "", count: 0, digest: expect.any(Uint8Array), envelopes: [] },
    });
    // protobufjs writes a Node Buffer; its Buffer reader would clamp the string cut at 10.
    const bytes = encodeBatchMessage({ ...header, digest, envelopes: encoded });
    expect(Buffer.isBuffer(bytes)).toBe(true);
    for (const cut of [1, 10, bytes.length - 1]) {
      const read = tryDecodeBatchMessage(bytes.subarray(0, cut));
      expect(read.ok, `cut at ${cut}`).toBe(false);
      if (!read.ok) expect(read.error.code).toBe("EIX_PROTO_DECODE");
    }
  });
});
