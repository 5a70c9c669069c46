import { readdirSync, readFileSync } from "node:fs";
import { type Hl7Message, parseHl7, type SourcePosition, serializeHl7 } from "@eix/adapters";
import iconv from "iconv-lite";
import { describe, expect, test } from "vitest";

// Every file of test/corpus/hl7v2 is parsed, or refused with its code and position; what is
// parsed writes back to the same messages and, for the real files, to the same bytes.
const dir = new URL("../../../test/corpus/hl7v2/", import.meta.url);
const files = readdirSync(dir).filter((name) => name.endsWith(".hl7"));
const corpus = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));

/** Decision per refused file: its code and where. */
const refused: Record<string, { code: string; position: SourcePosition }> = {
  "rethink-invalid-missing-msh.hl7": { code: "EIX_HL7_NO_MSH", position: { line: 1 } },
  "rethink-invalid-segment-header-length.hl7": { code: "EIX_HL7_SEGMENT_ID", position: { line: 2, at: "PIDX[0]" } },
  "rethink-invalid-wrong-version.hl7": {
    code: "EIX_HL7_VERSION_UNSUPPORTED",
    position: { line: 1, at: "MSH[0]", field: "MSH-12" },
  },
  "eix-synthetic-invalid-msh-encoding.hl7": { code: "EIX_HL7_MSH_ENCODING", position: { line: 1, at: "MSH[0]", field: "MSH-2" } },
  "eix-synthetic-invalid-version-2.9.hl7": {
    code: "EIX_HL7_VERSION_UNSUPPORTED",
    position: { line: 1, at: "MSH[0]", field: "MSH-12" },
  },
};
/** Accepted files and the issues they must produce (none unless listed). */
const warned: Record<string, string[]> = {
  "eix-synthetic-batch.hl7": Array(4).fill("EIX_HL7_BATCH_SEGMENT_SKIPPED"),
  "eix-synthetic-escape-malformed.hl7": ["EIX_HL7_ESCAPE_MALFORMED", "EIX_HL7_ESCAPE_MALFORMED"],
  "eix-synthetic-gb18030-undeclared.hl7": ["EIX_CHARSET_GUESSED"],
};
/** Messages per accepted file, when more than one. */
const count: Record<string, number> = {
  "eix-synthetic-batch.hl7": 2,
  "eix-synthetic-cr-two-messages.hl7": 2,
  "eix-synthetic-lf-three-messages.hl7": 3,
};

/** The messages without source lines (writing drops blank lines, so lines may move). */
const structure = (messages: Hl7Message[]) =>
  messages.map((m) => ({ delimiters: m.delimiters, segments: m.segments.map((s) => ({ id: s.id, fields: s.fields })) }));

test("the corpus holds the 18 shared files and the synthetic ones", () => {
  expect(files.filter((name) => name.startsWith("rethink-"))).toHaveLength(18);
  for (const name of Object.keys({ ...refused, ...warned, ...count })) expect(files).toContain(name);
});

describe.each(files)("%s", (name) => {
  const bytes = corpus(name);
  const result = parseHl7(bytes);

  if (name in refused) {
    test("is refused with its code and position", () => {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(refused[name]?.code);
      expect(result.error.position).toEqual(refused[name]?.position);
      expect(result.error.messages["zh-CN"]).not.toBe("");
    });
    return;
  }

  test("is parsed, with exactly its expected issues", () => {
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    expect(result.issues.map((issue) => issue.code)).toEqual(warned[name] ?? []);
    expect(result.messages).toHaveLength(count[name] ?? 1);
  });

  test("serialize → parse gives the same messages", () => {
    if (!result.ok) throw new Error(result.error.code);
    const written = result.messages.map((message) => serializeHl7(message)).join("");
    const again = parseHl7(iconv.encode(written, result.charset === "iso-8859-1" ? "latin1" : result.charset));
    if (!again.ok) throw new Error(`${again.error.code}: ${again.error.message}`);
    expect(structure(again.messages)).toEqual(structure(result.messages));
    expect(again.messages.map((m) => serializeHl7(m)).join("")).toBe(written);
  });

  if (name.startsWith("rethink-"))
    test("serialize gives back the original bytes (segment ends as in the file)", () => {
      if (!result.ok) throw new Error(result.error.code);
      const original = new TextDecoder().decode(bytes);
      const segmentEnd = original.includes("\r\n") ? "\r\n" : original.includes("\r") ? "\r" : "\n";
      const written = result.messages.map((message) => serializeHl7(message, { segmentEnd })).join("");
      expect(written).toBe(original.endsWith(segmentEnd) ? original : original + segmentEnd);
    });
});
