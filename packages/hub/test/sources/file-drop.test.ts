// The file-drop source against the real pipeline and a real SQLite store: files move only after
// their fate is committed, in name order, and a file taken again after a crash is a resend.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRegistry } from "@eix/adapters";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { tokenSha256 } from "../../src/http/bearer-token.js";
import { createIngestPipeline, type IngestPipeline } from "../../src/ingest/ingest-pipeline.js";
import { authorizeSender } from "../../src/route/authorize-sender.js";
import type { HubUnit } from "../../src/route/route-model.js";
import { FileDropSource } from "../../src/sources/file-drop.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import type { Store } from "../../src/store/store.js";
import { StoreError } from "../../src/store/store-errors.js";

const examples = join(import.meta.dirname, "../../../schema/examples");
const example = (name: string) => readFileSync(join(examples, name));
const logger = pino({ level: "silent" });

/** The unit that sent the 110 fire chain of the examples. */
function unitOf(file: string): HubUnit {
  const { sender } = JSON.parse(example(file).toString("utf8"));
  return { ...sender, tokenSha256: [tokenSha256("unused-token-for-files")] };
}
const fireUnit = unitOf("valid/incident-110-fire-initial.json");

let dir: string;
let store: Store;
let pipeline: IngestPipeline;
let storeFails = false;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "eix-file-drop-"));
  mkdirSync(join(dir, "drop"));
  const real = await openSqliteStore({ path: join(dir, "hub.db") });
  store = real;
  storeFails = false;
  // The same store, with a switch to make commits fail as a locked or unreachable database would.
  const failing: Pick<Store, "ingestBatch" | "quarantine" | "incidentChain" | "incidentsNear"> = {
    ingestBatch: (items) => (storeFails ? real.ingestBatch([]).then(() => Promise.reject(busy())) : real.ingestBatch(items)),
    quarantine: (entry) => real.quarantine(entry),
    incidentChain: (incidentId) => real.incidentChain(incidentId),
    incidentsNear: (query) => real.incidentsNear(query),
  };
  pipeline = createIngestPipeline({
    store: failing,
    registry: createRegistry(),
    hubId: "eix-hub-test",
    authorize: authorizeSender,
    route: () => ({ destinations: ["national"], withheld: [], matchedRules: ["all"] }),
    logger,
  });
});
afterEach(async () => {
  await pipeline.drain();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const busy = () => new StoreError("EIX_STORE_BUSY", { detail: "test: database locked" });

function source(options: { settleMs?: number; now?: () => number } = {}) {
  return new FileDropSource({ dir: join(dir, "drop"), unit: fireUnit, pipeline, logger, settleMs: 0, ...options });
}
const drop = (name: string, bytes: Uint8Array | string) => writeFileSync(join(dir, "drop", name), bytes);
const listing = (sub = "") => readdirSync(join(dir, "drop", sub)).sort();

describe("file drop (文件投递)", () => {
  test("valid files are committed, then moved to done/ with their receipt; the chain keeps its order", async () => {
    const files = ["incident-110-fire-initial.json", "incident-110-fire-update.json", "incident-110-fire-final.json"];
    // Dropped in name order 1-, 2-, 3- whatever their own names say.
    for (const [i, file] of files.entries()) drop(`${i + 1}-${file}`, example(`valid/${file}`));
    const drops = source();
    const pass = await drops.pass();
    expect(pass).toEqual({ done: 3, rejected: 0, deferred: 0 });
    expect(listing()).toEqual(["done", "rejected"]);
    expect(listing("done")).toEqual(files.flatMap((file, i) => [`${i + 1}-${file}`, `${i + 1}-${file}.receipt.json`]));
    const chain = await store.incidentChain(JSON.parse(example(`valid/${files[0]}`).toString()).payload.incidentId);
    expect(chain.map((entry) => entry.stage)).toEqual(["initial", "update", "final"]);
    const receipt = JSON.parse(readFileSync(join(dir, "drop", "done", `1-${files[0]}.receipt.json`), "utf8"));
    expect(receipt.receipts[0]).toMatchObject({ duplicate: false, destinations: ["national"] });
    expect(receipt.receipts[0].receiptId).toBe(chain[0]?.receiptId);
  });

  test("an invalid file goes to rejected/ with every issue beside it, and is kept in quarantine", async () => {
    drop("bad.json", example("invalid/ack-missing-by.json"));
    const drops = source();
    expect(await drops.pass()).toEqual({ done: 0, rejected: 1, deferred: 0 });
    expect(listing("rejected")).toEqual(["bad.json", "bad.json.error.json"]);
    const note = JSON.parse(readFileSync(join(dir, "drop", "rejected", "bad.json.error.json"), "utf8"));
    expect(note.kind).toBe("invalid");
    expect(note.issues.map((i: { code: string }) => i.code)).toContain("EIX_SCHEMA_REQUIRED");
    const [kept] = await store.listQuarantine();
    expect(kept?.quarantineId).toBe(note.quarantineId);
    expect(kept?.source).toBe("file:drop");
  });

  test("a file of another unit is refused as forbidden, not stored", async () => {
    drop("other.json", example("valid/incident-cholera-cluster-initial.json"));
    const drops = source();
    expect((await drops.pass()).rejected).toBe(1);
    const note = JSON.parse(readFileSync(join(dir, "drop", "rejected", "other.json.error.json"), "utf8"));
    expect(note.kind).toBe("forbidden");
    expect(note.issues[0].code).toBe("EIX_AUTH_UNIT_MISMATCH");
  });

  test("while the store fails, files stay where they are; the next pass takes them", async () => {
    drop("a.json", example("valid/incident-110-fire-initial.json"));
    const drops = source();
    storeFails = true;
    expect(await drops.pass()).toEqual({ done: 0, rejected: 0, deferred: 1 });
    expect(listing()).toEqual(["a.json", "done", "rejected"]);
    storeFails = false;
    expect(await drops.pass()).toEqual({ done: 1, rejected: 0, deferred: 0 });
  });

  test("a file still being written (changed within the settle time) waits; temp names are never read", async () => {
    drop("a.json", example("valid/incident-110-fire-initial.json"));
    drop("b.json.part", "{ half a mess");
    drop(".c.json", "{ hidden");
    const now = Date.now();
    const drops = source({ settleMs: 60_000, now: () => now });
    expect(await drops.pass()).toEqual({ done: 0, rejected: 0, deferred: 1 });
    const old = new Date(now - 120_000);
    utimesSync(join(dir, "drop", "a.json"), old, old);
    expect(await drops.pass()).toEqual({ done: 1, rejected: 0, deferred: 0 });
    expect(listing()).toEqual([".c.json", "b.json.part", "done", "rejected"]);
  });

  test("a file committed but not yet moved when the hub stopped is taken again as a resend: same receipt", async () => {
    const bytes = example("valid/incident-110-fire-initial.json");
    drop("a.json", bytes);
    const first = source();
    await first.pass();
    const receipt = JSON.parse(readFileSync(join(dir, "drop", "done", "a.json.receipt.json"), "utf8")).receipts[0];
    // As if the hub died between the commit and the move: the file is back in the drop folder.
    drop("a.json", bytes);
    rmSync(join(dir, "drop", "done", "a.json.receipt.json"));
    const second = source();
    expect((await second.pass()).done).toBe(1);
    const again = JSON.parse(readFileSync(join(dir, "drop", "done", "a.json.receipt.json"), "utf8")).receipts[0];
    expect(again).toMatchObject({ duplicate: true, receiptId: receipt.receiptId });
    expect(await store.listDeliveries()).toHaveLength(1);
  });

  test("start() polls by itself and stop() ends it", async () => {
    const drops = new FileDropSource({ dir: join(dir, "drop"), unit: fireUnit, pipeline, logger, settleMs: 0, pollMs: 20 });
    await drops.start();
    drop("a.json", example("valid/incident-110-fire-initial.json"));
    const deadline = Date.now() + 5000;
    while (!existsSync(join(dir, "drop", "done", "a.json")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await drops.stop();
    expect(existsSync(join(dir, "drop", "done", "a.json"))).toBe(true);
  });
});
