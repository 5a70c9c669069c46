import { displayWidth } from "./text-width.js";

/** A table cell: its text, and how to paint it once padded (colour must not count as width). */
export interface Cell {
  readonly text: string;
  readonly paint?: (text: string) => string;
}

export type Row = readonly (Cell | string)[];

const cell = (value: Cell | string): Cell => (typeof value === "string" ? { text: value } : value);

/**
 * Lines of a left-aligned table whose columns are separated by `gap` spaces; widths count
 * CJK characters as two columns. Trailing empty cells and padding are left off.
 */
export function renderTable(rows: readonly Row[], { gap = 2, indent = "" } = {}): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((value, i) => {
      widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell(value).text));
    });
  return rows.map((row) => {
    const cells = row.map(cell);
    let end = cells.length;
    while (end > 0 && cells[end - 1]?.text === "") end--;
    const parts = cells.slice(0, end).map(({ text, paint = (t: string) => t }, i) => {
      const padding = i === end - 1 ? 0 : (widths[i] ?? 0) - displayWidth(text) + gap;
      return paint(text) + " ".repeat(Math.max(0, padding));
    });
    return indent + parts.join("");
  });
}
