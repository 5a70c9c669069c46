// Schema checks for what national.edxl writes: the EDXL-DE 2.0 XSD (CS02, as copied into
// SAMU-Hub) for the XML form, SAMU-Hub's JSON schema for the JSON form. Neither can be used
// exactly as stored, and the changes are made here, in memory, never to the corpus files:
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { validateXML } from "xmllint-wasm";

const corpus = new URL("../../../test/corpus/", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, corpus), "utf8");

// 1. SAMU-Hub's copy declares the root `edxlDistribution`; EIX writes OASIS's `EDXLDistribution`
//    (the name of the DE 1.0 root and of the OASIS 2.0 examples). A second global element with
//    the same type is declared beside it, so both spellings validate against the same content model.
const de20 = read("edxl/samuhub-edxl-de-v2.0-wd11.xsd").replace(
  '<xs:element name="edxlDistribution" type="DEDistributionType"/>',
  '<xs:element name="edxlDistribution" type="DEDistributionType"/>\n    <xs:element name="EDXLDistribution" type="DEDistributionType"/>',
);

// 2. The schemas DE 2.0 imports (EDXL Common Types, GSF, extension, XLink) are not in the corpus:
//    these stand-ins are EIX's, not OASIS text. They declare only what DE 2.0 refers to. Strings
//    and times are plain xs:string and xs:dateTime; ct:ValueListType is valueListURI + value+ and a
//    geo-political location a list of ct:geoCode value lists, as EDXL-CT implementations write them
//    (EDXLSharp, SAMU-Hub's keyword). GML locations, extensions and XLink attributes, which EIX
//    never writes, are accepted as anything. SAMU-Hub's own NexSIS imports are left unresolved
//    (libxml2 skips an import it cannot load; nothing here uses those namespaces).
const ct = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:ct="urn:oasis:names:tc:emergency:edxl:ct:1.0"
  targetNamespace="urn:oasis:names:tc:emergency:edxl:ct:1.0" elementFormDefault="qualified">
  <xs:simpleType name="EDXLStringType"><xs:restriction base="xs:string"/></xs:simpleType>
  <xs:simpleType name="EDXLDateTimeType"><xs:restriction base="xs:dateTime"/></xs:simpleType>
  <xs:complexType name="ValueListType"><xs:sequence>
    <xs:element name="valueListURI" type="xs:anyURI"/>
    <xs:element name="value" type="xs:string" maxOccurs="unbounded"/>
  </xs:sequence></xs:complexType>
  <xs:complexType name="EDXLGeoPoliticalLocationType"><xs:sequence>
    <xs:element name="geoCode" type="ct:ValueListType" maxOccurs="unbounded"/>
  </xs:sequence></xs:complexType>
</xs:schema>`;
const anything = (namespace: string, element: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${namespace}"><xs:element name="${element}" type="xs:anyType"/></xs:schema>`;
const xlink = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/1999/xlink">
  ${["extendedAttrs", "resourceAttrs", "arcAttrs"].map((g) => `<xs:attributeGroup name="${g}"><xs:anyAttribute namespace="##targetNamespace" processContents="skip"/></xs:attributeGroup>`).join("\n  ")}
</xs:schema>`;

// 3. embeddedXMLContent is `xs:any processContents="strict"`: an embedded CAP alert is validated
//    too, against the official CAP-v1.2.xsd, imported beside DE 2.0 by a driver schema.
const driver = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:eix:test:edxl-validation">
  <xs:import namespace="urn:oasis:names:tc:emergency:EDXL:DE:2.0" schemaLocation="edxl-de-v2.0-wd11.xsd"/>
  <xs:import namespace="urn:oasis:names:tc:emergency:cap:1.2" schemaLocation="CAP-v1.2.xsd"/>
</xs:schema>`;

const de20Files = [
  { fileName: "edxl-de-v2.0-wd11.xsd", contents: de20 },
  { fileName: "CAP-v1.2.xsd", contents: read("cap/schema/CAP-v1.2.xsd") },
  { fileName: "other-supporting-schema/xlink.xsd", contents: xlink },
  { fileName: "other-supporting-schema/EDXLCT_wd06/edxl-ct-v1.0-wd05.xsd", contents: ct },
  {
    fileName: "other-supporting-schema/EDXLCT_wd06/edxl-gsf.v1.0.xsd",
    contents: anything("urn:oasis:names:tc:emergency:edxl:gsf:1.0", "EDXLGeoLocation"),
  },
  {
    fileName: "other-supporting-schema/EDXLCT_wd06/edxl-ext-v1.0.xsd",
    contents: anything("urn:oasis:names:tc:emergency:edxl:extension:1.0", "extension"),
  },
];

/** libxml2's messages for an EDXL-DE 2.0 XML document; empty when it validates. */
export async function de20Errors(xml: string): Promise<string[]> {
  const verdict = await validateXML({
    xml: [{ fileName: "distribution.xml", contents: xml }],
    schema: [{ fileName: "driver.xsd", contents: driver }],
    preload: de20Files,
  });
  return verdict.valid ? [] : verdict.errors.map((e) => e.rawMessage);
}

/** libxml2's messages for an EDXL-DE 1.0 document against the corpus's edxlde-1_0.xsd, CAP 1.2 alerts included. */
export async function de10Errors(xml: string): Promise<string[]> {
  const driver10 = driver.replace("EDXL:DE:2.0", "EDXL:DE:1.0").replace("edxl-de-v2.0-wd11.xsd", "edxlde-1_0.xsd");
  const verdict = await validateXML({
    xml: [{ fileName: "distribution.xml", contents: xml }],
    schema: [{ fileName: "driver.xsd", contents: driver10 }],
    preload: [
      { fileName: "edxlde-1_0.xsd", contents: read("edxl/edxlde-1_0.xsd") },
      { fileName: "CAP-v1.2.xsd", contents: read("cap/schema/CAP-v1.2.xsd") },
    ],
  });
  return verdict.valid ? [] : verdict.errors.map((e) => e.rawMessage);
}

// The JSON form: SAMU-Hub's EDXL-DE-full.schema.json with ajv (borrowed from @eix/schema, which
// depends on it). Its message schemas (RC-DE, RC-EDA, CustomContent…) are not in the corpus and
// are stubbed as accepting anything: the check covers the envelope, the descriptor and which
// content branch applies (EIX writes the customContent one).
type AjvValidate = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
const requireFromSchema = createRequire(new URL("../../schema/package.json", import.meta.url));
const { default: Ajv } = requireFromSchema("ajv") as {
  default: new (options: object) => { addSchema(schema: object): void; compile(schema: object): AjvValidate };
};
const { default: addFormats } = requireFromSchema("ajv-formats") as { default: (ajv: object) => void };
const samuSchema = JSON.parse(read("edxl/samuhub-EDXL-DE-full.schema.json")) as object;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const name of [
  "RC-DE",
  "RC-EDA",
  "RS-EDA",
  "RC-REF",
  "RS-INFO",
  "RS-ERROR",
  "EMSI",
  "CustomContent",
  "GEO-POS",
  "GEO-REQ",
  "GEO-RES",
])
  ajv.addSchema({ $id: `classpath:/json-schema/${name}.schema.json` });
const samuValidate = ajv.compile(samuSchema);

/** ajv's messages for a JSON-form distribution against SAMU-Hub's schema; empty when it validates. */
export function samuHubErrors(json: unknown): string[] {
  return samuValidate(json) ? [] : (samuValidate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}
