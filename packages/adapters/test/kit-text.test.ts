import {
  decodeText,
  normalizeCharset,
  readCircle,
  readLatLon,
  readPolygon,
  readTime,
  toCapTime,
  toSpacedTime,
  toWgs84,
} from "@eix/adapters";
import { describe, expect, test } from "vitest";

describe("charsets", () => {
  test("labels seen in the field map to decoders", () => {
    expect(normalizeCharset("GB 18030-2000")).toBe("gb18030");
    expect(normalizeCharset("GB2312")).toBe("gb18030");
    expect(normalizeCharset("UNICODE UTF-8")).toBe("utf-8");
    expect(normalizeCharset("8859/1")).toBe("iso-8859-1");
    expect(normalizeCharset("EBCDIC")).toBeUndefined();
  });

  test("BOMs win over declarations", () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x2d, 0x4e]);
    const result = decodeText(utf16, { declared: "gb18030" });
    expect(result.ok && result.text).toBe("中");
    expect(result.ok && result.charset).toBe("utf-16le");
  });

  test("an unsupported declaration is a coded error", () => {
    const result = decodeText(new Uint8Array([0x41]), { declared: "EBCDIC-CP-US" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe("EIX_CHARSET_UNSUPPORTED");
  });

  test("bytes valid in neither UTF-8 nor GB18030 are refused", () => {
    const result = decodeText(new Uint8Array([0x81, 0x20]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe("EIX_CHARSET_INVALID");
  });
});

describe("times", () => {
  test.each([
    ["2003-04-02T14:39:01-05:00", "2003-04-02T14:39:01-05:00", false],
    ["2012-10-14T22:53:04-00:00", "2012-10-14T22:53:04-00:00", false],
    ["2020-02-05 10:45:00+08:00", "2020-02-05T10:45:00+08:00", false],
    ["2010-08-31T00:09:25+0000", "2010-08-31T00:09:25+00:00", false],
    ["2026-03-14 02:41:00", "2026-03-14T02:41:00+08:00", true],
    ["20260314024100", "2026-03-14T02:41:00+08:00", true],
    ["2026/3/4 2:41", "2026-03-04T02:41:00+08:00", true],
  ])("%s → %s", (input, value, assumedOffset) => {
    expect(readTime(input)).toEqual({ ok: true, value, assumedOffset });
  });

  test.each(["2026-02-30 10:00:00", "2026-13-01T00:00:00Z", "yesterday", "", "2026-01-01T25:00:00Z"])(
    "%j is refused",
    (input) => {
      expect(readTime(input).ok).toBe(false);
    },
  );

  test("CAP output never uses Z nor fractions; 12379 output uses a space", () => {
    expect(toCapTime("2012-10-14T22:53:04.360Z")).toBe("2012-10-14T22:53:04-00:00");
    expect(toSpacedTime("2020-02-05T10:45:00+08:00")).toBe("2020-02-05 10:45:00+08:00");
  });
});

describe("coordinates", () => {
  test("CAP pairs are latitude first, with ranges checked", () => {
    expect(readLatLon("38.47,-120.14")).toEqual({ ok: true, point: { lat: 38.47, lon: -120.14 } });
    expect(readLatLon("120.14,38.47").ok).toBe(false);
    expect(readLatLon("38.47").ok).toBe(false);
    expect(readLatLon("a,b").ok).toBe(false);
  });

  test("polygons and circles", () => {
    const polygon = readPolygon("38.47,-120.14 38.34,-119.95 38.52,-119.74 38.47,-120.14");
    expect(polygon.ok && polygon.points).toHaveLength(4);
    expect(readCircle("32.9525,-115.5527 0")).toEqual({ ok: true, center: { lat: 32.9525, lon: -115.5527 }, radiusKm: 0 });
    expect(readCircle("32.9525,-115.5527").ok).toBe(false);
  });

  test("GCJ-02 and BD-09 convert to WGS-84 near Tiananmen within metres of the known offsets", () => {
    const gcj = toWgs84({ lat: 39.915, lon: 116.404 }, "GCJ02");
    // GCJ-02 shifts Beijing by roughly 0.0014° latitude and 0.0062° longitude.
    expect(39.915 - gcj.lat).toBeCloseTo(0.0014, 3);
    expect(116.404 - gcj.lon).toBeCloseTo(0.0062, 3);
    const bd = toWgs84({ lat: 39.915, lon: 116.404 }, "BD09");
    expect(bd.lat).toBeLessThan(gcj.lat);
    expect(toWgs84({ lat: 39.915, lon: 116.404 }, "WGS84")).toEqual({ lat: 39.915, lon: 116.404 });
  });
});
