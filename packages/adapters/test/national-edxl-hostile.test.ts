import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { type DecodeContext, type DecodeResult, nationalEdxlAdapter } from "@eix/adapters";
import type { Envelope } from "@eix/schema";
import iconv from "iconv-lite";
import { describe, expect, test } from "vitest";

const corpusDir = new URL("../../../test/corpus/", import.meta.url);
const corpusText = (path: string) => readFileSync(new URL(path, corpusDir), "utf8");
const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../schema/examples/valid/${name}`, import.meta.url), "utf8")) as Envelope;
const bytes = (value: string) => new TextEncoder().encode(value);
const xmlOf = (message: Envelope) => new TextDecoder().decode(nationalEdxlAdapter.encode(message));
const jsonOf = (message: Envelope) =>
  new TextDecoder().decode(nationalEdxlAdapter.encode(message, { options: { form: "json" } }));

const incident = example("incident-110-fire-initial.json");
const warning = example("warning-rainstorm-red-polygon-bilingual.json");
const feed: DecodeContext = {
  sender: {
    unitId: "FOREIGN-EDXL-FEED",
    name: "境外应急信息接收",
    department: "emergency-office",
    level: "national",
    regionCode: "100000",
  },
};

function refused(result: DecodeResult) {
  if (result.ok) expect.fail(`decoded ${result.messages.length} message(s)`);
  expect(result.error.messages["zh-CN"]).not.toBe("");
  return result.error;
}

/** An otherContent block with its parts replaced. */
function withOtherContent(xml: string, parts: { size?: string; digest?: string; contentData?: string; uri?: string }): string {
  let out = xml;
  if (parts.size !== undefined) out = out.replace(/<size>\d+<\/size>/, `<size>${parts.size}</size>`);
  if (parts.digest !== undefined) out = out.replace(/<digest>[^<]*<\/digest>/, `<digest>${parts.digest}</digest>`);
  if (parts.contentData !== undefined)
    out = out.replace(/<contentData>[^<]*<\/contentData>/, `<contentData>${parts.contentData}</contentData>`);
  if (parts.uri !== undefined) out = out.replace(/<contentData>[^<]*<\/contentData>/, `<uri>${parts.uri}</uri>`);
  return out;
}

const dataOf = (xml: string) => Buffer.from(/<contentData>([^<]*)</.exec(xml)?.[1] ?? "", "base64");

describe("national.edxl refuses hostile or damaged XML through the kit", () => {
  test("a DOCTYPE with an entity (XXE) is refused before parsing", () => {
    const xml = xmlOf(incident).replace(
      '<?xml version="1.0" encoding="UTF-8"?>\n',
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE EDXLDistribution [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n',
    );
    const error = refused(nationalEdxlAdapter.decode(bytes(xml.replace("<senderID>", "<senderID>&xxe;"))));
    expect(error.code).toBe("EIX_XML_DTD_FORBIDDEN");
    expect(error.position).toMatchObject({ line: 2, column: 1 });
  });

  test("a truncated distribution is refused where it ends, naming what is still open", () => {
    const xml = xmlOf(incident);
    const cut = xml.slice(0, xml.indexOf("<contentData>") + 200);
    const error = refused(nationalEdxlAdapter.decode(bytes(cut)));
    expect(error.code).toBe("EIX_XML_MALFORMED");
    expect(error.messages.en).toMatch(/still open/);
    expect(error.position?.line).toBe(cut.split("\n").length);
  });

  test("elements nested deeper than the limit are refused without building them", () => {
    const deep = `${"<a>".repeat(5000)}${"</a>".repeat(5000)}`;
    const xml = xmlOf(incident).replace("<senderID>", `<senderID>${deep}`);
    expect(refused(nationalEdxlAdapter.decode(bytes(xml))).code).toBe("EIX_XML_TOO_DEEP");
  });

  test("a document that is not an EDXL distribution is refused as the wrong format", () => {
    const cap = corpusText("cap/oasiscap-v1dot2_appendix_adot1.xml");
    expect(refused(nationalEdxlAdapter.decode(bytes(cap))).code).toBe("EIX_ADAPTER_WRONG_FORMAT");
    const noNamespace = xmlOf(incident).replace(/ xmlns="[^"]*"/, "");
    expect(refused(nationalEdxlAdapter.decode(bytes(noNamespace))).code).toBe("EIX_ADAPTER_WRONG_FORMAT");
  });
});

describe("national.edxl checks content data against its size and digest", () => {
  const xml = xmlOf(incident);
  const data = dataOf(xml);

  test("EIX's own output decodes (the control for the cases below)", () => {
    expect(nationalEdxlAdapter.decode(bytes(xml)).ok).toBe(true);
  });

  test("a wrong digest is refused, naming both values and the algorithm", () => {
    const other = createHash("sha256").update("something else").digest("base64");
    const error = refused(nationalEdxlAdapter.decode(bytes(withOtherContent(xml, { digest: other }))));
    expect(error.code).toBe("EIX_EDXL_DIGEST_MISMATCH");
    expect(error.messages.en).toContain(other);
    expect(error.messages.en).toContain("SHA256");
    expect(error.position?.at).toMatch(/otherContent\/digest$/);
    expect(error.position?.line).toBeGreaterThan(1);
  });

  test("data altered on the way (same length, digest kept) is refused by the digest", () => {
    const altered = Buffer.from(data);
    altered[20] = (altered[20] ?? 0) ^ 0x01;
    const error = refused(nationalEdxlAdapter.decode(bytes(withOtherContent(xml, { contentData: altered.toString("base64") }))));
    expect(error.code).toBe("EIX_EDXL_DIGEST_MISMATCH");
  });

  test("a wrong size is refused before the digest is looked at", () => {
    const error = refused(nationalEdxlAdapter.decode(bytes(withOtherContent(xml, { size: String(data.byteLength + 1) }))));
    expect(error.code).toBe("EIX_EDXL_SIZE_MISMATCH");
    expect(error.messages.en).toContain(`size says ${data.byteLength + 1} bytes, the data has ${data.byteLength}`);
    const cut = data.subarray(0, data.byteLength - 10).toString("base64");
    expect(refused(nationalEdxlAdapter.decode(bytes(withOtherContent(xml, { contentData: cut })))).code).toBe(
      "EIX_EDXL_SIZE_MISMATCH",
    );
  });

  test("SHA-1 digests (DE 1.0 practice) and hex digests are checked too", () => {
    const sha1 = createHash("sha1").update(data);
    expect(nationalEdxlAdapter.decode(bytes(withOtherContent(xml, { digest: sha1.copy().digest("base64") }))).ok).toBe(true);
    expect(nationalEdxlAdapter.decode(bytes(withOtherContent(xml, { digest: sha1.digest("hex") }))).ok).toBe(true);
    const hex256 = createHash("sha256").update(data).digest("hex").toUpperCase();
    expect(nationalEdxlAdapter.decode(bytes(withOtherContent(xml, { digest: hex256 }))).ok).toBe(true);
    const wrong = createHash("sha1").update("x").digest("base64");
    const error = refused(nationalEdxlAdapter.decode(bytes(withOtherContent(xml, { digest: wrong }))));
    expect(error.code).toBe("EIX_EDXL_DIGEST_MISMATCH");
    expect(error.messages.en).toContain("SHA1");
  });

  test("a digest of no known algorithm is refused rather than skipped", () => {
    const md5 = createHash("md5").update(data).digest("base64");
    expect(refused(nationalEdxlAdapter.decode(bytes(withOtherContent(xml, { digest: md5 })))).code).toBe(
      "EIX_EDXL_DIGEST_UNSUPPORTED",
    );
  });

  test("contentData that is not base64 is refused", () => {
    const error = refused(nationalEdxlAdapter.decode(bytes(withOtherContent(xml, { contentData: "eyJpZCI6!!!" }))));
    expect(error.code).toBe("EIX_EDXL_BASE64_INVALID");
  });

  test("content given only by uri is refused: adapters do no I/O", () => {
    const error = refused(
      nationalEdxlAdapter.decode(bytes(withOtherContent(xml, { uri: "https://example.invalid/content.json" }))),
    );
    expect(error.code).toBe("EIX_EDXL_CONTENT_EXTERNAL");
    expect(error.messages.en).toContain("https://example.invalid/content.json");
  });

  test("huge base64 is refused by size before anything is parsed or decoded", () => {
    const huge = withOtherContent(xml, { contentData: "QUFB".repeat(3 * 1024 * 1024) });
    const started = performance.now();
    const error = refused(nationalEdxlAdapter.decode(bytes(huge)));
    expect(error.code).toBe("EIX_ADAPTER_TOO_LARGE");
    expect(performance.now() - started).toBeLessThan(1000);
    const json = jsonOf(incident).replace('"content": [', `"padding": "${"A".repeat(11 * 1024 * 1024)}",\n  "content": [`);
    expect(refused(nationalEdxlAdapter.decode(bytes(json))).code).toBe("EIX_ADAPTER_TOO_LARGE");
  });

  test("large base64 under a raised limit is decoded and checked, not trusted", () => {
    const padded = Buffer.alloc(3 * 1024 * 1024, 0x20); // 3 MiB of spaces (4 MiB as base64): valid data, wrong digest
    const big = withOtherContent(xml, { size: String(padded.byteLength), contentData: padded.toString("base64") });
    const error = refused(nationalEdxlAdapter.decode(bytes(big), { limits: { maxBytes: 32 * 1024 * 1024 } }));
    expect(error.code).toBe("EIX_EDXL_DIGEST_MISMATCH");
  });
});

describe("national.edxl refuses what it must not carry or cannot map", () => {
  test("a distribution marked Classified (or a DE 1.0 SECRET) is refused", () => {
    const classified = xmlOf(incident).replace("<combinedConfidentiality>Unclassified<", "<combinedConfidentiality>Classified<");
    expect(refused(nationalEdxlAdapter.decode(bytes(classified))).code).toBe("EIX_EDXL_CLASSIFIED");
    const secret = corpusText("edxl/google-bushfire_valid.edxlde").replace(">UNCLASSIFIED<", ">SECRET<");
    expect(refused(nationalEdxlAdapter.decode(bytes(secret), feed)).code).toBe("EIX_EDXL_CLASSIFIED");
  });

  test("an Exercise distribution holding an actual message is refused (routers act on the envelope)", () => {
    const exercise = xmlOf(incident).replace("<distributionStatus>Actual<", "<distributionStatus>Exercise<");
    const error = refused(nationalEdxlAdapter.decode(bytes(exercise)));
    expect(error.code).toBe("EIX_EDXL_STATUS_MISMATCH");
  });

  test("a test message travels in the JSON form as Exercise and comes back a test", () => {
    const test = { ...incident, status: "test" } as Envelope;
    const json = jsonOf(test);
    expect(JSON.parse(json).distributionStatus).toBe("Exercise");
    const result = nationalEdxlAdapter.decode(bytes(json));
    expect(result.ok && result.messages[0]?.status).toBe("test");
  });

  test("distribution kinds with no canonical equivalent, and unknown statuses, are refused", () => {
    expect(refused(nationalEdxlAdapter.decode(bytes(xmlOf(incident).replace(">Report<", ">Dispatch<")))).code).toBe(
      "EIX_ADAPTER_BAD_VALUE",
    );
    expect(refused(nationalEdxlAdapter.decode(bytes(xmlOf(incident).replace(">Actual<", ">Real<")))).code).toBe(
      "EIX_ADAPTER_BAD_VALUE",
    );
  });

  test("content that is not CAP or an EIX message is refused in a Report", () => {
    const pdf = xmlOf(incident).replace("<mimeType>application/json<", "<mimeType>application/pdf<");
    expect(refused(nationalEdxlAdapter.decode(bytes(pdf))).code).toBe("EIX_EDXL_CONTENT_UNSUPPORTED");
    const notEix = Buffer.from('{"hello":"world"}');
    const json = withOtherContent(xmlOf(incident), {
      size: String(notEix.byteLength),
      digest: createHash("sha256").update(notEix).digest("base64"),
      contentData: notEix.toString("base64"),
    });
    expect(refused(nationalEdxlAdapter.decode(bytes(json))).code).toBe("EIX_EDXL_CONTENT_UNSUPPORTED");
    const other = xmlOf(warning).replace(
      /<alert xmlns="[^"]*">[\s\S]*<\/alert>/,
      '<report xmlns="urn:example:other"><x>1</x></report>',
    );
    expect(refused(nationalEdxlAdapter.decode(bytes(other))).code).toBe("EIX_EDXL_CONTENT_UNSUPPORTED");
  });

  test("embedded EIX JSON that is not a sound message is refused by validation, every issue listed", () => {
    for (const broken of [
      { ...incident, payload: null },
      { ...incident, sender: "somebody" },
      { ...incident, payload: { ...incident.payload, location: undefined } },
    ]) {
      const data = Buffer.from(JSON.stringify(broken));
      const xml = withOtherContent(xmlOf(incident), {
        size: String(data.byteLength),
        digest: createHash("sha256").update(data).digest("base64"),
        contentData: data.toString("base64"),
      });
      const result = nationalEdxlAdapter.decode(bytes(xml));
      expect(refused(result).code).toBe("EIX_ADAPTER_INVALID_OUTPUT");
      expect(result.issues.length).toBeGreaterThan(0);
    }
  });

  test("an empty embeddedXMLContent, and a Report without content, are refused", () => {
    const empty = xmlOf(warning).replace(/<alert xmlns="[^"]*">[\s\S]*<\/alert>/, "<!-- nothing -->");
    const error = refused(nationalEdxlAdapter.decode(bytes(empty)));
    expect(error.code).toBe("EIX_EDXL_CONTENT_MISSING");
    expect(error.position?.at).toMatch(/embeddedXMLContent$/);
    const none = xmlOf(incident).replace(/<content>[\s\S]*<\/content>\n/, "");
    expect(refused(nationalEdxlAdapter.decode(bytes(none))).code).toBe("EIX_ADAPTER_MISSING_FIELD");
  });

  test("a missing envelope field is refused with where it should be", () => {
    const error = refused(nationalEdxlAdapter.decode(bytes(xmlOf(incident).replace(/<senderID>.*<\/senderID>\n/, ""))));
    expect(error.code).toBe("EIX_ADAPTER_MISSING_FIELD");
    expect(error.position?.at).toBe("/EDXLDistribution/senderID");
  });

  test("truncated JSON is refused with the position it ends at", () => {
    const json = jsonOf(incident);
    const error = refused(nationalEdxlAdapter.decode(bytes(json.slice(0, 300))));
    expect(error.code).toBe("EIX_ADAPTER_WRONG_FORMAT");
    expect(error.messages.en).toMatch(/unexpected end of input at \d+:\d+/);
  });

  test("encode refuses an unknown form option", () => {
    expect(() => nationalEdxlAdapter.encode(incident, { options: { form: "yaml" } })).toThrowError(/options\.form/);
  });
});

describe("national.edxl reads GB18030", () => {
  test("an XML distribution declared GB18030 decodes to the same messages, charset recorded", () => {
    for (const message of [incident, warning]) {
      const utf8 = xmlOf(message);
      const gb = iconv.encode(utf8.replace('encoding="UTF-8"', 'encoding="GB18030"'), "gb18030");
      expect(gb.byteLength).toBeLessThan(Buffer.byteLength(utf8)); // Chinese takes 2 bytes, not 3: really GB18030
      const reference = nationalEdxlAdapter.decode(bytes(utf8));
      const result = nationalEdxlAdapter.decode(new Uint8Array(gb));
      if (!result.ok || !reference.ok) expect.fail("did not decode");
      expect(result.source.charset).toBe("gb18030");
      expect(result.messages).toEqual(reference.messages);
    }
  });

  test("undeclared GB18030 is detected with a warning; GB18030 bytes declared UTF-8 are refused", () => {
    const utf8 = xmlOf(warning).replace('<?xml version="1.0" encoding="UTF-8"?>\n', "");
    const gb = new Uint8Array(iconv.encode(utf8, "gb18030"));
    const result = nationalEdxlAdapter.decode(gb);
    expect(result.ok && result.issues.map((i) => i.code)).toContain("EIX_CHARSET_GUESSED");
    const mislabelled = new Uint8Array(iconv.encode(`<?xml version="1.0" encoding="UTF-8"?>\n${utf8}`, "gb18030"));
    const error = refused(nationalEdxlAdapter.decode(mislabelled));
    expect(error.code).toBe("EIX_CHARSET_INVALID");
    expect(error.messages.en).toContain("GB18030");
  });

  test("canonical JSON content in GB18030, so labelled in its media type, is read", () => {
    const gbJson = iconv.encode(JSON.stringify(incident), "gb18030");
    const xml = withOtherContent(xmlOf(incident), {
      size: String(gbJson.byteLength),
      digest: createHash("sha256").update(gbJson).digest("base64"),
      contentData: gbJson.toString("base64"),
    }).replace("<mimeType>application/json<", "<mimeType>application/json; charset=GB18030<");
    const result = nationalEdxlAdapter.decode(bytes(xml));
    if (!result.ok) expect.fail(result.error.message);
    expect(result.messages[0]?.payload).toEqual(incident.payload);
  });
});
