// Messages and times for the store contract: small valid envelopes, routed to named destinations.
import type { Envelope } from "@eix/schema";
import type { IngestItem, IngestProvenance } from "../../src/store/store-records.js";

export const T0 = new Date("2026-03-14T00:00:00.000Z");

/** T0 plus `ms`. */
export const at = (ms: number): Date => new Date(T0.getTime() + ms);

let serial = 0;
/** A message id no other test uses (ids are unique per unit, the tests share none). */
export const newId = (prefix = "msg"): string => `${prefix}-${++serial}-${Math.random().toString(36).slice(2, 8)}`;

const sender = (unitId: string) =>
  ({ unitId, name: "余杭区应急管理局值班室", department: "emergency-office", level: "county", regionCode: "330110" }) as const;

/** An incident report (突发事件信息报告), one link of a chain. */
export function incident(options: {
  incidentId: string;
  sequence: number;
  id?: string;
  unitId?: string;
  stage?: "initial" | "update" | "final";
}): Envelope {
  return {
    id: options.id ?? newId("inc"),
    schema: "eix/1",
    kind: "incident",
    sentAt: "2026-03-14T06:20:00+08:00",
    sender: sender(options.unitId ?? "330110-YJJ-ZBS"),
    status: "actual",
    classification: "internal",
    payload: {
      incidentId: options.incidentId,
      stage: options.stage ?? (options.sequence === 1 ? "initial" : "update"),
      sequence: options.sequence,
      title: "余杭区仁和街道一服装加工厂火灾",
      eventType: "12G00",
      severity: "IV",
      occurredAt: "2026-03-14T02:05:00+08:00",
      location: { regionCode: "330110" },
    },
  };
}

/** A daily check-in (值班签到): not part of any incident, so a lane of its own. */
export function checkin(options: { id?: string; unitId?: string } = {}): Envelope {
  return {
    id: options.id ?? newId("chk"),
    schema: "eix/1",
    kind: "checkin",
    sentAt: "2026-03-14T08:00:00+08:00",
    sender: sender(options.unitId ?? "330110-YJJ-ZBS"),
    status: "actual",
    classification: "internal",
    payload: { date: "2026-03-14", status: "nothing-to-report", dutyOfficer: { name: "王建国" } },
  };
}

export const provenance: IngestProvenance = {
  source: "http",
  adapter: { id: "eix.json", version: "1.0.0" },
  sourceFormat: "application/json",
  remoteAddress: "127.0.0.1",
  authenticatedUnitId: "330110-YJJ-ZBS",
};

/** The envelope as the sender's bytes, routed to `destinations`. */
export function item(envelope: Envelope, destinations: readonly string[] = ["national"], receivedAt: Date = T0): IngestItem {
  return { raw: new TextEncoder().encode(JSON.stringify(envelope)), envelope, provenance, destinations, receivedAt };
}
