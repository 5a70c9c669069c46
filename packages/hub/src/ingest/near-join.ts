import { distanceKm } from "@eix/adapters";
import type { Envelope } from "@eix/schema";
import { type NearPoint, nearMarkOf, spanOf } from "../store/near-footprint.js";
import type { Store } from "../store/store.js";
import type { IncidentChainEntry } from "../store/store-records.js";
import { isFollowUp } from "./chain-placement.js";
import { ingestIssue } from "./ingest-errors.js";
import { forMessage, type ReportedIssue } from "./reported-issue.js";

// Follow-ups that may continue an incident under another id. A satellite feed decoded without
// history names each candidate fire after its earliest hotspot in the payload; when the next
// payload's hotspots of the same fire start later (a rolling feed moved on, another satellite,
// the bulletin after FIRMS), the adapter cannot know the fire already has an id. The hub can:
// reports marked `extensions.eix.near` are indexed by time span and box (store migration 3),
// and a new one within reach of a known open incident is re-homed into that incident's chain,
// where the follow-up placement numbers it as the next update (续报).

/** The turn key of every payload that may re-home reports: joins are decided one payload at a time. */
export const NEAR_JOIN_TURN = "\u0000near";

type IncidentEnvelope = Extract<Envelope, { kind: "incident" }>;

/** Whether the hub should look for a known incident this report continues. */
export function mayJoin(envelope: Envelope): envelope is IncidentEnvelope {
  return isFollowUp(envelope) && nearMarkOf(envelope) !== undefined;
}

// Degrees per km are overestimated by a tenth, so boxes and cells are never narrower than the
// reach (a great circle is shorter than the parallel between the same points).
const KM_PER_DEGREE = 111.195 / 1.1;

/** Degrees of longitude `km` spans at the widest latitude of a band; all of them near the poles. */
function lonDegrees(km: number, south: number, north: number): number {
  const widest = Math.max(Math.abs(south), Math.abs(north));
  return widest >= 89 ? 360 : km / (KM_PER_DEGREE * Math.cos((widest * Math.PI) / 180));
}

/** The query box: the points' span widened by the reach, longitudes unwrapped near the poles or the antimeridian. */
function queryOf(points: readonly NearPoint[], km: number, hours: number) {
  const span = spanOf(points);
  const dLat = km / KM_PER_DEGREE;
  const south = span.south - dLat;
  const north = span.north + dLat;
  const dLon = lonDegrees(km, south, north);
  let west = span.west - dLon;
  let east = span.east + dLon;
  if (west < -180 || east > 180) [west, east] = [-180, 180];
  const reach = hours * 3600_000;
  return { from: new Date(span.from - reach), to: new Date(span.to + reach), south, north, west, east, limit: 1000 };
}

/**
 * Whether any point of `a` lies within `km` and `hours` of a point of `b` (single linkage, as
 * the clustering). `b` is bucketed in cells a reach wide, so each point of `a` measures only the
 * points of the 3 × 3 cells around it: linear, even for a mark of many thousand points.
 */
function touches(a: readonly NearPoint[], b: readonly NearPoint[], km: number, hours: number): boolean {
  const reach = hours * 3600_000;
  const both = spanOf([...a, ...b]);
  const dLat = km / KM_PER_DEGREE;
  // Whole columns around the globe, each at least the reach wide, so the last is beside the first.
  const columns = Math.max(1, Math.floor(360 / Math.min(360, lonDegrees(km, both.south, both.north))));
  const dLon = 360 / columns;
  const cellOf = (p: NearPoint) => [Math.floor(p.lat / dLat), Math.floor((p.lon + 180) / dLon) % columns] as const;
  const cells = new Map<string, NearPoint[]>();
  for (const q of b) {
    const key = cellOf(q).join(",");
    const list = cells.get(key);
    if (list) list.push(q);
    else cells.set(key, [q]);
  }
  for (const p of a) {
    const [row, column] = cellOf(p);
    for (let dr = -1; dr <= 1; dr++)
      for (let dc = -1; dc <= 1; dc++) {
        // Columns wrap at the antimeridian.
        const near = cells.get(`${row + dr},${(((column + dc) % columns) + columns) % columns}`);
        if (near?.some((q) => Math.abs(p.at - q.at) <= reach && distanceKm(p, q) <= km)) return true;
      }
  }
  return false;
}

/**
 * Re-homes each marked follow-up whose incident id the store does not know into the known
 * incident it continues: the first (in arrival order) of the same status and event type whose
 * marked reports have a point within the follow-up's reach, and whose chain has no final report
 * (终报: a fire seen again after it was declared out is a new fire). The report keeps its own
 * id in `extensions.eix.joinedFrom`. Call inside the turn NEAR_JOIN_TURN, then place inside the
 * turns of `joinedInto`.
 */
export async function joinKnownIncidents(
  messages: readonly Envelope[],
  store: Pick<Store, "incidentsNear" | "incidentChain">,
): Promise<{ messages: Envelope[]; issues: ReportedIssue[]; joinedInto: string[] }> {
  const out: Envelope[] = [];
  const issues: ReportedIssue[] = [];
  const joinedInto = new Set<string>();
  const seen = new Set<string>();
  for (const [index, message] of messages.entries()) {
    if (!mayJoin(message) || seen.has(message.payload.incidentId)) {
      if (message.kind === "incident") seen.add(message.payload.incidentId);
      out.push(message);
      continue;
    }
    const own = message.payload.incidentId;
    seen.add(own);
    const mark = nearMarkOf(message) as NonNullable<ReturnType<typeof nearMarkOf>>;
    const known = (await store.incidentChain(own)).some((entry) => entry.envelope.status === message.status);
    const target = known ? undefined : await findContinued(message, mark, store);
    if (target === undefined) {
      out.push(message);
      continue;
    }
    joinedInto.add(target);
    const eix = { ...(message.payload.extensions?.eix as Record<string, unknown> | undefined), joinedFrom: own };
    out.push({
      ...message,
      payload: { ...message.payload, incidentId: target, extensions: { ...message.payload.extensions, eix } },
    });
    issues.push(
      ...forMessage(
        [ingestIssue("EIX_INGEST_FOLLOW_UP_JOINED", "/payload/incidentId", { value: target })],
        index,
        messages.length,
      ),
    );
  }
  return { messages: out, issues, joinedInto: [...joinedInto] };
}

async function findContinued(
  message: IncidentEnvelope,
  mark: { km: number; hours: number; points: NearPoint[] },
  store: Pick<Store, "incidentsNear" | "incidentChain">,
): Promise<string | undefined> {
  const candidates = await store.incidentsNear(queryOf(mark.points, mark.km, mark.hours));
  const tried = new Set<string>();
  for (const entry of candidates) {
    if (!sameKind(entry, message) || tried.has(entry.incidentId)) continue;
    const points = nearMarkOf(entry.envelope)?.points;
    if (!points || !touches(mark.points, points, mark.km, mark.hours)) continue;
    tried.add(entry.incidentId);
    const chain = await store.incidentChain(entry.incidentId);
    if (!chain.some((link) => link.stage === "final" && link.envelope.status === message.status)) return entry.incidentId;
  }
  return undefined;
}

function sameKind(entry: IncidentChainEntry, message: IncidentEnvelope): boolean {
  const envelope = entry.envelope;
  return (
    envelope.kind === "incident" &&
    envelope.status === message.status &&
    envelope.payload.eventType === message.payload.eventType &&
    entry.incidentId !== message.payload.incidentId
  );
}
