import type { Migration } from "./migration.js";

// Run with `search_path` set to the store's schema, so names stay unqualified here. Keep this
// list in step with sqlite-migrations.ts. Ids and sequences are bigint (the driver returns them
// as strings; the store turns them into numbers).
export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: "messages, deliveries, dedup keys, incidents, quarantine, locks",
    sql: `
CREATE TABLE dedup_keys (
  unit_id     text        NOT NULL,
  message_id  text        NOT NULL,
  receipt_id  text        NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (unit_id, message_id)
);

CREATE TABLE messages (
  seq         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  receipt_id  text        NOT NULL UNIQUE,
  unit_id     text        NOT NULL,
  message_id  text        NOT NULL,
  kind        text        NOT NULL,
  incident_id text,
  received_at timestamptz NOT NULL,
  raw         bytea       NOT NULL,
  raw_sha256  text        NOT NULL,
  canonical   text        NOT NULL,
  provenance  text        NOT NULL
);
CREATE INDEX messages_message_id ON messages (message_id);
CREATE INDEX messages_received_at ON messages (received_at);

CREATE TABLE incidents (
  incident_id text   NOT NULL,
  message_seq bigint NOT NULL REFERENCES messages (seq),
  stage       text   NOT NULL,
  sequence    bigint NOT NULL,
  PRIMARY KEY (incident_id, message_seq)
);
CREATE INDEX incidents_message ON incidents (message_seq);

CREATE TABLE deliveries (
  id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_seq     bigint      NOT NULL REFERENCES messages (seq),
  destination     text        NOT NULL,
  lane_key        text        NOT NULL,
  lane_order      bigint      NOT NULL,
  state           text        NOT NULL CHECK (state IN ('pending', 'claimed', 'delivered', 'dead')),
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  claimed_until   timestamptz,
  lease_id        text,
  last_error      text,
  last_response   text,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  delivered_at    timestamptz,
  dead_at         timestamptz,
  replayed_at     timestamptz,
  UNIQUE (message_seq, destination)
);
CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at, id);
CREATE INDEX deliveries_lane ON deliveries (lane_key, state);
CREATE INDEX deliveries_destination ON deliveries (destination, state, next_attempt_at, id);
-- A queue table: every delivery is updated two or three times, leaving dead index entries that
-- claims must step over until vacuum removes them. Vacuum it far sooner than the 20 % default.
ALTER TABLE deliveries SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);

CREATE TABLE quarantine (
  id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  received_at  timestamptz NOT NULL,
  source       text        NOT NULL,
  unit_id      text,
  reason_codes text        NOT NULL,
  issues       text        NOT NULL,
  detail       text,
  raw          bytea       NOT NULL,
  raw_size     integer     NOT NULL,
  raw_sha256   text        NOT NULL
);
CREATE INDEX quarantine_received_at ON quarantine (received_at);
CREATE INDEX quarantine_unit ON quarantine (unit_id, received_at);

CREATE TABLE locks (
  name       text        PRIMARY KEY,
  owner      text        NOT NULL,
  expires_at timestamptz NOT NULL
);
`,
  },
  {
    version: 2,
    name: "acknowledgements by the message they answer",
    sql: `
-- GET /v1/messages/:id of a directive lists the acks (回执) that answer it: the id each ack
-- answers is kept in a column of its own (written at ingest), indexed for acks only. Not an
-- expression index over the JSON: PostgreSQL cannot cast every valid message to json/jsonb
-- (a NUL character escaped in a note), and one such row would fail every later insert.
ALTER TABLE messages ADD COLUMN ack_of text;
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT seq, canonical FROM messages WHERE kind = 'ack' LOOP
    BEGIN
      UPDATE messages SET ack_of = (r.canonical::json) #>> '{payload,of}' WHERE seq = r.seq;
    EXCEPTION WHEN others THEN
      -- A message PostgreSQL's JSON cannot read: read the id with a pattern instead.
      UPDATE messages SET ack_of = substring(r.canonical from '"of":"([^"]+)"') WHERE seq = r.seq;
    END;
  END LOOP;
END $$;
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
ALTER TABLE messages ADD COLUMN near_from timestamptz;
ALTER TABLE messages ADD COLUMN near_to timestamptz;
ALTER TABLE messages ADD COLUMN near_south double precision;
ALTER TABLE messages ADD COLUMN near_north double precision;
ALTER TABLE messages ADD COLUMN near_west double precision;
ALTER TABLE messages ADD COLUMN near_east double precision;
CREATE INDEX messages_near ON messages (near_to) WHERE near_to IS NOT NULL;
`,
  },
];
