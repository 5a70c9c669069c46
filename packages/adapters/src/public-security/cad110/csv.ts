// A small RFC 4180 reader and writer: no CSV library is a dependency, and the 110 exports need
// only the RFC's rules — quoted fields, doubled quotes, CRLF or LF, line breaks inside quotes.

/** One record of a CSV text, with the 1-based line it starts on (for error positions). */
export interface CsvRow {
  readonly cells: string[];
  readonly line: number;
}

export type CsvReading =
  | { readonly ok: true; readonly rows: CsvRow[] }
  | { readonly ok: false; readonly line: number; readonly reason: string };

/**
 * Splits CSV text into rows of cells. A quoted field may hold commas, doubled quotes and line
 * breaks; a quote inside an unquoted field is kept as text (exports do that); a quoted field
 * that never closes is an error. Blank lines are skipped; a final line break is optional.
 */
export function readCsv(text: string): CsvReading {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const unquoted = /[^,\r\n]*/y;
  for (;;) {
    // At the start of a field.
    let cell: string;
    if (text.charCodeAt(i) === 0x22 /* " */) {
      const start = line;
      cell = "";
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close < 0) return { ok: false, line: start, reason: "quoted field never closes" };
        const part = text.slice(i, close);
        for (let at = part.indexOf("\n"); at >= 0; at = part.indexOf("\n", at + 1)) line++;
        cell += part;
        i = close + 1;
        if (text.charCodeAt(i) !== 0x22) break;
        cell += '"';
        i++;
      }
      const next = text.charCodeAt(i);
      if (i < text.length && next !== 0x2c && next !== 0x0a && next !== 0x0d)
        return { ok: false, line, reason: "text after a closing quote" };
    } else {
      unquoted.lastIndex = i;
      cell = unquoted.exec(text)?.[0] ?? "";
      i += cell.length;
    }
    cells.push(cell);
    const c = text.charCodeAt(i);
    if (c === 0x2c /* , */) {
      i++;
      continue;
    }
    // End of a row: a line break or the end of the text. A row of one empty unquoted cell is a
    // blank line, skipped.
    const blank = cells.length === 1 && cell === "" && text.charCodeAt(i - 1) !== 0x22;
    if (!blank) rows.push({ cells, line: rowLine });
    cells = [];
    if (i >= text.length) break;
    i += c === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
    line++;
    rowLine = line;
    if (i >= text.length) break;
  }
  return { ok: true, rows };
}

/** A cell as RFC 4180 writes it: quoted when it holds a comma, quote or line break. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Rows → CSV text with CRLF line ends (RFC 4180). */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
