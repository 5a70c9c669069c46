import {
  classifyEventType,
  eventTypeParentCode,
  isWithinRegion,
  listEventTypes,
  lookupEventType,
  lookupRegion,
  NATIONAL_REGION_CODE,
  parseSenderCode,
  regionChain,
  regionLevel,
  regionTableInfo,
} from "@eix/schema";
import { describe, expect, test } from "vitest";

describe("event types (GB/T 35561)", () => {
  test("ships the whole table with its tree", () => {
    const all = listEventTypes();
    expect(all).toHaveLength(371);
    for (const entry of all) {
      if (entry.parent === null) expect(entry.code).toBe("10000");
      else expect(lookupEventType(entry.parent), `parent of ${entry.code}`).toBeDefined();
    }
  });

  test("known codes resolve with their names", () => {
    expect(lookupEventType("11B06")?.name).toBe("大风事件");
    expect(lookupEventType("12G00")?.level).toBe("subcategory");
    expect(lookupEventType("13A02")?.name).toBe("霍乱流行事件");
    expect(lookupEventType("11000")?.level).toBe("category");
  });

  test("parent codes follow the 1DLNN structure", () => {
    expect(eventTypeParentCode("11B06")).toBe("11B00");
    expect(eventTypeParentCode("11B00")).toBe("11000");
    expect(eventTypeParentCode("11000")).toBe("10000");
    expect(eventTypeParentCode("10000")).toBeNull();
  });

  test("the list is open below a known subcategory only", () => {
    expect(classifyEventType("11B06").standing).toBe("listed");
    const haze = classifyEventType("11B19");
    expect(haze.standing).toBe("unlisted");
    if (haze.standing === "unlisted") expect(haze.parent.code).toBe("11B00");
    expect(classifyEventType("11Z05").standing).toBe("unknown");
    expect(classifyEventType("11Z00").standing).toBe("unknown");
    expect(classifyEventType("1").standing).toBe("unknown");
  });
});

describe("regions (GB/T 2260)", () => {
  test("carries its source and edition", () => {
    expect(regionTableInfo.asOf).toMatch(/2021/);
    expect(regionTableInfo.size).toBeGreaterThan(3300);
  });

  test("levels come from the shape of the code", () => {
    expect(regionLevel("330000")).toBe("province");
    expect(regionLevel("330100")).toBe("municipal");
    expect(regionLevel("330110")).toBe("county");
    expect(regionLevel("330110005000")).toBe("township");
    expect(regionLevel("330110005001")).toBe("village");
  });

  test("chains run county → city → province", () => {
    expect(regionChain("330110").map((r) => [r.code, r.name])).toEqual([
      ["330110", "余杭区"],
      ["330100", "杭州市"],
      ["330000", "浙江省"],
    ]);
    // Municipalities have a 市辖区 placeholder city.
    expect(regionChain("110105").map((r) => r.name)).toEqual(["朝阳区", "市辖区", "北京市"]);
    // Counties directly under a province hang under the 省直辖县级行政区划 placeholder.
    expect(regionChain("429004").map((r) => r.code)).toEqual(["429004", "429000", "420000"]);
    // 12-digit codes are known through their county.
    expect(regionChain("330110005001").map((r) => r.code)).toEqual([
      "330110005001",
      "330110005000",
      "330110",
      "330100",
      "330000",
    ]);
  });

  test("lookups reject unknown and malformed codes", () => {
    expect(lookupRegion("810000")?.name).toBe("香港特别行政区");
    expect(lookupRegion("990101")).toBeUndefined();
    expect(lookupRegion("33011")).toBeUndefined();
    expect(lookupRegion("033011")).toBeUndefined();
  });

  test("within: by hierarchy, reflexive, never across", () => {
    expect(isWithinRegion("330110", "330000")).toBe(true);
    expect(isWithinRegion("330110", "330100")).toBe(true);
    expect(isWithinRegion("330110", "330110")).toBe(true);
    expect(isWithinRegion("330110005001", "330110")).toBe(true);
    expect(isWithinRegion("330000", "330110")).toBe(false);
    expect(isWithinRegion("320110", "330000")).toBe(false);
    expect(isWithinRegion("330110", "330110005000")).toBe(false);
    expect(isWithinRegion("x", "330000")).toBe(false);
  });

  test("the whole country, 100000 (全国): known, above every province, within none", () => {
    expect(lookupRegion(NATIONAL_REGION_CODE)).toEqual({
      code: "100000",
      name: "中华人民共和国",
      level: "national",
      parentCode: null,
    });
    expect(regionLevel("100000")).toBe("national");
    for (const code of ["110000", "330110", "650000", "330110005001", "100000"])
      expect(isWithinRegion(code, NATIONAL_REGION_CODE)).toBe(true);
    expect(isWithinRegion(NATIONAL_REGION_CODE, "110000")).toBe(false);
    // A province still has no parent: chains end at the province, as GB/T 2260 does.
    expect(regionChain("330110").map((region) => region.code)).toEqual(["330110", "330100", "330000"]);
    expect(regionTableInfo.size).toBeGreaterThan(3000);
  });
});

describe("14-character sender codes", () => {
  test("splits area, organ, unit and extension", () => {
    expect(parseSenderCode("41000041600000")).toEqual({
      areaCode: "410000",
      organCode: "416",
      unitCode: "000",
      extension: "00",
      areaKnown: true,
    });
    expect(parseSenderCode("99000041600000")?.areaKnown).toBe(false);
    expect(parseSenderCode("330110-YJJ")).toBeUndefined();
    expect(parseSenderCode("4100004160000")).toBeUndefined();
  });
});
