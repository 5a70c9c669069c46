import type { DecodeContext } from "@eix/adapters";

/**
 * The corpus every adapter is held to: each file either decodes to valid canonical messages
 * (`expect: "valid"`) or is refused with the given code. Files live in test/corpus/ with their
 * provenance beside them.
 */
export interface ConformanceCase {
  readonly adapter: string;
  /** Path below test/corpus/. */
  readonly file: string;
  /**
   * "valid": decodes to valid canonical messages; "not-reportable": decodes, but holds nothing
   * the hub reports (an HL7 lab result, an ordinary 110 theft call), said by a *_NOT_REPORTABLE issue.
   */
  readonly expect: "valid" | "not-reportable" | { readonly code: string };
  /** The source configuration a hub would pass (e.g. the sending unit of a foreign CAP feed). */
  readonly ctx?: DecodeContext;
  /** Whether sniffing alone must pick this adapter for the file (default: yes for valid files). */
  readonly sniffs?: boolean;
}

const cn12379: ConformanceCase[] = [
  { adapter: "weather.cn12379", file: "cn12379/henan-cma-11B06-blue-2020.xml", expect: "valid" },
  { adapter: "weather.cn12379", file: "cn12379/henan-11B06-blue-cancle.xml", expect: "valid" },
  { adapter: "weather.cn12379", file: "cn12379/henan-11B06-blue-gb18030.xml", expect: "valid" },
  { adapter: "weather.cn12379", file: "cn12379/henan-11B06-blue-gb18030-undeclared.xml", expect: "valid" },
  { adapter: "weather.cn12379", file: "cn12379/henan-11B06-blue-update-two-references.xml", expect: "valid" },
  { adapter: "weather.cn12379", file: "cn12379/zhengzhou-11B03-red-polygon.xml", expect: "valid" },
  {
    adapter: "weather.cn12379",
    file: "cn12379/henan-11B06-blue-classified.xml",
    expect: { code: "EIX_ADAPTER_INVALID_OUTPUT" },
  },
];

// Foreign CAP feeds reach a hub through a source that names the unit relaying them.
const foreignFeed: DecodeContext = {
  sender: {
    unitId: "FOREIGN-CAP-FEED",
    name: "境外预警信息接收",
    department: "weather",
    level: "national",
    regionCode: "100000",
  },
};
const capValid = [
  "google-KAR0-0306112239-SW.cap",
  "google-australia.cap",
  "google-canada.cap",
  "google-canada_signed.cap",
  "google-earthquake-iso8859-1.cap",
  "google-thunderstorm.cap",
  "google-wcatwc-warning.cap",
  "google-weather.cap",
  "ibm-cap_amber_alert_example.xml",
  "kde-mo-cap_monsoon.xml",
  "oasiscap-google-PAAQ-4-mg5a94.xml",
  "oasiscap-ipaws-5e6dd9de023f1930ef6548d9.xml",
  "oasiscap-ipaws-5e7e0fc5023f1930efcf3deb.xml",
  "oasiscap-nws-5c2cf27b1f56885d61654dc47fa411d5.xml",
  "oasiscap-v1dot2_appendix_adot1.xml",
  "oasiscap-v1dot2_appendix_adot2.xml",
  "oasiscap-v1dot2_appendix_adot3.xml",
  "oasiscap-v1dot2_appendix_adot4.xml",
];
const capRefused: Record<string, string> = {
  "google-xee.cap": "EIX_XML_DTD_FORBIDDEN",
  "google-invalid.cap": "EIX_ADAPTER_MISSING_FIELD",
  "google-canada_errors.cap": "EIX_ADAPTER_BAD_VALUE",
  "google-noaa_errors.cap": "EIX_ADAPTER_BAD_VALUE",
  "google-no_optional_fields.cap": "EIX_ADAPTER_MISSING_FIELD",
};
const cap: ConformanceCase[] = [
  ...capValid.map((file) => ({ adapter: "weather.cap", file: `cap/${file}`, expect: "valid" as const, ctx: foreignFeed })),
  ...Object.entries(capRefused).map(([file, code]) => ({
    adapter: "weather.cap",
    file: `cap/${file}`,
    expect: { code },
    ctx: foreignFeed,
  })),
  // The real 12379 message, through its own adapter.
  { adapter: "weather.cn12379", file: "cap/cn/marquisXuan-henan-cma-11B06-blue-2020.xml", expect: "valid" },
];

// Public-health emergency event reports (synthetic, see test/corpus/PROVENANCE.md).
const phe: ConformanceCase[] = [
  { adapter: "health.phe-report", file: "health/phe-food-poisoning-school-initial.json", expect: "valid" },
  { adapter: "health.phe-report", file: "health/phe-food-poisoning-school-progress-gb18030.xml", expect: "valid" },
  { adapter: "health.phe-report", file: "health/phe-missing-onset.json", expect: { code: "EIX_ADAPTER_MISSING_FIELD" } },
];

// HL7 v2: the shared corpus (lab results, orders, charges, schedules, admissions without a
// notifiable diagnosis) holds nothing reportable; the synthetic case files each report one case.
const hospital = (
  unitId: string,
  name: string,
  regionCode: string,
  level: "municipal" | "county" = "municipal",
): DecodeContext => ({
  sender: { unitId, name, department: "health", level, regionCode },
});
const hl7NotReportable = [
  "rethink-adt-a01-basic.hl7",
  "rethink-adt-a01-full.hl7",
  "rethink-dft-p03-charge.hl7",
  "rethink-edge-crlf-line-endings.hl7",
  "rethink-edge-custom-delimiters.hl7",
  "rethink-edge-empty-segments.hl7",
  "rethink-edge-escaped-delimiters.hl7",
  "rethink-edge-field-repetitions.hl7",
  "rethink-edge-non-ascii.hl7",
  "rethink-edge-z-segments.hl7",
  "rethink-invalid-trailing-empty-fields.hl7",
  "rethink-mdm-t02-document.hl7",
  "rethink-orm-o01-order.hl7",
  "rethink-oru-r01-lab.hl7",
  "rethink-siu-s12-schedule.hl7",
  "eix-synthetic-8859-1.hl7",
  "eix-synthetic-batch.hl7",
  "eix-synthetic-cr-two-messages.hl7",
  "eix-synthetic-escape-malformed.hl7",
  "eix-synthetic-escapes.hl7",
  "eix-synthetic-lf-three-messages.hl7",
  "eix-synthetic-truncation-v27.hl7",
];
const hl7Refused: Record<string, string> = {
  "rethink-invalid-missing-msh.hl7": "EIX_HL7_NO_MSH",
  "rethink-invalid-segment-header-length.hl7": "EIX_HL7_SEGMENT_ID",
  "rethink-invalid-wrong-version.hl7": "EIX_HL7_VERSION_UNSUPPORTED",
  "eix-synthetic-invalid-msh-encoding.hl7": "EIX_HL7_MSH_ENCODING",
  "eix-synthetic-invalid-version-2.9.hl7": "EIX_HL7_VERSION_UNSUPPORTED",
};
const guangzhou = hospital("GZ-YAQ-HOSP", "广州市某区医院", "440100");
const hl7: ConformanceCase[] = [
  ...hl7NotReportable.map((file) => ({ adapter: "health.hl7v2", file: `hl7v2/${file}`, expect: "not-reportable" as const })),
  ...Object.entries(hl7Refused).map(([file, code]) => ({ adapter: "health.hl7v2", file: `hl7v2/${file}`, expect: { code } })),
  { adapter: "health.hl7v2", file: "hl7v2/eix-synthetic-gb18030-msh18.hl7", expect: "valid", ctx: guangzhou },
  { adapter: "health.hl7v2", file: "hl7v2/eix-synthetic-gb18030-undeclared.hl7", expect: "valid", ctx: guangzhou },
  {
    adapter: "health.hl7v2",
    file: "health/hl7-oru-r01-cholera-confirmed.hl7",
    expect: "valid",
    ctx: hospital("NNCDC", "南宁市疾病预防控制中心", "450100"),
  },
  {
    adapter: "health.hl7v2",
    file: "health/hl7-adt-a04-plague-suspected-gb18030.hl7",
    expect: "valid",
    ctx: hospital("XLGL-RMYY", "锡林浩特市某医院", "152502", "county"),
  },
  {
    adapter: "health.hl7v2",
    file: "health/hl7-adt-a01-pulmonary-anthrax-died-crlf.hl7",
    expect: "valid",
    ctx: hospital("CHD-ZXYY", "承德县某医院", "130821", "county"),
  },
];

// The national exchange envelope, EDXL-DE: DE 1.0 with CAP (google/cap-library), SAMU-Hub's JSON
// form (an Ack, a hub Error), and EIX's own DE 2.0 output (synthetic, see test/corpus/PROVENANCE.md).
const relayedFeed: DecodeContext = {
  sender: {
    unitId: "FOREIGN-EDXL-FEED",
    name: "境外应急信息接收",
    department: "emergency-office",
    level: "national",
    regionCode: "100000",
  },
};
const edxl: ConformanceCase[] = [
  { adapter: "national.edxl", file: "edxl/google-bushfire_valid.edxlde", expect: "valid", ctx: relayedFeed },
  { adapter: "national.edxl", file: "edxl/samuhub-rc-ref-ack.json", expect: "valid", ctx: relayedFeed },
  { adapter: "national.edxl", file: "edxl/samuhub-hub-error-to-samuA.json", expect: "valid", ctx: relayedFeed },
  { adapter: "national.edxl", file: "edxl/eix-synthetic-incident-2.0.xml", expect: "valid" },
  { adapter: "national.edxl", file: "edxl/eix-synthetic-12379-gale-gb18030-2.0.xml", expect: "valid" },
  { adapter: "national.edxl", file: "edxl/eix-synthetic-directive-2.0.json", expect: "valid" },
  // The second alert is empty (its content a comment) and the third's urgency is "Foobar".
  {
    adapter: "national.edxl",
    file: "edxl/google-bushfire_invalid.edxlde",
    expect: { code: "EIX_ADAPTER_MISSING_FIELD" },
    ctx: relayedFeed,
  },
  {
    adapter: "national.edxl",
    file: "edxl/eix-synthetic-incident-digest-mismatch-2.0.xml",
    expect: { code: "EIX_EDXL_DIGEST_MISMATCH" },
  },
  { adapter: "national.edxl", file: "edxl/eix-synthetic-incident-classified-2.0.xml", expect: { code: "EIX_EDXL_CLASSIFIED" } },
];

// NENA EIDO: the NENA call-transfer sample; EIDO carries no GB/T 2260 region, so the source names its unit.
const eidoFeed: DecodeContext = {
  sender: {
    unitId: "110000000000GA",
    name: "北京市公安局指挥中心",
    department: "public-security",
    level: "municipal",
    regionCode: "110000",
  },
};
const eido: ConformanceCase[] = [
  { adapter: "public-security.eido", file: "eido/nena-sample-call-transfer-EIDO.json", expect: "valid", ctx: eidoFeed },
  {
    adapter: "public-security.eido",
    file: "eido/nena-sample-call-transfer-EIDO.json",
    expect: { code: "EIX_EIDO_REGION_UNKNOWN" },
    sniffs: false,
  },
];

// 110 dispatch records (synthetic, see test/corpus/PROVENANCE.md).
const gcj02: DecodeContext = { options: { datum: "gcj02" } };
const bd09: DecodeContext = { options: { datum: "bd09" } };
const cad110: ConformanceCase[] = [
  { adapter: "public-security.cad110", file: "cad110/cad110-fire-traffic-rows.xml", expect: "valid", ctx: gcj02 },
  { adapter: "public-security.cad110", file: "cad110/cad110-hazmat-gb18030.xml", expect: "valid", ctx: bd09 },
  { adapter: "public-security.cad110", file: "cad110/cad110-hazmat-gb18030-undeclared.xml", expect: "valid", ctx: bd09 },
  {
    adapter: "public-security.cad110",
    file: "cad110/cad110-nanshan-batch-gb18030.csv",
    expect: "valid",
    ctx: { options: { datum: "gcj02", personalData: "mask" } },
  },
  { adapter: "public-security.cad110", file: "cad110/cad110-chengdu-records.json", expect: "valid", ctx: gcj02 },
  { adapter: "public-security.cad110", file: "cad110/cad110-fire-gb18030.json", expect: "valid", ctx: gcj02 },
  { adapter: "public-security.cad110", file: "cad110/cad110-not-reportable.csv", expect: "not-reportable" },
  { adapter: "public-security.cad110", file: "cad110/cad110-missing-xzqhbh.csv", expect: { code: "EIX_ADAPTER_MISSING_FIELD" } },
  { adapter: "public-security.cad110", file: "cad110/cad110-unclosed-quote.csv", expect: { code: "EIX_ADAPTER_BAD_VALUE" } },
];

// UCRI2 incident transfer (synthetic, see test/corpus/PROVENANCE.md); UCRI2 has no GB/T 2260 region, so the source names its unit.
const ucri2Feed: DecodeContext = {
  sender: {
    unitId: "FOREIGN-UCRI2-FEED",
    name: "UCRI2-Partnerleitstelle",
    department: "public-security",
    level: "municipal",
    regionCode: "110100",
  },
};
const ucri2: ConformanceCase[] = [
  { adapter: "public-security.ucri2", file: "ucri2/ucri2-synthetic-fire.json", expect: "valid", ctx: ucri2Feed },
  {
    adapter: "public-security.ucri2",
    file: "ucri2/ucri2-synthetic-traffic-accident-police.json",
    expect: "valid",
    ctx: ucri2Feed,
  },
  {
    adapter: "public-security.ucri2",
    file: "ucri2/ucri2-synthetic-missing-location.json",
    expect: { code: "EIX_ADAPTER_MISSING_FIELD" },
    ctx: ucri2Feed,
  },
  {
    adapter: "public-security.ucri2",
    file: "ucri2/ucri2-synthetic-fire.json",
    expect: { code: "EIX_ADAPTER_MISSING_FIELD" },
    sniffs: false,
  },
];

// Verified forest-fire reports (林火报告; synthetic, see test/corpus/PROVENANCE.md).
const fireReport: ConformanceCase[] = [
  { adapter: "forestry.fire-report", file: "forestry/fire-report-anning-initial.json", expect: "valid" },
  { adapter: "forestry.fire-report", file: "forestry/fire-report-anning-final-gb18030.xml", expect: "valid" },
  { adapter: "forestry.fire-report", file: "forestry/fire-report-muli-severity-mismatch.json", expect: "valid" },
  {
    adapter: "forestry.fire-report",
    file: "forestry/fire-report-missing-ignition.json",
    expect: { code: "EIX_ADAPTER_MISSING_FIELD" },
  },
];

// NASA FIRMS hotspots (the shared MODIS rows; a synthetic low-confidence file): FIRMS names no unit, so the source does.
const firmsFeed: DecodeContext = {
  sender: {
    unitId: "100000-LCJ-WXRD",
    name: "国家林草局卫星热点监测",
    department: "forestry",
    level: "national",
    regionCode: "100000",
  },
};
const hotspots: ConformanceCase[] = [
  { adapter: "forestry.hotspots", file: "firms/ryankeys-MODIS_C6_Global_24h.head200.csv", expect: "valid", ctx: firmsFeed },
  { adapter: "forestry.hotspots", file: "firms/synthetic-modis-low-confidence.csv", expect: "not-reportable", ctx: firmsFeed },
  // Synthetic Chinese hotspot bulletins (卫星林火监测热点通报): CSV in UTF-8 and GB18030, JSON.
  { adapter: "forestry.hotspots", file: "forestry/hotspot-bulletin-daxinganling.csv", expect: "valid", ctx: firmsFeed },
  { adapter: "forestry.hotspots", file: "forestry/hotspot-bulletin-yunnan-gb18030.csv", expect: "valid", ctx: firmsFeed },
  { adapter: "forestry.hotspots", file: "forestry/hotspot-bulletin-muli.json", expect: "valid", ctx: firmsFeed },
  { adapter: "forestry.hotspots", file: "forestry/hotspot-bulletin-farmland-only.csv", expect: "not-reportable", ctx: firmsFeed },
  {
    adapter: "forestry.hotspots",
    file: "forestry/hotspot-bulletin-bad-rows.csv",
    expect: { code: "EIX_ADAPTER_BAD_VALUE" },
    ctx: firmsFeed,
  },
];

export const conformanceCases: readonly ConformanceCase[] = [
  ...cn12379,
  ...cap,
  ...phe,
  ...hl7,
  ...edxl,
  ...eido,
  ...cad110,
  ...ucri2,
  ...fireReport,
  ...hotspots,
];
