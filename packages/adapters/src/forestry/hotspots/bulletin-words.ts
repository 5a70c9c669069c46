// The words of the Chinese hotspot bulletin (卫星林火监测热点通报): its column names, as the
// national and provincial monitoring centres write them, and the values of 地类, 是否连续 and
// 核查结果. Kept as data so a centre's own spelling is one line here.
import type { LandType } from "./hotspot-row.js";

/** The bulletin's fields and the column names (or JSON keys) each is written under. */
export const BULLETIN_COLUMNS = {
  id: ["热点编号", "编号", "热点号", "id", "hotspotId"],
  satellite: ["卫星", "卫星名称", "卫星/传感器", "satellite"],
  time: ["观测时间", "监测时间", "发现时间", "时间", "observedAt"],
  lon: ["经度", "lon", "longitude"],
  lat: ["纬度", "lat", "latitude"],
  province: ["省", "省份", "省名", "省（区、市）", "province"],
  city: ["市", "地市", "city"],
  county: ["县", "县区", "区县", "县（市、区）", "county"],
  pixels: ["像元数", "像元个数", "像素数", "pixels"],
  landType: ["地类", "土地类型", "地类名称", "landType"],
  continuous: ["是否连续", "连续", "continuous"],
  verification: ["核查结果", "核查情况", "反馈结果", "verification"],
} as const satisfies Record<string, readonly string[]>;

export type BulletinField = keyof typeof BULLETIN_COLUMNS;

/** The columns a bulletin cannot do without. */
export const BULLETIN_REQUIRED: readonly BulletinField[] = ["id", "time", "lon", "lat"];

const FIELD_OF_NAME = new Map<string, BulletinField>(
  Object.entries(BULLETIN_COLUMNS).flatMap(([field, names]) =>
    names.map((name) => [name.toLowerCase(), field as BulletinField] as const),
  ),
);

/** The bulletin field a column name stands for, or undefined for a column of its own. */
export function bulletinFieldOf(column: string): BulletinField | undefined {
  return FIELD_OF_NAME.get(column.trim().toLowerCase());
}

// 地类: the bulletin's four classes, and the finer land-survey names that fall in them.
const LAND_TYPES: readonly (readonly [RegExp, LandType])[] = [
  [/^(?:forest|林地|森林|有林地|乔木林地?|灌木林地?|疏林地|其他林地|未成林(?:造林)?地|林区)$/i, "forest"],
  [/^(?:grassland|草地|草原|牧草地|天然牧草地|人工牧草地|其他草地)$/i, "grassland"],
  [/^(?:farmland|农田|耕地|农地|农用地|水田|旱地|水浇地)$/i, "farmland"],
];

/** 地类 → land type; anything else (其他, 建设用地, 未利用地, blank) is "other". */
export function landTypeOf(text: string): LandType {
  const word = text.trim();
  return LAND_TYPES.find(([pattern]) => pattern.test(word))?.[1] ?? "other";
}

/** 是否连续: true for 是/连续/Y, false for 否/不连续/N, undefined when not said. */
export function continuityOf(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  if (/^(?:是|连续|y|yes|true|1)$/.test(word)) return true;
  if (/^(?:否|不连续|非连续|n|no|false|0)$/.test(word)) return false;
  return undefined;
}

export type Verification = "fire" | "not-fire" | "unverified";

// 核查结果 as the centres write it: a fire confirmed (林火, 草原火, 属实 …), or a heat source that
// is not a forest fire (农事用火, 计划烧除, 工业热源, 误报 …). Pending words are tried first (火情
// 待核实 is not a confirmation), then not-fire words (非林火 is not 林火).
const PENDING = /待核|核查中|未核|正在核|待反馈|未反馈/;
const NOT_FIRE =
  /农事用火|农业用火|烧荒|秸秆|计划烧除|计划火烧|生产用火|生活用火|工业热源|工厂|高温作业|误报|非火|非林火|不是火|无火情|无火点|排除|已灭失|假热点/;
const FIRE = /林火|森林火|草原火|山火|火灾|火情|明火|余火|属实|确认|已核实/;

/** 核查结果 → whether the ground found a fire; blank, 待核查 and the like are unverified. */
export function verificationOf(text: string): Verification {
  const word = text.trim();
  if (PENDING.test(word)) return "unverified";
  if (NOT_FIRE.test(word)) return "not-fire";
  if (FIRE.test(word)) return "fire";
  return "unverified";
}
