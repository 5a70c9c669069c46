import { describe, expect, test } from "vitest";
import { decodeHl7Text, readHl7Header } from "../../src/mllp/hl7-header.js";
import { adt, utf8 } from "./mllp-fixtures.js";

const latin1 = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));

describe("reading MSH-10 and MSH-18", () => {
  test("from a message with the usual separators", () => {
    expect(readHl7Header(utf8(adt("CTRL-1")))).toEqual({ controlId: "CTRL-1", charset: "UNICODE UTF-8" });
  });

  test("with the separators the message declares (MSH-1 '#', repetition '!')", () => {
    const message = "MSH#^!\\&#HIS#HOSP#EIX#HUB#20260701##ORU^R01#C-42#P#2.5######GB18030!8859/1\rOBX#1\r";
    expect(readHl7Header(latin1(message))).toEqual({ controlId: "C-42", charset: "GB18030" });
  });

  test("after a byte order mark or blank lines, with LF segment ends", () => {
    expect(readHl7Header(utf8(`\ufeff\n\nMSH|^~\\&|A|B|C|D|20260701||ACK|X-9|P|2.5\nMSA|AA|1\n`))).toEqual({ controlId: "X-9" });
  });

  test("nothing from bytes that are not an MSH segment, or a control id that is not printable ASCII", () => {
    expect(readHl7Header(utf8("PID|1"))).toBeUndefined();
    expect(readHl7Header(utf8(""))).toBeUndefined();
    expect(readHl7Header(utf8("MSH|^~\\&|A|B|C|D|1||ADT|编号|P"))).toEqual({});
  });
});

describe("decoding an HL7 message's text by its MSH-18", () => {
  test("GB18030 (and the 'GB 18030-2000' spelling)", () => {
    const gb = Buffer.concat([
      latin1("MSH|^~\\&|A|B|C|D|1||ACK|1|P|2.5||||||GB 18030-2000\rMSA|AE|1|"),
      Buffer.from([0xd5, 0xc5]),
    ]);
    expect(decodeHl7Text(gb).endsWith("MSA|AE|1|张")).toBe(true);
  });

  test("8859/1 as Latin-1, anything else as UTF-8", () => {
    expect(decodeHl7Text(latin1("MSH|^~\\&|A|B|C|D|1||ACK|1|P|2.5||||||8859/1\rNTE|\xe9"))).toMatch(/NTE\|é$/);
    expect(decodeHl7Text(utf8("MSH|^~\\&|A|B|C|D|1||ACK|1|P|2.5\rNTE|张"))).toMatch(/NTE\|张$/);
  });
});
