import { claimableCondition, DELIVERY_COLUMNS, releaseLapsedClaims } from "./delivery-sql.js";

/**
 * The SQL the PostgreSQL store runs, with every table qualified by the store's schema so the
 * pool's `search_path` does not matter (and one database can hold several isolated stores).
 */
export function postgresSql(schema: string) {
  const t = (table: string) => `"${schema}".${table}`;
  const claim = (destination: boolean, deadBlocksLane: boolean) => `
    WITH due AS (
      SELECT d.id FROM ${t("deliveries")} d
      WHERE ${destination ? "d.destination = $5 AND" : ""} ${claimableCondition(t("deliveries"), "$1", deadBlocksLane)}
      ORDER BY d.next_attempt_at, d.id
      LIMIT $4
      FOR UPDATE OF d SKIP LOCKED
    ), claimed AS (
      UPDATE ${t("deliveries")} c SET state = 'claimed', claimed_until = $2, lease_id = $3, attempts = c.attempts + 1, updated_at = $1
      FROM due WHERE c.id = due.id
      RETURNING c.*
    )
    SELECT ${DELIVERY_COLUMNS}, m.canonical
    FROM claimed d JOIN ${t("messages")} m ON m.seq = d.message_seq
    ORDER BY d.next_attempt_at, d.id`;
  return {
    tables: t,
    // A whole batch in one statement, so one round trip and one commit (a single statement is
    // atomic: no BEGIN/COMMIT needed). Items come as parallel arrays, sorted by dedup key; keys
    // that already exist (or repeat within the batch) are skipped, and only new receipts return.
    ingestMany: `
      WITH input AS (
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::bytea[],
          $8::text[], $9::text[], $10::text[], $11::text[], $12::bigint[], $13::bigint[], $14::int[], $18::text[],
          $19::timestamptz[], $20::timestamptz[], $21::float8[], $22::float8[], $23::float8[], $24::float8[])
          AS x (unit_id, message_id, receipt_id, received_at, kind, incident_id, raw, raw_sha256, canonical, provenance,
            stage, sequence, lane_order, ord, ack_of, near_from, near_to, near_south, near_north, near_west, near_east)
      ), k AS (
        INSERT INTO ${t("dedup_keys")} (unit_id, message_id, receipt_id, received_at)
        SELECT unit_id, message_id, receipt_id, received_at FROM input ORDER BY ord
        ON CONFLICT DO NOTHING RETURNING receipt_id
      ), m AS (
        INSERT INTO ${t("messages")} (receipt_id, unit_id, message_id, kind, incident_id, received_at, raw, raw_sha256, canonical, provenance, ack_of,
          near_from, near_to, near_south, near_north, near_west, near_east)
        SELECT i.receipt_id, i.unit_id, i.message_id, i.kind, i.incident_id, i.received_at, i.raw, i.raw_sha256, i.canonical, i.provenance, i.ack_of,
          i.near_from, i.near_to, i.near_south, i.near_north, i.near_west, i.near_east
        FROM input i JOIN k ON k.receipt_id = i.receipt_id ORDER BY i.ord
        RETURNING seq, receipt_id
      ), chain AS (
        INSERT INTO ${t("incidents")} (incident_id, message_seq, stage, sequence)
        SELECT i.incident_id, m.seq, i.stage, i.sequence FROM input i JOIN m ON m.receipt_id = i.receipt_id
        WHERE i.incident_id IS NOT NULL
      ), d AS (
        INSERT INTO ${t("deliveries")} (message_seq, destination, lane_key, lane_order, state, attempts, next_attempt_at, created_at, updated_at)
        SELECT m.seq, r.destination, r.lane_key, i.lane_order, 'pending', 0, i.received_at, i.received_at, i.received_at
        FROM unnest($15::int[], $16::text[], $17::text[]) WITH ORDINALITY AS r (ord, destination, lane_key, n)
        JOIN input i ON i.ord = r.ord JOIN m ON m.receipt_id = i.receipt_id
        ORDER BY r.n
      )
      SELECT receipt_id FROM k`,
    receiptsOf: `SELECT unit_id, message_id, receipt_id, received_at FROM ${t("dedup_keys")}
      WHERE (unit_id, message_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    insertQuarantine: `INSERT INTO ${t("quarantine")}
      (received_at, source, unit_id, reason_codes, issues, detail, raw, raw_size, raw_sha256)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,

    // A statement of its own: rows it puts back must be visible to the claim's snapshot.
    releaseLapsed: releaseLapsedClaims(t("deliveries"), "$1"),
    claimAll: claim(false, true),
    claimAllPastDead: claim(false, false),
    claimDestination: claim(true, true),
    claimDestinationPastDead: claim(true, false),

    // Outcomes of a batch in one statement. Each applies only to a live claim, and with a lease
    // id only to that very claim; a delivered one keeps the error of the attempt before it.
    outcomes: `
      UPDATE ${t("deliveries")} d SET
        state = u.state, updated_at = u.at, claimed_until = NULL,
        delivered_at = CASE WHEN u.state = 'delivered' THEN u.at ELSE d.delivered_at END,
        dead_at = CASE WHEN u.state = 'dead' THEN u.at ELSE d.dead_at END,
        next_attempt_at = COALESCE(u.next_attempt_at, d.next_attempt_at),
        last_error = CASE WHEN u.state = 'delivered' THEN d.last_error ELSE u.error END,
        last_response = CASE WHEN u.state = 'delivered' THEN COALESCE(u.response, d.last_response) ELSE u.response END
      FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
        AS u (id, state, at, lease_id, response, next_attempt_at, error)
      WHERE d.id = u.id AND d.state = 'claimed' AND (u.lease_id IS NULL OR d.lease_id = u.lease_id)
      RETURNING d.id`,

    messageByUnit: `SELECT * FROM ${t("messages")} WHERE message_id = $1 AND unit_id = $2`,
    messageFirst: `SELECT * FROM ${t("messages")} WHERE message_id = $1 ORDER BY seq LIMIT 1`,
    // Marked reports whose span and box meet the query's (boxes given already widened by the reach).
    near: `SELECT i.incident_id, i.stage, i.sequence, m.receipt_id, m.message_id, m.unit_id, m.received_at, m.canonical
      FROM ${t("messages")} m JOIN ${t("incidents")} i ON i.message_seq = m.seq
      WHERE m.near_to >= $1 AND m.near_from <= $2
        AND m.near_north >= $3 AND m.near_south <= $4 AND m.near_east >= $5 AND m.near_west <= $6
      ORDER BY m.seq LIMIT $7`,
    acksOf: `SELECT receipt_id, message_id, unit_id, received_at, canonical FROM ${t("messages")}
      WHERE ack_of = $1 ORDER BY received_at, seq`,
    deliveriesOfMessage: `SELECT ${DELIVERY_COLUMNS}
      FROM ${t("deliveries")} d JOIN ${t("messages")} m ON m.seq = d.message_seq WHERE d.message_seq = $1 ORDER BY d.id`,
    chain: `SELECT i.incident_id, i.stage, i.sequence, m.receipt_id, m.message_id, m.unit_id, m.received_at, m.canonical
      FROM ${t("incidents")} i JOIN ${t("messages")} m ON m.seq = i.message_seq
      WHERE i.incident_id = $1 ORDER BY i.sequence, i.message_seq`,
    outbox: `SELECT destination,
        count(*) FILTER (WHERE state = 'pending')::int AS pending,
        count(*) FILTER (WHERE state = 'claimed')::int AS claimed,
        count(*) FILTER (WHERE state = 'dead')::int AS dead,
        min(created_at) FILTER (WHERE state IN ('pending', 'claimed')) AS oldest
      FROM ${t("deliveries")} WHERE state IN ('pending', 'claimed', 'dead')
      GROUP BY destination ORDER BY destination`,

    // A message is prunable when old and every delivery of it was delivered before the cut-off.
    // The foreign keys are checked at the end of the statement, after all three deletes.
    pruneChunk: `
      WITH victims AS (
        SELECT seq FROM ${t("messages")} m
        WHERE m.received_at < $1 AND NOT EXISTS (
          SELECT 1 FROM ${t("deliveries")} d WHERE d.message_seq = m.seq AND (d.state <> 'delivered' OR d.delivered_at >= $1))
        ORDER BY seq LIMIT $2
      ), dd AS (
        DELETE FROM ${t("deliveries")} WHERE message_seq IN (SELECT seq FROM victims) RETURNING 1
      ), di AS (
        DELETE FROM ${t("incidents")} WHERE message_seq IN (SELECT seq FROM victims) RETURNING 1
      ), dm AS (
        DELETE FROM ${t("messages")} WHERE seq IN (SELECT seq FROM victims) RETURNING 1
      )
      SELECT (SELECT count(*) FROM dd)::int AS deliveries, (SELECT count(*) FROM di)::int AS incidents,
        (SELECT count(*) FROM dm)::int AS messages`,
    pruneDedupKeys: `DELETE FROM ${t("dedup_keys")} k WHERE k.received_at < $1
      AND NOT EXISTS (SELECT 1 FROM ${t("messages")} m WHERE m.receipt_id = k.receipt_id)`,
    pruneQuarantine: `DELETE FROM ${t("quarantine")} WHERE received_at < $1`,

    // Taken when free, expired, or already ours (a renewal).
    lock: `INSERT INTO ${t("locks")} AS l (name, owner, expires_at) VALUES ($1, $2, $3)
      ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
      WHERE l.expires_at <= $4 OR l.owner = EXCLUDED.owner
      RETURNING name`,
    unlock: `DELETE FROM ${t("locks")} WHERE name = $1 AND owner = $2`,
    schemaVersion: `SELECT COALESCE(MAX(version), 0)::int AS version FROM ${t("schema_migrations")}`,
    ping: "SELECT 1",
  };
}

export type PostgresSql = ReturnType<typeof postgresSql>;
