import { AdapterError } from "@eix/adapters";
import { describe, expect, test } from "vitest";
import { compactBeijingTime, toBeijingSpacedTime } from "../src/weather/cn12379/beijing-time.js";
import { canonicalRegionCode, geocodeTexts, readGeocodes, writeGeocode } from "../src/weather/cn12379/geocode.js";
import { readMarking, readScope, writeHandling } from "../src/weather/cn12379/handling-marking.js";
import { readReferences, writeReferences } from "../src/weather/cn12379/references.js";
import { readSeverity, writeSeverity } from "../src/weather/cn12379/severity-colour.js";
import { readMsgType, readStatus, writeStatus } from "../src/weather/cn12379/vocabulary.js";

// The mapping modules of weather.cn12379, one function at a time; the adapter as a whole is
// tested on the corpus in weather-cn12379.test.ts.

describe("geocode", () => {
  test("12-digit codes lose a zero township/village tail; 9-digit township codes gain the village zeros", () => {
    expect(canonicalRegionCode("410000000000")).toBe("410000");
    expect(canonicalRegionCode("410105000000")).toBe("410105");
    expect(canonicalRegionCode("410105001000")).toBe("410105001000");
    expect(canonicalRegionCode("410105001")).toBe("410105001000");
    expect(canonicalRegionCode("410105")).toBe("410105");
    for (const bad of ["010000000000", "4101", "41010500100", "abc", "410105001000000"])
      expect(canonicalRegionCode(bad)).toBeUndefined();
  });

  test("separators are lenient, repeats go, order stays, non-codes are returned for reporting", () => {
    expect(readGeocodes(["410102000000，410103000000；410102000000 410105001000、x12", "410122000000"])).toEqual({
      regionCodes: ["410102", "410103", "410105001000", "410122"],
      rejected: ["x12"],
    });
    expect(readGeocodes([" , "])).toEqual({ regionCodes: [], rejected: [] });
  });

  test("writing pads every code to 12 digits; kept texts are reused only while they read as the same codes", () => {
    expect(writeGeocode(["410000", "410105001000"])).toBe("410000000000,410105001000");
    expect(geocodeTexts(["410000"], ["410000000000,410000000000"])).toEqual(["410000000000,410000000000"]);
    expect(geocodeTexts(["410000", "410100"], ["410000000000,410000000000"])).toEqual(["410000000000,410100000000"]);
    expect(geocodeTexts([], undefined)).toEqual([]);
  });
});

describe("handling marking (secClassification and scope)", () => {
  test("markings: public words, internal, restricted, classified refused, unknown restricted", () => {
    expect(readMarking(undefined)).toEqual({ kind: "handling", classification: "public", known: true });
    expect(readMarking("NONE")).toEqual({ kind: "handling", classification: "public", known: true });
    expect(readMarking("公开")).toMatchObject({ classification: "public" });
    expect(readMarking("内部")).toMatchObject({ classification: "internal" });
    expect(readMarking("Restricted")).toMatchObject({ classification: "restricted" });
    expect(readMarking("机密")).toEqual({ kind: "classified", marking: "机密" });
    expect(readMarking("Top Secret")).toEqual({ kind: "classified", marking: "Top Secret" });
    expect(readMarking("constructor")).toEqual({ kind: "handling", classification: "restricted", known: false });
    expect(readScope("PRIVATE")).toEqual({ word: "Private", classification: "restricted" });
    expect(readScope("toString")).toBeUndefined();
  });

  test("written words: the kept ones while they still mean the classification, else Public and the marking word", () => {
    expect(writeHandling("public", {})).toEqual({ scope: "Public", secClassification: "None" });
    expect(writeHandling("internal", {})).toEqual({ scope: "Public", secClassification: "Internal" });
    expect(writeHandling("restricted", {})).toEqual({ scope: "Public", secClassification: "Restricted" });
    expect(writeHandling("restricted", { scope: "Private" })).toEqual({ scope: "Private", secClassification: "None" });
    expect(writeHandling("public", { scope: "Private" })).toEqual({ scope: "Public", secClassification: "None" });
    expect(writeHandling("internal", { secClassification: "内部" })).toEqual({ scope: "Public", secClassification: "内部" });
    expect(writeHandling("public", { secClassification: "内部" })).toEqual({ scope: "Public", secClassification: "None" });
  });
});

describe("words", () => {
  test("msgType, status and severity read in any case and are written with a capital initial", () => {
    expect(["Alert", "UPDATE", "Cancle", "cancel", "Ack", "Error", "__proto__"].map(readMsgType)).toEqual([
      "alert",
      "update",
      "cancel",
      "cancel",
      undefined,
      undefined,
      undefined,
    ]);
    expect(readStatus("DRAFT")).toEqual({ status: "test", word: "Draft" });
    expect(writeStatus("test", "Draft")).toBe("Draft");
    expect(writeStatus("actual", "Draft")).toBe("Actual");
    expect(readSeverity("Moderate")).toEqual({ ok: true, level: "yellow", capSeverity: "Moderate" });
    expect(readSeverity("purple")).toEqual({ ok: false });
    expect(writeSeverity("orange", "Severe")).toBe("Orange");
    expect(writeSeverity(undefined, "Extreme")).toBe("Red");
    expect(writeSeverity(undefined, "Unknown")).toBe("Unknown");
    expect(writeSeverity(undefined, undefined)).toBeUndefined();
  });
});

describe("references", () => {
  test("identifiers separated by commas or spaces, repeats dropped, sender from the identifier", () => {
    const reading = readReferences("41000041600000_20200204121842, 41000041600000_20200204121842 legacy-7", "cancel");
    expect(reading).toEqual({
      ok: true,
      references: [
        { id: "41000041600000_20200204121842", unitId: "41000041600000", relation: "cancels" },
        { id: "legacy-7", relation: "cancels" },
      ],
    });
    expect(readReferences("编号", "update")).toEqual({ ok: false, bad: "编号" });
    expect(writeReferences([{ id: "a" }, { id: "b" }], "a b")).toBe("a b");
    expect(writeReferences([{ id: "a" }, { id: "c" }], "a b")).toBe("a,c");
    expect(writeReferences(undefined, undefined)).toBe("");
  });
});

describe("Beijing time", () => {
  test("canonical times are written as Beijing wall-clock time with +08:00", () => {
    expect(toBeijingSpacedTime("2020-02-05T10:45:00+08:00", "sentAt")).toBe("2020-02-05 10:45:00+08:00");
    expect(toBeijingSpacedTime("2020-02-05T10:45:00.999+08:00", "sentAt")).toBe("2020-02-05 10:45:00+08:00");
    expect(toBeijingSpacedTime("2020-12-31T20:00:00Z", "sentAt")).toBe("2021-01-01 04:00:00+08:00");
    expect(toBeijingSpacedTime("2020-02-29T23:30:00-05:00", "sentAt")).toBe("2020-03-01 12:30:00+08:00");
    expect(compactBeijingTime("2020-07-19T22:30:00Z", "sentAt")).toBe("20200720063000");
    let error: unknown;
    try {
      toBeijingSpacedTime("2020-02-05 10:45", "payload.onset");
    } catch (caught) {
      error = caught;
    }
    expect(AdapterError.is(error) && error.code).toBe("EIX_ADAPTER_BAD_VALUE");
  });
});
