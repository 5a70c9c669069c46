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

export const conformanceCases: readonly ConformanceCase[] = [...cn12379];
