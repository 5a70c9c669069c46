import { describe, expect, test } from "vitest";
import { type AckReading, classifyAck } from "../../src/mllp/ack-classification.js";

const ack = (code: string, extra: Partial<Extract<AckReading, { ok: true }>> = {}): AckReading =>
  ({ ok: true, code, controlId: "C-1", errors: [], ...extra }) as AckReading;

describe("classifying an ACK", () => {
  test("AA and CA are delivered, with code, control id and text kept", () => {
    expect(classifyAck(ack("AA", { text: "stored" }), "C-1")).toEqual({
      kind: "delivered",
      response: { body: "AA C-1: stored" },
    });
    expect(classifyAck(ack("CA"), "C-1")).toEqual({ kind: "delivered", response: { body: "CA C-1" } });
  });

  test("AE is retried and AR goes dead, each with MSA-3 and every ERR", () => {
    const errors = [{ code: "101", text: "PID-3 required" }, { text: "PV1 missing" }];
    expect(classifyAck(ack("AE", { text: "cannot file now" }), "C-1")).toMatchObject({
      kind: "retryable",
      reason: "EIX_MLLP_ACK_ERROR: The destination answered AE (application error); it will be sent again later: cannot file now",
    });
    expect(classifyAck(ack("AR", { errors }), "C-1")).toEqual({
      kind: "permanent",
      reason: "EIX_MLLP_ACK_REJECTED: The destination refused the message (AR): 101 PID-3 required; PV1 missing",
      response: { body: "AR C-1: 101 PID-3 required; PV1 missing" },
    });
    expect(classifyAck(ack("CR", { controlId: "" }), "C-1")).toMatchObject({ kind: "permanent" });
  });

  test("an ACK that names another message is ambiguous; without either control id nothing is compared", () => {
    expect(classifyAck(ack("AA", { controlId: "C-0" }), "C-1")).toMatchObject({ kind: "ambiguous" });
    expect(classifyAck(ack("AA", { controlId: " C-1 " }), "C-1")).toMatchObject({ kind: "delivered" });
    expect(classifyAck(ack("AA"), undefined)).toMatchObject({ kind: "delivered" });
    expect(classifyAck({ ok: true, code: "AA", errors: [] }, "C-1")).toMatchObject({ kind: "delivered" });
  });

  test("an unreadable ACK, or a code outside the contract, is ambiguous", () => {
    expect(classifyAck({ ok: false, error: { code: "EIX_HL7_NO_MSA", message: "no MSA" } }, "C-1")).toEqual({
      kind: "ambiguous",
      reason: "EIX_MLLP_ACK_UNREADABLE: The destination's ACK cannot be read: EIX_HL7_NO_MSA: no MSA",
    });
    expect(classifyAck(ack("ZZ"), "C-1")).toMatchObject({ kind: "ambiguous" });
  });

  test("a long answer is kept trimmed", () => {
    const result = classifyAck(ack("AR", { text: "x".repeat(5000) }), "C-1");
    expect(result.response?.body?.length).toBe(1024);
  });
});
