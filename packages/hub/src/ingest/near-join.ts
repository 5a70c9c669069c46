import { distanceKm } from "@eix/adapters";
import type { Envelope } from "@eix/schema";
import { type NearPoint, nearMarkOf } from "../store/near-footprint.js";
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

const KM_PER_DEGREE = 111.2;

/** The query box: the points' span widened by the reach, longitudes unwrapped near the poles or the antimeridian. */
function queryOf(points: readonly NearPoint[], km: number, hours: number) {
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const times = points.map((p) => p.at);
  const dLat = km / KM_PER_DEGREE;
  const south = Math.min(...lats) - dLat;
  const north = Math.max(...lats) + dLat;
  const widest = Math.max(Math.abs(south), Math.abs(north));
  const dLon = widest >= 89 ? 360 : km / (KM_PER_DEGREE * Math.cos((widest * Math.PI) / 180));
  let west = Math.min(...lons) - dLon;
  let east = Math.max(...lons) + dLon;
  if (west < -180 || east > 180) [west, east] = [-180, 180];
  const reach = hours * 3600_000;
  return {
    from: new Date(Math.min(...times) - reach),
    to: new Date(Math.max(...times) + reach),
    south,
    north,
    west,
    east,
    limit: 1000,
  };
}

/** Whether any point of `a` lies within `km` and `hours` of a point of `b` (single linkage, as the clustering). */
function touches(a: readonly NearPoint[], b: readonly NearPoint[], km: number, hours: number): boolean {
  const reach = hours * 3600_000;
  return a.some((p) => b.some((q) => Math.abs(p.at - q.at) <= reach && distanceKm(p, q) <= km));
}

/**
 * Re-homes each marked follow-up whose incident id the store does not know into the known
 * incident it continues: the first (in arrival order) of the same status and event type whose
 * marked reports have a point within the follow-up's reach, and whose chain has no final report
 * (终报: a fire seen again after it was declared out is a new fire). The report keeps its own
 * id in `extensions.eix.joinedFrom`. Call inside the turn NEAR_JOIN_TURN.
 */
export async function joinKnownIncidents(
  messages: readonly Envelope[],
  store: Pick<Store, "incidentsNear" | "incidentChain">,
): Promise<{ messages: Envelope[]; issues: ReportedIssue[] }> {
  const out: Envelope[] = [];
  const issues: ReportedIssue[] = [];
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
  return { messages: out, issues };
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
