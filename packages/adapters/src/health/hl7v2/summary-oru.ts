import { type Envelope, parseJsonInput, regionName } from "@eix/schema";
import { AdapterError } from "../../errors.js";
import { type Hl7Delimiters, type Hl7Field, type Hl7Message, type Hl7Segment, hl7Segments, hl7Value } from "./hl7.js";
import { toHl7Time } from "./hl7-time.js";

/** OBR-4.1 of an EIX incident summary: how decode recognises one of its own. */
export const EIX_SUMMARY_SERVICE = "EIX-INCIDENT";
/** OBX-3.1 of the observation that carries the canonical message itself. */
export const EIX_JSON_OBSERVATION = "EIX-JSON";

const DELIMITERS: Hl7Delimiters = { field: "|", component: "^", repetition: "~", escape: "\\", subcomponent: "&" };
const processingIdByStatus: Record<Envelope["status"], string> = { actual: "P", exercise: "T", test: "D" };

/** A field of one repetition whose components are plain values. */
const field = (...components: string[]): Hl7Field => [components.map((component) => [component])];
const segment = (id: string, fields: Hl7Field[]): Hl7Segment => ({ id, fields: [[], ...fields], line: 0 });

export interface SummaryOptions {
  readonly receivingApplication?: string;
  readonly receivingFacility?: string;
}

/**
 * An incident as the ORU^R01 a hospital information system can file (an HL7 v2.5.1 result of
 * the service "EIX-INCIDENT"): readable observations (event type, severity, title, region,
 * casualties, description) and, in an ED observation, the canonical message itself as base64
 * JSON, so that a system that speaks EIX loses nothing and decode restores it exactly.
 */
export function writeSummaryOru(envelope: Envelope, options: SummaryOptions = {}): Hl7Message {
  if (envelope.kind !== "incident") throw new AdapterError("EIX_ADAPTER_UNSUPPORTED_KIND", { value: envelope.kind });
  const report = envelope.payload;
  const msh = segment("MSH", [
    [[["|"]]],
    [[["^~\\&"]]],
    field("EIX"),
    field(envelope.sender.unitId),
    field(options.receivingApplication ?? ""),
    field(options.receivingFacility ?? ""),
    field(toHl7Time(envelope.sentAt)),
    field(""),
    field("ORU", "R01", "ORU_R01"),
    field(envelope.id),
    field(processingIdByStatus[envelope.status]),
    field("2.5.1"),
    field(""),
    field(""),
    field("AL"),
    field("NE"),
    field(""),
    field("UNICODE UTF-8"),
  ]);
  const observations: [string, string, string, Hl7Field][] = [
    ["CWE", "EVENT-TYPE", "事件类型 event type", field(report.eventType, "", "GBT35561")],
    ["ST", "SEVERITY", "事件级别 severity", field(report.severity)],
    ["ST", "STAGE", "报告阶段 stage", field(`${report.stage} ${report.sequence}`)],
    ["TX", "TITLE", "标题 title", field(report.title)],
    [
      "CWE",
      "REGION",
      "行政区划 region",
      field(report.location.regionCode, regionName(report.location.regionCode) ?? "", "GBT2260"),
    ],
  ];
  for (const [key, count] of Object.entries(report.casualties ?? {}))
    observations.push(["NM", `CASUALTIES-${key.toUpperCase()}`, `伤亡 casualties: ${key}`, field(String(count))]);
  if (report.description) observations.push(["TX", "DESCRIPTION", "事件描述 description", field(report.description)]);
  const json = Buffer.from(JSON.stringify(envelope), "utf8").toString("base64");
  observations.push([
    "ED",
    EIX_JSON_OBSERVATION,
    "规范消息 canonical message",
    field("EIX", "application", "json", "Base64", json),
  ]);
  const obx = observations.map(([type, code, text, value], index) =>
    segment("OBX", [field(String(index + 1)), field(type), field(code, text, "EIX"), field(""), value, ...blank(5), field("F")]),
  );
  const obr = segment("OBR", [
    field("1"),
    field(""),
    field(report.incidentId),
    field(EIX_SUMMARY_SERVICE, "突发事件信息报告 emergency incident report", "EIX"),
    field(""),
    field(""),
    field(toHl7Time(report.occurredAt)),
  ]);
  return { delimiters: DELIMITERS, segments: [msh, obr, ...obx], line: 1 };
}

function blank(count: number): Hl7Field[] {
  return Array.from({ length: count }, () => field(""));
}

/** The canonical message inside an EIX summary ORU (its EIX-JSON observation). */
export function readSummaryOru(message: Hl7Message): { ok: true; envelope: Envelope } | { ok: false; error: AdapterError } {
  const obx = hl7Segments(message, "OBX").find((s) => hl7Value(s, 3) === EIX_JSON_OBSERVATION);
  const data = obx && hl7Value(obx, 5, { component: 5 });
  if (!obx || !data)
    return { ok: false, error: new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: `OBX ${EIX_JSON_OBSERVATION}` }) };
  const parsed = parseJsonInput(Buffer.from(data, "base64"));
  if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null)
    return {
      ok: false,
      error: new AdapterError(
        "EIX_ADAPTER_BAD_VALUE",
        { value: `OBX-5 ${EIX_JSON_OBSERVATION}`, detail: "not base64 JSON of a canonical message" },
        { position: { line: obx.line, at: "OBX", field: "OBX-5" } },
      ),
    };
  return { ok: true, envelope: parsed.value as Envelope };
}
