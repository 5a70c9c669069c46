import { readFileSync } from "node:fs";
import {
  adapterErrors,
  HL7_NULL,
  type Hl7Message,
  type Hl7ParseResult,
  type Hl7Segment,
  hl7Header,
  hl7Segments,
  hl7Value,
  parseHl7,
  parseHl7Text,
} from "@eix/adapters";
import iconv from "iconv-lite";
import { describe, expect, test } from "vitest";

// One test per parse rule of the HL7 v2 layer (README.md in src/health/hl7v2). Files come from
// test/corpus/hl7v2 (real `rethink-*`, synthetic `eix-synthetic-*`, see PROVENANCE.md).
const corpus = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../test/corpus/hl7v2/${name}`, import.meta.url)));
const bytes = (text: string) => new TextEncoder().encode(text);
const MSH = "MSH|^~\\&|HIS|HOSP|EIX|HUB|20260301120000||ADT^A01^ADT_A01|C-1|P|2.5";

function parsed(input: Uint8Array | string): Extract<Hl7ParseResult, { ok: true }> {
  const result = parseHl7(typeof input === "string" ? bytes(input) : input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} ${JSON.stringify(result.error.position)}`);
  return result;
}
function failed(input: Uint8Array | string, options: Parameters<typeof parseHl7>[1] = {}) {
  const result = parseHl7(typeof input === "string" ? bytes(input) : input, options);
  if (result.ok) throw new Error("expected a refusal");
  return result;
}
const only = (input: Uint8Array | string): Hl7Message => {
  const messages = parsed(input).messages;
  expect(messages).toHaveLength(1);
  return messages[0] as Hl7Message;
};
const segment = (message: Hl7Message, id: string, index = 0): Hl7Segment => {
  const found = hl7Segments(message, id)[index];
  if (!found) throw new Error(`no ${id}[${index}]`);
  return found;
};

describe("separators come from each message's own MSH", () => {
  test("MSH-1 and MSH-2 define the delimiters (custom: # ! @ % *)", () => {
    const message = only(corpus("rethink-edge-custom-delimiters.hl7"));
    expect(message.delimiters).toEqual({ field: "#", component: "!", repetition: "@", escape: "%", subcomponent: "*" });
    const msh = segment(message, "MSH");
    expect(msh.fields[1]).toEqual([[["#"]]]);
    expect(msh.fields[2]).toEqual([[["!@%*"]]]);
    expect(hl7Value(msh, 9, { component: 2 })).toBe("A01");
    const pid = segment(message, "PID");
    expect(hl7Value(pid, 3)).toBe("12345");
    expect(hl7Value(pid, 3, { component: 4 })).toBe("MRN");
    expect(pid.fields[5]).toEqual([[["DOE"], ["JOHN"], ["A"]]]);
  });

  test("the field separator may be ^ (then | can be the component separator)", () => {
    const message = only("MSH^|~\\&^HIS^HOSP^EIX^HUB^20260301^^ADT|A01^C-1^P^2.5\rPID^1^^X|Y\r");
    expect(message.delimiters.field).toBe("^");
    expect(message.delimiters.component).toBe("|");
    expect(segment(message, "PID").fields[3]).toEqual([[["X"], ["Y"]]]);
  });

  test("each message in a file uses its own separators", () => {
    const text = `${MSH}\rPID|1||A^B\rMSH#!@%*#HIS#HOSP#EIX#HUB#20260301##ADT!A01#C-2#P#2.5\rPID#1##C!D|E\r`;
    const [first, second] = parsed(text).messages as [Hl7Message, Hl7Message];
    expect(segment(first, "PID").fields[3]).toEqual([[["A"], ["B"]]]);
    expect(segment(second, "PID").fields[3]).toEqual([[["C"], ["D|E"]]]);
  });

  test("the fifth encoding character (v2.7 truncation, #) is read and \\P\\ stands for it", () => {
    const message = only(corpus("eix-synthetic-truncation-v27.hl7"));
    expect(message.delimiters.truncation).toBe("#");
    expect(segment(message, "MSH").fields[2]).toEqual([[["^~\\&#"]]]);
    expect(hl7Value(segment(message, "OBX"), 5)).toBe("Bed #12, room #3");
  });

  test("without a truncation character \\P\\ is malformed", () => {
    const result = parsed(`${MSH}\rOBX|1|ST|X||a\\P\\b\r`);
    expect(hl7Value(segment(result.messages[0] as Hl7Message, "OBX"), 5)).toBe("a\\P\\b");
    expect(result.issues.map((issue) => issue.code)).toEqual(["EIX_HL7_ESCAPE_MALFORMED"]);
  });
});

describe("segment ends and several messages", () => {
  test("CRLF", () => {
    const message = only(corpus("rethink-edge-crlf-line-endings.hl7"));
    expect(message.segments.map((s) => [s.id, s.line])).toEqual([
      ["MSH", 1],
      ["PID", 2],
      ["PV1", 3],
    ]);
    expect(hl7Value(segment(message, "PV1"), 3, { component: 3 })).toBe("A");
  });

  test("CR only, two messages with empty lines between them", () => {
    const { messages } = parsed(corpus("eix-synthetic-cr-two-messages.hl7"));
    expect(messages.map((m) => [hl7Header(m).controlId, m.line, m.segments.length])).toEqual([
      ["CR-0001", 1, 2],
      ["CR-0002", 5, 2],
    ]);
  });

  test("LF only, three messages, blank lines (one of spaces) skipped", () => {
    const { messages, issues } = parsed(corpus("eix-synthetic-lf-three-messages.hl7"));
    expect(issues).toEqual([]);
    expect(messages.map((m) => [hl7Header(m).controlId, m.line])).toEqual([
      ["LF-0001", 1],
      ["LF-0002", 7],
      ["LF-0003", 10],
    ]);
    expect(segment(messages[2] as Hl7Message, "PID").line).toBe(11);
  });

  test("CR, LF and CRLF mixed in one text each end one line", () => {
    const message = only(`\r\n${MSH}\r\nPID|1\rPV1|1\nOBX|1\r\n`);
    expect(message.segments.map((s) => [s.id, s.line])).toEqual([
      ["MSH", 2],
      ["PID", 3],
      ["PV1", 4],
      ["OBX", 5],
    ]);
  });

  test("batch headers and trailers are skipped with a warning each", () => {
    const { messages, issues } = parsed(corpus("eix-synthetic-batch.hl7"));
    expect(messages.map((m) => hl7Header(m).controlId)).toEqual(["BA-0001", "BA-0002"]);
    expect(messages[0]?.segments.map((s) => s.id)).toEqual(["MSH", "PID"]);
    expect(issues.map((i) => [i.code, i.severity, i.position?.line])).toEqual([
      ["EIX_HL7_BATCH_SEGMENT_SKIPPED", "warning", 1],
      ["EIX_HL7_BATCH_SEGMENT_SKIPPED", "warning", 2],
      ["EIX_HL7_BATCH_SEGMENT_SKIPPED", "warning", 7],
      ["EIX_HL7_BATCH_SEGMENT_SKIPPED", "warning", 8],
    ]);
  });
});

describe("fields, repetitions, components, subcomponents", () => {
  test("repetitions", () => {
    const pid = segment(only(corpus("rethink-edge-field-repetitions.hl7")), "PID");
    expect(pid.fields[13]).toHaveLength(12);
    expect(hl7Value(pid, 13, { repetition: 1 })).toBe("555-0001");
    expect(hl7Value(pid, 13, { repetition: 12 })).toBe("555-0012");
    expect(hl7Value(pid, 13, { repetition: 13 })).toBeUndefined();
  });

  test("repetitions of components (PID-3 with an MRN and an SSN)", () => {
    const pid = segment(only(corpus("rethink-adt-a01-full.hl7")), "PID");
    expect(pid.fields[3]).toEqual([
      [["98765"], [""], [""], ["MRN"], ["MR"]],
      [["555-12-3456"], [""], [""], ["SSN"], ["SS"]],
    ]);
    expect(hl7Value(pid, 3, { repetition: 2, component: 4 })).toBe("SSN");
  });

  test("subcomponents", () => {
    const pid = segment(only(`${MSH}\rPID|1||123^^^HOSP&1.2.156.112&ISO^MR\r`), "PID");
    expect(pid.fields[3]).toEqual([[["123"], [""], [""], ["HOSP", "1.2.156.112", "ISO"], ["MR"]]]);
    expect(hl7Value(pid, 3, { component: 4, subcomponent: 2 })).toBe("1.2.156.112");
  });

  test("fields[n] is field n; fields[0] is unused; empty values read as absent", () => {
    const pv1 = segment(only(corpus("rethink-edge-empty-segments.hl7")), "PV1");
    expect(pv1.fields[0]).toEqual([]);
    expect(pv1.fields).toHaveLength(40);
    expect(pv1.fields[39]).toEqual([[[""]]]);
    expect(hl7Value(pv1, 1)).toBeUndefined();
    expect(hl7Value(pv1, 99)).toBeUndefined();
  });

  test("trailing empty fields are legal and kept (corpus: rethink-invalid-trailing-empty-fields)", () => {
    const result = parsed(corpus("rethink-invalid-trailing-empty-fields.hl7"));
    expect(result.issues).toEqual([]);
    const message = result.messages[0] as Hl7Message;
    expect(segment(message, "EVN").fields).toHaveLength(6);
    expect(segment(message, "PID").fields).toHaveLength(16);
  });

  test("a segment with its id only has no fields", () => {
    expect(segment(only(`${MSH}\rZXX\r`), "ZXX").fields).toEqual([[]]);
  });

  test('the explicit null "" is kept as HL7_NULL, unlike an empty field', () => {
    const message = parsed(corpus("eix-synthetic-lf-three-messages.hl7")).messages[0] as Hl7Message;
    expect(HL7_NULL).toBe('""');
    expect(hl7Value(segment(message, "PID"), 13)).toBe(HL7_NULL);
    expect(hl7Value(segment(message, "PV1"), 7)).toBe(HL7_NULL);
    expect(hl7Value(segment(message, "PID"), 12)).toBeUndefined();
  });

  test("Z-segments are kept untouched", () => {
    const message = only(corpus("rethink-edge-z-segments.hl7"));
    expect(message.segments.map((s) => s.id)).toEqual(["MSH", "PID", "ZVN", "ZPD"]);
    expect(hl7Value(segment(message, "ZVN"), 3, { component: 2 })).toBe("VALUE2");
    expect(hl7Value(segment(message, "ZPD"), 5)).toBe("EXTENDED_FIELD_4");
  });
});

describe("escape sequences", () => {
  test("\\F\\ \\S\\ \\T\\ \\R\\ \\E\\ are the delimiters, not structure", () => {
    const message = only(corpus("rethink-edge-escaped-delimiters.hl7"));
    const pid = segment(message, "PID");
    expect(pid.fields[5]).toEqual([[["DOE&SMITH"], ["JOHN^JANE"]]]);
    expect(hl7Value(segment(message, "OBX"), 5)).toBe(
      "Result contains pipe | and ampersand & and caret ^ and tilde ~ and backslash \\ chars",
    );
  });

  test("escapes use the message's own escape character", () => {
    const message = only("MSH#!@%*#A#B#C#D#20260301##ADT!A01#C-1#P#2.5\rPID#1##a%F%b%S%c%E%d\r");
    expect(hl7Value(segment(message, "PID"), 3)).toBe("a#b!c%d");
  });

  test("\\Xhh\\ is bytes in the message's charset: ASCII, and UTF-8 for 中", () => {
    const message = only(corpus("eix-synthetic-escapes.hl7"));
    expect(hl7Value(segment(message, "PID"), 5, { component: 2 })).toBe("AN");
    expect(hl7Value(segment(message, "OBX"), 5)).toContain(" 中文");
  });

  test("\\Xhh\\ in a GB18030 message decodes GB18030 bytes", () => {
    const text = `${MSH}||||||GB 18030-2000\rOBX|1|ST|X||\\XD6D0\\文\r`;
    const result = parsed(new Uint8Array(iconv.encode(text, "gb18030")));
    expect(result.charset).toBe("gb18030");
    expect(result.issues).toEqual([]);
    expect(hl7Value(segment(result.messages[0] as Hl7Message, "OBX"), 5)).toBe("中文");
  });

  test("\\.br\\ is a line break; formatting, charset-switch and \\Z\\ sequences are kept as written", () => {
    const obx = segment(only(corpus("eix-synthetic-escapes.hl7")), "OBX");
    expect(hl7Value(obx, 5)).toBe("Line one\nLine two\n\\H\\Important\\N\\ 中文\\.sp2\\end\\ZLOCAL01\\");
    const kept = segment(only(`${MSH}\rNTE|1||\\C2842\\\\M248440\\x\\.in+4\\\\.ce\\\\.fi\\\\.nf\\\\.sk3\\\\.ti-2\\\r`), "NTE");
    expect(hl7Value(kept, 3)).toBe("\\C2842\\\\M248440\\x\\.in+4\\\\.ce\\\\.fi\\\\.nf\\\\.sk3\\\\.ti-2\\");
  });

  test("a malformed escape is kept literally with a warning and its position", () => {
    const result = parsed(corpus("eix-synthetic-escape-malformed.hl7"));
    const message = result.messages[0] as Hl7Message;
    expect(hl7Value(segment(message, "PID"), 5, { component: 2 })).toBe("\\Q\\");
    expect(hl7Value(segment(message, "OBX"), 5)).toBe("C:\\reports");
    expect(result.issues.map((i) => [i.code, i.severity, i.position])).toEqual([
      ["EIX_HL7_ESCAPE_MALFORMED", "warning", { line: 2, at: "PID[0]", field: "PID-5" }],
      ["EIX_HL7_ESCAPE_MALFORMED", "warning", { line: 3, at: "OBX[0]", field: "OBX-5" }],
    ]);
    expect(result.issues[0]?.message["zh-CN"]).toContain("转义序列");
  });

  test("bad hex and an empty sequence are malformed too; one warning per value", () => {
    const result = parsed(`${MSH}\rNTE|1||\\XZZ\\ \\\\ \\X4\\\r`);
    expect(hl7Value(segment(result.messages[0] as Hl7Message, "NTE"), 3)).toBe("\\XZZ\\ \\\\ \\X4\\");
    expect(result.issues).toHaveLength(1);
  });

  test("malformed-escape warnings stop at 100 per input", () => {
    const result = parsed(`${MSH}\r${"NTE|1||\\Q\\\r".repeat(150)}`);
    expect(result.issues).toHaveLength(100);
  });
});

describe("character sets", () => {
  test("MSH-18 GB 18030-2000, with GB18030 trail bytes | and ^ in MSH-4", () => {
    const result = parsed(corpus("eix-synthetic-gb18030-msh18.hl7"));
    expect(result.charset).toBe("gb18030");
    expect(result.issues).toEqual([]);
    const message = result.messages[0] as Hl7Message;
    expect(hl7Header(message).sendingFacility).toBe("億安區醫院");
    expect(hl7Header(message).characterSets).toEqual(["GB 18030-2000"]);
    expect(segment(message, "PID").fields[5]).toEqual([[["张"], ["三丰"]]]);
  });

  test("no MSH-18 and not UTF-8: GB18030 detected, with a warning", () => {
    const result = parsed(corpus("eix-synthetic-gb18030-undeclared.hl7"));
    expect(result.charset).toBe("gb18030");
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([["EIX_CHARSET_GUESSED", "warning"]]);
    expect(hl7Value(segment(result.messages[0] as Hl7Message, "DG1"), 4)).toBe("伤寒");
  });

  test("MSH-18 8859/1", () => {
    const result = parsed(corpus("eix-synthetic-8859-1.hl7"));
    expect(result.charset).toBe("iso-8859-1");
    const message = result.messages[0] as Hl7Message;
    expect(segment(message, "PID").fields[5]).toEqual([[["DÉSIRÉE"], ["Zoë"]]]);
    expect(hl7Value(segment(message, "OBX"), 5)).toBe("Prélèvement effectué à 8h");
  });

  test("MSH-18 UNICODE UTF-8, ASCII and ISO IR6 read as UTF-8", () => {
    expect(parsed(corpus("eix-synthetic-escapes.hl7")).charset).toBe("utf-8");
    for (const label of ["ASCII", "ISO IR6", "UNICODE UTF-8"])
      expect(parsed(`${MSH}||||||${label}\rPID|1\r`).charset).toBe("utf-8");
  });

  test("no MSH-18, valid UTF-8: UTF-8 without a warning", () => {
    const result = parsed(corpus("rethink-edge-non-ascii.hl7"));
    expect(result.charset).toBe("utf-8");
    expect(result.issues).toEqual([]);
    expect(hl7Value(segment(result.messages[0] as Hl7Message, "PID"), 5)).toBe("MÜLLER");
  });

  test("byte-order marks: UTF-8 and UTF-16", () => {
    const utf8 = parsed(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(`${MSH}\rPID|1||张\r`)]));
    expect(hl7Value(segment(utf8.messages[0] as Hl7Message, "PID"), 3)).toBe("张");
    const utf16 = parsed(new Uint8Array([0xff, 0xfe, ...Buffer.from(`${MSH}\rPID|1||张\r`, "utf16le")]));
    expect(utf16.charset).toBe("utf-16le");
    expect(hl7Value(segment(utf16.messages[0] as Hl7Message, "PID"), 3)).toBe("张");
  });

  test("an unsupported MSH-18 is refused at MSH-18", () => {
    const result = failed(`\r${MSH}||||||ISO IR87\rPID|1\r`);
    expect(result.error.code).toBe("EIX_CHARSET_UNSUPPORTED");
    expect(result.error.position).toEqual({ line: 2, at: "MSH[0]", field: "MSH-18" });
  });

  test("bytes invalid in the declared charset are refused", () => {
    const gbBytes = new Uint8Array(iconv.encode(`${MSH}||||||UNICODE UTF-8\rPID|1||张三\r`, "gb18030"));
    expect(failed(gbBytes).error.code).toBe("EIX_CHARSET_INVALID");
  });
});

describe("invalid messages are refused with a code and a position", () => {
  test("no MSH (corpus: rethink-invalid-missing-msh)", () => {
    const { error } = failed(corpus("rethink-invalid-missing-msh.hl7"));
    expect(error.code).toBe("EIX_HL7_NO_MSH");
    expect(error.position).toEqual({ line: 1 });
    expect(error.messages["zh-CN"]).toContain("“PID”");
    expect(error.messages.en).toContain('"PID"');
  });

  test("no MSH after blank lines, empty input, blank input", () => {
    expect(failed("\n\r\n  \nPID|1\r").error.position).toEqual({ line: 4 });
    expect(failed("").error.code).toBe("EIX_HL7_NO_MSH");
    expect(failed(" \r\n\t\n").error.code).toBe("EIX_HL7_NO_MSH");
    expect(parseHl7Text("").ok).toBe(false);
  });

  test("a bad segment id (corpus: rethink-invalid-segment-header-length)", () => {
    const { error } = failed(corpus("rethink-invalid-segment-header-length.hl7"));
    expect(error.code).toBe("EIX_HL7_SEGMENT_ID");
    expect(error.position).toEqual({ line: 2, at: "PIDX[0]" });
    expect(error.messages.en).toContain('"PIDX"');
  });

  test("segment ids must be [A-Z][A-Z0-9]{2}", () => {
    for (const bad of ["PV|1", "pid|1", "1PD|1", "P-D|1", "PI D|1", " PID|1"])
      expect(failed(`${MSH}\r${bad}\r`).error.code, bad).toBe("EIX_HL7_SEGMENT_ID");
    for (const good of ["P1D|1", "Z01|1", "OBX"]) expect(parsed(`${MSH}\r${good}\r`).messages).toHaveLength(1);
  });

  test("unusable MSH encoding characters", () => {
    const { error } = failed(corpus("eix-synthetic-invalid-msh-encoding.hl7"));
    expect(error.code).toBe("EIX_HL7_MSH_ENCODING");
    expect(error.position).toEqual({ line: 1, at: "MSH[0]", field: "MSH-2" });
    for (const bad of ["MSH|^~\\^|A", "MSH|^~\\&#!|A", "MSH|^~\\a|A", "MSH|^~\\||A", "MSH|^~ &|A"])
      expect(failed(`${bad}\r`).error.code, bad).toBe("EIX_HL7_MSH_ENCODING");
    expect(failed("MSH\r").error.position?.field).toBe("MSH-1");
  });

  test("an unsupported version (corpus: rethink-invalid-wrong-version) names the supported range", () => {
    const { error } = failed(corpus("rethink-invalid-wrong-version.hl7"));
    expect(error.code).toBe("EIX_HL7_VERSION_UNSUPPORTED");
    expect(error.position).toEqual({ line: 1, at: "MSH[0]", field: "MSH-12" });
    expect(error.messages.en).toBe('Unsupported HL7 version "1.0" (MSH-12); supported: 2.1–2.8.x');
    expect(error.messages["zh-CN"]).toContain("2.1–2.8.x");
  });

  test("versions 2.1–2.8.x are accepted; 2.9, 3.0 and none are not", () => {
    for (const version of ["2.1", "2.3.1", "2.4", "2.5.1", "2.7", "2.8.2", "2.5^CHN"])
      expect(parsed(`${MSH.replace("|2.5", `|${version}`)}\r`).messages, version).toHaveLength(1);
    for (const version of ["2.9", "3.0", "2", "", "v2.5"])
      expect(failed(`${MSH.replace("|2.5", `|${version}`)}\r`).error.code, version).toBe("EIX_HL7_VERSION_UNSUPPORTED");
  });

  test("the error of a later message carries that message's line", () => {
    const { error } = failed(`${MSH}\rPID|1\r\r${MSH.replace("|2.5", "|9.9")}\r`);
    expect(error.position).toEqual({ line: 4, at: "MSH[0]", field: "MSH-12" });
  });

  test("the index in `at` counts segments with the same id in the message", () => {
    const result = parsed(`${MSH}\rOBX|1||\\Q\\\rOBX|2\rOBX|3||\\Q\\\r`);
    expect(result.issues.map((i) => i.position?.at)).toEqual(["OBX[0]", "OBX[2]"]);
  });
});

describe("limits", () => {
  test("maxBytes: EIX_ADAPTER_TOO_LARGE before anything is decoded", () => {
    const { error } = failed(`${MSH}\rPID|1\r`, { maxBytes: 20 });
    expect(error.code).toBe("EIX_ADAPTER_TOO_LARGE");
  });

  test("maxSegments: EIX_HL7_TOO_MANY_SEGMENTS at the first segment too many", () => {
    const { error } = failed(`${MSH}\rPID|1\rPV1|1\r`, { maxSegments: 2 });
    expect(error.code).toBe("EIX_HL7_TOO_MANY_SEGMENTS");
    expect(error.position).toEqual({ line: 3 });
  });

  test("maxValues: EIX_HL7_TOO_MANY_VALUES with the field", () => {
    const { error } = failed(`${MSH}\rPID|1||${"x~".repeat(50)}\r`, { maxValues: 40 });
    expect(error.code).toBe("EIX_HL7_TOO_MANY_VALUES");
    expect(error.position).toEqual({ line: 2, at: "PID[0]", field: "PID-3" });
  });
});

describe("reading values", () => {
  test("hl7Header", () => {
    expect(hl7Header(only(corpus("rethink-adt-a01-full.hl7")))).toEqual({
      sendingApplication: "ADT_APP",
      sendingFacility: "HOSP_A",
      receivingApplication: "RECV_SYS",
      receivingFacility: "HOSP_B",
      dateTime: "20260401083000",
      messageType: { code: "ADT", trigger: "A01", structure: "ADT_A01" },
      controlId: "CTRL0042",
      processingId: "P",
      version: "2.5.1",
    });
    expect(hl7Header(only(corpus("rethink-edge-crlf-line-endings.hl7"))).messageType).toEqual({ code: "ADT", trigger: "A01" });
    expect(hl7Header(only(`${MSH}||||||UNICODE UTF-8~GB 18030-2000\r`)).characterSets).toEqual([
      "UNICODE UTF-8",
      "GB 18030-2000",
    ]);
    expect(hl7Header({ delimiters: only(`${MSH}\r`).delimiters, segments: [], line: 1 })).toEqual({});
  });

  test("hl7Segments and hl7Value (MSH-1 and MSH-2 are literal)", () => {
    const message = only(corpus("rethink-oru-r01-lab.hl7"));
    expect(hl7Segments(message, "OBX").map((obx) => hl7Value(obx, 3))).toEqual(["WBC", "RBC", "HGB", "HCT", "PLT"]);
    expect(hl7Segments(message, "NTE")).toEqual([]);
    const msh = segment(message, "MSH");
    expect(hl7Value(msh, 1)).toBe("|");
    expect(hl7Value(msh, 2)).toBe("^~\\&");
    expect(hl7Value(segment(message, "OBX", 2), 5)).toBe("14.2");
  });
});

test("every EIX_HL7_* code has a summary and messages in both languages", () => {
  const codes = Object.entries(adapterErrors).filter(([code]) => code.startsWith("EIX_HL7_"));
  expect(codes.length).toBeGreaterThanOrEqual(9);
  for (const [code, definition] of codes) {
    const params = { value: "X", expected: "Y", limit: "9", detail: "Z" };
    expect(definition.summary, code).not.toBe("");
    expect(definition.zh(params), code).toMatch(/[\u4e00-\u9fff]/);
    expect(definition.en(params), code).toMatch(/^[\x20-\x7e–]+$/);
  }
});
