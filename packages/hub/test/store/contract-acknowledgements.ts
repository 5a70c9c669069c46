// Contract part: acknowledgementsOf — the acknowledgements (回执) that answer a message, as the
// directive receipts of GET /v1/messages/:id read them: matched on `payload.of`, acks only, in
// arrival order, each with its receipt, sending unit, arrival time and envelope.
import type { Envelope } from "@eix/schema";
import { describe, expect, test } from "vitest";
import type { Store } from "../../src/store/store.js";
import type { ContractContext } from "./contract-context.js";
import { at, checkin, incident, item, newId } from "./store-fixtures.js";

type AckType = "received" | "read" | "done" | "rejected";

const PROVINCE = "410000-YJT-ZBS";
const ZHENGZHOU = "410100-YJJ-ZBS";
const XINXIANG = "410700-YJJ-ZBS";
const JIAOZUO = "410800-YJJ-ZBS";

const sender = (unitId: string) =>
  unitId === PROVINCE
    ? ({ unitId, name: "河南省应急管理厅", department: "emergency-office", level: "provincial", regionCode: "410000" } as const)
    : ({
        unitId,
        name: "市应急管理局",
        department: "emergency-office",
        level: "municipal",
        regionCode: unitId.slice(0, 6),
      } as const);

/** A directive (指令) from the province to the three cities. */
function directive(id = newId("dir")): Envelope {
  return {
    id,
    schema: "eix/1",
    kind: "directive",
    sentAt: "2026-07-19T17:30:00+08:00",
    sender: sender(PROVINCE),
    status: "actual",
    classification: "internal",
    payload: {
      grade: "command",
      title: "关于切实做好强降雨防范应对工作的紧急通知",
      body: "各市防汛抗旱指挥部：……",
      targets: [{ regionCode: "410000", level: "municipal", department: "emergency-office" }],
    },
  };
}

/** An acknowledgement by `unitId` of message `of`. */
function ack(unitId: string, of: string, type: AckType, more: { id?: string; ofUnitId?: string; note?: string } = {}): Envelope {
  return {
    id: more.id ?? newId("ack"),
    schema: "eix/1",
    kind: "ack",
    sentAt: "2026-07-19T17:31:25+08:00",
    sender: sender(unitId),
    status: "actual",
    classification: "internal",
    payload: {
      of,
      ...(more.ofUnitId === undefined ? {} : { ofUnitId: more.ofUnitId }),
      type,
      by: { name: "值班员" },
      at: "2026-07-19T17:31:20+08:00",
      ...(more.note === undefined ? {} : { note: more.note }),
    },
  };
}

/** "unitId/messageId" of each acknowledgement of `of`, in the order the store gives them. */
async function ackNames(store: Store, of: string): Promise<string[]> {
  return (await store.acknowledgementsOf(of)).map((entry) => `${entry.unitId}/${entry.messageId}`);
}

export function acknowledgementContract(ctx: ContractContext): void {
  describe("acknowledgements", () => {
    test("the acks whose `of` is the id, in arrival order, each with its receipt, unit, arrival time and envelope", async () => {
      const store = await ctx.open();
      const flood = directive();
      const other = directive();
      await store.ingest(item(flood, [ZHENGZHOU, XINXIANG, JIAOZUO], at(0)));
      await store.ingest(item(other, [ZHENGZHOU], at(1)));
      const zzReceived = ack(ZHENGZHOU, flood.id, "received", { ofUnitId: PROVINCE });
      const xxRead = ack(XINXIANG, flood.id, "read");
      const zzOther = ack(ZHENGZHOU, other.id, "received", { ofUnitId: PROVINCE });
      const zzDone = ack(ZHENGZHOU, flood.id, "done", { ofUnitId: PROVINCE, note: "已办结：转移群众1236人。" });
      const sent = [zzReceived, xxRead, zzOther, zzDone];
      const receipts = [];
      for (const [i, envelope] of sent.entries())
        receipts.push(await store.ingest(item(envelope, ["province"], at(1000 * (i + 1)))));
      await store.ingest(item(incident({ incidentId: newId("410100-20260719"), sequence: 1 }), ["province"], at(5000)));
      await store.ingest(item(checkin(), ["province"], at(6000)));

      const found = await store.acknowledgementsOf(flood.id);
      expect(found).toEqual([
        {
          receiptId: receipts[0]?.receiptId,
          messageId: zzReceived.id,
          unitId: ZHENGZHOU,
          receivedAt: at(1000),
          envelope: zzReceived,
        },
        { receiptId: receipts[1]?.receiptId, messageId: xxRead.id, unitId: XINXIANG, receivedAt: at(2000), envelope: xxRead },
        { receiptId: receipts[3]?.receiptId, messageId: zzDone.id, unitId: ZHENGZHOU, receivedAt: at(4000), envelope: zzDone },
      ]);
      expect(found[0]?.receivedAt).toBeInstanceOf(Date);
      expect(await ackNames(store, other.id)).toEqual([`${ZHENGZHOU}/${zzOther.id}`]);
    });

    test("nothing for an unknown id, a message nobody acknowledged, or an ack's own id", async () => {
      const store = await ctx.open();
      const flood = directive();
      const received = ack(ZHENGZHOU, flood.id, "received");
      await store.ingest(item(flood, [], at(0)));
      await store.ingest(item(received, [], at(1)));
      expect(await store.acknowledgementsOf(newId("never-sent"))).toEqual([]);
      expect(await store.acknowledgementsOf(directive().id)).toEqual([]);
      expect(await store.acknowledgementsOf(received.id)).toEqual([]);
      expect(await store.acknowledgementsOf("")).toEqual([]);
    });

    test("only acks count: another kind whose payload carries `of` is not an acknowledgement", async () => {
      const store = await ctx.open();
      const flood = directive();
      await store.ingest(item(flood, [], at(0)));
      const lookalike = checkin({ unitId: ZHENGZHOU });
      const forged = { ...lookalike, payload: { ...lookalike.payload, of: flood.id } } as unknown as Envelope;
      const alsoForged = { ...directive(), payload: { ...directive().payload, of: flood.id } } as unknown as Envelope;
      await store.ingest(item(forged, [], at(1)));
      await store.ingest(item(alsoForged, [], at(2)));
      const real = ack(JIAOZUO, flood.id, "read");
      await store.ingest(item(real, [], at(3)));
      expect(await ackNames(store, flood.id)).toEqual([`${JIAOZUO}/${real.id}`]);
    });

    test("a resent ack is listed once; the same ack id from another unit is another ack", async () => {
      const store = await ctx.open();
      const flood = directive();
      const id = newId("ack");
      await store.ingest(item(ack(ZHENGZHOU, flood.id, "received", { id }), [], at(1)));
      const resend = await store.ingest(item(ack(ZHENGZHOU, flood.id, "received", { id }), [], at(2)));
      expect(resend.duplicate).toBe(true);
      await store.ingest(item(ack(XINXIANG, flood.id, "received", { id }), [], at(3)));
      const found = await store.acknowledgementsOf(flood.id);
      expect(found.map((entry) => [entry.unitId, entry.messageId, entry.receivedAt])).toEqual([
        [ZHENGZHOU, id, at(1)],
        [XINXIANG, id, at(3)],
      ]);
    });

    test("matched on `of` alone: an ack naming another unit's message of the same id is listed too (readers filter on ofUnitId)", async () => {
      const store = await ctx.open();
      const flood = directive();
      await store.ingest(item(flood, [], at(0)));
      const mine = ack(XINXIANG, flood.id, "read", { ofUnitId: PROVINCE });
      const theirs = ack(JIAOZUO, flood.id, "read", { ofUnitId: "420000-YJT-ZBS" });
      await store.ingest(item(mine, [], at(1)));
      await store.ingest(item(theirs, [], at(2)));
      expect(await ackNames(store, flood.id)).toEqual([`${XINXIANG}/${mine.id}`, `${JIAOZUO}/${theirs.id}`]);
    });

    test("acks of a message that is not stored are still found (an ack may arrive before, or without, what it answers)", async () => {
      const store = await ctx.open();
      const elsewhere = newId("dir-elsewhere");
      const early = ack(ZHENGZHOU, elsewhere, "received");
      await store.ingest(item(early, [], at(1)));
      expect(await ackNames(store, elsewhere)).toEqual([`${ZHENGZHOU}/${early.id}`]);
    });

    test("an id with JSON-escaped characters (quote, backslash) is matched as the text it is", async () => {
      const store = await ctx.open();
      const id = `dir-"q"\\b/${newId()}`;
      const flood = directive(id);
      await store.ingest(item(flood, [], at(0)));
      const quoted = ack(ZHENGZHOU, id, "received");
      const lookalike = ack(XINXIANG, id.replace(/\\/g, "\\\\"), "received");
      await store.ingest(item(quoted, [], at(1)));
      await store.ingest(item(lookalike, [], at(2)));
      expect(await ackNames(store, id)).toEqual([`${ZHENGZHOU}/${quoted.id}`]);
    });

    test("acks committed in one batch are all found; the one that failed is not", async () => {
      const db = await ctx.database();
      const store = await ctx.open();
      const flood = directive();
      const refused = ack(JIAOZUO, flood.id, "rejected", { note: "不在接收范围" });
      await db.failIngestOf(refused.id);
      const zz = ack(ZHENGZHOU, flood.id, "received");
      const xx = ack(XINXIANG, flood.id, "received");
      const results = await store.ingestBatch([item(zz, [], at(1)), item(refused, [], at(1)), item(xx, [], at(1))]);
      expect(results.map((r) => r.ok)).toEqual([true, false, true]);
      expect((await ackNames(store, flood.id)).sort()).toEqual([`${ZHENGZHOU}/${zz.id}`, `${XINXIANG}/${xx.id}`]);
    });

    test("acks committed in one batch come back in arrival order", async () => {
      const store = await ctx.open();
      const flood = directive();
      const xx = ack(XINXIANG, flood.id, "received");
      const zz = ack(ZHENGZHOU, flood.id, "received");
      await store.ingestBatch([item(xx, [], at(1)), item(zz, [], at(2))]);
      expect(await ackNames(store, flood.id)).toEqual([`${XINXIANG}/${xx.id}`, `${ZHENGZHOU}/${zz.id}`]);
    });

    test("Chinese, emoji, quotes and line breaks in an ack come back exactly", async () => {
      const store = await ctx.open();
      const flood = directive();
      const note = '已办结 ✅ 🌧️ — "三个叫应" \\ 已落实\n第二行\t制表';
      const envelope = ack(ZHENGZHOU, flood.id, "done", { note });
      await store.ingest(item(envelope, [], at(1)));
      const [entry] = await store.acknowledgementsOf(flood.id);
      expect(entry?.envelope).toEqual(envelope);
    });

    test("an ack whose note holds U+0000 is stored and found", async () => {
      const store = await ctx.open();
      const flood = directive();
      const envelope = ack(ZHENGZHOU, flood.id, "received", { note: "已收到\u0000（值班电话自动转写）" });
      await store.ingest(item(envelope, [], at(1)));
      const [entry] = await store.acknowledgementsOf(flood.id);
      expect(entry?.envelope).toEqual(envelope);
    });

    test("an ack whose note holds a lone surrogate is stored and found", async () => {
      const store = await ctx.open();
      const flood = directive();
      const envelope = ack(XINXIANG, flood.id, "read", { note: "已阅\ud800" });
      await store.ingest(item(envelope, [], at(1)));
      expect(await ackNames(store, flood.id)).toEqual([`${XINXIANG}/${envelope.id}`]);
    });

    test("the database is at schema version 2 or later, and acks stay found across close and reopen", async () => {
      const first = await ctx.open();
      expect(await first.schemaVersion()).toBeGreaterThanOrEqual(2);
      const flood = directive();
      const envelope = ack(JIAOZUO, flood.id, "received");
      await first.ingest(item(envelope, [], at(1)));
      await first.close();
      const second = await ctx.open();
      expect(await ackNames(second, flood.id)).toEqual([`${JIAOZUO}/${envelope.id}`]);
    });
  });
}
