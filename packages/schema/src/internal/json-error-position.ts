// Node 20's JSON.parse names the bad token but not where it is, and echoes the whole input.
// On the error path only, this walks the text with the JSON grammar to find the first offset
// where it stops being JSON, so the message can say line:column.

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

class Scanner {
  i = 0;
  constructor(private readonly s: string) {}

  fail(): never {
    throw this.i;
  }
  ws(): void {
    while (this.i < this.s.length && WS.has(this.s.charCodeAt(this.i))) this.i++;
  }
  literal(word: string): void {
    for (const ch of word) {
      if (this.s[this.i] !== ch) this.fail();
      this.i++;
    }
  }
  string(): void {
    this.i++; // opening quote
    while (this.i < this.s.length) {
      const c = this.s.charCodeAt(this.i);
      if (c === 0x22) {
        this.i++;
        return;
      }
      if (c < 0x20) this.fail();
      if (c === 0x5c) {
        const e = this.s[this.i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) {
            this.i++;
            this.fail();
          }
          this.i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) {
          this.i++;
          this.fail();
        }
        this.i += 2;
        continue;
      }
      this.i++;
    }
    this.fail();
  }
  number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!match || match[0] === "" || match[0] === "-") this.fail();
    this.i += match[0].length;
  }
  value(): void {
    this.ws();
    const c = this.s[this.i];
    if (c === "{") this.container("}", true);
    else if (c === "[") this.container("]", false);
    else if (c === '"') this.string();
    else if (c === "t") this.literal("true");
    else if (c === "f") this.literal("false");
    else if (c === "n") this.literal("null");
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) this.number();
    else this.fail();
  }
  container(close: string, isObject: boolean): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === close) {
      this.i++;
      return;
    }
    for (;;) {
      if (isObject) {
        this.ws();
        if (this.s[this.i] !== '"') this.fail();
        this.string();
        this.ws();
        if (this.s[this.i] !== ":") this.fail();
        this.i++;
      }
      this.value();
      this.ws();
      const c = this.s[this.i];
      if (c === ",") {
        this.i++;
        continue;
      }
      if (c === close) {
        this.i++;
        return;
      }
      this.fail();
    }
  }
}

/** Offset of the first character where `text` stops being JSON, or -1 if it is JSON. */
export function jsonErrorOffset(text: string): number {
  const scanner = new Scanner(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  try {
    scanner.value();
    scanner.ws();
    if (scanner.i < text.length - (text.charCodeAt(0) === 0xfeff ? 1 : 0)) scanner.fail();
    return -1;
  } catch (offset) {
    return (typeof offset === "number" ? offset : 0) + (text.charCodeAt(0) === 0xfeff ? 1 : 0);
  }
}

/** 1-based line:column of an offset. */
export function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return `${line}:${offset - lineStart + 1}`;
}
