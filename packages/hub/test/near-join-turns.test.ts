// The turn on the incident a report joins: a satellite pass re-homed into a known fire, and a
// report placed into that fire by another payload (no near mark) at the same moment, must not
// take the same sequence number. The join learns its target only after its turns were taken, so
// it takes the target's turn before placing. Real pipeline and SQLite store; chain reads slowed
// to 20 ms (a busy database) so the two payloads overlap.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRegistry } from "@eix/adapters";
import type { Envelope } from "@eix/schema";
import { pino } from "pino";
import { afterEach, beforeEach, expect, test } from "vitest";
import { tokenSha256 } from "../src/http/bearer-token.js";
import { createIngestPipeline } from "../src/ingest/ingest-pipeline.js";
import type { HubUnit } from "../src/route/route-model.js";
import { openSqliteStore } from "../src/store/sqlite-store.js";
import type { Store } from "../src/store/store.js";

const unit: HubUnit = {
  unitId: "230000-LCJ-WXRD",
  name: "黑龙江省林业和草原局卫星林火监测",
  department: "forestry",
  level: "provincial",
  regionCode: "230000",
  tokenSha256: [tokenSha256("token")],
};
const HEADER = "热点编号,卫星,观测时间,经度,纬度,省,县,像元数,地类,是否连续,核查结果";
const bulletin = (row: string) => new TextEncoder().encode(`${HEADER}\n${row}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "eix-near-turns-"));
  store = await openSqliteStore({ path: join(dir, "hub.db") });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test("a join and a report placed into the same fire at once take different sequence numbers", async () => {
  let onNearQuery: () => void = () => {};
  const slow: Pick<Store, "ingestBatch" | "quarantine" | "incidentChain" | "incidentsNear"> = {
    ingestBatch: (items) => store.ingestBatch(items),
    quarantine: (entry) => store.quarantine(entry),
    incidentChain: async (incidentId) => {
      const chain = await store.incidentChain(incidentId);
      await sleep(20);
      return chain;
    },
    incidentsNear: (query) => {
      onNearQuery();
      return store.incidentsNear(query);
    },
  };
  const pipeline = createIngestPipeline({
    store: slow,
    registry: createRegistry(),
    hubId: "hlj-hub",
    authorize: () => [],
    route: () => ({ destinations: [], withheld: [], matchedRules: [] }),
    logger: pino({ level: "silent" }),
  });
  const send = (body: Uint8Array, adapter: string) => pipeline.ingest({ body, adapter, unit, source: "http" });

  const first = await send(bulletin("A1,FY-3D,2025-05-01 13:42,122.8,53.1,230000,232701,3,林地,否,"), "forestry.hotspots");
  expect(first.ok).toBe(true);
  const [fire] = await store.incidentsNear({
    from: new Date(0),
    to: new Date(4e12),
    south: -90,
    north: 90,
    west: -180,
    east: 180,
  });
  const T = fire?.incidentId as string;

  // A ground check of the same fire (canonical JSON, a follow-up with no near mark), sent the
  // moment the next satellite pass starts looking for the fire it continues.
  const groundCheck = {
    id: "ground-check-1",
    schema: "eix/1",
    kind: "incident",
    sentAt: "2025-05-01T09:00:00Z",
    sender: { unitId: unit.unitId, name: unit.name, department: "forestry", level: "provincial", regionCode: "230000" },
    status: "actual",
    classification: "internal",
    payload: {
      incidentId: T,
      stage: "initial",
      sequence: 1,
      title: "地面核查：明火，面积约 2 公顷",
      eventType: "11G00",
      severity: "unknown",
      occurredAt: "2025-05-01T05:42:00Z",
      location: { regionCode: "232701" },
      extensions: { eix: { placement: "follow-up" } },
    },
  } as Envelope;
  let manual: Promise<unknown> = Promise.resolve();
  onNearQuery = () => {
    onNearQuery = () => {};
    manual = send(new TextEncoder().encode(JSON.stringify(groundCheck)), "canonical");
  };
  const pass = await send(bulletin("B1,FY-3D,2025-05-01 16:10,122.8,53.11,230000,232701,3,林地,否,"), "forestry.hotspots");
  await manual;
  await pipeline.drain();
  expect(pass.ok && pass.issues.map((issue) => issue.code)).toEqual(["EIX_INGEST_FOLLOW_UP_JOINED"]);

  const chain = await store.incidentChain(T);
  expect(chain).toHaveLength(3);
  expect(chain.map((link) => link.sequence)).toEqual([1, 2, 3]);
  expect(chain.map((link) => link.stage)).toEqual(["initial", "update", "update"]);
});
