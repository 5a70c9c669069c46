// Casualty registrations of a mass-casualty incident (群体伤亡事件), folded into the incident's
// report chain: `placeInChains` against a real SQLite store in a temporary directory (the
// incident's initial report committed first with `ingestBatch`, every fold committed after it),
// fed with HL7 ADT messages decoded by the real health.hl7v2 adapter; and `IncidentTurns`, which
// serialises the fold-and-commit of each incident.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { healthHl7v2Adapter } from "@eix/adapters";
import { type Envelope, type Unit, validate } from "@eix/schema";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  IncidentTurns,
  isProvisionalRegistration,
  placeInChains,
  placementIncidents,
  type RegisteredCasualties,
} from "../src/ingest/chain-placement.js";
import type { ReportedIssue } from "../src/ingest/reported-issue.js";
import { openSqliteStore } from "../src/store/sqlite-store.js";
import type { Store } from "../src/store/store.js";
import type { IngestProvenance, Receipt } from "../src/store/store-records.js";

type Incident = Extract<Envelope, { kind: "incident" }>;

const INCIDENT_ID = "410122-20260123-0002";
const OTHER_INCIDENT_ID = "410122-20260123-0003";
const UNKNOWN_INCIDENT_ID = "410122-20260123-9999";

/** 郑大一附院 (a city-level hospital) and 中牟县人民医院 (a county one), as the MLLP sources' units. */
const ZDYFY: Unit = {
  unitId: "410100-WJW-ZDYFY",
  name: "郑州大学第一附属医院",
  department: "health",
  level: "municipal",
  regionCode: "410100",
};
const ZMXRMYY: Unit = {
  unitId: "410122-WJW-ZMXRMYY",
  name: "中牟县人民医院",
  department: "health",
  level: "county",
  regionCode: "410122",
};
/** MSH-4 of each hospital's HIS: the facility the registrations are counted under. */
const FACILITY = new Map<Unit, string>([
  [ZDYFY, "ZDYFY"],
  [ZMXRMYY, "ZMXRMYY"],
]);

const exampleUrl = new URL("../../schema/examples/valid/incident-road-traffic-122-collision.json", import.meta.url);

/**
 * The incident's own initial report (初报): the road traffic accident of the schema examples,
 * moved to 中牟县 (410122) and sent by the provincial emergency office's duty room.
 */
function initialReport(
  options: { incidentId?: string; status?: Envelope["status"]; casualties?: Record<string, number>; title?: string } = {},
): Incident {
  const doc = JSON.parse(readFileSync(exampleUrl, "utf8")) as Incident;
  const envelope: Incident = {
    ...doc,
    id: `initial-${options.incidentId ?? INCIDENT_ID}-${options.status ?? "actual"}`,
    status: options.status ?? "actual",
    sender: {
      unitId: "410000-YJT-ZBS",
      name: "河南省应急管理厅值班室",
      department: "emergency-office",
      level: "provincial",
      regionCode: "410000",
    },
    payload: {
      ...doc.payload,
      incidentId: options.incidentId ?? INCIDENT_ID,
      ...(options.title ? { title: options.title } : {}),
      location: { ...doc.payload.location, regionCode: "410122", address: "河南省郑州市中牟县G30连霍高速K612处" },
      ...(options.casualties ? { casualties: options.casualties } : {}),
    },
  };
  const result = validate(envelope);
  if (!result.valid) throw new Error(`initial report invalid: ${result.issues.map((i) => i.code).join(", ")}`);
  return envelope;
}

interface RegistrationSpec {
  readonly controlId: string;
  /** PV1-19, the visit number: with MSH-4 it identifies the patient's case. */
  readonly visit: string;
  /** ZEI-2 as the hospital writes it: injured, 重伤, red, black, 死亡 … */
  readonly category: string;
  readonly trigger?: "A01" | "A04" | "A08";
  /** MSH-11: P actual, T exercise. */
  readonly processing?: "P" | "T";
  readonly incidentId?: string;
  /** Minutes after 07:30 Beijing time, for MSH-7. */
  readonly minute?: number;
}

/** MSH-7 in HL7 form with an explicit offset (no EIX_TIME_LOCAL_ASSUMED). */
const hl7Time = (minute: number) => {
  const at = new Date(Date.UTC(2026, 0, 22, 23, 30 + minute));
  const digits = (n: number) => String(n).padStart(2, "0");
  // UTC 23:30 on the 22nd is 07:30 on the 23rd in Beijing.
  const beijing = new Date(at.getTime() + 8 * 3600_000);
  return `${beijing.getUTCFullYear()}${digits(beijing.getUTCMonth() + 1)}${digits(beijing.getUTCDate())}${digits(beijing.getUTCHours())}${digits(beijing.getUTCMinutes())}00+0800`;
};

/** One ADT registration of a casualty, as a hospital's HIS sends it (segments end in CR). */
function adt(unit: Unit, spec: RegistrationSpec): string {
  const facility = FACILITY.get(unit) as string;
  const trigger = spec.trigger ?? "A04";
  const time = hl7Time(spec.minute ?? 0);
  const pv1 = ["PV1", "1", "E", ...Array<string>(16).fill(""), spec.visit];
  return `${[
    `MSH|^~\\&|HIS|${facility}|EIX|HUB|${time}||ADT^${trigger}^ADT_A01|${spec.controlId}|${spec.processing ?? "P"}|2.5|||AL|NE||UNICODE UTF-8`,
    `EVN|${trigger}|${time}`,
    `PID|1||P-${spec.visit}^^^${facility}^MR||伤员^${spec.visit}`,
    pv1.join("|"),
    `ZEI|${spec.incidentId ?? INCIDENT_ID}|${spec.category}`,
  ].join("\r")}\r`;
}

/** The hospital's bytes decoded by health.hl7v2 as its MLLP source would: one provisional update per message. */
function decode(unit: Unit, ...specs: RegistrationSpec[]): Incident[] {
  const result = healthHl7v2Adapter.decode(new TextEncoder().encode(specs.map((spec) => adt(unit, spec)).join("")), {
    sender: unit,
  });
  if (!result.ok) throw new Error(`decode failed: ${result.error.code}`);
  expect(result.messages).toHaveLength(specs.length);
  for (const message of result.messages) expect(isProvisionalRegistration(message)).toBe(true);
  return result.messages as Incident[];
}

const provenance: IngestProvenance = { source: "mllp:test", adapter: { id: "health.hl7v2", version: "0.1.0" } };

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "eix-casualty-tally-"));
  store = await openSqliteStore({ path: join(dir, "hub.db") });
});

afterEach(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function commit(messages: readonly Envelope[]): Promise<Receipt[]> {
  const results = await store.ingestBatch(
    messages.map((envelope) => ({
      raw: new TextEncoder().encode(JSON.stringify(envelope)),
      envelope,
      provenance,
      destinations: [],
    })),
  );
  return results.map((result) => {
    if (!result.ok) throw result.error;
    return result.receipt;
  });
}

const chainOf = (incidentId: string) => store.incidentChain(incidentId);

/** Folds a payload against the store and commits it, as the pipeline does; every fold must validate. */
async function fold(
  messages: readonly Envelope[],
): Promise<{ messages: Incident[]; issues: ReportedIssue[]; receipts: Receipt[] }> {
  const folded = await placeInChains(messages, chainOf);
  for (const message of folded.messages) {
    const result = validate(message);
    expect(result.issues.filter((issue) => issue.severity === "error")).toEqual([]);
    expect(result.valid).toBe(true);
  }
  const receipts = await commit(folded.messages);
  return { messages: folded.messages as Incident[], issues: folded.issues, receipts };
}

/** Folds and commits each message on its own, one payload after the other. */
async function foldEach(messages: readonly Envelope[]): Promise<Incident[]> {
  const out: Incident[] = [];
  for (const message of messages) out.push(...(await fold([message])).messages);
  return out;
}

const registered = (envelope: Incident) =>
  (envelope.payload.extensions?.health as { registeredCasualties?: RegisteredCasualties } | undefined)?.registeredCasualties;
const registrationOf = (envelope: Incident) =>
  (envelope.payload.extensions?.health as { registration?: Record<string, unknown> } | undefined)?.registration;

const counts = (injured: number, seriouslyInjured: number, deaths: number) => ({ injured, seriouslyInjured, deaths });

describe("placeInChains: each registration becomes the chain's next report", () => {
  test("the first registration is sequence 2, updates the initial report, with the incident's own type, place, time and grade", async () => {
    const initial = initialReport();
    await commit([initial]);
    const [decoded] = decode(ZDYFY, { controlId: "ADT-0001", visit: "V-0001", category: "red" });
    expect(decoded?.payload).toMatchObject({ sequence: 2, eventType: "10000", location: { regionCode: "410100" } });

    const { messages, issues } = await fold([decoded as Incident]);
    expect(issues).toEqual([]);
    const [folded] = messages as [Incident];
    expect(folded.id).toBe("hl7-ZDYFY-ADT-0001");
    expect(folded.sender).toEqual(ZDYFY);
    expect(folded.references).toEqual([{ id: initial.id, unitId: initial.sender.unitId, relation: "updates" }]);
    expect(folded.payload).toMatchObject({
      incidentId: INCIDENT_ID,
      stage: "update",
      sequence: 2,
      title: `${initial.payload.title}（医疗机构伤员登记续报）`,
      eventType: initial.payload.eventType,
      severity: initial.payload.severity,
      occurredAt: initial.payload.occurredAt,
      location: initial.payload.location,
    });
    expect(registrationOf(folded)).toEqual({
      reference: INCIDENT_ID,
      caseReference: "ZDYFY/V-0001",
      category: "seriouslyInjured",
      facility: "ZDYFY",
      messageType: "ADT^A04",
      provisional: false,
    });
    expect(registered(folded)).toEqual({ patients: 1, ...counts(1, 1, 0), facilities: { ZDYFY: counts(1, 1, 0) } });
    expect(isProvisionalRegistration(folded)).toBe(false);

    const chain = await store.incidentChain(INCIDENT_ID);
    expect(chain.map((entry) => [entry.sequence, entry.stage, entry.messageId])).toEqual([
      [1, "initial", initial.id],
      [2, "update", "hl7-ZDYFY-ADT-0001"],
    ]);
  });

  test("later registrations take max + 1 and update the chain's latest report, naming its unit when it is another's", async () => {
    await commit([initialReport()]);
    const [a, b, c] = (await foldEach([
      ...decode(ZDYFY, { controlId: "ADT-0001", visit: "V-0001", category: "injured" }),
      ...decode(ZDYFY, { controlId: "ADT-0002", visit: "V-0002", category: "injured", minute: 1 }),
      ...decode(ZMXRMYY, { controlId: "ADT-7001", visit: "Z-0001", category: "injured", minute: 2 }),
    ])) as [Incident, Incident, Incident];
    expect([a, b, c].map((m) => m.payload.sequence)).toEqual([2, 3, 4]);
    // Same unit as the latest report: the reference needs no unitId; another unit's: it does.
    expect(b.references).toEqual([{ id: a.id, relation: "updates" }]);
    expect(c.references).toEqual([{ id: b.id, unitId: ZDYFY.unitId, relation: "updates" }]);
    expect((await store.incidentChain(INCIDENT_ID)).map((entry) => entry.sequence)).toEqual([1, 2, 3, 4]);
  });

  test("the sequence follows the highest in the chain, not its length: after a 续报 numbered 5 the next is 6", async () => {
    const initial = initialReport();
    const update: Incident = {
      ...initial,
      id: "update-5",
      references: [{ id: initial.id, relation: "updates" }],
      payload: { ...initial.payload, stage: "update", sequence: 5, severity: "III", casualties: { deaths: 3, injured: 6 } },
    };
    expect(validate(update).valid).toBe(true);
    await commit([initial, update]);
    const [folded] = await foldEach(decode(ZDYFY, { controlId: "ADT-0001", visit: "V-0001", category: "black" }));
    expect(folded?.payload.sequence).toBe(6);
    expect(folded?.references).toEqual([{ id: "update-5", unitId: initial.sender.unitId, relation: "updates" }]);
    // The incident's own latest report gives the grade and the figures merged with.
    expect(folded?.payload.severity).toBe("III");
    expect(folded?.payload.casualties).toEqual({ deaths: 3, injured: 6 });
  });

  test("totals and per-facility counts over two hospitals: triage colours, Chinese terms and EIX words", async () => {
    await commit([initialReport({ casualties: { injured: 0, deaths: 0 } })]);
    const folded = await foldEach([
      ...decode(
        ZDYFY,
        { controlId: "ADT-0001", visit: "V-0001", category: "green" },
        { controlId: "ADT-0002", visit: "V-0002", category: "yellow" },
        { controlId: "ADT-0003", visit: "V-0003", category: "red" },
        { controlId: "ADT-0004", visit: "V-0004", category: "重伤" },
        { controlId: "ADT-0005", visit: "V-0005", category: "black" },
      ),
      ...decode(
        ZMXRMYY,
        { controlId: "ADT-7001", visit: "Z-0001", category: "injured", trigger: "A01" },
        { controlId: "ADT-7002", visit: "Z-0002", category: "死亡", trigger: "A01" },
        { controlId: "ADT-7003", visit: "Z-0003", category: "红色", trigger: "A01" },
      ),
    ]);
    const last = folded.at(-1) as Incident;
    expect(last.payload.sequence).toBe(9);
    expect(registered(last)).toEqual({
      patients: 8,
      ...counts(6, 3, 2),
      facilities: { ZDYFY: counts(4, 2, 1), ZMXRMYY: counts(2, 1, 1) },
    });
    expect(last.payload.casualties).toEqual({ injured: 6, seriouslyInjured: 3, deaths: 2 });
    expect(last.payload.description).toContain("2 家医疗机构共登记伤员 8 人：受伤 6 人（其中重伤 3 人），死亡 2 人");
    // Running totals: each report counts what was registered up to it.
    expect(folded.map((m) => registered(m)?.patients)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  test("an A08 moving a patient from injured to dead counts the patient once, as dead", async () => {
    await commit([initialReport({ casualties: { injured: 0, deaths: 0 } })]);
    const folded = await foldEach([
      ...decode(ZDYFY, { controlId: "ADT-0001", visit: "V-0001", category: "injured" }),
      ...decode(ZDYFY, { controlId: "ADT-0002", visit: "V-0002", category: "red", minute: 1 }),
      // Same visit number, new message: the HIS updates the patient's registration.
      ...decode(ZDYFY, { controlId: "ADT-0003", visit: "V-0001", category: "black", trigger: "A08", minute: 30 }),
    ]);
    expect(registered(folded[1] as Incident)).toMatchObject({ patients: 2, ...counts(2, 1, 0) });
    const last = folded.at(-1) as Incident;
    expect(last.payload.sequence).toBe(4);
    expect(registrationOf(last)).toMatchObject({ caseReference: "ZDYFY/V-0001", category: "dead", messageType: "ADT^A08" });
    expect(registered(last)).toEqual({ patients: 2, ...counts(1, 1, 1), facilities: { ZDYFY: counts(1, 1, 1) } });
    expect(last.payload.casualties).toEqual({ injured: 1, seriouslyInjured: 1, deaths: 1 });
  });

  test("the same visit number at two hospitals is two patients", async () => {
    await commit([initialReport()]);
    const folded = await foldEach([
      ...decode(ZDYFY, { controlId: "ADT-0001", visit: "0001", category: "injured" }),
      ...decode(ZMXRMYY, { controlId: "ADT-0001", visit: "0001", category: "injured" }),
    ]);
    expect(registered(folded.at(-1) as Incident)).toMatchObject({ patients: 2, injured: 2 });
  });

  test("figures are merged with the incident's report by max: never lowered, raised when hospitals register more", async () => {
    const initial = initialReport({ casualties: { injured: 10, seriouslyInjured: 2, deaths: 1, trapped: 0 } });
    await commit([initial]);
    const first = await foldEach(
      decode(
        ZDYFY,
        { controlId: "ADT-0001", visit: "V-0001", category: "injured" },
        { controlId: "ADT-0002", visit: "V-0002", category: "red" },
        { controlId: "ADT-0003", visit: "V-0003", category: "red" },
        { controlId: "ADT-0004", visit: "V-0004", category: "red" },
      ),
    );
    const afterFour = first.at(-1) as Incident;
    expect(registered(afterFour)).toMatchObject({ patients: 4, ...counts(4, 3, 0) });
    // injured stays 10 (report) though hospitals registered 4; seriouslyInjured 3 > 2 is raised;
    // deaths 1 and trapped 0 are the report's.
    expect(afterFour.payload.casualties).toEqual({ injured: 10, seriouslyInjured: 3, deaths: 1, trapped: 0 });

    const more = await foldEach(
      decode(
        ZMXRMYY,
        ...Array.from({ length: 8 }, (_, i) => ({ controlId: `ADT-70${i}`, visit: `Z-${i}`, category: "green", minute: i })),
        { controlId: "ADT-799", visit: "Z-99", category: "black", minute: 9 },
        { controlId: "ADT-798", visit: "Z-98", category: "black", minute: 9 },
      ),
    );
    const last = more.at(-1) as Incident;
    expect(registered(last)).toMatchObject({ patients: 14, ...counts(12, 3, 2) });
    expect(last.payload.casualties).toEqual({ injured: 12, seriouslyInjured: 3, deaths: 2, trapped: 0 });
    expect(last.payload.sequence).toBe(15);
  });

  test("an exercise registration neither counts into nor numbers the actual chain, and the other way round", async () => {
    await commit([initialReport()]);
    const drill = await fold(decode(ZDYFY, { controlId: "DRILL-0001", visit: "D-0001", category: "black", processing: "T" }));
    const [exercise] = drill.messages as [Incident];
    expect(exercise.status).toBe("exercise");
    // There is no exercise report of this incident: the hospital's values, and the warning.
    expect(drill.issues.map((issue) => issue.code)).toEqual(["EIX_INGEST_TALLY_UNKNOWN_INCIDENT"]);
    expect(exercise.payload).toMatchObject({ sequence: 2, eventType: "10000", location: { regionCode: "410100" } });
    // With no report in its chain the registration keeps its own reference: the incident id.
    expect(exercise.references).toEqual([{ id: INCIDENT_ID, relation: "updates" }]);
    expect(registered(exercise)).toMatchObject({ patients: 1, deaths: 1 });

    const actual = await fold(decode(ZDYFY, { controlId: "ADT-0001", visit: "V-0001", category: "injured" }));
    const [live] = actual.messages as [Incident];
    expect(actual.issues).toEqual([]);
    expect(live.payload.sequence).toBe(2);
    expect(live.references?.[0]?.id).toBe(initialReport().id);
    expect(registered(live)).toEqual({ patients: 1, ...counts(1, 0, 0), facilities: { ZDYFY: counts(1, 0, 0) } });

    const drill2 = await fold(decode(ZDYFY, { controlId: "DRILL-0002", visit: "D-0002", category: "red", processing: "T" }));
    const [exercise2] = drill2.messages as [Incident];
    expect(exercise2.payload.sequence).toBe(3);
    expect(exercise2.references).toEqual([{ id: exercise.id, relation: "updates" }]);
    expect(registered(exercise2)).toMatchObject({ patients: 2, ...counts(1, 1, 1) });

    const chain = await store.incidentChain(INCIDENT_ID);
    expect(chain.map((entry) => `${entry.envelope.status}:${entry.sequence}`)).toEqual([
      "actual:1",
      "exercise:2",
      "actual:2",
      "exercise:3",
    ]);
  });

  test("an exercise with its own initial report folds against it", async () => {
    await commit([initialReport(), initialReport({ status: "exercise", casualties: { injured: 20 } })]);
    const { messages, issues } = await fold(
      decode(ZDYFY, { controlId: "DRILL-0001", visit: "D-0001", category: "red", processing: "T" }),
    );
    expect(issues).toEqual([]);
    const [exercise] = messages as [Incident];
    expect(exercise.payload).toMatchObject({ sequence: 2, eventType: "12H02", casualties: { injured: 20, seriouslyInjured: 1 } });
    expect(exercise.references).toEqual([
      { id: "initial-410122-20260123-0002-exercise", unitId: "410000-YJT-ZBS", relation: "updates" },
    ]);
  });

  test("a resend (same message id from the same unit, already in the chain) is left as decoded; the store answers it as a duplicate", async () => {
    await commit([initialReport()]);
    const [first] = decode(ZDYFY, { controlId: "ADT-0001", visit: "V-0001", category: "red" });
    const original = await fold([first as Incident]);
    await foldEach(decode(ZDYFY, { controlId: "ADT-0002", visit: "V-0002", category: "injured" }));

    const [again] = decode(ZDYFY, { controlId: "ADT-0001", visit: "V-0001", category: "red" });
    const folded = await placeInChains([again as Incident], chainOf);
    expect(folded.issues).toEqual([]);
    expect(folded.messages).toHaveLength(1);
    expect(folded.messages[0]).toBe(again);
    expect(isProvisionalRegistration(folded.messages[0] as Envelope)).toBe(true);
    const [receipt] = await commit(folded.messages);
    expect(receipt).toMatchObject({ duplicate: true, receiptId: original.receipts[0]?.receiptId });
    expect((await store.incidentChain(INCIDENT_ID)).map((entry) => entry.sequence)).toEqual([1, 2, 3]);

    // The next registration still counts the patient once.
    const [next] = await foldEach(decode(ZDYFY, { controlId: "ADT-0003", visit: "V-0003", category: "injured" }));
    expect(next?.payload.sequence).toBe(4);
    expect(registered(next as Incident)).toMatchObject({ patients: 3, ...counts(3, 1, 0) });
  });

  test("the same message twice in one payload: the second is left as decoded", async () => {
    await commit([initialReport()]);
    const spec = { controlId: "ADT-0001", visit: "V-0001", category: "red" };
    const folded = await placeInChains(decode(ZDYFY, spec, spec), chainOf);
    expect(folded.messages.map((m) => (m as Incident).payload.sequence)).toEqual([2, 2]);
    expect(folded.messages.map(isProvisionalRegistration)).toEqual([false, true]);
    const receipts = await commit(folded.messages);
    expect(receipts.map((r) => r.duplicate)).toEqual([false, true]);
    expect((await store.incidentChain(INCIDENT_ID)).map((entry) => entry.sequence)).toEqual([1, 2]);
  });

  test("the same message id from another unit is no resend", async () => {
    await commit([initialReport()]);
    await foldEach(decode(ZDYFY, { controlId: "ADT-0001", visit: "V-0001", category: "red" }));
    // A second unit whose HIS happens to use the same facility code and control id.
    const [other] = decode(ZMXRMYY, { controlId: "ADT-0001", visit: "V-0001", category: "red" });
    const relabelled = { ...other, id: "hl7-ZDYFY-ADT-0001" } as Incident;
    const { messages } = await fold([relabelled]);
    expect(messages[0]?.payload.sequence).toBe(3);
    expect(isProvisionalRegistration(messages[0] as Envelope)).toBe(false);
  });

  test("a registration naming an unknown incident: EIX_INGEST_TALLY_UNKNOWN_INCIDENT, the hospital's values, later ones add to it", async () => {
    await commit([initialReport()]);
    const [decoded] = decode(ZMXRMYY, {
      controlId: "ADT-7001",
      visit: "Z-0001",
      category: "red",
      incidentId: UNKNOWN_INCIDENT_ID,
    });
    const first = await fold([decoded as Incident]);
    expect(first.issues).toEqual([
      expect.objectContaining({
        code: "EIX_INGEST_TALLY_UNKNOWN_INCIDENT",
        severity: "warning",
        path: "/payload/incidentId",
        message: expect.objectContaining({ en: expect.stringContaining(UNKNOWN_INCIDENT_ID) }),
      }),
    ]);
    const [unknown] = first.messages as [Incident];
    expect(unknown.payload).toMatchObject({
      incidentId: UNKNOWN_INCIDENT_ID,
      sequence: 2,
      title: (decoded as Incident).payload.title,
      eventType: "10000",
      severity: "unknown",
      occurredAt: (decoded as Incident).payload.occurredAt,
      location: { regionCode: "410122" },
      casualties: { injured: 1, seriouslyInjured: 1 },
    });
    expect(unknown.references).toEqual((decoded as Incident).references);
    expect(registrationOf(unknown)).toMatchObject({ provisional: false });

    const second = await fold(
      decode(ZMXRMYY, { controlId: "ADT-7002", visit: "Z-0002", category: "black", incidentId: UNKNOWN_INCIDENT_ID }),
    );
    expect(second.issues.map((issue) => issue.code)).toEqual(["EIX_INGEST_TALLY_UNKNOWN_INCIDENT"]);
    const [next] = second.messages as [Incident];
    expect(next.payload.sequence).toBe(3);
    expect(next.references).toEqual([{ id: unknown.id, relation: "updates" }]);
    expect(registered(next)).toEqual({ patients: 2, ...counts(1, 1, 1), facilities: { ZMXRMYY: counts(1, 1, 1) } });
    // The known incident is untouched.
    expect((await store.incidentChain(INCIDENT_ID)).map((entry) => entry.sequence)).toEqual([1]);
  });

  test("registrations that came before the incident's initial report are counted once it is in", async () => {
    const early = await foldEach(
      decode(
        ZDYFY,
        { controlId: "ADT-0001", visit: "V-0001", category: "red" },
        { controlId: "ADT-0002", visit: "V-0002", category: "black" },
      ),
    );
    expect(early.map((m) => m.payload.sequence)).toEqual([2, 3]);
    expect(early.map((m) => m.payload.eventType)).toEqual(["10000", "10000"]);
    await commit([initialReport({ casualties: { injured: 0, deaths: 0 } })]);
    const { messages, issues } = await fold(decode(ZMXRMYY, { controlId: "ADT-7001", visit: "Z-0001", category: "green" }));
    expect(issues).toEqual([]);
    const [next] = messages as [Incident];
    expect(next.payload).toMatchObject({
      sequence: 4,
      eventType: "12H02",
      casualties: { injured: 2, seriouslyInjured: 1, deaths: 1 },
    });
    expect(next.references).toEqual([{ id: early[1]?.id, unitId: ZDYFY.unitId, relation: "updates" }]);
    expect(registered(next)).toEqual({
      patients: 3,
      ...counts(2, 1, 1),
      facilities: { ZDYFY: counts(1, 1, 1), ZMXRMYY: counts(1, 0, 0) },
    });
  });

  test("several registrations in one payload fold in order with consecutive sequences, each updating the one before", async () => {
    await commit([initialReport()]);
    const decoded = decode(
      ZDYFY,
      { controlId: "ADT-0001", visit: "V-0001", category: "green" },
      { controlId: "ADT-0002", visit: "V-0002", category: "red" },
      { controlId: "ADT-0003", visit: "V-0003", category: "black" },
      { controlId: "ADT-0004", visit: "V-0001", category: "red", trigger: "A08" },
    );
    const { messages, issues, receipts } = await fold(decoded);
    expect(issues).toEqual([]);
    expect(messages.map((m) => m.id)).toEqual(decoded.map((m) => m.id));
    expect(messages.map((m) => m.payload.sequence)).toEqual([2, 3, 4, 5]);
    expect(messages.slice(1).map((m) => m.references)).toEqual(
      messages.slice(0, -1).map((m) => [{ id: m.id, relation: "updates" }]),
    );
    expect(messages.map((m) => registered(m)?.patients)).toEqual([1, 2, 3, 3]);
    expect(registered(messages[3] as Incident)).toMatchObject(counts(2, 2, 1));
    expect(receipts.every((r) => !r.duplicate)).toBe(true);
    expect((await store.incidentChain(INCIDENT_ID)).map((entry) => entry.sequence)).toEqual([1, 2, 3, 4, 5]);
  });

  test("one payload naming two incidents and the unknown one: each chain numbered on its own; the warning names its message", async () => {
    await commit([initialReport(), initialReport({ incidentId: OTHER_INCIDENT_ID })]);
    const { messages, issues } = await fold(
      decode(
        ZDYFY,
        { controlId: "ADT-0001", visit: "V-0001", category: "injured" },
        { controlId: "ADT-0002", visit: "V-0002", category: "injured", incidentId: OTHER_INCIDENT_ID },
        { controlId: "ADT-0003", visit: "V-0003", category: "injured", incidentId: UNKNOWN_INCIDENT_ID },
        { controlId: "ADT-0004", visit: "V-0004", category: "injured" },
      ),
    );
    expect(messages.map((m) => [m.payload.incidentId, m.payload.sequence])).toEqual([
      [INCIDENT_ID, 2],
      [OTHER_INCIDENT_ID, 2],
      [UNKNOWN_INCIDENT_ID, 2],
      [INCIDENT_ID, 3],
    ]);
    expect(issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["EIX_INGEST_TALLY_UNKNOWN_INCIDENT", "/2/payload/incidentId"],
    ]);
    expect(registered(messages[3] as Incident)?.patients).toBe(2);
    expect(registered(messages[1] as Incident)?.patients).toBe(1);
  });

  test("messages that are no provisional registrations pass through untouched, in place", async () => {
    const initial = initialReport();
    const [registration] = decode(ZDYFY, { controlId: "ADT-0001", visit: "V-0001", category: "red" });
    const { messages, issues } = await placeInChains([initial, registration as Incident], chainOf);
    expect(messages[0]).toBe(initial);
    // The initial report in the same payload is not in the store yet: the registration does not see it.
    expect(issues.map((issue) => issue.code)).toEqual(["EIX_INGEST_TALLY_UNKNOWN_INCIDENT"]);
    expect(isProvisionalRegistration(initial)).toBe(false);
    expect(placementIncidents([initial, registration as Incident, ...messages])).toEqual([INCIDENT_ID]);
  });

  test("a registration sent (by the hospital's clock) before the incident occurred is still folded", async () => {
    await commit([initialReport()]);
    await foldEach(decode(ZDYFY, { controlId: "ADT-0001", visit: "V-0001", category: "injured" }));
    // 07:30 - 50 min = 06:40, 15 minutes before the incident's occurredAt (06:55).
    const [early] = decode(ZDYFY, { controlId: "ADT-0002", visit: "V-0002", category: "injured", minute: -50 });
    const folded = await placeInChains([early as Incident], chainOf);
    const [message] = folded.messages as [Incident];
    expect({ sequence: message.payload.sequence, provisional: isProvisionalRegistration(message) }).toEqual({
      sequence: 3,
      provisional: false,
    });
  });

  test("an incident with a long (valid) title still gets its registrations folded", async () => {
    const title = `G30连霍高速中牟段多车相撞${"（续）".repeat(94)}`.slice(0, 295);
    expect(title).toHaveLength(295);
    await commit([initialReport({ title })]);
    const [decoded] = decode(ZDYFY, { controlId: "ADT-0001", visit: "V-0001", category: "red" });
    const folded = await placeInChains([decoded as Incident], chainOf);
    expect(isProvisionalRegistration(folded.messages[0] as Envelope)).toBe(false);
  });

  test("a fold sent by a clock behind the incident's is dated no earlier than the incident occurred", async () => {
    await commit([initialReport()]);
    const [early] = decode(ZDYFY, { controlId: "ADT-0002", visit: "V-0002", category: "injured", minute: -50 });
    const folded = await placeInChains([early as Incident], chainOf);
    const [message] = folded.messages as [Incident];
    expect(folded.issues).toEqual([]);
    expect(message.sentAt).toBe(message.payload.occurredAt);
    expect(validate(message)).toMatchObject({ valid: true });
  });
});

/** A promise the test resolves by hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("IncidentTurns", () => {
  test("two runs on the same key do not overlap: the second starts after the first finished", async () => {
    const turns = new IncidentTurns();
    const events: string[] = [];
    const gate = deferred();
    const first = turns.run(["a"], async () => {
      events.push("first:start");
      await gate.promise;
      events.push("first:end");
      return 1;
    });
    const second = turns.run(["a"], async () => {
      events.push("second:start");
      return 2;
    });
    for (let i = 0; i < 5; i++) await tick();
    expect(events).toEqual(["first:start"]);
    gate.resolve();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(events).toEqual(["first:start", "first:end", "second:start"]);
  });

  test("runs on one key go in the order they were asked for", async () => {
    const turns = new IncidentTurns();
    const order: number[] = [];
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        turns.run(["incident"], async () => {
          running++;
          most = Math.max(most, running);
          await tick();
          order.push(i);
          running--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  test("runs on different keys go at the same time", async () => {
    const turns = new IncidentTurns();
    const started: string[] = [];
    const gate = deferred();
    const a = turns.run(["a"], async () => {
      started.push("a");
      await gate.promise;
    });
    const b = turns.run(["b"], async () => {
      started.push("b");
      await gate.promise;
    });
    for (let i = 0; i < 5; i++) await tick();
    expect(started.sort()).toEqual(["a", "b"]);
    gate.resolve();
    await Promise.all([a, b]);
  });

  test("multi-key runs asking in opposite orders do not deadlock, and never overlap", async () => {
    const turns = new IncidentTurns();
    let running = 0;
    let most = 0;
    const work = async () => {
      running++;
      most = Math.max(most, running);
      await tick();
      await tick();
      running--;
    };
    const all = Promise.all(
      Array.from({ length: 10 }, (_, i) => turns.run(i % 2 === 0 ? ["a", "b"] : ["b", "a"], work)).concat([
        turns.run(["b"], work),
        turns.run(["a", "a"], work),
      ]),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("deadlock: the runs did not finish")), 2000);
    });
    try {
      await Promise.race([all, timeout]);
    } finally {
      clearTimeout(timer);
    }
    expect(most).toBe(1);
  });

  test("a run holding [a, b] keeps a run on [b] waiting; a run on [c] goes on", async () => {
    const turns = new IncidentTurns();
    const events: string[] = [];
    const gate = deferred();
    const ab = turns.run(["b", "a"], async () => {
      events.push("ab:start");
      await gate.promise;
      events.push("ab:end");
    });
    for (let i = 0; i < 5; i++) await tick();
    expect(events).toEqual(["ab:start"]);
    const b = turns.run(["b"], async () => {
      events.push("b");
    });
    const c = turns.run(["c"], async () => {
      events.push("c");
    });
    for (let i = 0; i < 5; i++) await tick();
    expect(events).toEqual(["ab:start", "c"]);
    gate.resolve();
    await Promise.all([ab, b, c]);
    expect(events).toEqual(["ab:start", "c", "ab:end", "b"]);
  });

  test("a single-key run asked in the same tick as a multi-key one never overlaps it (though it may go first)", async () => {
    // Keys are taken one at a time with an await between them, so a run on [b] asked right
    // after a run on [a, b] can take b first: no overlap, no deadlock, but not first come first served.
    const turns = new IncidentTurns();
    let running = 0;
    let most = 0;
    const order: string[] = [];
    const work = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      order.push(name);
      await tick();
      running--;
    };
    await Promise.all([turns.run(["a", "b"], work("ab")), turns.run(["b"], work("b"))]);
    expect(most).toBe(1);
    expect(order.sort()).toEqual(["ab", "b"]);
  });

  test("a failing run hands its error back and releases its keys", async () => {
    const turns = new IncidentTurns();
    await expect(
      turns.run(["a", "b"], async () => {
        throw new Error("the chain could not be read");
      }),
    ).rejects.toThrow("the chain could not be read");
    expect(await turns.run(["b", "a"], async () => "next")).toBe("next");
  });

  test("with no keys the work runs at once", async () => {
    const turns = new IncidentTurns();
    const gate = deferred();
    const held = turns.run(["a"], () => gate.promise);
    expect(await turns.run([], async () => "free")).toBe("free");
    gate.resolve();
    await held;
  });
});
