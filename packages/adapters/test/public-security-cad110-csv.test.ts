import { describe, expect, test } from "vitest";
import { readCsv, writeCsv } from "../src/public-security/cad110/index.js";

const cells = (text: string) => {
  const result = readCsv(text);
  if (!result.ok) throw new Error(`line ${result.line}: ${result.reason}`);
  return result.rows.map((row) => row.cells);
};

describe("the RFC 4180 reader of 110 CSV exports", () => {
  test("plain rows, CRLF or LF, final line break optional", () => {
    expect(cells("a,b\r\n1,2\r\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(cells("a,b\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(cells("a,b\r1,2\r")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  test("quoted fields hold commas, doubled quotes and line breaks", () => {
    expect(cells('JJDBH,BJNR\r\n1,"起火，浓烟""很大""\r\n楼上有人"\r\n2,x\r\n')).toEqual([
      ["JJDBH", "BJNR"],
      ["1", '起火，浓烟"很大"\r\n楼上有人'],
      ["2", "x"],
    ]);
    expect(cells('""\n"a"""')).toEqual([[""], ['a"']]);
  });

  test("empty cells, empty trailing cells and blank lines", () => {
    expect(cells("a,,c,\n\n1,2,,\n")).toEqual([
      ["a", "", "c", ""],
      ["1", "2", "", ""],
    ]);
  });

  test("a quote inside an unquoted field is kept as text", () => {
    expect(cells('a,b"c\n')).toEqual([["a", 'b"c']]);
  });

  test("rows carry the line they start on, past embedded line breaks", () => {
    const result = readCsv('h\r\n"x\r\ny\r\nz"\r\nnext\r\n');
    expect(result.ok && result.rows.map((row) => row.line)).toEqual([1, 2, 5]);
  });

  test("an unclosed quote and text after a closing quote are errors with their line", () => {
    expect(readCsv('a\n"open\nstill')).toEqual({ ok: false, line: 2, reason: "quoted field never closes" });
    expect(readCsv('a\n"x"y\n')).toMatchObject({ ok: false, line: 2, reason: "text after a closing quote" });
  });

  test("writeCsv quotes only what needs it, and reads back the same", () => {
    const rows = [
      ["JJDBH", "BJNR"],
      ["1", 'a,"b"\nc'],
      ["2", " padded "],
      ["3", ""],
    ];
    const text = writeCsv(rows);
    expect(text).toBe('JJDBH,BJNR\r\n1,"a,""b""\nc"\r\n2," padded "\r\n3,\r\n');
    expect(cells(text)).toEqual(rows);
  });
});
