import { AdapterError } from "../../errors.js";
import { escapeXml } from "../../kit/xml.js";

const elementName = /^[A-Za-z_][A-Za-z0-9._-]*$/;

/**
 * Writes the 12379 layout of the sample: an XML declaration, one element per line, four
 * spaces per level, absent values as empty elements (`<onset/>`), a final newline.
 */
export class XmlWriter {
  readonly #lines: string[];
  #depth = 0;

  constructor(encoding: string) {
    this.#lines = [`<?xml version="1.0" encoding="${encoding}"?>`];
  }

  open(name: string): void {
    this.#line(`<${checked(name)}>`);
    this.#depth++;
  }

  close(name: string): void {
    this.#depth--;
    this.#line(`</${checked(name)}>`);
  }

  /** A text element; undefined or empty text writes the empty element. */
  leaf(name: string, text: string | undefined): void {
    const tag = checked(name);
    this.#line(text === undefined || text === "" ? `<${tag}/>` : `<${tag}>${escapeXml(text)}</${tag}>`);
  }

  toString(): string {
    return `${this.#lines.join("\n")}\n`;
  }

  #line(markup: string): void {
    this.#lines.push(`${"    ".repeat(this.#depth)}${markup}`);
  }
}

// Names come from kept extensions as well as from code: a name that is not an XML name
// would make the output unreadable, so it is refused rather than written.
function checked(name: string): string {
  if (!elementName.test(name))
    throw new AdapterError("EIX_ADAPTER_BAD_VALUE", { value: name, detail: "not an XML element name" });
  return name;
}
