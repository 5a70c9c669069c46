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
  readonly expect: "valid" | { readonly code: string };
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
    regionCode: "110000",
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

export const conformanceCases: readonly ConformanceCase[] = [...cn12379, ...cap];
