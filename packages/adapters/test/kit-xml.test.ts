import { childElement, childElements, childText, parseXml, readXmlBytes } from "@eix/adapters";
import { describe, expect, test } from "vitest";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("parseXml", () => {
  test("resolves namespaces and addresses elements by local name, whatever the prefix", () => {
    const result = parseXml(
      `<?xml version="1.0"?><c:alert xmlns:c="urn:oasis:names:tc:emergency:cap:1.2"><c:identifier>a&amp;b</c:identifier><c:info><c:area/><c:area/></c:info></c:alert>`,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.root.name).toBe("alert");
    expect(result.root.qname).toBe("c:alert");
    expect(result.root.namespace).toBe("urn:oasis:names:tc:emergency:cap:1.2");
    expect(childText(result.root, "identifier")).toBe("a&b");
    const info = childElement(result.root, "info");
    expect(info && childElements(info, "area")).toHaveLength(2);
  });

  test("keeps CDATA and character references as text", () => {
    const result = parseXml("<a><b><![CDATA[<x> & y]]></b><c>&#x4E2D;&#25991;</c></a>");
    expect(result.ok && childText(result.root, "b")).toBe("<x> & y");
    expect(result.ok && childText(result.root, "c")).toBe("中文");
  });

  test("refuses any DOCTYPE: external entities and billion laughs never expand", () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>`;
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol1;</lolz>`;
    for (const text of [xxe, laughs]) {
      const result = parseXml(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe("EIX_XML_DTD_FORBIDDEN");
    }
    const result = parseXml(xxe);
    if (!result.ok) expect(result.error.position).toEqual({ line: 2, column: 1 });
  });

  test("refuses truncated XML at the place it ends, naming what is still open", () => {
    const result = parseXml("<alert>\n  <identifier>x</identifier>\n  <info>\n    <event>Storm</ev");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("EIX_XML_MALFORMED");
      expect(result.error.position).toEqual({ line: 4, column: 21 });
      expect(result.error.messages["zh-CN"]).toContain("XML 格式错误");
    }
  });

  test("refuses a document cut after a closed child, at its end, naming the open root", () => {
    const result = parseXml("<alert>\n  <identifier>x</identifier>\n");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.position).toEqual({ line: 3, column: 1 });
      expect(result.error.messages.en).toContain("<alert> still open");
    }
  });

  test("refuses 10,000 levels of nesting before parsing", () => {
    const deep = `${"<a>".repeat(10_000)}${"</a>".repeat(10_000)}`;
    const result = parseXml(deep);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe("EIX_XML_TOO_DEEP");
    expect(parseXml(`${"<a>".repeat(60)}${"</a>".repeat(60)}`).ok).toBe(true);
    expect(parseXml(`${"<a>".repeat(60)}${"</a>".repeat(60)}`, { maxDepth: 10 }).ok).toBe(false);
  });

  test("self-closing elements, comments and quoted '>' do not count as depth", () => {
    const text = `<a x="1>2"><!-- <b><b><b> --><c/><c/><![CDATA[<d><d>]]></a>`;
    expect(parseXml(text, { maxDepth: 1 }).ok).toBe(true);
  });

  test("needs exactly one root", () => {
    expect(parseXml("<a/><b/>").ok).toBe(false);
    expect(parseXml("just text").ok).toBe(false);
  });
});

describe("readXmlBytes", () => {
  test("refuses a body over the limit before decoding it", () => {
    const result = readXmlBytes(new Uint8Array(2048), { maxBytes: 1024 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe("EIX_ADAPTER_TOO_LARGE");
  });

  test("decodes the declared encoding and reports the charset", () => {
    // "<a>中</a>" in GB18030 with its declaration.
    const gb = new Uint8Array([...bytes('<?xml version="1.0" encoding="GB18030"?><a>'), 0xd6, 0xd0, ...bytes("</a>")]);
    const result = readXmlBytes(gb);
    expect(result.ok && result.charset).toBe("gb18030");
    expect(result.ok && result.root.text).toBe("中");
  });

  test("detects GB18030 without a declaration, with a warning", () => {
    const gb = new Uint8Array([...bytes("<a>"), 0xd6, 0xd0, 0xce, 0xc4, ...bytes("</a>")]);
    const result = readXmlBytes(gb);
    expect(result.ok && result.root.text).toBe("中文");
    expect(result.issues.map((i) => i.code)).toEqual(["EIX_CHARSET_GUESSED"]);
  });

  test("refuses GB18030 bytes declared as UTF-8, naming the likely charset", () => {
    const wrong = new Uint8Array([
      ...bytes('<?xml version="1.0" encoding="UTF-8"?><a>'),
      0xd6,
      0xd0,
      0xce,
      0xc4,
      ...bytes("</a>"),
    ]);
    const result = readXmlBytes(wrong);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("EIX_CHARSET_INVALID");
      expect(result.error.message).toContain("GB18030");
    }
  });

  test("reads ISO-8859-1", () => {
    const latin = new Uint8Array([...bytes('<?xml version="1.0" encoding="ISO-8859-1"?><a>Montr'), 0xe9, ...bytes("al</a>")]);
    const result = readXmlBytes(latin);
    expect(result.ok && result.root.text).toBe("Montréal");
    expect(result.ok && result.charset).toBe("iso-8859-1");
  });
});
