import type { Area, Envelope, Warning } from "@eix/schema";
import { capSeverityByLevel } from "@eix/schema";
import { AdapterError } from "../../errors.js";
import { writeLatLon } from "../../kit/coordinates.js";
import { toCapTime } from "../../kit/time.js";
import { type CapExtension, type CapInfoExtension, isCapExtension } from "./cap-extension.js";
import type { CapAlert, CapArea, CapInfo } from "./cap-model.js";

const statusWord: Record<Envelope["status"], string> = { actual: "Actual", exercise: "Exercise", test: "Test" };
const scopeWord: Record<Envelope["classification"], string> = { public: "Public", internal: "Private", restricted: "Restricted" };
const msgTypeWord: Record<Warning["msgType"], string> = { alert: "Alert", update: "Update", cancel: "Cancel" };
const categoryOf: Array<[RegExp, string]> = [
  [/^11B|^11E/, "Met"],
  [/^11[ACD]/, "Geo"],
  [/^11G|^12G/, "Fire"],
  [/^13/, "Health"],
  [/^14/, "Security"],
  [/^12[HJKLM]/, "Transport"],
  [/^12[DT]/, "CBRNE"],
];

function area(source: Area, ext: Partial<CapArea> | undefined): CapArea {
  const geocodes = ext?.geocodes ?? (source.regionCodes ?? []).map((code) => ({ valueName: "GB/T 2260", value: code }));
  return {
    areaDesc: source.description ?? (source.regionCodes ?? []).join(","),
    polygons: (source.polygons ?? []).map((polygon) => polygon.map(writeLatLon).join(" ")),
    circles: (source.circles ?? []).map((c) => `${writeLatLon(c.center)} ${c.radiusKm}`),
    geocodes,
    ...(ext?.altitude === undefined ? {} : { altitude: ext.altitude }),
    ...(ext?.ceiling === undefined ? {} : { ceiling: ext.ceiling }),
  };
}

function baseInfo(
  ext: CapInfoExtension | undefined,
  warning: Warning,
): Pick<CapInfo, "categories" | "responseTypes" | "eventCodes" | "parameters"> & Partial<CapInfo> {
  const category = categoryOf.find(([pattern]) => pattern.test(warning.eventType ?? ""))?.[1] ?? "Other";
  const info: Pick<CapInfo, "categories" | "responseTypes" | "eventCodes" | "parameters"> & Partial<CapInfo> = {
    categories: ext?.categories ?? [category],
    responseTypes: ext?.responseTypes ?? [],
    // Without the source's own codes, the national code travels as an eventCode (12379 practice).
    eventCodes: ext ? (ext.eventCodes ?? []) : warning.eventType ? [{ valueName: "GB/T 35561", value: warning.eventType }] : [],
    parameters: ext?.parameters ?? [],
  };
  for (const key of ["audience", "senderName", "web", "contact"] as const) if (ext?.[key] !== undefined) info[key] = ext[key];
  return info;
}

/** The CAP alert a canonical warning stands for, restored from extensions.weather.cap. */
export function canonicalToCap(message: Envelope): CapAlert {
  if (message.kind !== "warning") throw new AdapterError("EIX_ADAPTER_UNSUPPORTED_KIND", { value: message.kind });
  const warning = message.payload;
  const stored = (warning.extensions?.weather as { cap?: unknown } | undefined)?.cap;
  const ext: CapExtension | undefined = isCapExtension(stored) ? stored : undefined;
  const references = (message.references ?? [])
    .map((r) => `${r.unitId ?? message.sender.unitId},${r.id},${r.sentAt ? toCapTime(r.sentAt) : toCapTime(message.sentAt)}`)
    .join(" ");
  const alert: CapAlert = {
    version: "1.2",
    // The envelope id: for a multi-hazard alert's second warning that is `<identifier>#2`.
    identifier: message.id,
    sender: ext?.sender ?? message.sender.unitId,
    sent: toCapTime(message.sentAt),
    status:
      ext && statusWord[message.status] === ({ System: "Test", Draft: "Test" }[ext.status] ?? ext.status)
        ? ext.status
        : statusWord[message.status],
    msgType: msgTypeWord[warning.msgType],
    scope: scopeWord[message.classification],
    codes: ext?.codes ?? [],
    infos: [],
    signatures: ext?.signatures ?? [],
  };
  if (ext && scopeWord[message.classification] === ext.scope) alert.scope = ext.scope;
  for (const key of ["password", "source", "restriction", "addresses", "note", "incidents"] as const)
    if (ext?.[key] !== undefined) alert[key] = ext[key];
  if (ext?.references !== undefined) alert.references = ext.references;
  else if (references) alert.references = references;
  if (!warning.eventType && !warning.headline) return alert; // a bare cancellation
  const primaryExt = ext?.infos[0];
  const primary: CapInfo = {
    ...baseInfo(primaryExt, warning),
    language: warning.language ?? "zh-CN",
    event: warning.eventName ?? warning.eventType ?? "",
    urgency: warning.urgency ?? "Unknown",
    severity: warning.capSeverity ?? (warning.level ? capSeverityByLevel[warning.level] : "Unknown"),
    certainty: primaryExt?.certainty ?? warning.certainty ?? "Unknown",
    resources:
      primaryExt?.resources ??
      (warning.attachments ?? []).map((a) => ({
        resourceDesc: a.name,
        mimeType: a.mediaType,
        ...(a.size === undefined ? {} : { size: String(a.size) }),
        ...(a.uri === undefined ? {} : { uri: a.uri }),
      })),
    areas: (warning.areas ?? []).map((a, i) => area(a, primaryExt?.areas?.[i])),
  };
  if (warning.effective) primary.effective = toCapTime(warning.effective);
  if (warning.onset) primary.onset = toCapTime(warning.onset);
  if (warning.expires) primary.expires = toCapTime(warning.expires);
  for (const key of ["headline", "description", "instruction"] as const)
    if (warning[key] !== undefined) primary[key] = warning[key];
  const translations = (warning.translations ?? []).map((t, i): CapInfo => {
    const tExt = ext?.infos[i + 1];
    const info: CapInfo = {
      ...baseInfo(tExt, warning),
      language: t.language,
      event: t.eventName ?? primary.event,
      urgency: tExt?.urgency ?? primary.urgency,
      severity: tExt?.severity ?? primary.severity,
      certainty: tExt?.certainty ?? primary.certainty,
      resources: tExt?.resources ?? [],
      // With the source's own record, a translation's areas are exactly its own (often none).
      areas: tExt ? ((tExt.areas as CapArea[] | undefined) ?? []) : primary.areas,
    };
    for (const key of ["effective", "onset", "expires"] as const) {
      const value = tExt ? tExt[key] : primary[key];
      if (value !== undefined) info[key] = value;
    }
    for (const key of ["headline", "description", "instruction"] as const) if (t[key] !== undefined) info[key] = t[key];
    return info;
  });
  alert.infos = [primary, ...translations];
  return alert;
}
