// SQL fragments about deliveries that read the same in SQLite and PostgreSQL. Placeholders are
// passed in because the drivers spell them differently (@now against $1).

/** Columns of a `DeliveryRow`, from `deliveries d JOIN messages m`. */
export const DELIVERY_COLUMNS = `d.id, m.receipt_id, m.message_id, m.unit_id, d.destination, d.lane_key, d.state, d.attempts,
  d.next_attempt_at, d.created_at, d.updated_at, d.claimed_until, d.lease_id, d.last_error, d.last_response,
  d.delivered_at, d.dead_at, d.replayed_at`;

/** States that hold back the deliveries behind them in their lane. */
export function blockingStates(deadBlocksLane: boolean): string {
  return deadBlocksLane ? "'pending', 'claimed', 'dead'" : "'pending', 'claimed'";
}

/**
 * Deliveries (alias `d`) that may be claimed at `now`: due pending ones at the head of their
 * lane, in a lane that no claim holds. Claims whose lease ran out were put back to pending just
 * before (`releaseLapsedClaims`), so every claim left is live. With no OR in it, the condition
 * lets the database walk the due index in order and stop at the limit.
 */
export function claimableCondition(deliveries: string, now: string, deadBlocksLane: boolean): string {
  return `d.state = 'pending' AND d.next_attempt_at <= ${now}
  AND NOT EXISTS (
    SELECT 1 FROM ${deliveries} e
    WHERE e.lane_key = d.lane_key AND e.id <> d.id
      AND (e.state = 'claimed'
        OR (e.state IN (${blockingStates(deadBlocksLane)})
          AND (e.lane_order < d.lane_order OR (e.lane_order = d.lane_order AND e.id < d.id)))))`;
}

/**
 * Puts claims whose lease ran out (their worker crashed or hung) back to pending, due at once as
 * before; the old lease can then no longer record an outcome.
 */
export function releaseLapsedClaims(deliveries: string, now: string): string {
  return `UPDATE ${deliveries} SET state = 'pending', claimed_until = NULL, updated_at = ${now}
    WHERE state = 'claimed' AND claimed_until <= ${now}`;
}
