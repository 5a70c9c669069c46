import {
  DEFAULT_HL7_DELIMITERS,
  HL7_NULL,
  type Hl7Message,
  type Hl7Segment,
  hl7Value,
  parseHl7Text,
  serializeHl7,
  serializeHl7Field,
  serializeHl7Segment,
} from "@eix/adapters";
import { describe, expect, test } from "vitest";

const MSH = "MSH|^~\\&|HIS|HOSP|EIX|HUB|20260301120000||ADT^A01^ADT_A01|C-1|P|2.5";
const d = DEFAULT_HL7_DELIMITERS;

function parse(text: string): Hl7Message {
  const result = parseHl7Text(text);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.messages[0] as Hl7Message;
}
const msh = (fields: string[][][][] = []): Hl7Segment => ({
  id: "MSH",
  fields: [[], [[["|"]]], [[["^~\\&"]]], ...fields],
  line: 1,
});

describe("serializeHl7", () => {
  test("segments end with \\r by default, or with segmentEnd", () => {
    const message = parse(`${MSH}\nPID|1\n`);
    expect(serializeHl7(message)).toBe(`${MSH}\rPID|1\r`);
    expect(serializeHl7(message, { segmentEnd: "\r\n" })).toBe(`${MSH}\r\nPID|1\r\n`);
  });

  test("delimiter characters in values are escaped, with the message's escape character", () => {
    const message: Hl7Message = {
      delimiters: d,
      segments: [msh(), { id: "NTE", fields: [[], [[["1"]]], [], [[["a|b^c&d~e\\f"]]]], line: 2 }],
      line: 1,
    };
    expect(serializeHl7(message)).toBe("MSH|^~\\&\rNTE|1||a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\r");
    const custom = parse("MSH#!@%*#A#B#C#D#20260301##ADT!A01#C-1#P#2.5\rNTE#1##x%F%y!z\r");
    expect(serializeHl7(custom)).toBe("MSH#!@%*#A#B#C#D#20260301##ADT!A01#C-1#P#2.5\rNTE#1##x%F%y!z\r");
  });

  test("line feeds become \\.br\\ and carriage returns \\X0D\\; both read back", () => {
    const message: Hl7Message = {
      delimiters: d,
      segments: [msh(), { id: "OBX", fields: [[], [[["1"]]], [[["FT"]]], [], [], [[["one\ntwo\rthree"]]]], line: 2 }],
      line: 1,
    };
    const text = serializeHl7(message);
    expect(text).toBe("MSH|^~\\&\rOBX|1|FT|||one\\.br\\two\\X0D\\three\r");
    expect(hl7Value(parse(text.replace("MSH|^~\\&", MSH)).segments[1] as Hl7Segment, 5)).toBe("one\ntwo\rthree");
  });

  test("retained sequences (\\H\\, \\.sp2\\, \\Z…\\) are written as they are", () => {
    const text = `${MSH}\rOBX|1|FT|||\\H\\bold\\N\\ \\.sp2\\ \\ZX1\\ C:\\E\\dir\r`;
    expect(serializeHl7(parse(text))).toBe(text);
  });

  test('the explicit null is written as ""', () => {
    const text = `${MSH}\rPID|1||""|""^x\r`;
    const message = parse(text);
    expect(hl7Value(message.segments[1] as Hl7Segment, 3)).toBe(HL7_NULL);
    expect(serializeHl7(message)).toBe(text);
  });

  test("MSH-1 and MSH-2 are written from the delimiters, with a truncation character", () => {
    const message: Hl7Message = {
      delimiters: { ...d, truncation: "#" },
      segments: [msh([[[["A"]]]])],
      line: 1,
    };
    expect(serializeHl7(message)).toBe("MSH|^~\\&#|A\r");
  });

  test("a truncated value read from \\P\\ is written as the plain truncation character", () => {
    const text = "MSH|^~\\&#|A|B|C|D|20260301||ORU^R01|T-1|P|2.7\rOBX|1|ST|||a\\P\\b\r";
    const written = serializeHl7(parse(text));
    expect(written).toBe("MSH|^~\\&#|A|B|C|D|20260301||ORU^R01|T-1|P|2.7\rOBX|1|ST|||a#b\r");
    expect(hl7Value(parse(written).segments[1] as Hl7Segment, 5)).toBe("a#b");
  });

  test("repetitions, components and subcomponents", () => {
    expect(
      serializeHl7Field(
        [
          [["1"], ["", "x", "y"]],
          [["2"], ["z"]],
        ],
        d,
      ),
    ).toBe("1^&x&y~2^z");
    expect(serializeHl7Field([], d)).toBe("");
    expect(serializeHl7Segment({ id: "ZXX", fields: [[]], line: 1 }, d)).toBe("ZXX");
  });

  test("parse(serialize(m)) equals m for values with every special character", () => {
    const values = ["|", "^", "&", "~", "\\", "\n", "\r", "\\X41\\", "\\H\\", "a\\b", "中文", "", HL7_NULL, " sp "];
    const fields = values.map((value) => [[[value, value], [value]], [[value]]]);
    const message: Hl7Message = { delimiters: d, segments: [msh(), { id: "ZAA", fields: [[], ...fields], line: 2 }], line: 1 };
    const text = serializeHl7(message).replace("MSH|^~\\&", MSH);
    const again = parse(text);
    expect(again.segments[1]?.fields).toEqual(message.segments[1]?.fields);
  });
});
