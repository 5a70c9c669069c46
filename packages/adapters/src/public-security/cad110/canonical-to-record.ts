import type { Envelope, IncidentReport } from "@eix/schema";
import { AdapterError } from "../../errors.js";
import { type Datum, fromWgs84 } from "../../kit/coordinates.js";
import { readTime } from "../../kit/time.js";
import { callTypeCodeFor, lookupCallType } from "./call-types.js";
import { maskName, maskPhone } from "./personal-data.js";
import type { Cad110Record } from "./record-fields.js";
import { CALLER_PLACEHOLDER, type Cad110Extension, pointOf } from "./record-to-canonical.js";

const SEVERITY_WORDS = { I: "特别重大", II: "重大", III: "较大", IV: "一般" } as const;

/** A canonical time as the 110 systems write it: Beijing local time, `YYYY-MM-DD hh:mm:ss`. */
export function toBeijingLocal(value: string): string {
  const reading = readTime(value);
  if (reading.ok && reading.value.endsWith("+08:00")) return reading.value.slice(0, 19).replace("T", " ");
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new AdapterError("EIX_TIME_INVALID", { value });
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
}

const sameTime = (a: string | undefined, b: string) => a !== undefined && Date.parse(a) === Date.parse(b);
const local = (field: string | undefined) => (field === undefined ? undefined : readTime(field));

/**
 * A canonical incident → a 110 record. Columns kept under extensions come back as they were;
 * the canonical fields overwrite the columns they came from. Coordinates are written in the
 * datum given, else the one the source had. Personal data is only what the
 * message holds (masked contacts), masked again in case another adapter put it there.
 */
export function canonicalToRecord(message: Envelope, datum: Datum | undefined): Cad110Record {
  if (message.kind !== "incident") throw new AdapterError("EIX_ADAPTER_UNSUPPORTED_KIND", { value: message.kind });
  const report = message.payload as IncidentReport;
  const extension = (report.extensions?.["public-security"] as Partial<Cad110Extension> | undefined)?.cad110;
  const record: Record<string, string> = { ...(extension?.fields ?? {}) };
  const set = (field: string, value: string | number | undefined) => {
    if (value === undefined) delete record[field];
    else record[field] = String(value);
  };

  set("XZQHBH", report.location.regionCode);
  // The receiving unit: the record's own columns, or the sender of an incident from elsewhere.
  if (extension === undefined) {
    record.JJDWBH = message.sender.unitId;
    record.JJDWMC = message.sender.name;
  }
  set("JJDBH", extension?.recordNumber ?? report.incidentId.replace(/^110-/, ""));
  const discovered = report.discoveredAt ?? report.occurredAt;
  set("BJSJ", toBeijingLocal(discovered));
  set("AFSJ", toBeijingLocal(report.occurredAt));
  const received = local(record.JJSJ);
  set("BSSJ", sameTime(received?.ok ? received.value : discovered, message.sentAt) ? undefined : toBeijingLocal(message.sentAt));
  set("SFDZ", report.location.address);
  set("BJNR", report.description);
  set("BKRS", report.casualties?.trapped);
  set("SSRS", report.casualties?.injured);
  set("SWRS", report.casualties?.deaths);

  // 报警类型: the one the incident came from, else one with its event type; SJLX carries the
  // event type when the call type does not say it.
  if (record.BJLX === undefined && record.BJXL === undefined) record.BJLX = callTypeCodeFor(report.eventType);
  set("SJLX", lookupCallType(record.BJLX, record.BJXL)?.eventType === report.eventType ? undefined : report.eventType);
  if (report.severity !== "unknown" && record.JQJB === undefined && record.ZHDJ === undefined)
    record.JQJB = SEVERITY_WORDS[report.severity];

  // Coordinates: the source's own values when they still give the message's point.
  const point = report.location.point;
  const sourceDatum = datum ?? extension?.datum;
  const current = pointOf(record, { datum: sourceDatum });
  if (!point) {
    if (current) for (const field of ["ZDDWXZB", "ZDDWYZB", "SDDWXZB", "SDDWYZB"]) delete record[field];
  } else if (!current || current.lat !== point.lat || current.lon !== point.lon) {
    const source = fromWgs84(point, sourceDatum ?? "WGS84");
    set("ZDDWXZB", source.lon);
    set("ZDDWYZB", source.lat);
    for (const field of ["SDDWXZB", "SDDWYZB"]) delete record[field];
  }

  const contact = report.contacts?.[0];
  if (contact && contact.name !== CALLER_PLACEHOLDER) set("BJRXM", maskName(contact.name));
  if (contact?.phone) set("LXDH", maskPhone(contact.phone));
  return record;
}
