import table from "../../data/regions-gbt2260.json" with { type: "json" };

/** Tier of an administrative division code (行政区划层级); "national" is the whole country. */
export type RegionLevel = "national" | "province" | "municipal" | "county" | "township" | "village";

/**
 * The whole country (全国) as a region: 100000, the code national systems (the national
 * emergency platform, 12379) use for themselves. GB/T 2260 lists provinces and below only, so
 * the table does not hold it; every code lies within it, and it within no province.
 */
export const NATIONAL_REGION_CODE = "100000";
const NATIONAL_REGION_NAME = "中华人民共和国";

export interface Region {
  /** The code as given: 6 digits, or 12 for township and village. */
  readonly code: string;
  /** Name from the table; township and village names are not shipped. */
  readonly name: string | undefined;
  readonly level: RegionLevel;
  /** The code one level up, or null for a province. */
  readonly parentCode: string | null;
}

const names: Readonly<Record<string, string>> = { ...table.regions, [NATIONAL_REGION_CODE]: NATIONAL_REGION_NAME };

/** Source and edition of the region table, since codes change yearly. */
export const regionTableInfo = { source: table.source, asOf: table.asOf, size: Object.keys(table.regions).length } as const;

const codePattern = /^[1-9][0-9]{5}([0-9]{6})?$/;

export function isRegionCodeFormat(code: string): boolean {
  return codePattern.test(code);
}

/** Level from the shape of the code: PP0000 province, PPCC00 city, PPCCDD county, then 3+3. */
export function regionLevel(code: string): RegionLevel {
  if (code === NATIONAL_REGION_CODE) return "national";
  if (code.length === 12) return code.endsWith("000") ? "township" : "village";
  if (code.endsWith("0000")) return "province";
  if (code.endsWith("00")) return "municipal";
  return "county";
}

function parentCodeOf(code: string): string | null {
  switch (regionLevel(code)) {
    case "village":
      return `${code.slice(0, 9)}000`;
    case "township":
      return code.slice(0, 6);
    case "county": {
      // Counties directly under a province (省直辖县级) hang under a placeholder city such as
      // 429000; when even that is missing, the province is the parent.
      const city = `${code.slice(0, 4)}00`;
      return names[city] !== undefined ? city : `${code.slice(0, 2)}0000`;
    }
    case "municipal":
      return `${code.slice(0, 2)}0000`;
    default:
      return null;
  }
}

/** The entry for a code; 12-digit codes are known when their county is. */
export function lookupRegion(code: string): Region | undefined {
  if (!codePattern.test(code)) return undefined;
  const county = code.slice(0, 6);
  if (names[county] === undefined) return undefined;
  return { code, name: code.length === 6 ? names[code] : undefined, level: regionLevel(code), parentCode: parentCodeOf(code) };
}

export function regionName(code: string): string | undefined {
  return names[code.slice(0, 6)];
}

/** The code itself, then its parents up to the province: county → city → province. */
export function regionChain(code: string): Region[] {
  const chain: Region[] = [];
  let current: string | null = code;
  while (current) {
    const region = lookupRegion(current);
    if (!region) break;
    chain.push(region);
    current = region.parentCode;
  }
  return chain;
}

const prefixLength: Record<RegionLevel, number> = { national: 0, province: 2, municipal: 4, county: 6, township: 9, village: 12 };

/** Whether `inner` lies within `outer` (or is it). Works on the code hierarchy alone. */
export function isWithinRegion(inner: string, outer: string): boolean {
  if (!codePattern.test(inner) || !codePattern.test(outer)) return false;
  const length = prefixLength[regionLevel(outer)];
  const innerLength = prefixLength[regionLevel(inner)];
  return innerLength >= length && inner.slice(0, length) === outer.slice(0, length);
}

// Endings a name is written without in the field (黑龙江 for 黑龙江省, 呼中 for 呼中区); the
// longest is tried first so 自治县 wins over 县.
const NAME_ENDINGS = ["特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "省", "市", "县", "区", "旗", "盟"];
// An autonomous region, prefecture or county is called by its place name alone (木里 for
// 木里藏族自治县, 广西 for 广西壮族自治区, 大理 for 大理白族自治州): the name before its first
// nationality. 各族 (隆林各族自治县) counts as one; Xinjiang's names write no 族 (新疆维吾尔自治区,
// 伊犁哈萨克自治州, 察布查尔锡伯自治县); longer names come first (土家 before 土).
const NATIONALITY =
  /(?:维吾尔|哈萨克|柯尔克孜|乌孜别克|达斡尔|鄂伦春|鄂温克|塔吉克|塔塔尔|俄罗斯|蒙古|布依|朝鲜|土家|哈尼|傈僳|拉祜|东乡|纳西|景颇|仫佬|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|德昂|保安|裕固|独龙|赫哲|门巴|珞巴|基诺|高山|回|藏|苗|彝|壮|满|侗|瑶|白|傣|黎|佤|畲|水|土|羌|怒|京|各)族|(?:维吾尔|哈萨克|柯尔克孜|蒙古|锡伯|塔吉克)(?=自治)/;
let codesByName: Map<string, string[]> | undefined;

function nameIndex(): Map<string, string[]> {
  if (codesByName) return codesByName;
  codesByName = new Map();
  const add = (key: string, code: string) => {
    const list = codesByName?.get(key);
    if (!list) codesByName?.set(key, [code]);
    else if (!list.includes(code)) list.push(code);
  };
  for (const [code, name] of Object.entries(table.regions)) {
    add(name, code);
    const ending = NAME_ENDINGS.find((end) => name.endsWith(end) && name.length - end.length >= 2);
    if (ending) add(name.slice(0, -ending.length), code);
    if (/自治[区州县旗]$/.test(name)) {
      const at = name.slice(2).search(NATIONALITY);
      if (at >= 0) add(name.slice(0, at + 2), code);
    }
  }
  return codesByName;
}

const LEVEL_ORDER: Record<RegionLevel, number> = { national: 0, province: 1, municipal: 2, county: 3, township: 4, village: 5 };

/**
 * The 6-digit codes of the regions called `name` — the table's name, the name without its
 * ending (黑龙江 for 黑龙江省, 呼中 for 呼中区), or an autonomous one's place name (木里) — within
 * `within` when given, provinces first, then cities, then counties. Several codes mean the name
 * is ambiguous there (鼓楼区 is in four cities).
 */
export function findRegionsByName(name: string, within?: string): string[] {
  const key = name.trim();
  if (key === "") return [];
  const codes = nameIndex().get(key) ?? [];
  return codes
    .filter((code) => within === undefined || isWithinRegion(code, within))
    .sort((a, b) => LEVEL_ORDER[regionLevel(a)] - LEVEL_ORDER[regionLevel(b)] || a.localeCompare(b));
}
