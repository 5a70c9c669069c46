import { AdapterError } from "../../errors.js";
import { charsetEncoder } from "../../kit/charset.js";
import { escapeXml } from "../../kit/xml.js";
import { writeCsv } from "./csv.js";
import type { Cad110Shape } from "./read-records.js";
import { CAD110_FIELDS, type Cad110Record } from "./record-fields.js";

/** Root and row element names of the XML shape (the vendor table's name, Oracle's row name). */
export const XML_ROOT = "BF_110";
export const XML_ROW = "ROW";

// XML parsers turn a CR LF into LF; a character reference keeps the CR of multi-line 报警内容.
const xmlText = (value: string) => escapeXml(value).replaceAll("\r", "&#13;");

const known = new Map<string, number>(CAD110_FIELDS.map((field, index) => [field, index]));

/** Columns in the vendor's order, then any others alphabetically. */
function columnsOf(records: readonly Cad110Record[]): string[] {
  const names = new Set(records.flatMap((record) => Object.keys(record)));
  return [...names].sort((a, b) => (known.get(a) ?? 999) - (known.get(b) ?? 999) || a.localeCompare(b));
}

/** Reads the `shape` encode option: xml (default), json or csv. */
export function shapeOf(option: unknown): Cad110Shape {
  if (option === undefined) return "xml";
  if (option === "xml" || option === "json" || option === "csv") return option;
  throw new AdapterError("EIX_ADAPTER_BAD_VALUE", { value: "options.shape", detail: `"${String(option)}": xml, json or csv` });
}

/** 110 records → bytes in one of the three shapes, UTF-8 (default) or GB18030. */
export function writeCad110Records(records: readonly Cad110Record[], shape: Cad110Shape, charsetOption?: unknown): Uint8Array {
  const charset = charsetEncoder(charsetOption ?? "utf-8");
  const columns = columnsOf(records);
  if (shape === "json") {
    const ordered = records.map((record) =>
      Object.fromEntries(columns.filter((c) => record[c] !== undefined).map((c) => [c, record[c]])),
    );
    return charset.encode(`${JSON.stringify(ordered, null, 2)}\n`);
  }
  if (shape === "csv")
    return charset.encode(writeCsv([columns, ...records.map((record) => columns.map((c) => record[c] ?? ""))]));
  const rows = records.map((record) => {
    const cells = columns.filter((c) => record[c] !== undefined).map((c) => `    <${c}>${xmlText(record[c] ?? "")}</${c}>\n`);
    return `  <${XML_ROW}>\n${cells.join("")}  </${XML_ROW}>\n`;
  });
  return charset.encode(`<?xml version="1.0" encoding="${charset.label}"?>\n<${XML_ROOT}>\n${rows.join("")}</${XML_ROOT}>\n`);
}
