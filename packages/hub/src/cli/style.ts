// ANSI colours for the human output, or none: every function is the identity when disabled.

export interface Style {
  readonly good: (text: string) => string;
  readonly bad: (text: string) => string;
  readonly warn: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const ansi = (open: number, close: number) => (text: string) => (text === "" ? text : `\u001b[${open}m${text}\u001b[${close}m`);
const plain = (text: string) => text;

export function makeStyle(enabled: boolean): Style {
  if (!enabled) return { good: plain, bad: plain, warn: plain, dim: plain, bold: plain };
  return { good: ansi(32, 39), bad: ansi(31, 39), warn: ansi(33, 39), dim: ansi(2, 22), bold: ansi(1, 22) };
}
