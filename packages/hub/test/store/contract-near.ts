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

    test("a malformed mark, or one past what a fire can be, is stored with its report but never found by place", async () => {
      const store = await ctx.open();
      const point = (lat: number, lon: number, time = "2025-05-01T05:42:00Z") => [lat, lon, time];
      const malformed = [
        marked([point(95, 122.8)]),
        marked([point(53.1, 122.8, "not a time")]),
        marked([]),
        marked("points"),
        marked([point(53.1, 122.8)], { km: -1 }),
        // Past the limits: an infinite or huge reach, a time no store can hold, NaN, too many
        // points, a box the size of a country, a span of months.
        marked([point(53.1, 122.8)], { km: Number.POSITIVE_INFINITY }),
        marked([point(53.1, 122.8)], { km: 51 }),
        {
          ...marked([point(53.1, 122.8)]),
          payload: {
            ...(marked([]) as Extract<Envelope, { kind: "incident" }>).payload,
            extensions: { eix: { near: { km: 1.5, hours: 1e300, points: [point(53.1, 122.8)] } } },
          },
        } as Envelope,
        marked([point(53.1, 122.8, "-010000-01-01T00:00:00Z")]),
        marked([point(Number.NaN, 122.8)]),
        marked(Array.from({ length: 5001 }, (_, i) => point(53.1, 122.8 + i * 1e-6))),
        marked([point(53.1, 122.8), point(47.0, 122.8)]),
        marked([point(53.1, 122.8, "2025-05-01T00:00:00Z"), point(53.1, 122.8, "2025-07-01T00:00:00Z")]),
      ];
      for (const [i, report] of malformed.entries()) {
        const receipt = await store.ingest(item(report, [], at(i)));
        expect(receipt.duplicate).toBe(false);
      }
      const everywhere = { from: new Date(0), to: new Date(Date.UTC(9999, 0, 1)), south: -90, north: 90, west: -180, east: 180 };
      expect(await store.incidentsNear(everywhere)).toEqual([]);
      expect(await store.getMessage(malformed[1]?.id as string)).toBeDefined();
    });

    test("a mark across the antimeridian is a band of latitude: found from either side", async () => {
      const store = await ctx.open();
      const across = marked([
        [65.0, 179.995, "2025-05-01T05:42:00Z"],
        [65.001, -179.998, "2025-05-01T05:50:00Z"],
      ]);
      await store.ingest(item(across, [], at(0)));
      const band = { ...span, south: 64.9, north: 65.1 };
      expect(await store.incidentsNear({ ...band, west: 179.9, east: 180 })).toHaveLength(1);
      expect(await store.incidentsNear({ ...band, west: -180, east: -179.9 })).toHaveLength(1);
      expect(await store.incidentsNear({ ...span, south: 60, north: 61, west: -180, east: 180 })).toEqual([]);
    });
  });
}
