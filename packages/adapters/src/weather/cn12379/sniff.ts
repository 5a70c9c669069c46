const profileElement = /<(?:senderCode|sendTime)[\s/>]/;
const elementName = /[A-Za-z_][\w.:-]*/y;
const HEAD_BYTES = 4096;

const latin1 = new TextDecoder("latin1");

// Element names are ASCII, and ASCII bytes mean the same in UTF-8 and GB18030, so the head is
// read byte for byte; only UTF-16 needs decoding.
function head(bytes: Uint8Array): string {
  const start = bytes.subarray(0, HEAD_BYTES);
  if (start[0] === 0xff && start[1] === 0xfe) return new TextDecoder("utf-16le").decode(start.subarray(2));
  if (start[0] === 0xfe && start[1] === 0xff) return new TextDecoder("utf-16be").decode(start.subarray(2));
  const text = latin1.decode(start);
  return text.startsWith("\u00ef\u00bb\u00bf") ? text.slice(3) : text;
}

/**
 * The first element's name and attribute text, after the XML declaration, comments, PIs and
 * a DOCTYPE. One forward scan, so hostile heads cost no more than their length.
 */
function rootTag(text: string): { name: string; attributes: string } | undefined {
  let i = 0;
  for (;;) {
    while (isXmlSpace(text.charCodeAt(i))) i++;
    if (text.startsWith("<?", i)) i = after(text, "?>", i + 2);
    else if (text.startsWith("<!--", i)) i = after(text, "-->", i + 4);
    else if (text.startsWith("<!", i)) {
      const close = text.indexOf(">", i);
      const subset = text.indexOf("[", i);
      i = subset >= 0 && subset < close ? after(text, ">", after(text, "]", subset)) : after(text, ">", i);
    } else break;
    if (i < 0) return undefined;
  }
  if (text.charAt(i) !== "<") return undefined;
  elementName.lastIndex = i + 1;
  const name = elementName.exec(text)?.[0];
  if (name === undefined) return undefined;
  const end = text.indexOf(">", i);
  return end < 0 ? undefined : { name, attributes: text.slice(i + 1 + name.length, end) };
}

// XML's whitespace: space, tab, line feed, carriage return.
const isXmlSpace = (code: number) => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

function after(text: string, token: string, from: number): number {
  if (from < 0) return -1;
  const at = text.indexOf(token, from);
  return at < 0 ? -1 : at + token.length;
}

/**
 * 0.9 for a namespace-less `<alert>` carrying `senderCode` or `sendTime` (the 12379 header);
 * 0.2 for a bare `<alert>` without them (CAP-like, possibly ours); 0 for namespaced CAP and
 * anything else.
 */
export function sniffCn12379(bytes: Uint8Array): number {
  const text = head(bytes);
  const root = rootTag(text);
  if (root?.name !== "alert" || /\bxmlns\s*=/.test(root.attributes)) return 0;
  return profileElement.test(text) ? 0.9 : 0.2;
}
