// Satellite fires seen again under another id: a payload decoded without history names each
// candidate fire after its earliest hotspot in that payload, so the next pass over a known fire
// arrives as a "new" incident. The hub re-homes it into the fire it continues (near-join.ts),
// and the follow-up placement numbers it as the next update (续报). Real decodes, a real store.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { forestryHotspotsAdapter } from "@eix/adapters";
import { type Envelope, validate } from "@eix/schema";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { placeInChains } from "../src/ingest/chain-placement.js";
import { joinKnownIncidents, mayJoin } from "../src/ingest/near-join.js";
import { openSqliteStore } from "../src/store/sqlite-store.js";
import type { Store } from "../src/store/store.js";

type Incident = Extract<Envelope, { kind: "incident" }>;

const HEADER = "热点编号,卫星,观测时间,经度,纬度,省,县,像元数,地类,是否连续,核查结果";
const sender = {
  unitId: "230000-LCJ-WXRD",
  name: "黑龙江省林业和草原局卫星林火监测",
  department: "forestry",
  level: "provincial",
  regionCode: "230000",
} as const;
// km per degree of latitude on the sphere the adapter uses (IUGG mean radius).
const KM_PER_DEG = (6371.0088 * Math.PI) / 180;
/** A forest hotspot of 漠河市 `kmNorth` km north of 53.10N 122.80E, seen at `time` (Beijing). */
const row = (id: string, time: string, kmNorth: number, lon = 122.8) =>
  `${id},FY-3D,${time},${lon},${(53.1 + kmNorth / KM_PER_DEG).toFixed(6)},230000,232701,3,林地,否,`;
const bulletin = (...rows: string[]) => new TextEncoder().encode(`${HEADER}\n${rows.join("\n")}\n`);

function decode(bytes: Uint8Array, status: Envelope["status"] = "actual"): Incident[] {
  const result = forestryHotspotsAdapter.decode(bytes, { sender });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.messages.map((message) => ({ ...message, status })) as Incident[];
}

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "eix-near-join-"));
  store = await openSqliteStore({ path: join(dir, "hub.db") });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Joins, places and commits a payload as the pipeline does; the placed reports and the join issues. */
async function ingest(messages: readonly Envelope[]) {
  const joined = await joinKnownIncidents(messages, store);
  const placed = await placeInChains(joined.messages, (incidentId) => store.incidentChain(incidentId));
  expect(placed.issues).toEqual([]);
  for (const message of placed.messages) expect(validate(message).valid).toBe(true);
  const results = await store.ingestBatch(
    placed.messages.map((envelope) => ({
      raw: new TextEncoder().encode(JSON.stringify(envelope)),
      envelope,
      provenance: { source: "file:hotspots" },
      destinations: [],
    })),
  );
  for (const result of results) if (!result.ok) throw result.error;
  return { reports: placed.messages as Incident[], issues: joined.issues };
}

const eix = (report: Incident) => report.payload.extensions?.eix as Record<string, unknown> | undefined;

describe("a later pass over a known fire joins its chain", () => {
  test("hotspots 1 km and 2.5 h from the fire's: the next update of its incident, naming the report before", async () => {
    const [first] = (await ingest(decode(bulletin(row("A1", "2025-05-01 13:42", 0), row("A2", "2025-05-01 13:42", 0.8)))))
      .reports;
    expect(first?.payload).toMatchObject({ stage: "initial", sequence: 1 });
    const fire = first?.payload.incidentId as string;

    const later = decode(bulletin(row("B1", "2025-05-01 16:10", 1.8), row("B2", "2025-05-01 16:10", 2.9)));
    expect(later[0]?.payload.incidentId).not.toBe(fire);
    expect(mayJoin(later[0] as Envelope)).toBe(true);
    const { reports, issues } = await ingest(later);
    expect(reports[0]?.payload).toMatchObject({ incidentId: fire, stage: "update", sequence: 2 });
    expect(reports[0]?.references).toEqual([{ id: first?.id, relation: "updates" }]);
    expect(eix(reports[0] as Incident)).toMatchObject({ joinedFrom: later[0]?.payload.incidentId });
    expect(eix(reports[0] as Incident)?.placement).toBeUndefined();
    expect(issues).toEqual([
      expect.objectContaining({ code: "EIX_INGEST_FOLLOW_UP_JOINED", severity: "warning", path: "/payload/incidentId" }),
    ]);
    expect(issues[0]?.message["zh-CN"]).toContain(fire);

    // A third pass chains on from the second: single linkage reaches through it.
    const third = await ingest(decode(bulletin(row("C1", "2025-05-01 19:30", 4.2))));
    expect(third.reports[0]?.payload).toMatchObject({ incidentId: fire, sequence: 3 });
    expect((await store.incidentChain(fire)).map((link) => link.sequence)).toEqual([1, 2, 3]);
  });

  test("out of reach in place or time, another status or another event type: a fire of its own", async () => {
    const [first] = (await ingest(decode(bulletin(row("A1", "2025-05-01 13:42", 0))))).reports;
    const fire = first?.payload.incidentId;
    const far = await ingest(decode(bulletin(row("F1", "2025-05-01 14:30", 1.6))));
    expect(far.reports[0]?.payload).toMatchObject({ stage: "initial", sequence: 1 });
    expect(far.reports[0]?.payload.incidentId).not.toBe(fire);
    expect(far.issues).toEqual([]);

    const late = await ingest(decode(bulletin(row("L1", "2025-05-01 19:43", 0.5))));
    expect(late.reports[0]?.payload.incidentId).not.toBe(fire);

    const exercise = await ingest(decode(bulletin(row("E1", "2025-05-01 14:00", 0.5)), "exercise"));
    expect(exercise.reports[0]?.payload).toMatchObject({ stage: "initial" });
    expect(exercise.reports[0]?.payload.incidentId).not.toBe(fire);

    const [grass] = decode(bulletin(row("G1", "2025-05-01 14:05", 0.4)));
    const other = { ...grass, payload: { ...grass?.payload, eventType: "11G01" } } as Incident;
    expect((await ingest([other])).reports[0]?.payload.incidentId).toBe(grass?.payload.incidentId);
  });

  test("a fire declared out (终报) is not joined: hotspots there later are a new fire", async () => {
    const [first] = (await ingest(decode(bulletin(row("A1", "2025-05-01 13:42", 0))))).reports as Incident[];
    const fire = first?.payload.incidentId as string;
    const final: Incident = {
      ...(first as Incident),
      id: "fire-report-final-1",
      references: [{ id: first?.id as string, relation: "updates" }],
      payload: { ...(first as Incident).payload, stage: "final", sequence: 2, extensions: {} },
    };
    await store.ingest({ raw: new Uint8Array([1]), envelope: final, provenance: { source: "test" }, destinations: [] });
    const again = await ingest(decode(bulletin(row("R1", "2025-05-01 15:00", 0.3))));
    expect(again.reports[0]?.payload.incidentId).not.toBe(fire);
    expect(again.reports[0]?.payload.stage).toBe("initial");
  });

  test("an id the store already knows stays (a rolling feed); two fires in one payload join each their own", async () => {
    const one = decode(bulletin(row("A1", "2025-05-01 13:42", 0), row("B1", "2025-05-01 13:42", 0, 123.2)));
    const [fireA, fireB] = (await ingest(one)).reports.map((report) => report.payload.incidentId);
    expect(fireA).not.toBe(fireB);
    // The same earliest hotspot again, plus a new one: the id is known, no join is needed.
    const rolling = await ingest(decode(bulletin(row("A1", "2025-05-01 13:42", 0), row("A3", "2025-05-01 15:00", 1.0))));
    expect(rolling.issues).toEqual([]);
    expect(rolling.reports[0]?.payload).toMatchObject({ incidentId: fireA, sequence: 2 });

    const both = await ingest(decode(bulletin(row("A4", "2025-05-01 16:00", 2.0), row("B2", "2025-05-01 16:00", 0.9, 123.2))));
    expect(both.reports.map((report) => report.payload.incidentId).sort()).toEqual([fireA, fireB].sort());
    expect(both.issues).toHaveLength(2);
    expect(both.issues.map((issue) => issue.path).sort()).toEqual(["/0/payload/incidentId", "/1/payload/incidentId"]);
  });

  test("where two known fires are both within reach, the one the hub heard of first", async () => {
    const west = (await ingest(decode(bulletin(row("W1", "2025-05-01 13:42", 0, 122.8))))).reports[0];
    const east = (await ingest(decode(bulletin(row("E1", "2025-05-01 13:42", 0, 122.84))))).reports[0];
    expect(west?.payload.incidentId).not.toBe(east?.payload.incidentId);
    // 122.82E lies within 1.5 km of both (0.02° of longitude is about 1.34 km at 53.1N).
    const bridge = await ingest(decode(bulletin(row("M1", "2025-05-01 15:00", 0, 122.82))));
    expect(bridge.reports[0]?.payload.incidentId).toBe(west?.payload.incidentId);
  });

  test("across the antimeridian: a fire at 179.995°E is continued by hotspots at 179.998°W", async () => {
    const header =
      "latitude,longitude,brightness,scan,track,acq_date,acq_time,satellite,confidence,version,bright_t31,frp,daynight";
    const firms = (lon: number, hhmm: string) =>
      new TextEncoder().encode(`${header}\n65.0000,${lon},320.1,1.0,1.0,2024-07-01,${hhmm},T,80,6.1NRT,295.0,9.9,D\n`);
    const decodeFirms = (bytes: Uint8Array) => {
      const result = forestryHotspotsAdapter.decode(bytes, { sender });
      if (!result.ok) throw new Error(result.error.message);
      return result.messages;
    };
    const [east] = (await ingest(decodeFirms(firms(179.995, "0100")))).reports;
    // 0.007° of longitude at 65°N is about 330 m.
    const { reports, issues } = await ingest(decodeFirms(firms(-179.998, "0300")));
    expect(reports[0]?.payload).toMatchObject({ incidentId: east?.payload.incidentId, stage: "update", sequence: 2 });
    expect(issues).toHaveLength(1);
  });
});
