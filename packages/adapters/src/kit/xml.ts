import { XMLParser, XMLValidator } from "fast-xml-parser";
import { AdapterError } from "../errors.js";
import { lineColumn } from "./text-position.js";

/** An element of a parsed document, addressed by local name with its namespace resolved. */
export interface XmlElement {
  /** Local name, without prefix. */
  readonly name: string;
  /** The name as written, with its prefix if any. */
  readonly qname: string;
  /** Namespace URI in scope for the element, or undefined when none. */
  readonly namespace: string | undefined;
  /** Attributes by local name; namespace declarations are not included. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own character data (text and CDATA), untrimmed. */
  readonly text: string;
  /** Offset of the start tag in the document text, when the parser reports it. */
  readonly offset: number | undefined;
}

export interface XmlLimits {
  /** Deepest element nesting accepted (default 64). */
  readonly maxDepth?: number;
}

export type XmlParseResult =
  | { readonly ok: true; readonly root: XmlElement }
  | { readonly ok: false; readonly error: AdapterError };

export const DEFAULT_XML_MAX_DEPTH = 64;

// Any DOCTYPE or ENTITY declaration is refused outright: no external entity can be fetched
// and no entity can expand (XXE, billion laughs), whatever the parser would do with it.
const dtdPattern = /<!\s*(DOCTYPE|ENTITY)/i;

const metaSymbol = XMLParser.getMetaDataSymbol() as unknown as symbol;

const xmlEntities = { amp: "&", apos: "'", gt: ">", lt: "<", quot: '"' };

type OrderedNode = Record<string, unknown> & { ":@"?: Record<string, string> };

function parserFor(maxDepth: number): XMLParser {
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    // fast-xml-parser 5 decodes character references (&#x4E2D;) only when `htmlEntities` is
    // set; an object limits the named entities to XML's five, so no HTML name sneaks in.
    htmlEntities: xmlEntities as unknown as boolean,
    ignoreDeclaration: true,
    ignorePiTags: true,
    captureMetaData: true,
    maxNestedTags: maxDepth,
  });
}

const parsers = new Map<number, XMLParser>();

function splitName(qname: string): { prefix: string; local: string } {
  const colon = qname.indexOf(":");
  return colon < 0 ? { prefix: "", local: qname } : { prefix: qname.slice(0, colon), local: qname.slice(colon + 1) };
}

function toElement(node: OrderedNode, scope: ReadonlyMap<string, string>): XmlElement | undefined {
  const qname = Object.keys(node).find((key) => key !== ":@" && key !== "#text");
  if (qname === undefined) return undefined;
  const rawAttributes = node[":@"] ?? {};
  let namespaces: Map<string, string> | undefined;
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(rawAttributes)) {
    if (name === "xmlns" || name.startsWith("xmlns:")) {
      namespaces ??= new Map(scope);
      namespaces.set(name === "xmlns" ? "" : name.slice(6), String(value).trim());
    } else attributes[splitName(name).local] = String(value);
  }
  const inScope = namespaces ?? scope;
  const { prefix, local } = splitName(qname);
  const childrenNodes = (node[qname] as OrderedNode[] | undefined) ?? [];
  const children: XmlElement[] = [];
  let text = "";
  for (const childNode of childrenNodes) {
    if ("#text" in childNode) text += String(childNode["#text"]);
    else {
      const element = toElement(childNode, inScope);
      if (element) children.push(element);
    }
  }
  const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[metaSymbol];
  return {
    name: local,
    qname,
    namespace: inScope.get(prefix) || undefined,
    attributes,
    children,
    text,
    offset: meta?.startIndex,
  };
}

/**
 * Parses XML text defensively: DOCTYPE/ENTITY refused (`EIX_XML_DTD_FORBIDDEN`), not
 * well-formed or truncated refused with line:column (`EIX_XML_MALFORMED`), nesting limited
 * (`EIX_XML_TOO_DEEP`). Never throws. Size limits apply to the bytes, before decoding.
 */
export function parseXml(text: string, limits: XmlLimits = {}): XmlParseResult {
  const maxDepth = limits.maxDepth ?? DEFAULT_XML_MAX_DEPTH;
  const dtd = dtdPattern.exec(text);
  if (dtd) return { ok: false, error: new AdapterError("EIX_XML_DTD_FORBIDDEN", {}, { position: lineColumn(text, dtd.index) }) };
  const depth = elementDepth(text, maxDepth);
  if (depth > maxDepth) return { ok: false, error: new AdapterError("EIX_XML_TOO_DEEP", { limit: String(maxDepth) }) };
  const verdict = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (verdict !== true) {
    const truncated = truncationOf(verdict.err.msg);
    // A document cut short is reported where it ends, naming what is still open; the validator
    // itself points at the first open tag (1:1 for the root), which reads as a wrong place.
    const { msg, line, col } = truncated ? { msg: truncated, ...endOf(text) } : verdict.err;
    return {
      ok: false,
      error: new AdapterError("EIX_XML_MALFORMED", { detail: `${msg} (${line}:${col})` }, { position: { line, column: col } }),
    };
  }
  let parser = parsers.get(maxDepth);
  if (!parser) {
    parser = parserFor(maxDepth + 1);
    parsers.set(maxDepth, parser);
  }
  try {
    const nodes = parser.parse(text) as OrderedNode[];
    const roots = nodes.map((node) => toElement(node, new Map())).filter((e): e is XmlElement => e !== undefined);
    const [root] = roots;
    if (!root || roots.length !== 1)
      return {
        ok: false,
        error: new AdapterError("EIX_XML_MALFORMED", { detail: "a document must have exactly one root element" }),
      };
    return { ok: true, root };
  } catch (error) {
    return {
      ok: false,
      error: new AdapterError("EIX_XML_MALFORMED", { detail: String((error as Error)?.message ?? error) }, { cause: error }),
    };
  }
}

/** The validator's words for a document that ended with elements still open, rephrased. */
function truncationOf(message: string): string | undefined {
  const unclosed = /^Unclosed tag '([^']*)'/.exec(message);
  if (unclosed) return `the document ends with <${unclosed[1]}> still open (truncated?)`;
  const open = /^Invalid '\[(.*)\]' found/s.exec(message);
  if (!open?.[1]) return undefined;
  const names = [...open[1].matchAll(/"([^"]+)"/g)].map((m) => `<${m[1]}>`);
  return names.length ? `the document ends with ${names.join(", ")} still open (truncated?)` : undefined;
}

function endOf(text: string): { line: number; col: number } {
  const { line = 1, column = 1 } = lineColumn(text, text.length);
  return { line, col: column };
}

// Element depth from the markup alone, so a 10,000-level document is refused before any
// parser builds (or recurses through) it. Comments, CDATA, PIs and quoted values are skipped.
function elementDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let i = text.indexOf("<");
  while (i >= 0 && i < text.length) {
    const next = text.charCodeAt(i + 1);
    if (text.startsWith("<!--", i)) i = text.indexOf("-->", i + 4);
    else if (text.startsWith("<![CDATA[", i)) i = text.indexOf("]]>", i + 9);
    else if (next === 0x3f /* ? */) i = text.indexOf("?>", i + 2);
    else if (next === 0x2f /* / */) {
      depth--;
      i = text.indexOf(">", i);
    } else {
      let j = i + 1;
      let quote = 0;
      for (; j < text.length; j++) {
        const c = text.charCodeAt(j);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) quote = c;
        else if (c === 0x3e /* > */) break;
      }
      if (text.charCodeAt(j - 1) !== 0x2f) {
        depth++;
        if (depth > max) {
          max = depth;
          if (max > limit) return max;
        }
      }
      i = j;
    }
    if (i < 0) break;
    i = text.indexOf("<", i + 1);
  }
  return max;
}

/** The first child with this local name. */
export function childElement(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}

/** Every child with this local name, in document order. */
export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** Trimmed text of the first child with this local name; undefined when absent or empty. */
export function childText(element: XmlElement, name: string): string | undefined {
  const text = childElement(element, name)?.text.trim();
  return text ? text : undefined;
}

/** Escapes text for element content or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}
