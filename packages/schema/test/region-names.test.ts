import { findRegionsByName, regionName } from "@eix/schema";
import { describe, expect, test } from "vitest";

// findRegionsByName: GB/T 2260 codes by a region's name, as hotspot bulletins and other field
// records write it (黑龙江 for 黑龙江省, 根河 for 根河市).
describe("findRegionsByName", () => {
  test("exact names of the table", () => {
    expect(findRegionsByName("黑龙江省")).toEqual(["230000"]);
    expect(findRegionsByName("北京市")).toEqual(["110000"]);
    expect(findRegionsByName("根河市")).toEqual(["150785"]);
    expect(findRegionsByName("漠河市")).toEqual(["232701"]);
    expect(findRegionsByName("大兴安岭地区")).toEqual(["232700"]);
    expect(findRegionsByName("木里藏族自治县")).toEqual(["513422"]);
    expect(findRegionsByName("大理白族自治州")).toEqual(["532900"]);
  });

  test("names written without their ending (省, 市, 地区, 区, 自治区)", () => {
    expect(findRegionsByName("黑龙江")).toEqual(["230000"]);
    expect(findRegionsByName("根河")).toEqual(["150785"]);
    expect(findRegionsByName("大兴安岭")).toEqual(["232700"]);
    expect(findRegionsByName("漠河")).toEqual(["232701"]);
    expect(findRegionsByName("呼中")).toEqual(["232764"]);
    expect(findRegionsByName("北京")).toEqual(["110000"]);
  });

  test("autonomous prefectures and counties by their place name, before the nationality", () => {
    expect(findRegionsByName("木里")).toEqual(["513422"]);
    expect(findRegionsByName("凉山")).toEqual(["513400"]);
    expect(findRegionsByName("大理")).toEqual(["532900", "532901"]);
    expect(findRegionsByName("大理", "532900")).toEqual(["532900", "532901"]);
    // A nationality of two characters (土家) is not cut at its first (土).
    expect(findRegionsByName("长阳").map(regionName)).toEqual(["长阳土家族自治县"]);
  });

  test("Xinjiang's autonomous names, which write no 族", () => {
    expect(findRegionsByName("伊犁")).toEqual(["654000"]);
    expect(findRegionsByName("巴音郭楞")).toEqual(["652800"]);
    expect(findRegionsByName("察布查尔")).toEqual(["654022"]);
    expect(findRegionsByName("塔什库尔干")).toEqual(["653131"]);
    expect(findRegionsByName("木垒")).toEqual(["652328"]);
  });

  test("autonomous regions by their short forms", () => {
    expect(findRegionsByName("广西")).toEqual(["450000"]);
    expect(findRegionsByName("新疆")).toEqual(["650000"]);
    expect(findRegionsByName("宁夏")).toEqual(["640000"]);
    expect(findRegionsByName("内蒙古")).toEqual(["150000"]);
    expect(findRegionsByName("西藏")).toEqual(["540000"]);
    // The full names, and the name without 自治区 only, still work.
    expect(findRegionsByName("广西壮族自治区")).toEqual(["450000"]);
    expect(findRegionsByName("广西壮族")).toEqual(["450000"]);
    expect(findRegionsByName("新疆维吾尔自治区")).toEqual(["650000"]);
  });

  test("an ambiguous name gives every code; `within` narrows it", () => {
    // 鼓楼区 of 南京, 徐州, 福州 and 开封.
    const all = findRegionsByName("鼓楼区");
    expect(all).toEqual(["320106", "320302", "350102", "410204"]);
    for (const code of all) expect(regionName(code)).toBe("鼓楼区");
    expect(findRegionsByName("鼓楼")).toEqual(all);
    expect(findRegionsByName("鼓楼区", "350000")).toEqual(["350102"]);
    expect(findRegionsByName("鼓楼区", "410000")).toEqual(["410204"]);
    // Two in 江苏; one in 南京市.
    expect(findRegionsByName("鼓楼区", "320000")).toEqual(["320106", "320302"]);
    expect(findRegionsByName("鼓楼区", "320100")).toEqual(["320106"]);
    expect(findRegionsByName("鼓楼区", "110000")).toEqual([]);
    // A province and a city by the same short name.
    expect(findRegionsByName("吉林")).toEqual(["220000", "220200"]);
    expect(findRegionsByName("吉林", "220000")).toEqual(["220000", "220200"]);
  });

  test("`within` also filters an unambiguous name", () => {
    expect(findRegionsByName("根河", "150000")).toEqual(["150785"]);
    expect(findRegionsByName("根河", "150700")).toEqual(["150785"]);
    expect(findRegionsByName("根河", "230000")).toEqual([]);
  });

  test("unknown and blank names give nothing; names are trimmed", () => {
    expect(findRegionsByName("十八站")).toEqual([]);
    expect(findRegionsByName("不存在的地方")).toEqual([]);
    expect(findRegionsByName("")).toEqual([]);
    expect(findRegionsByName("   ")).toEqual([]);
    expect(findRegionsByName(" 黑龙江省 ")).toEqual(["230000"]);
    expect(findRegionsByName("黑龙江省", "230000")).toEqual(["230000"]);
  });

  // Suspected doc/code mismatch (see the report): the doc comment says "provinces first", but
  // the codes are sorted as text, so 海南区 (乌海, 150303) comes before 海南省 (460000).
  test("provinces first, as documented", () => {
    expect(findRegionsByName("海南")[0]).toBe("460000");
  });
});
