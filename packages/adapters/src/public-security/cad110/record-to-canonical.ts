import type { Casualties, Envelope, IncidentReport, Person, Point, Severity, Unit, UnitLevel } from "@eix/schema";
import type { AdapterIssue } from "../../contract.js";
import { AdapterError, adapterMessage, type SourcePosition } from "../../errors.js";
import { type Datum, toWgs84 } from "../../kit/coordinates.js";
import { sha256Hex } from "../../kit/digest.js";
import { readTime } from "../../kit/time.js";
import { cad110Issue } from "./cad110-errors.js";
import type { Cad110Options } from "./cad110-options.js";
import { lookupCallType } from "./call-types.js";
import { maskFreeText, maskName, maskPhone } from "./personal-data.js";
import { type Cad110Record, MAPPED_FIELDS, PERSONAL_FIELDS } from "./record-fields.js";

/** What `extensions["public-security"]` holds for an incident from a 110 record. */
export interface Cad110Extension {
  readonly cad110: {
    /** The record's other columns, as read (personal ones never). */
    readonly fields: Readonly<Record<string, string>>;
    /** Datum of the coordinate columns, as the source option said (encode writes them back in it). */
    readonly datum?: Datum;
    /** 报警类型 the event type came from, when it came from the code table. */
    readonly callType?: { readonly code: string; readonly name: string };
    /** The record's own JJDBH, when it joined the incident of the record it links to (GLJJDBH). */
    readonly recordNumber?: string;
  };
}

/** Contact name written when a masked contact has a phone but the record no caller name. */
export const CALLER_PLACEHOLDER = "报警人";
const EVENT_TYPE = /^1[0-9][0-9A-Z][0-9]{2}$/;
const REGION = /^[1-9]\d{5}(\d{6})?$/;
const RECORD_ID = /^[\x21-\x7e]{1,100}$/;

// 警情级别/灾害等级 values that say a GB severity in words; numbered scales go both ways between
// vendors (1 highest or lowest), so they map only through the `levels` option.
const SEVERITY_WORDS: Readonly<Record<string, Severity>> = {
  特别重大: "I",
  重大: "II",
  较大: "III",
  一般: "IV",
  I: "I",
  II: "II",
  III: "III",
  IV: "IV",
  Ⅰ: "I",
  Ⅱ: "II",
  Ⅲ: "III",
  Ⅳ: "IV",
};

/** The administrative tier a region code names: PP0000 province, PPCC00 city, else county. */
export function levelOfRegion(code: string): UnitLevel {
  if (code.length > 6) return "township";
  if (code.endsWith("0000")) return "provincial";
  return code.endsWith("00") ? "municipal" : "county";
}

class RecordReader {
  constructor(
    readonly record: Cad110Record,
    readonly position: SourcePosition,
    readonly issues: AdapterIssue[],
  ) {}

  at(field: string): SourcePosition {
    return { ...this.position, field };
  }

  required(field: string): string {
    const value = this.record[field];
    if (value === undefined) throw new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: field }, { position: this.at(field) });
    return value;
  }

  time(field: string): string | undefined {
    const value = this.record[field];
    if (value === undefined) return undefined;
    const reading = readTime(value);
    if (!reading.ok) throw new AdapterError("EIX_TIME_INVALID", { value }, { position: this.at(field) });
    if (reading.assumedOffset)
      this.issues.push({
        code: "EIX_TIME_LOCAL_ASSUMED",
        severity: "warning",
        message: adapterMessage("EIX_TIME_LOCAL_ASSUMED", { value }),
        position: this.at(field),
      });
    return reading.value;
  }

  count(field: string): number | undefined {
    const value = this.record[field];
    if (value === undefined) return undefined;
    if (!/^\d{1,9}$/.test(value))
      throw new AdapterError(
        "EIX_ADAPTER_BAD_VALUE",
        { value: field, detail: `"${value}" is not a whole number ≥ 0` },
        { position: this.at(field) },
      );
    return Number(value);
  }

  unmapped(value: string, detail: string, field: string): void {
    this.issues.push({
      code: "EIX_ADAPTER_UNMAPPED",
      severity: "warning",
      message: adapterMessage("EIX_ADAPTER_UNMAPPED", { value, detail }),
      position: this.at(field),
    });
  }
}

/**
 * The point of a record in WGS-84: automatic location (自动定位) first, else manual (手动定位).
 * X is longitude, Y latitude; a 0 or empty pair means no fix. An unreadable pair is dropped
 * with EIX_ADAPTER_UNMAPPED (the raw values stay under extensions).
 */
export function pointOf(
  r: RecordReader | Cad110Record,
  options: Pick<Cad110Options, "datum">,
  report?: (value: string, field: string) => void,
): Point | undefined {
  const record = r instanceof RecordReader ? r.record : r;
  for (const [xField, yField] of [
    ["ZDDWXZB", "ZDDWYZB"],
    ["SDDWXZB", "SDDWYZB"],
  ] as const) {
    const x = record[xField];
    const y = record[yField];
    if (x === undefined && y === undefined) continue;
    const lon = Number(x);
    const lat = Number(y);
    if (lon === 0 && lat === 0) continue;
    if (
      x === undefined ||
      y === undefined ||
      !Number.isFinite(lon) ||
      !Number.isFinite(lat) ||
      Math.abs(lat) > 90 ||
      Math.abs(lon) > 180 ||
      lat === 0 ||
      lon === 0
    ) {
      report?.(`${xField}=${x ?? ""} ${yField}=${y ?? ""}`, xField);
      continue;
    }
    return toWgs84({ lat, lon }, options.datum ?? "WGS84");
  }
  return undefined;
}

function severityOf(r: RecordReader, options: Cad110Options): Severity {
  for (const field of ["JQJB", "ZHDJ"]) {
    const value = r.record[field];
    if (value === undefined) continue;
    const severity = options.levels[value] ?? SEVERITY_WORDS[value];
    if (severity) return severity;
    r.unmapped(`${field}=${value}`, "no severity for this value; set the levels option to map the source's scale", field);
  }
  return "unknown";
}

function contactOf(record: Cad110Record, options: Cad110Options): Person[] {
  const name = record.BJRXM;
  const phone = record.LXDH ?? record.BJDH;
  if (options.personalData === "drop" || (name === undefined && phone === undefined)) return [];
  return [
    {
      name: name === undefined ? CALLER_PLACEHOLDER : maskName(name),
      role: CALLER_PLACEHOLDER,
      ...(phone ? { phone: maskPhone(phone) } : {}),
    },
  ];
}

function senderOf(record: Cad110Record, regionCode: string, sender: Unit | undefined): Unit {
  if (sender) return sender;
  const region = regionCode.slice(0, 6);
  return {
    unitId: record.JJDWBH?.replace(/\s+/g, "") || `110-${region}`,
    name: record.JJDWMC ?? `${region} 110 接警单位`,
    department: "public-security",
    level: levelOfRegion(region),
    regionCode: region,
  };
}

/**
 * One 110 record → a canonical initial incident report, or undefined (with an
 * EIX_CAD110_NOT_REPORTABLE issue) when its call type has no emergency meaning. Throws
 * AdapterError for a reportable record that cannot be read.
 */
/**
 * A record's version for its message id: a digest of what the record says in the canonical
 * payload. The same record sent again is the same message (the hub answers it as a duplicate);
 * the same JJDBH with anything changed (case status, casualties, text) is a new message, never
 * dropped as a resend. The shape (XML, JSON, CSV), the charset and the personal fields, which
 * never reach the payload, do not change it, so decode → encode → decode keeps the id.
 */
function recordVersion(payload: IncidentReport): string {
  return sha256Hex(JSON.stringify(payload)).slice(0, 12);
}

/** Whether the record's 案件状态 (AJZT) closes the case. */
function closes(record: Cad110Record, options: Cad110Options): boolean {
  const status = record.AJZT?.trim();
  return status !== undefined && status !== "" && options.closedStatuses.has(status);
}

export function recordToCanonical(
  record: Cad110Record,
  position: SourcePosition,
  options: Cad110Options,
  sender: Unit | undefined,
  issues: AdapterIssue[],
): Envelope | undefined {
  const r = new RecordReader(record, position, issues);
  const jjdbh = r.required("JJDBH");
  if (!RECORD_ID.test(jjdbh))
    throw new AdapterError(
      "EIX_ADAPTER_BAD_VALUE",
      { value: "JJDBH", detail: "expected 1–100 printable ASCII characters" },
      { position: r.at("JJDBH") },
    );
  // A repeat call linked to the first (关联接警单编号), with linkedRecords "same-incident": one
  // incident, the first call's, of which this record is a follow-up.
  const linked =
    options.linkedRecords === "same-incident" && record.GLJJDBH !== undefined && RECORD_ID.test(record.GLJJDBH)
      ? record.GLJJDBH !== jjdbh
        ? record.GLJJDBH
        : undefined
      : undefined;
  const incidentNumber = linked ?? jjdbh;
  const callType = lookupCallType(record.BJLX, record.BJXL);
  const sjlx = record.SJLX;
  if (sjlx !== undefined && !EVENT_TYPE.test(sjlx))
    throw new AdapterError(
      "EIX_ADAPTER_BAD_VALUE",
      { value: "SJLX", detail: `"${sjlx}" is not a 1DLNN event type` },
      { position: r.at("SJLX") },
    );
  const eventType = sjlx ?? callType?.eventType ?? undefined;
  if (eventType === undefined) {
    const detail = callType
      ? `${callType.code} ${callType.name}`
      : `${record.BJLX ?? record.BJXL ?? "none"}, not in the code table`;
    issues.push(cad110Issue("EIX_CAD110_NOT_REPORTABLE", { value: jjdbh, detail }, r.at("BJLX")));
    return undefined;
  }

  const regionCode = r.required("XZQHBH");
  if (!REGION.test(regionCode))
    throw new AdapterError(
      "EIX_ADAPTER_BAD_VALUE",
      { value: "XZQHBH", detail: `"${regionCode}" is not a GB/T 2260 code` },
      { position: r.at("XZQHBH") },
    );
  const reportedAt = r.time("BJSJ");
  if (reportedAt === undefined) r.required("BJSJ");
  const discoveredAt = reportedAt as string;
  const occurredAt = r.time("AFSJ") ?? discoveredAt;
  const sentAt = r.time("BSSJ") ?? r.time("JJSJ") ?? discoveredAt;

  // Free text goes out masked: ID-card and phone numbers, and the names the record gives.
  const names = [record.BJRXM, record.JJYXM].filter((n): n is string => n !== undefined);
  const address = record.SFDZ === undefined ? undefined : maskFreeText(record.SFDZ, names);
  const content = record.BJNR === undefined ? undefined : maskFreeText(record.BJNR, names);
  const masked = [address, content].reduce(
    (sum, m) => ({
      idCards: sum.idCards + (m?.count.idCards ?? 0),
      phones: sum.phones + (m?.count.phones ?? 0),
      names: sum.names + (m?.count.names ?? 0),
    }),
    { idCards: 0, phones: 0, names: 0 },
  );
  if (masked.idCards + masked.phones + masked.names > 0) {
    const what = [
      masked.idCards ? `${masked.idCards} ID-card number(s)` : "",
      masked.phones ? `${masked.phones} phone number(s)` : "",
      masked.names ? `${masked.names} name(s)` : "",
    ].filter(Boolean);
    issues.push(cad110Issue("EIX_CAD110_FREE_TEXT_MASKED", { value: jjdbh, detail: what.join(", ") }, r.at("BJNR")));
  }
  const personal = Object.keys(record).filter((field) => PERSONAL_FIELDS.has(field));
  if (personal.length > 0)
    issues.push(
      cad110Issue(
        "EIX_CAD110_PERSONAL_DATA_WITHHELD",
        { value: jjdbh, detail: `${personal.join(", ")}: ${options.personalData}` },
        r.position,
      ),
    );

  const point = pointOf(r, options, (value, field) =>
    r.unmapped(value, "coordinates out of range; kept under extensions", field),
  );
  if (point && options.datum === undefined)
    issues.push(cad110Issue("EIX_CAD110_DATUM_ASSUMED", { value: jjdbh }, r.at("ZDDWXZB")));

  const casualtyCounts: [keyof Casualties, number | undefined][] = [
    ["trapped", r.count("BKRS")],
    ["injured", r.count("SSRS")],
    ["deaths", r.count("SWRS")],
  ];
  const casualties = Object.fromEntries(casualtyCounts.filter(([, n]) => n !== undefined)) as Casualties;
  const fields = Object.fromEntries(
    Object.entries(record).filter(([field]) => !PERSONAL_FIELDS.has(field) && !MAPPED_FIELDS.has(field)),
  );
  const extension: Cad110Extension = {
    cad110: {
      fields,
      ...(point && options.datum ? { datum: options.datum } : {}),
      ...(callType && sjlx === undefined ? { callType: { code: callType.code, name: callType.name } } : {}),
      ...(linked ? { recordNumber: jjdbh } : {}),
    },
  };
  const contacts = contactOf(record, options);
  const label = callType?.eventType === eventType ? callType.name : eventType;
  const payload: IncidentReport = {
    incidentId: `110-${incidentNumber}`,
    stage: "initial",
    sequence: 1,
    title: `${label}：${address?.text ?? jjdbh}`.slice(0, 300),
    eventType,
    severity: severityOf(r, options),
    occurredAt,
    discoveredAt,
    location: { regionCode, ...(address ? { address: address.text.slice(0, 500) } : {}), ...(point ? { point } : {}) },
    source: { channel: "110", detail: `110 接警单 ${jjdbh}` },
    ...(content ? { description: content.text } : {}),
    ...(Object.keys(casualties).length > 0 ? { casualties } : {}),
    ...(contacts.length > 0 ? { contacts } : {}),
    // One record of a series, decoded without history: a hub places it in the chain of its
    // JJDBH (the first stays the initial report, later ones become updates; one whose 案件状态
    // closes the case, the final report).
    extensions: {
      "public-security": extension as unknown as Record<string, unknown>,
      eix: { placement: "follow-up", ...(closes(record, options) ? { concludes: true } : {}) },
    },
  };
  return {
    id: `110-${jjdbh}-${recordVersion(payload)}`,
    schema: "eix/1",
    kind: "incident",
    sentAt,
    sender: senderOf(record, regionCode, sender),
    status: "actual",
    classification: "internal",
    payload,
  } as Envelope;
}
