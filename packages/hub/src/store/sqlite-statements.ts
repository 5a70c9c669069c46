import type Database from "better-sqlite3";
import { claimableCondition, DELIVERY_COLUMNS, releaseLapsedClaims } from "./delivery-sql.js";

/** Claims lane heads and returns their ids; four variants so each keeps a plan that uses its index. */
const claimIds = (destination: boolean, deadBlocksLane: boolean) => `
      UPDATE deliveries SET state = 'claimed', claimed_until = @until, lease_id = @lease, attempts = attempts + 1, updated_at = @now
      WHERE id IN (
        SELECT d.id FROM deliveries d
        WHERE ${destination ? "d.destination = @destination AND" : ""} ${claimableCondition("deliveries", "@now", deadBlocksLane)}
        ORDER BY d.next_attempt_at, d.id
        LIMIT @limit)
      RETURNING id`;

/** The SQL the SQLite store runs on every call. */
const sqliteSql = {
  insertDedup: "INSERT INTO dedup_keys (unit_id, message_id, receipt_id, received_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
  selectReceipt: "SELECT receipt_id, received_at FROM dedup_keys WHERE unit_id = ? AND message_id = ?",
  insertMessage: `INSERT INTO messages
      (receipt_id, unit_id, message_id, kind, incident_id, received_at, raw, raw_sha256, canonical, provenance, ack_of,
       near_from, near_to, near_south, near_north, near_west, near_east)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  insertIncident: "INSERT INTO incidents (incident_id, message_seq, stage, sequence) VALUES (?, ?, ?, ?)",
  insertDelivery: `INSERT INTO deliveries
      (message_seq, destination, lane_key, lane_order, state, attempts, next_attempt_at, created_at, updated_at)
      VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
  insertQuarantine: `INSERT INTO quarantine
      (received_at, source, unit_id, reason_codes, issues, detail, raw, raw_size, raw_sha256)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,

  releaseLapsed: releaseLapsedClaims("deliveries", "@now"),
  claimAll: claimIds(false, true),
  claimAllPastDead: claimIds(false, false),
  claimDestination: claimIds(true, true),
  claimDestinationPastDead: claimIds(true, false),
  claimedRows: `SELECT ${DELIVERY_COLUMNS}, m.canonical
      FROM deliveries d JOIN messages m ON m.seq = d.message_seq
      WHERE d.id IN (SELECT value FROM json_each(?))
      ORDER BY d.next_attempt_at, d.id`,

  // An outcome applies only to a live claim, and with a lease id only to that very claim.
  delivered: `UPDATE deliveries SET state = 'delivered', delivered_at = @at, updated_at = @at,
      claimed_until = NULL, last_response = COALESCE(@response, last_response)
      WHERE id = @id AND state = 'claimed' AND (@lease IS NULL OR lease_id = @lease)`,
  retry: `UPDATE deliveries SET state = 'pending', next_attempt_at = @next, updated_at = @at,
      claimed_until = NULL, last_error = @error, last_response = @response
      WHERE id = @id AND state = 'claimed' AND (@lease IS NULL OR lease_id = @lease)`,
  dead: `UPDATE deliveries SET state = 'dead', dead_at = @at, updated_at = @at,
      claimed_until = NULL, last_error = @error, last_response = @response
      WHERE id = @id AND state = 'claimed' AND (@lease IS NULL OR lease_id = @lease)`,

  messageByUnit: "SELECT * FROM messages WHERE message_id = ? AND unit_id = ?",
  messageFirst: "SELECT * FROM messages WHERE message_id = ? ORDER BY seq LIMIT 1",
  acksOf: `SELECT receipt_id, message_id, unit_id, received_at, canonical FROM messages
      WHERE ack_of = ? ORDER BY received_at, seq`,
  deliveriesOfMessage: `SELECT ${DELIVERY_COLUMNS}
      FROM deliveries d JOIN messages m ON m.seq = d.message_seq WHERE d.message_seq = ? ORDER BY d.id`,
  // Marked reports whose span and box meet the query's (boxes given already widened by the reach).
  near: `SELECT i.incident_id, i.stage, i.sequence, m.receipt_id, m.message_id, m.unit_id, m.received_at, m.canonical
      FROM messages m JOIN incidents i ON i.message_seq = m.seq
      WHERE m.near_to >= @from AND m.near_from <= @to
        AND m.near_north >= @south AND m.near_south <= @north AND m.near_east >= @west AND m.near_west <= @east
      ORDER BY m.seq LIMIT @limit`,
  chain: `SELECT i.incident_id, i.stage, i.sequence, m.receipt_id, m.message_id, m.unit_id, m.received_at, m.canonical
      FROM incidents i JOIN messages m ON m.seq = i.message_seq
      WHERE i.incident_id = ? ORDER BY i.sequence, i.message_seq`,
  outbox: `SELECT destination,
        SUM(state = 'pending') AS pending, SUM(state = 'claimed') AS claimed, SUM(state = 'dead') AS dead,
        MIN(CASE WHEN state IN ('pending', 'claimed') THEN created_at END) AS oldest
      FROM deliveries WHERE state IN ('pending', 'claimed', 'dead')
      GROUP BY destination ORDER BY destination`,

  // A message is prunable when old and every delivery of it was delivered before the cut-off.
  prunable: `SELECT seq FROM messages m
      WHERE m.received_at < @cutoff AND NOT EXISTS (
        SELECT 1 FROM deliveries d WHERE d.message_seq = m.seq AND (d.state <> 'delivered' OR d.delivered_at >= @cutoff))
      ORDER BY seq LIMIT @limit`,
  pruneDeliveries: "DELETE FROM deliveries WHERE message_seq IN (SELECT value FROM json_each(?))",
  pruneIncidents: "DELETE FROM incidents WHERE message_seq IN (SELECT value FROM json_each(?))",
  pruneMessages: "DELETE FROM messages WHERE seq IN (SELECT value FROM json_each(?))",
  pruneDedupKeys: `DELETE FROM dedup_keys WHERE received_at < ?
      AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.receipt_id = dedup_keys.receipt_id)`,
  pruneQuarantine: "DELETE FROM quarantine WHERE received_at < ?",

  // Taken when free, expired, or already ours (a renewal).
  lock: `INSERT INTO locks (name, owner, expires_at) VALUES (@name, @owner, @expires)
      ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
      WHERE locks.expires_at <= @now OR locks.owner = excluded.owner`,
  unlock: "DELETE FROM locks WHERE name = ? AND owner = ?",
  schemaVersion: "SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations",
  ping: "SELECT 1",
} as const;

export type SqliteStatements = { readonly [K in keyof typeof sqliteSql]: Database.Statement };

/** Prepared once per connection. */
export function prepareSqliteStatements(db: Database.Database): SqliteStatements {
  const entries = Object.entries(sqliteSql).map(([name, sql]) => [name, db.prepare(sql)] as const);
  return Object.fromEntries(entries) as SqliteStatements;
}
