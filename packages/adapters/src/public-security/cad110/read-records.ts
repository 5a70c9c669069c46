import { parseJsonInput } from "@eix/schema";
import type { AdapterIssue } from "../../contract.js";
import { AdapterError, type SourcePosition } from "../../errors.js";
import { decodeText } from "../../kit/charset.js";
import type { XmlElement } from "../../kit/xml.js";
import { DEFAULT_MAX_XML_BYTES, readXmlBytes } from "../../kit/xml-input.js";
import { readCsv } from "./csv.js";
import { type Cad110Record, FIELD_NAME } from "./record-fields.js";

/** The three shapes 110 exports come in. */
export type Cad110Shape = "xml" | "json" | "csv";

/** A record and where it was in the source (CSV row and line, XML row index, JSON index). */
export interface PlacedRecord {
  readonly record: Cad110Record;
  readonly position: SourcePosition;
}

export type RecordsReading =
  | { ok: true; shape: Cad110Shape; charset: string; records: PlacedRecord[]; issues: AdapterIssue[] }
  | { ok: false; error: AdapterError; issues: AdapterIssue[] };

const fail = (error: AdapterError, issues: AdapterIssue[] = []): RecordsReading => ({ ok: false, error, issues });
const wrongFormat = (detail: string, issues: AdapterIssue[] = []) =>
  fail(new AdapterError("EIX_ADAPTER_WRONG_FORMAT", { detail }), issues);

/** The first byte that is not whitespace or a UTF-8 byte-order mark. */
function firstByte(bytes: Uint8Array): number | undefined {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i];
}

function fromXml(root: XmlElement): PlacedRecord[] | string {
  // One record as the root (<ROW><JJDBH>…), or rows below it (<BF_110><ROW>…</ROW>…).
  const rows = root.children.some((child) => child.name.toUpperCase() === "JJDBH") ? [root] : root.children;
  const records: PlacedRecord[] = [];
  for (const [index, row] of rows.entries()) {
    const record: Record<string, string> = {};
    for (const cell of row.children) {
      const text = cell.text.trim();
      if (text !== "") record[cell.name.toUpperCase()] = text;
    }
    records.push({ record, position: { at: `/${root.name}/${row.name}[${index}]`, row: index + 1 } });
  }
  return records.length > 0 ? records : `<${root.name}> holds no record rows`;
}

function fromJsonRecord(value: unknown, at: string): Cad110Record {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new AdapterError("EIX_ADAPTER_BAD_VALUE", { value: at, detail: "expected an object per record" }, { position: { at } });
  const record: Record<string, string> = {};
  for (const [key, cell] of Object.entries(value)) {
    if (cell === null || cell === undefined) continue;
    if (typeof cell !== "string" && typeof cell !== "number")
      throw new AdapterError(
        "EIX_ADAPTER_BAD_VALUE",
        { value: `${at}/${key}`, detail: "expected text or a number" },
        { position: { at: `${at}/${key}` } },
      );
    const text = String(cell).trim();
    if (text !== "") record[key.toUpperCase()] = text;
  }
  return record;
}

function fromJson(value: unknown): PlacedRecord[] | string {
  let list: unknown[] | undefined;
  let base = "";
  if (Array.isArray(value)) list = value;
  else if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    if (entries.some(([key]) => key.toUpperCase() === "JJDBH")) list = [value];
    else {
      // A wrapper such as {"total": 2, "rows": [...]} or {"BF_110": [...]}.
      const wrapped = entries.find(([, child]) => Array.isArray(child));
      if (wrapped) {
        list = wrapped[1] as unknown[];
        base = `/${wrapped[0]}`;
      }
    }
  }
  if (!list) return "expected a record object, an array of records, or an object wrapping one";
  return list.map((item, index) => ({
    record: fromJsonRecord(item, `${base}/${index}`),
    position: { at: `${base}/${index}`, row: index + 1 },
  }));
}

function fromCsv(text: string): PlacedRecord[] | string {
  const csv = readCsv(text);
  if (!csv.ok)
    throw new AdapterError(
      "EIX_ADAPTER_BAD_VALUE",
      { value: `line ${csv.line}`, detail: csv.reason },
      { position: { line: csv.line } },
    );
  const [header, ...rows] = csv.rows;
  const names = header?.cells.map((cell) => cell.trim().toUpperCase()) ?? [];
  if (!names.includes("JJDBH")) return "no CSV header row naming JJDBH";
  const bad = names.find((name) => !FIELD_NAME.test(name));
  if (bad !== undefined) return `CSV header cell "${bad}" is not a column name`;
  return rows.map((row, index) => {
    const position = { row: index + 1, line: row.line };
    if (row.cells.length !== names.length)
      throw new AdapterError(
        "EIX_ADAPTER_BAD_VALUE",
        { value: `row ${index + 1}`, detail: `${row.cells.length} cells, the header has ${names.length}` },
        { position },
      );
    const record: Record<string, string> = {};
    names.forEach((name, i) => {
      const cell = row.cells[i]?.trim() ?? "";
      if (cell !== "") record[name] = cell;
    });
    return { record, position };
  });
}

/**
 * Bytes → 110 records. The shape is told by the first byte (`<` XML, `{`/`[` JSON, else CSV
 * with a header row); the charset by the kit (BOM, XML prolog, the `charset` option, or
 * detection: valid UTF-8, else GB18030 with `EIX_CHARSET_GUESSED`).
 */
export function readCad110Records(
  bytes: Uint8Array,
  limits: { maxBytes?: number; maxDepth?: number; maxMessages?: number } = {},
  declared?: string,
): RecordsReading {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  if (bytes.byteLength > maxBytes)
    return fail(new AdapterError("EIX_ADAPTER_TOO_LARGE", { value: String(bytes.byteLength), limit: String(maxBytes) }));
  const first = firstByte(bytes);
  if (first === undefined) return wrongFormat("empty input");
  let shape: Cad110Shape;
  let charset: string;
  let records: PlacedRecord[] | string;
  const issues: AdapterIssue[] = [];
  try {
    if (first === 0x3c) {
      const input = readXmlBytes(bytes, limits);
      if (!input.ok) return input;
      issues.push(...input.issues);
      shape = "xml";
      charset = input.charset;
      records = fromXml(input.root);
    } else {
      const decoded = decodeText(bytes, declared === undefined ? {} : { declared });
      if (!decoded.ok) return fail(decoded.error);
      issues.push(...decoded.issues);
      charset = decoded.charset;
      if (first === 0x7b || first === 0x5b) {
        shape = "json";
        const parsed = parseJsonInput(new TextEncoder().encode(decoded.text), limits);
        if (!parsed.ok) return wrongFormat(parsed.issue.message.en, issues);
        records = fromJson(parsed.value);
      } else {
        shape = "csv";
        records = fromCsv(decoded.text);
      }
    }
  } catch (error) {
    if (AdapterError.is(error)) return fail(error, issues);
    throw error;
  }
  if (typeof records === "string") return wrongFormat(records, issues);
  if (limits.maxMessages !== undefined && records.length > limits.maxMessages)
    return fail(
      new AdapterError("EIX_ADAPTER_TOO_LARGE", { value: `${records.length} records`, limit: String(limits.maxMessages) }),
      issues,
    );
  return { ok: true, shape, charset, records, issues };
}
