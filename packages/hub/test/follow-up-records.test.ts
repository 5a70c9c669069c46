// Follow-up records (a 110 record whose JJDBH came before): the hub places each in its
// incident's chain — the first stays the initial report (初报), later ones become updates (续报).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { publicSecurityCad110Adapter } from "@eix/adapters";
import { type Envelope, validate } from "@eix/schema";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { isFollowUp, placeInChains, placementIncidents } from "../src/ingest/chain-placement.js";
import { openSqliteStore } from "../src/store/sqlite-store.js";
import type { Store } from "../src/store/store.js";

type Incident = Extract<Envelope, { kind: "incident" }>;

const JJDBH = "3301062026031400777";
const INCIDENT_ID = `110-${JJDBH}`;
const HEADER = "JJDBH,XZQHBH,BJSJ,AFSJ,BJLX,SFDZ,BJNR,SSRS,AJZT";

/** One record of the fire at 文三路, as the 110 system exports it at each step of the case. */
function record(injured: number, status: string, text = "厨房起火，有人员被困"): Uint8Array {
  const row = `${JJDBH},330106,2026-03-14 08:00:00,2026-03-14 07:58:00,400100,西湖区文三路 1 号,${text},${injured},${status}`;
  return new TextEncoder().encode(`${HEADER}\r\n${row}\r\n`);
}

// This source's 110 system writes 案件状态 as codes: 40 closes the case (结案).
const options = { closedStatuses: ["40"] };

function decode(...payloads: Uint8Array[]): Incident[] {
  return payloads.flatMap((bytes) => {
    const result = publicSecurityCad110Adapter.decode(bytes, { options });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.messages as Incident[];
  });
}

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "eix-follow-up-"));
  store = await openSqliteStore({ path: join(dir, "hub.db") });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Places a payload against the store and commits it, as the pipeline does. */
async function place(messages: readonly Envelope[]): Promise<Incident[]> {
  const placed = await placeInChains(messages, (incidentId) => store.incidentChain(incidentId));
  expect(placed.issues).toEqual([]);
  for (const message of placed.messages) expect(validate(message).valid).toBe(true);
  const results = await store.ingestBatch(
    placed.messages.map((envelope) => ({
      raw: new TextEncoder().encode(JSON.stringify(envelope)),
      envelope,
      provenance: { source: "file:110" },
      destinations: [],
    })),
  );
  for (const result of results) if (!result.ok) throw result.error;
  return placed.messages as Incident[];
}

const marked = (message: Envelope) => (message as Incident).payload.extensions?.eix;

describe("110 records of one JJDBH become one report chain", () => {
  test("a decoded record is marked as a follow-up and takes a turn on its incident", () => {
    const [first] = decode(record(0, "10"));
    expect(isFollowUp(first as Envelope)).toBe(true);
    expect(placementIncidents([first as Envelope])).toEqual([INCIDENT_ID]);
  });

  test("the first record is the initial report; later versions are updates numbered on, each naming the one before", async () => {
    const [first] = await place(decode(record(0, "10")));
    expect(first?.payload).toMatchObject({ incidentId: INCIDENT_ID, stage: "initial", sequence: 1 });
    expect(marked(first as Envelope)).toBeUndefined();

    const [second] = await place(decode(record(2, "20", "火已扑灭，2 人受伤送医")));
    expect(second?.payload).toMatchObject({ stage: "update", sequence: 2, casualties: { injured: 2 } });
    expect(second?.references).toEqual([{ id: first?.id, relation: "updates" }]);
    expect(marked(second as Envelope)).toBeUndefined();

    const [third, fourth] = await place(decode(record(3, "30", "1 名伤员转院"), record(3, "40", "结案")));
    expect([third?.payload.sequence, fourth?.payload.sequence]).toEqual([3, 4]);
    expect(fourth?.references).toEqual([{ id: third?.id, relation: "updates" }]);
    // 案件状态 40 closes the case: the record is the final report (终报), and its marks are gone.
    expect(fourth?.payload.stage).toBe("final");
    expect(marked(fourth as Envelope)).toBeUndefined();
    expect((await store.incidentChain(INCIDENT_ID)).map((entry) => [entry.stage, entry.sequence])).toEqual([
      ["initial", 1],
      ["update", 2],
      ["update", 3],
      ["final", 4],
    ]);
  });

  test("a case already closed in its first record is an initial report: a final report needs one before it", async () => {
    const [only] = decode(record(1, "40", "结案"));
    expect(marked(only as Envelope)).toEqual({ placement: "follow-up", concludes: true });
    const [placed] = await place([only as Envelope]);
    expect(placed?.payload).toMatchObject({ stage: "initial", sequence: 1 });
    expect(marked(placed as Envelope)).toBeUndefined();
  });

  test("the same record sent again is left as it is: the store answers it as a duplicate", async () => {
    const [first] = await place(decode(record(0, "10")));
    const placed = await placeInChains(decode(record(0, "10")), (incidentId) => store.incidentChain(incidentId));
    expect(placed.messages[0]?.id).toBe(first?.id);
    const [result] = await store.ingestBatch(
      placed.messages.map((envelope) => ({
        raw: new Uint8Array([1]),
        envelope,
        provenance: { source: "file:110" },
        destinations: [],
      })),
    );
    expect(result?.ok && result.receipt.duplicate).toBe(true);
    expect(await store.incidentChain(INCIDENT_ID)).toHaveLength(1);
  });

  test("with linkedRecords same-incident, a repeat call (GLJJDBH) is the next update of the first call's chain", async () => {
    const [first] = await place(decode(record(0, "10")));
    const repeatRow = `3301062026031400778,${JJDBH},330106,2026-03-14 08:03:00,2026-03-14 07:58:00,400100,西湖区文三路 1 号,又一名群众报警：浓烟从三楼冒出,0,10`;
    const bytes = new TextEncoder().encode(`JJDBH,GLJJDBH,XZQHBH,BJSJ,AFSJ,BJLX,SFDZ,BJNR,SSRS,AJZT\r\n${repeatRow}\r\n`);
    const result = publicSecurityCad110Adapter.decode(bytes, { options: { linkedRecords: "same-incident" } });
    if (!result.ok) throw new Error(result.error.message);
    const [repeat] = await place(result.messages);
    expect(repeat?.payload).toMatchObject({ incidentId: INCIDENT_ID, stage: "update", sequence: 2 });
    expect(repeat?.references).toEqual([{ id: first?.id, relation: "updates" }]);
  });
});
