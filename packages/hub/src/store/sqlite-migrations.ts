import type { Migration } from "./migration.js";

// Times are Unix epoch milliseconds (INTEGER): SQLite has no time type, and integers compare and
// index cheaply. Keep this list in step with postgres-migrations.ts.
export const sqliteMigrations: readonly Migration[] = [
  {
    version: 1,
    name: "messages, deliveries, dedup keys, incidents, quarantine, locks",
    sql: `
CREATE TABLE dedup_keys (
  unit_id     TEXT    NOT NULL,
  message_id  TEXT    NOT NULL,
  receipt_id  TEXT    NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (unit_id, message_id)
) WITHOUT ROWID;

-- AUTOINCREMENT: a pruned seq is never handed out again, so seq stays arrival order.
CREATE TABLE messages (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  receipt_id  TEXT    NOT NULL UNIQUE,
  unit_id     TEXT    NOT NULL,
  message_id  TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  incident_id TEXT,
  received_at INTEGER NOT NULL,
  raw         BLOB    NOT NULL,
  raw_sha256  TEXT    NOT NULL,
  canonical   TEXT    NOT NULL,
  provenance  TEXT    NOT NULL
);
CREATE INDEX messages_message_id ON messages (message_id);
CREATE INDEX messages_received_at ON messages (received_at);

CREATE TABLE incidents (
  incident_id TEXT    NOT NULL,
  message_seq INTEGER NOT NULL REFERENCES messages (seq),
  stage       TEXT    NOT NULL,
  sequence    INTEGER NOT NULL,
  PRIMARY KEY (incident_id, message_seq)
) WITHOUT ROWID;
CREATE INDEX incidents_message ON incidents (message_seq);

CREATE TABLE deliveries (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  message_seq     INTEGER NOT NULL REFERENCES messages (seq),
  destination     TEXT    NOT NULL,
  lane_key        TEXT    NOT NULL,
  lane_order      INTEGER NOT NULL,
  state           TEXT    NOT NULL CHECK (state IN ('pending', 'claimed', 'delivered', 'dead')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  claimed_until   INTEGER,
  lease_id        TEXT,
  last_error      TEXT,
  last_response   TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  delivered_at    INTEGER,
  dead_at         INTEGER,
  replayed_at     INTEGER,
  UNIQUE (message_seq, destination)
);
-- Both due indexes end in the rowid (the id), so a claim walks them in claim order and stops at its limit.
CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
CREATE INDEX deliveries_lane ON deliveries (lane_key, state);
CREATE INDEX deliveries_destination ON deliveries (destination, state, next_attempt_at);

CREATE TABLE quarantine (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  received_at  INTEGER NOT NULL,
  source       TEXT    NOT NULL,
  unit_id      TEXT,
  reason_codes TEXT    NOT NULL,
  issues       TEXT    NOT NULL,
  detail       TEXT,
  raw          BLOB    NOT NULL,
  raw_size     INTEGER NOT NULL,
  raw_sha256   TEXT    NOT NULL
);
CREATE INDEX quarantine_received_at ON quarantine (received_at);
CREATE INDEX quarantine_unit ON quarantine (unit_id, received_at);

CREATE TABLE locks (
  name       TEXT    PRIMARY KEY,
  owner      TEXT    NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
`,
  },
  {
    version: 2,
    name: "acknowledgements by the message they answer",
    sql: `
-- GET /v1/messages/:id of a directive lists the acks (回执) that answer it: the id each ack
-- answers is kept in a column of its own (written at ingest), indexed for acks only.
ALTER TABLE messages ADD COLUMN ack_of TEXT;
UPDATE messages SET ack_of = json_extract(canonical, '$.payload.of') WHERE kind = 'ack';
CREATE INDEX messages_ack_of ON messages (ack_of) WHERE ack_of IS NOT NULL;
`,
  },
  {
    version: 3,
    name: "follow-ups found by place and time",
    sql: `
-- A report marked extensions.eix.near (satellite hotspots) may continue an incident another
-- report started: its time span and bounding box are kept in columns of their own (written at
-- ingest), so the hub finds the reports near a new one without reading every message.
ALTER TABLE messages ADD COLUMN near_from INTEGER;
ALTER TABLE messages ADD COLUMN near_to INTEGER;
ALTER TABLE messages ADD COLUMN near_south REAL;
ALTER TABLE messages ADD COLUMN near_north REAL;
ALTER TABLE messages ADD COLUMN near_west REAL;
ALTER TABLE messages ADD COLUMN near_east REAL;
CREATE INDEX messages_near ON messages (near_to) WHERE near_to IS NOT NULL;
`,
  },
];
