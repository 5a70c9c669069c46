import ack from "../schemas/ack.json" with { type: "json" };
import checkin from "../schemas/checkin.json" with { type: "json" };
import attachment from "../schemas/defs/attachment.json" with { type: "json" };
import casualties from "../schemas/defs/casualties.json" with { type: "json" };
import codes from "../schemas/defs/codes.json" with { type: "json" };
import extensions from "../schemas/defs/extensions.json" with { type: "json" };
import location from "../schemas/defs/location.json" with { type: "json" };
import party from "../schemas/defs/party.json" with { type: "json" };
import time from "../schemas/defs/time.json" with { type: "json" };
import directive from "../schemas/directive.json" with { type: "json" };
import envelope from "../schemas/envelope.json" with { type: "json" };
import incident from "../schemas/incident.json" with { type: "json" };
import warning from "../schemas/warning.json" with { type: "json" };

/** Base URI of every EIX schema document's `$id`. */
export const SCHEMA_BASE_URI = "https://schemas.eix.local/1/";

/** The JSON Schema 2020-12 documents, keyed by path below schemas/ (the public contract). */
export const schemaDocuments: Readonly<Record<string, object>> = {
  "envelope.json": envelope,
  "incident.json": incident,
  "warning.json": warning,
  "directive.json": directive,
  "ack.json": ack,
  "checkin.json": checkin,
  "defs/codes.json": codes,
  "defs/time.json": time,
  "defs/party.json": party,
  "defs/location.json": location,
  "defs/casualties.json": casualties,
  "defs/attachment.json": attachment,
  "defs/extensions.json": extensions,
};

export const ENVELOPE_SCHEMA_ID = `${SCHEMA_BASE_URI}envelope.json`;
