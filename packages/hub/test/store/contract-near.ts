// Contract part: incidentsNear — incident reports marked `extensions.eix.near` (satellite
// hotspots), found by the time span and box of their points, as the hub's join of follow-ups
// asks for them: marks written at ingest, malformed marks not indexed, arrival order, limit.
import type { Envelope } from "@eix/schema";
import { describe, expect, test } from "vitest";
import type { ContractContext } from "./contract-context.js";
import { at, incident, item, newId } from "./store-fixtures.js";

/** An incident report whose near mark holds `points` ([lat, lon, time]). */
function marked(points: unknown, more: { incidentId?: string; km?: unknown } = {}): Envelope {
  const base = incident({ incidentId: more.incidentId ?? newId("HOTSPOT"), sequence: 1 }) as Extract<
    Envelope,
    { kind: "incident" }
  >;
  return {
    ...base,
    payload: { ...base.payload, extensions: { eix: { near: { km: more.km ?? 1.5, hours: 6, points } } } },
  } as Envelope;
}

const box = { south: 53.0, north: 53.2, west: 122.7, east: 122.9 };
const span = { from: new Date("2025-05-01T00:00:00Z"), to: new Date("2025-05-01T12:00:00Z") };

export function nearContract(ctx: ContractContext): void {
  describe("reports found by place and time", () => {
    test("a marked report is found when its span and box meet the query's, and not otherwise", async () => {
      const store = await ctx.open();
      const fire = marked([
        [53.1, 122.8, "2025-05-01T05:42:00Z"],
        [53.11, 122.81, "2025-05-01T07:20:00Z"],
      ]);
      await store.ingest(item(fire, [], at(0)));
      await store.ingest(item(incident({ incidentId: newId("plain"), sequence: 1 }), [], at(1)));

      const found = await store.incidentsNear({ ...span, ...box });
      expect(found.map((entry) => entry.messageId)).toEqual([fire.id]);
      expect(found[0]).toMatchObject({
        incidentId: (fire as Extract<Envelope, { kind: "incident" }>).payload.incidentId,
        stage: "initial",
      });
      expect(found[0]?.envelope).toEqual(fire);
      expect(found[0]?.receivedAt).toBeInstanceOf(Date);

      // Spans that only touch the ends count; a day later, or a box beside it, does not.
      expect(
        await store.incidentsNear({ ...box, from: new Date("2025-05-01T07:20:00Z"), to: new Date("2025-05-01T09:00:00Z") }),
      ).toHaveLength(1);
      expect(
        await store.incidentsNear({ ...box, from: new Date("2025-05-02T00:00:00Z"), to: new Date("2025-05-02T12:00:00Z") }),
      ).toEqual([]);
      expect(await store.incidentsNear({ ...span, ...box, west: 122.85, east: 123.0 })).toEqual([]);
      expect(await store.incidentsNear({ ...span, ...box, south: 53.2, north: 53.3 })).toEqual([]);
      expect(await store.incidentsNear({ ...span, south: -90, north: 90, west: -180, east: 180 })).toHaveLength(1);
    });

    test("arrival order and the limit", async () => {
      const store = await ctx.open();
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const report = marked([[53.1 + i * 0.01, 122.8, `2025-05-01T0${i}:00:00Z`]]);
        ids.push(report.id);
        await store.ingest(item(report, [], at(1000 * (4 - i))));
      }
      const all = await store.incidentsNear({ ...span, ...box });
      expect(all.map((entry) => entry.messageId)).toEqual(ids);
      expect((await store.incidentsNear({ ...span, ...box, limit: 2 })).map((entry) => entry.messageId)).toEqual(ids.slice(0, 2));
    });

    test("a malformed mark is stored with its report but never found by place", async () => {
      const store = await ctx.open();
      const malformed = [
        marked([[95, 122.8, "2025-05-01T05:42:00Z"]]),
        marked([[53.1, 122.8, "not a time"]]),
        marked([]),
        marked("points"),
        marked([[53.1, 122.8, "2025-05-01T05:42:00Z"]], { km: -1 }),
      ];
      for (const [i, report] of malformed.entries()) {
        const receipt = await store.ingest(item(report, [], at(i)));
        expect(receipt.duplicate).toBe(false);
      }
      expect(await store.incidentsNear({ ...span, south: -90, north: 90, west: -180, east: 180 })).toEqual([]);
      expect(await store.getMessage(malformed[1]?.id as string)).toBeDefined();
    });
  });
}
