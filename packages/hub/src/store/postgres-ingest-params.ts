import type { IngestPlan } from "./ingest-plan.js";

/**
 * The parameters of `ingestMany`: one array per column, items in batch order (`ord` is the
 * position), and the deliveries flattened into three arrays that point back at their item.
 */
export function ingestManyParams(plans: readonly IngestPlan[]): unknown[] {
  const deliveryOrd: number[] = [];
  const destinations: string[] = [];
  const laneKeys: string[] = [];
  plans.forEach((plan, ord) => {
    plan.destinations.forEach((destination, i) => {
      deliveryOrd.push(ord);
      destinations.push(destination);
      laneKeys.push(plan.laneKeys[i] ?? "");
    });
  });
  return [
    plans.map((p) => p.unitId),
    plans.map((p) => p.messageId),
    plans.map((p) => p.receiptId),
    plans.map((p) => p.receivedAt),
    plans.map((p) => p.kind),
    plans.map((p) => p.incident?.incidentId ?? null),
    plans.map((p) => p.raw),
    plans.map((p) => p.rawSha256),
    plans.map((p) => p.canonical),
    plans.map((p) => p.provenance),
    plans.map((p) => p.incident?.stage ?? null),
    plans.map((p) => p.incident?.sequence ?? null),
    plans.map((p) => p.laneOrder),
    plans.map((_, ord) => ord),
    deliveryOrd,
    destinations,
    laneKeys,
    plans.map((p) => p.ackOf ?? null),
    plans.map((p) => p.near?.from ?? null),
    plans.map((p) => p.near?.to ?? null),
    plans.map((p) => p.near?.south ?? null),
    plans.map((p) => p.near?.north ?? null),
    plans.map((p) => p.near?.west ?? null),
    plans.map((p) => p.near?.east ?? null),
  ];
}
