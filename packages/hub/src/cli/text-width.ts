// Terminal column width of a string: East Asian wide and fullwidth characters (汉字, 全角
// punctuation, kana, hangul) take two columns, combining marks none, everything else one.
// Enough for aligning tables of Chinese and English text without a dependency.

const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo initials
  [0x2e80, 0x303e], // CJK radicals, Kangxi, CJK symbols and punctuation
  [0x3041, 0x33ff], // kana, bopomofo, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6], // fullwidth signs
  [0x1f300, 0x1f64f], // pictographs and emoticons
  [0x1f900, 0x1f9ff], // supplemental pictographs
  [0x20000, 0x3fffd], // CJK extensions B onwards
];

const ZERO: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f], // combining diacritics
  [0x200b, 0x200f], // zero-width space, joiners, marks
  [0xfe00, 0xfe0f], // variation selectors
];

const within = (ranges: typeof WIDE, cp: number) => ranges.some(([from, to]) => cp >= from && cp <= to);

/** Columns `text` occupies in a terminal (no ANSI escapes expected). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || within(ZERO, cp)) continue;
    width += within(WIDE, cp) ? 2 : 1;
  }
  return width;
}
