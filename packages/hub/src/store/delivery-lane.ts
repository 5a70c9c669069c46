/**
 * The lane a delivery travels in: deliveries of one incident to one destination go out one at a
 * time, in order, so a 续报 never overtakes its 初报; other incidents and other destinations have
 * lanes of their own and are never held back by this one. Messages without an incident are
 * lanes of one.
 */
export function laneKey(destination: string, incidentId: string | undefined, messageId: string): string {
  return `${destination}|${incidentId ?? messageId}`;
}

/**
 * Position inside the lane: the report sequence (报告序号) for incident reports, so a late 初报
 * still goes before a 续报 that arrived first, when neither has been sent yet; 0 otherwise.
 * Ties go by arrival (delivery id).
 */
export function laneOrder(sequence: number | undefined): number {
  return sequence ?? 0;
}
