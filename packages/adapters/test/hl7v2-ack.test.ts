import { readFileSync } from "node:fs";
import {
  buildHl7Ack,
  EIX_ERROR_CODING_SYSTEM,
  type Hl7Message,
  hl7Segments,
  hl7Value,
  parseHl7,
  parseHl7Text,
  readHl7Ack,
} from "@eix/adapters";
import { describe, expect, test } from "vitest";

const corpus = (name: string) => new Uint8Array(readFileSync(new URL(`../../../test/corpus/hl7v2/${name}`, import.meta.url)));
function request(name: string): Hl7Message {
  const result = parseHl7(corpus(name));
  if (!result.ok) throw new Error(result.error.code);
  return result.messages[0] as Hl7Message;
}
function ackMessage(text: string): Hl7Message {
  const result = parseHl7Text(text);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.messages[0] as Hl7Message;
}
const now = new Date("2026-04-01T00:30:00Z");

describe("buildHl7Ack", () => {
  test("AA: sender and receiver swapped, ACK^<trigger>^ACK, MSA-2 the request's control id", () => {
    const text = buildHl7Ack(request("rethink-adt-a01-full.hl7"), { code: "AA" }, { now, controlId: "ACK-1" });
    expect(text).toBe(
      "MSH|^~\\&|RECV_SYS|HOSP_B|ADT_APP|HOSP_A|20260401083000+0800||ACK^A01^ACK|ACK-1|P|2.5.1\rMSA|AA|CTRL0042\r",
    );
  });

  test("our application and facility can be named; the control id is new each time and ≤ 20 characters", () => {
    const req = request("rethink-adt-a01-basic.hl7");
    const first = ackMessage(buildHl7Ack(req, { code: "AA" }, { application: "EIX-HUB", facility: "GZ" }));
    const second = ackMessage(buildHl7Ack(req, { code: "AA" }));
    const msh = first.segments[0];
    if (!msh) throw new Error("no MSH");
    expect([hl7Value(msh, 3), hl7Value(msh, 4), hl7Value(msh, 5), hl7Value(msh, 6)]).toEqual([
      "EIX-HUB",
      "GZ",
      "ADT_APP",
      "FACILITY_A",
    ]);
    const ids = [first, second].map((m) => hl7Value(m.segments[0] as never, 10) ?? "");
    expect(ids[0]).not.toBe(ids[1]);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(20);
  });

  test("AE: one ERR per error with location, EIX code, severity and user message", () => {
    const text = buildHl7Ack(
      request("rethink-adt-a01-full.hl7"),
      {
        code: "AE",
        text: "rejected",
        errors: [
          { code: "EIX_HL7_SEGMENT_ID", message: "Invalid segment id | here", segment: "PID", sequence: 1, field: 5 },
          { code: "EIX_ADAPTER_UNMAPPED", message: "未映射", severity: "warning" },
        ],
      },
      { now, controlId: "ACK-2" },
    );
    expect(text.split("\r").slice(1)).toEqual([
      "MSA|AE|CTRL0042|rejected",
      "ERR||PID^1^5|EIX_HL7_SEGMENT_ID^Invalid segment id \\F\\ here^EIX-ERR|E||||Invalid segment id \\F\\ here",
      "ERR|||EIX_ADAPTER_UNMAPPED^未映射^EIX-ERR|W||||未映射",
      "",
    ]);
    expect(EIX_ERROR_CODING_SYSTEM).toBe("EIX-ERR");
  });

  test("AR when the request could not be parsed: MSA-2 empty, defaults", () => {
    const text = buildHl7Ack(
      undefined,
      { code: "AR", errors: [{ code: "EIX_HL7_NO_MSH", message: "not HL7" }] },
      { now, controlId: "X" },
    );
    expect(text).toBe(
      "MSH|^~\\&|EIX|EIX|||20260401083000+0800||ACK|X|P|2.5.1\rMSA|AR|\rERR|||EIX_HL7_NO_MSH^not HL7^EIX-ERR|E||||not HL7\r",
    );
    expect(readHl7Ack(text)).toEqual({
      ok: true,
      code: "AR",
      controlId: undefined,
      errors: [{ code: "EIX_HL7_NO_MSH", text: "not HL7" }],
    });
  });

  test("the request's separators, version and MSH-18 are kept", () => {
    const text = buildHl7Ack(request("rethink-edge-custom-delimiters.hl7"), {
      code: "AE",
      errors: [{ code: "C", message: "a#b" }],
    });
    expect(text.startsWith("MSH#!@%*#RECV#FAC#SENDER#FAC#")).toBe(true);
    expect(text).toContain("#2.5\rMSA#AE#MSG007\r");
    expect(readHl7Ack(text)).toMatchObject({ ok: true, code: "AE", controlId: "MSG007", errors: [{ code: "C", text: "a#b" }] });
    const gb = buildHl7Ack(request("eix-synthetic-gb18030-msh18.hl7"), { code: "AA" });
    expect(gb.split("\r")[0]).toMatch(/\|P\|2\.4\|{6}GB 18030-2000$/);
  });

  test("requests before v2.5 get ERR-1 (segment^sequence^field^code&text&EIX-ERR) too", () => {
    const req = request("eix-synthetic-gb18030-msh18.hl7"); // v2.4
    const text = buildHl7Ack(req, {
      code: "AE",
      errors: [{ code: "E1", message: "bad", segment: "DG1", sequence: 1, field: 3 }],
    });
    const err = hl7Segments(ackMessage(text), "ERR")[0];
    if (!err) throw new Error("no ERR");
    expect(err.fields[1]).toEqual([[["DG1"], ["1"], ["3"], ["E1", "bad", "EIX-ERR"]]]);
    expect(err.fields[2]).toEqual([[["DG1"], ["1"], ["3"]]]);
    const v25 = buildHl7Ack(request("rethink-adt-a01-full.hl7"), { code: "AE", errors: [{ code: "E1", message: "bad" }] });
    expect(hl7Value(hl7Segments(ackMessage(v25), "ERR")[0] as never, 1)).toBeUndefined();
  });
});

describe("readHl7Ack", () => {
  test("reads what buildHl7Ack writes", () => {
    const text = buildHl7Ack(request("rethink-oru-r01-lab.hl7"), {
      code: "AE",
      text: "see ERR",
      errors: [{ code: "EIX_HL7_ESCAPE_MALFORMED", message: "bad ^ escape", severity: "warning" }],
    });
    expect(readHl7Ack(text)).toEqual({
      ok: true,
      code: "AE",
      controlId: "MSG00003",
      text: "see ERR",
      errors: [{ code: "EIX_HL7_ESCAPE_MALFORMED", text: "bad ^ escape" }],
    });
  });

  test("original and enhanced (commit) acknowledgment codes, any version, LF ends", () => {
    for (const code of ["AA", "AE", "AR", "CA", "CE", "CR"] as const) {
      const reading = readHl7Ack(`MSH|^~\\&|R|F|S|F|20260101||ACK|1|P|2.9\nMSA|${code}|CTRL-9\n`);
      expect(reading).toEqual({ ok: true, code, controlId: "CTRL-9", errors: [] });
    }
  });

  test("ERR codes of other systems: ERR-3, ERR-5, or v2.3's ERR-1", () => {
    const text = [
      "MSH|^~\\&|R|F|S|F|20260101||ACK^A01|1|P|2.3",
      "MSA|AE|C-1|Error",
      "ERR|PID^1^3^101&Required field missing&HL70357",
      "ERR||PID^1^5|102^Data type error^HL70357|E",
      "ERR|||||APP-7^Local rule",
    ].join("\r");
    expect(readHl7Ack(text)).toEqual({
      ok: true,
      code: "AE",
      controlId: "C-1",
      text: "Error",
      errors: [{ code: "101", text: "Required field missing" }, { code: "102", text: "Data type error" }, { code: "APP-7" }],
    });
  });

  test("not an ACK: a coded error", () => {
    const cases = {
      "no MSA": "MSH|^~\\&|A|B|C|D|20260101||ADT^A01|1|P|2.5\rPID|1\r",
      "bad MSA-1": "MSH|^~\\&|A|B|C|D|20260101||ACK|1|P|2.5\rMSA|OK|1\r",
      "not HL7": "HTTP/1.1 200 OK\r\n\r\n",
      empty: "",
      "bad MSH": "MSH|\rMSA|AA|1\r",
    };
    for (const [name, text] of Object.entries(cases)) {
      const reading = readHl7Ack(text);
      expect(reading.ok, name).toBe(false);
      if (!reading.ok) {
        expect(reading.error.code, name).toBe("EIX_HL7_NOT_ACK");
        expect(reading.error.message, name).not.toBe("");
      }
    }
    const notHl7 = readHl7Ack(cases["not HL7"]);
    expect(!notHl7.ok && notHl7.error.messages.en).toContain("EIX_HL7_NO_MSH");
    expect(!notHl7.ok && notHl7.error.position).toEqual({ line: 1 });
  });
});
