import { readFileSync } from "node:fs";
import { type Envelope, type IncidentReport, validate } from "@eix/schema";
import { describe, expect, test } from "vitest";
import type { DecodeContext, DecodeResult } from "../src/contract.js";
import { acquisitionTime, forestryHotspotsAdapter, type HotspotExtension } from "../src/forestry/hotspots/index.js";

const corpus = (file: string) => new Uint8Array(readFileSync(new URL(`../../../test/corpus/firms/${file}`, import.meta.url)));
const MODIS_FILE = "ryankeys-MODIS_C6_Global_24h.head200.csv";
const ctx: DecodeContext = {
  sender: {
    unitId: "100000-LCJ-WXRD",
    name: "国家林草局卫星热点监测",
    department: "forestry",
    level: "national",
    regionCode: "100000",
  },
};
const MODIS_HEADER =
  "latitude,longitude,brightness,scan,track,acq_date,acq_time,satellite,confidence,version,bright_t31,frp,daynight";
const bytes = (text: string) => new TextEncoder().encode(text);
/** A MODIS row at lat/lon, date and HHMM, with a confidence. */
const modis = (lat: number, lon: number, date: string, time: string, confidence = 80) =>
  `${lat},${lon},320.5,1.0,1.0,${date},${time},T,${confidence},6.0NRT,295.1,12.3,D`;
const modisCsv = (rows: string[]) => bytes(`${MODIS_HEADER}\n${rows.join("\n")}\n`);
// km per degree of latitude on the sphere the adapter uses (IUGG mean radius).
const KM_PER_DEG = (6371.0088 * Math.PI) / 180;
const north = (km: number) => Number((10 + km / KM_PER_DEG).toFixed(6));

function decoded(result: DecodeResult): Extract<DecodeResult, { ok: true }> {
  if (!result.ok) expect.fail(`${result.error.code}: ${result.error.message}`);
  return result;
}
const payload = (m: Envelope) => m.payload as IncidentReport;
const firms = (m: Envelope) =>
  (payload(m).extensions?.forestry as unknown as HotspotExtension | undefined)?.firms ?? expect.fail("no FIRMS extension");
const clusterSizes = (messages: Envelope[]) => messages.map((m) => firms(m).hotspots.length).sort((a, b) => a - b);

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

describe("forestry.hotspots: the MODIS corpus", () => {
  const result = decoded(forestryHotspotsAdapter.decode(corpus(MODIS_FILE), ctx));

  test("decodes to valid candidate fires, each an initial follow-up report from a satellite", () => {
    expect(result.messages.length).toBeGreaterThan(0);
    for (const message of result.messages) {
      expect(validate(message).valid).toBe(true);
      const report = payload(message);
      expect(report).toMatchObject({ stage: "initial", sequence: 1, eventType: "11G00", severity: "unknown" });
      expect(report.source?.channel).toBe("satellite");
      expect(report.location.regionCode).toBe("100000");
      expect(report.extensions?.eix).toMatchObject({ placement: "follow-up", near: { km: 1.5, hours: 6 } });
      // The hub finds the fire by these points when a later payload's cluster starts under another id.
      const near = (report.extensions?.eix as { near: { points: [number, number, string][] } } | undefined)?.near;
      if (!near) expect.fail("no near mark");
      expect(near.points).toHaveLength(firms(message).hotspots.length);
      expect(near.points[0]?.[2]).toBe(report.occurredAt);
      expect(message.sender.unitId).toBe("100000-LCJ-WXRD");
    }
    expect(result.source.sourceFormat).toBe("NASA FIRMS MODIS hotspot CSV");
  });

  test("every row is accounted for: in a cluster, beside one, or counted as dropped", () => {
    const kept = result.messages.reduce((n, m) => n + firms(m).hotspots.length + firms(m).observations.length, 0);
    const low = result.issues.find((i) => i.code === "EIX_HOTSPOT_LOW_CONFIDENCE");
    const dropped = Number(/, (\d+) with none/.exec(low?.message.en ?? ", 0 with none")?.[1]);
    expect(kept + dropped).toBe(200);
  });

  test("says the region is the sender's, as a warning naming the fallback", () => {
    const issue = result.issues.find((i) => i.code === "EIX_HOTSPOT_REGION_ASSUMED");
    expect(issue?.severity).toBe("warning");
    expect(issue?.message.en).toContain("ctx.sender.regionCode");
    expect(issue?.message["zh-CN"]).toContain("100000");
  });

  test("a cluster of 3 or more spread hotspots has a closed hull as its area", () => {
    const big = result.messages.find((m) => firms(m).hotspots.length >= 4);
    const ring = payload(big as Envelope).location.area?.polygons?.[0];
    expect(ring?.length).toBeGreaterThanOrEqual(4);
    expect(ring?.[0]).toEqual(ring?.[(ring?.length ?? 1) - 1]);
  });

  test("the same rows in any order give the same messages", () => {
    const [header, ...rows] = new TextDecoder().decode(corpus(MODIS_FILE)).trimEnd().split("\n");
    for (const seed of [1, 7, 42]) {
      const again = decoded(forestryHotspotsAdapter.decode(bytes(`${header}\n${shuffled(rows, seed).join("\n")}\n`), ctx));
      expect(again.messages).toEqual(result.messages);
    }
  });

  test("encode → decode gives each message back (round trip)", () => {
    for (const message of result.messages) {
      const again = decoded(forestryHotspotsAdapter.decode(forestryHotspotsAdapter.encode(message), ctx));
      expect(again.messages).toEqual([message]);
    }
  });

  test("is sniffed as FIRMS, and refused without a sending unit", () => {
    expect(forestryHotspotsAdapter.sniff(corpus(MODIS_FILE))).toBe(0.9);
    expect(forestryHotspotsAdapter.sniff(bytes("JJDBH,BJSJ\n1,2\n"))).toBe(0);
    const refused = forestryHotspotsAdapter.decode(corpus(MODIS_FILE), {});
    expect(refused.ok || refused.error.code).toBe("EIX_ADAPTER_MISSING_FIELD");
  });
});

describe("forestry.hotspots: clustering", () => {
  const decode = (rows: string[], options?: Record<string, unknown>) =>
    decoded(forestryHotspotsAdapter.decode(modisCsv(rows), { ...ctx, ...(options ? { options } : {}) })).messages;

  test("1.49 km apart is one fire, 1.51 km two", () => {
    expect(clusterSizes(decode([modis(10, 20, "2024-03-01", "0100"), modis(north(1.49), 20, "2024-03-01", "0100")]))).toEqual([
      2,
    ]);
    expect(clusterSizes(decode([modis(10, 20, "2024-03-01", "0100"), modis(north(1.51), 20, "2024-03-01", "0100")]))).toEqual([
      1, 1,
    ]);
  });

  test("5 h 59 apart is one fire, 6 h 01 two", () => {
    expect(clusterSizes(decode([modis(10, 20, "2024-03-01", "2200"), modis(10, 20, "2024-03-02", "0359")]))).toEqual([2]);
    expect(clusterSizes(decode([modis(10, 20, "2024-03-01", "2200"), modis(10, 20, "2024-03-02", "0401")]))).toEqual([1, 1]);
  });

  test("a chain A–B–C is one fire though A and C are 2.8 km apart (single linkage)", () => {
    const rows = [
      modis(10, 20, "2024-03-01", "0100"),
      modis(north(1.4), 20, "2024-03-01", "0100"),
      modis(north(2.8), 20, "2024-03-01", "0100"),
    ];
    const messages = decode(rows);
    expect(clusterSizes(messages)).toEqual([3]);
    // Collinear points span no area: no hull.
    expect(payload(messages[0] as Envelope).location.area).toBeUndefined();
    // Without B, A and C are two fires.
    expect(clusterSizes(decode([rows[0] as string, rows[2] as string]))).toEqual([1, 1]);
  });

  test("chains in time too: 00:00, 05:00, 10:00 is one fire", () => {
    const rows = ["0000", "0500", "1000"].map((t) => modis(10, 20, "2024-03-01", t));
    expect(clusterSizes(decode(rows))).toEqual([3]);
  });

  test("clusterKm and clusterHours options", () => {
    const rows = [modis(10, 20, "2024-03-01", "0100"), modis(north(2.5), 20, "2024-03-01", "0100")];
    expect(clusterSizes(decode(rows))).toEqual([1, 1]);
    expect(clusterSizes(decode(rows, { clusterKm: 3 }))).toEqual([2]);
    const later = [modis(10, 20, "2024-03-01", "0100"), modis(10, 20, "2024-03-01", "1000")];
    expect(clusterSizes(decode(later, { clusterHours: 12 }))).toEqual([2]);
    const bad = forestryHotspotsAdapter.decode(modisCsv(rows), { ...ctx, options: { clusterKm: -1 } });
    expect(bad.ok || bad.error.code).toBe("EIX_ADAPTER_BAD_VALUE");
  });

  test("the incident id comes from the earliest hotspot and stays when later hotspots join", () => {
    const first = decode([modis(-4.552, -41.144, "2020-09-30", "0040")]);
    const later = decode([modis(-4.552, -41.144, "2020-09-30", "0040"), modis(-4.55, -41.15, "2020-09-30", "0330")]);
    expect(payload(first[0] as Envelope).incidentId).toBe("FIRMS-20200930T0040Z-4.55S-41.14W");
    expect(payload(later[0] as Envelope).incidentId).toBe(payload(first[0] as Envelope).incidentId);
    expect((later[0] as Envelope).id).not.toBe((first[0] as Envelope).id);
    expect((later[0] as Envelope).sentAt).toBe("2020-09-30T03:30:00Z");
  });

  test("a triangle of hotspots gets its hull and centroid", () => {
    const [m] = decode([
      modis(10, 20, "2024-03-01", "0100"),
      modis(10.005, 20, "2024-03-01", "0100"),
      modis(10, 20.005, "2024-03-01", "0100"),
    ]);
    const location = payload(m as Envelope).location;
    expect(location.point).toEqual({ lat: 10.00167, lon: 20.00167 });
    expect(location.area?.polygons?.[0]).toHaveLength(4);
  });
});

describe("forestry.hotspots: times, layouts, confidence", () => {
  test("acq_time with or without zero padding, UTC", () => {
    expect(new Date(acquisitionTime("2024-03-01", "5") as number).toISOString()).toBe("2024-03-01T00:05:00.000Z");
    expect(acquisitionTime("2024-03-01", "0005")).toBe(acquisitionTime("2024-03-01", "5"));
    expect(new Date(acquisitionTime("2024-03-01", "140") as number).toISOString()).toBe("2024-03-01T01:40:00.000Z");
    expect(new Date(acquisitionTime("2024-03-01", "1405") as number).toISOString()).toBe("2024-03-01T14:05:00.000Z");
    expect(acquisitionTime("2024-03-01", "2460")).toBeUndefined();
    expect(acquisitionTime("2024-02-30", "0100")).toBeUndefined();
    const [m] = decoded(forestryHotspotsAdapter.decode(modisCsv([modis(10, 20, "2024-03-01", "5")]), ctx)).messages;
    expect(payload(m as Envelope).occurredAt).toBe("2024-03-01T00:05:00Z");
  });

  test("a bad row is skipped with its row and cause; the others still make their fire", () => {
    const rows = [modis(10, 20, "2024-03-01", "0100"), modis(10, 20, "2024-03-01", "2500"), "10,20,320"];
    const result = decoded(forestryHotspotsAdapter.decode(modisCsv(rows), ctx));
    expect(result.messages).toHaveLength(1);
    expect(firms(result.messages[0] as Envelope).hotspots).toHaveLength(1);
    const skipped = result.issues.filter((i) => i.code === "EIX_HOTSPOT_ROW_SKIPPED");
    expect(skipped.map((i) => i.position)).toMatchObject([
      { row: 2, line: 3, field: "acq_date" },
      { row: 3, line: 4 },
    ]);
    expect(skipped[0]?.message["zh-CN"]).toContain("第 2 行");
    expect(skipped[0]?.message.en).toContain("EIX_ADAPTER_BAD_VALUE");
  });

  test("badRows: refuse refuses the payload at the first bad row; a payload of bad rows only is refused", () => {
    const rows = [modis(10, 20, "2024-03-01", "0100"), modis(10, 20, "2024-03-01", "2500")];
    const refused = forestryHotspotsAdapter.decode(modisCsv(rows), { ...ctx, options: { badRows: "refuse" } });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.position).toMatchObject({ row: 2, line: 3 });
    const allBad = forestryHotspotsAdapter.decode(modisCsv([modis(95, 20, "2024-03-01", "0100")]), ctx);
    expect(allBad.ok || allBad.error.code).toBe("EIX_ADAPTER_BAD_VALUE");
    expect(forestryHotspotsAdapter.decode(modisCsv(rows), { ...ctx, options: { badRows: "maybe" } }).ok).toBe(false);
  });

  test("options are checked as decode would check them, a misspelt name included (checkOptions)", () => {
    expect(forestryHotspotsAdapter.checkOptions({ clusterKm: 2, minConfidence: "h", badRows: "refuse" })).toBeUndefined();
    expect(forestryHotspotsAdapter.checkOptions({ clusterKM: 2 })?.code).toBe("EIX_ADAPTER_BAD_VALUE");
    expect(forestryHotspotsAdapter.checkOptions({ countySeatKm: 0 })?.messages.en).toContain("options.countySeatKm");
    const refused = forestryHotspotsAdapter.decode(modisCsv([modis(10, 20, "2024-03-01", "0100")]), {
      ...ctx,
      options: { clusterKM: 2 },
    });
    expect(refused.ok || refused.error.code).toBe("EIX_ADAPTER_BAD_VALUE");
  });

  test("past 20 skipped rows, one summary counts the rest", () => {
    const bad = Array.from({ length: 25 }, (_, i) => modis(10, 20, "2024-03-01", `99${i}`));
    const result = decoded(forestryHotspotsAdapter.decode(modisCsv([modis(10, 20, "2024-03-01", "0100"), ...bad]), ctx));
    const skipped = result.issues.filter((i) => i.code === "EIX_HOTSPOT_ROW_SKIPPED");
    expect(skipped).toHaveLength(21);
    expect(skipped[20]?.message.en).toContain("5 more");
  });

  const VIIRS = [
    "latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,instrument,confidence,version,bright_ti5,frp,daynight,type",
    "27.91234,101.20345,340.2,0.39,0.36,2024-03-01,612,N,VIIRS,n,2.0NRT,290.1,8.4,D,0",
    "27.91500,101.20600,345.9,0.39,0.36,2024-03-01,612,N,VIIRS,high,2.0NRT,291.3,11.2,D,0",
    "27.91800,101.20100,333.0,0.39,0.36,2024-03-01,0612,N,VIIRS,l,2.0NRT,288.0,3.1,D,0",
    "30.00000,110.00000,330.0,0.39,0.36,2024-03-01,1805,N,VIIRS,low,2.0NRT,288.0,2.0,N,0",
  ].join("\r\n");

  test("VIIRS layout: l/n/h and low/nominal/high, instrument and type columns, low kept beside the fire", () => {
    const result = decoded(forestryHotspotsAdapter.decode(bytes(VIIRS), ctx));
    expect(result.source.sourceFormat).toBe("NASA FIRMS VIIRS hotspot CSV");
    expect(result.messages).toHaveLength(1);
    const m = result.messages[0] as Envelope;
    expect(validate(m).valid).toBe(true);
    expect(firms(m).instrument).toBe("VIIRS");
    expect(firms(m).hotspots).toHaveLength(2);
    expect(firms(m).observations).toHaveLength(1);
    const low = result.issues.find((i) => i.code === "EIX_HOTSPOT_LOW_CONFIDENCE");
    expect(low?.message.en).toContain("2 hotspot(s) below confidence n");
    expect(low?.message.en).toContain("1 kept beside a candidate fire, 1 with none within reach dropped");
    const again = decoded(forestryHotspotsAdapter.decode(forestryHotspotsAdapter.encode(m), ctx));
    expect(again.messages).toEqual([m]);
    // minConfidence "h": only the high one starts a fire; the nominal one joins as an observation.
    const strict = decoded(forestryHotspotsAdapter.decode(bytes(VIIRS), { ...ctx, options: { minConfidence: "high" } }));
    expect(strict.messages.map((x) => [firms(x).hotspots.length, firms(x).observations.length])).toEqual([[1, 2]]);
  });

  test("MODIS without brightness columns but with an instrument column", () => {
    const text = "latitude,longitude,acq_date,acq_time,instrument,confidence\n10,20,2024-03-01,100,MODIS,50\n";
    expect(decoded(forestryHotspotsAdapter.decode(bytes(text), ctx)).messages).toHaveLength(1);
  });

  test("low confidence only: no message, a *_NOT_REPORTABLE warning", () => {
    const result = decoded(
      forestryHotspotsAdapter.decode(
        modisCsv([modis(10, 20, "2024-03-01", "0100", 29), modis(10, 20, "2024-03-01", "0200", 0)]),
        ctx,
      ),
    );
    expect(result.messages).toEqual([]);
    const issue = result.issues.find((i) => i.code.endsWith("_NOT_REPORTABLE"));
    expect(issue).toMatchObject({ code: "EIX_HOTSPOT_NOT_REPORTABLE", severity: "warning" });
    // At 30 (the default) a hotspot may start a fire; minConfidence moves the line.
    expect(
      decoded(forestryHotspotsAdapter.decode(modisCsv([modis(10, 20, "2024-03-01", "0100", 30)]), ctx)).messages,
    ).toHaveLength(1);
    const raised = decoded(
      forestryHotspotsAdapter.decode(modisCsv([modis(10, 20, "2024-03-01", "0100", 30)]), {
        ...ctx,
        options: { minConfidence: 50 },
      }),
    );
    expect(raised.messages).toEqual([]);
  });

  test("a header-only payload is not reportable; a CSV that is not FIRMS is the wrong format", () => {
    const empty = decoded(forestryHotspotsAdapter.decode(bytes(`${MODIS_HEADER}\n`), ctx));
    expect(empty.messages).toEqual([]);
    expect(empty.issues.some((i) => i.code === "EIX_HOTSPOT_NOT_REPORTABLE")).toBe(true);
    const other = forestryHotspotsAdapter.decode(bytes("JJDBH,BJSJ\n1,2\n"), ctx);
    expect(other.ok || other.error.code).toBe("EIX_ADAPTER_WRONG_FORMAT");
  });
});
