import type { Area, Attachment, Envelope, Reference, Unit, Warning, WarningTranslation } from "@eix/schema";
import { levelForCapSeverity, lookupRegion, parseSenderCode, regionLevel } from "@eix/schema";
import type { AdapterIssue, DecodeContext } from "../../contract.js";
import { AdapterError, adapterMessage } from "../../errors.js";
import { readCircle, readPolygon } from "../../kit/coordinates.js";
import { readTime, toCapTime } from "../../kit/time.js";
import { matchEvent } from "../event-names.js";
import type { CapExtension, CapInfoExtension } from "./cap-extension.js";
import type { CapAlert, CapArea, CapInfo } from "./cap-model.js";

const statusMap: Record<string, Envelope["status"]> = {
  Actual: "actual",
  Exercise: "exercise",
  // System messages and drafts must never reach live recipients: carried as tests.
  System: "test",
  Test: "test",
  Draft: "test",
};
const scopeMap: Record<string, Envelope["classification"]> = { Public: "public", Restricted: "restricted", Private: "internal" };
const msgTypeMap: Record<string, Warning["msgType"]> = { Alert: "alert", Update: "update", Cancel: "cancel" };

/** Geocode names that carry GB/T 2260 or 12-digit statistical (CPEAS) region codes. */
const regionGeocodeNames = /^(cpeas|gb\/?t?\s*2260|gb2260|行政区划|区划代码|admin(istrative)?[-_ ]?code|adcode)$/i;

export type Issues = AdapterIssue[];

function issue(
  code: "EIX_ADAPTER_UNMAPPED" | "EIX_TIME_LOCAL_ASSUMED" | "EIX_ADAPTER_SIGNATURE_UNVERIFIED",
  params: Record<string, string>,
  at?: string,
): AdapterIssue {
  return {
    code,
    severity: "warning",
    message: adapterMessage(code, params),
    ...(at ? { position: { at } } : {}),
  };
}

/** CAP times in canonical form: RFC 3339 as CAP writes it (no fraction, UTC as -00:00). */
function capTime(value: string, at: string, issues: Issues): string {
  const reading = readTime(value);
  if (!reading.ok) return value;
  if (reading.assumedOffset) issues.push(issue("EIX_TIME_LOCAL_ASSUMED", { value }, at));
  return toCapTime(reading.value);
}

/** 410000000000 → 410000: a 12-digit code whose township and village are zeros is the county's. */
function regionFromGeocode(value: string): string | undefined {
  const code = value.trim();
  if (/^[1-9]\d{11}$/.test(code)) return code.endsWith("000000") ? code.slice(0, 6) : code;
  if (/^[1-9]\d{5}$/.test(code)) return code;
  return undefined;
}

/** The sending unit: the source's configuration, else a unit the alert itself identifies. */
function senderUnit(alert: CapAlert, ctx: DecodeContext): Unit | AdapterError {
  if (ctx.sender) return ctx.sender;
  const code = parseSenderCode(alert.sender);
  if (code?.areaKnown) {
    const level = regionLevel(code.areaCode);
    return {
      unitId: alert.sender,
      name: alert.infos[0]?.senderName ?? alert.sender,
      department: "weather",
      level:
        level === "national" ? "national" : level === "province" ? "provincial" : level === "municipal" ? "municipal" : "county",
      regionCode: code.areaCode,
    };
  }
  return new AdapterError("EIX_ADAPTER_MISSING_FIELD", {
    value: "sender unit (configure the source's sending unit: CAP <sender> is free text)",
  });
}

function references(alert: CapAlert, relation: Reference["relation"]): Reference[] {
  if (!alert.references) return [];
  return alert.references.split(/\s+/).map((triple) => {
    const [sender = "", identifier = "", sent = ""] = triple.split(",");
    const reading = readTime(sent);
    return {
      id: identifier,
      ...(/^\S{1,64}$/.test(sender) ? { unitId: sender } : {}),
      ...(reading.ok ? { sentAt: toCapTime(reading.value) } : {}),
      ...(relation ? { relation } : {}),
    };
  });
}

function area(source: CapArea): Area {
  const regionCodes = [
    ...new Set(
      source.geocodes
        .filter((g) => regionGeocodeNames.test(g.valueName.trim()))
        .map((g) => regionFromGeocode(g.value))
        .filter((c): c is string => c !== undefined && lookupRegion(c) !== undefined),
    ),
  ];
  const polygons =
    source.polygonPoints ??
    source.polygons.map((p) => {
      const reading = readPolygon(p);
      return reading.ok ? reading.points : [];
    });
  const circles = source.circles.flatMap((c) => {
    const reading = readCircle(c);
    return reading.ok ? [{ center: reading.center, radiusKm: reading.radiusKm }] : [];
  });
  return {
    description: source.areaDesc,
    ...(regionCodes.length ? { regionCodes } : {}),
    ...(polygons.length ? { polygons } : {}),
    ...(circles.length ? { circles } : {}),
  };
}

function attachments(info: CapInfo): Attachment[] {
  return info.resources.map((r) => ({
    name: r.resourceDesc,
    mediaType: r.mimeType && /^[a-z0-9.+-]+\/[A-Za-z0-9.+-]+/.test(r.mimeType) ? r.mimeType : "application/octet-stream",
    ...(r.uri ? { uri: r.uri } : {}),
    ...(r.size && /^\d+$/.test(r.size) ? { size: Number(r.size) } : {}),
    ...(r.derefSha256 ? { sha256: r.derefSha256 } : {}),
  }));
}

/** `T` with every property that may be undefined made optional instead (exactOptionalPropertyTypes). */
type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** Leaves out undefined values and empty lists, which CAP and the model both treat as absent. */
function dropEmpty<T extends object>(value: T): Defined<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as Defined<T>;
}

function infoExtension(info: CapInfo, primary: CapInfo | undefined): CapInfoExtension {
  const ext: CapInfoExtension = {
    categories: info.categories,
    responseTypes: info.responseTypes,
    eventCodes: info.eventCodes,
    parameters: info.parameters,
    resources: info.resources,
  };
  if (info.certainty === "Very Likely") ext.certainty = info.certainty;
  for (const key of ["audience", "senderName", "web", "contact"] as const) if (info[key] !== undefined) ext[key] = info[key];
  if (primary) {
    // A translation: everything it says besides its texts, so it re-encodes as it came.
    for (const key of ["effective", "onset", "expires"] as const) if (info[key] !== undefined) ext[key] = info[key];
    ext.urgency = info.urgency;
    ext.severity = info.severity;
    ext.areas = info.areas;
  } else {
    ext.areas = info.areas.map((a) => dropEmpty({ geocodes: a.geocodes, altitude: a.altitude, ceiling: a.ceiling }));
  }
  return dropEmpty(ext);
}

/** Infos that are the same hazard in other languages join one warning; a new hazard starts another. */
function groupInfos(infos: readonly CapInfo[]): CapInfo[][] {
  const groups: Array<{ key: string; infos: CapInfo[] }> = [];
  for (const info of infos) {
    // Language-independent fields decide what is "the same hazard": event names differ by language.
    const key = JSON.stringify([info.categories, info.severity, info.urgency, info.certainty, info.eventCodes]);
    const language = info.language ?? "en-US";
    const group = groups.find((g) => g.key === key && !g.infos.some((i) => (i.language ?? "en-US") === language));
    if (group) group.infos.push(info);
    else groups.push({ key, infos: [info] });
  }
  // The primary of each group is its zh-CN info when there is one (the national profile's language).
  return groups.map((g) => {
    const chinese = g.infos.findIndex((i) => /^zh-CN$/i.test(i.language ?? ""));
    if (chinese <= 0) return g.infos;
    const copy = [...g.infos];
    const [zh] = copy.splice(chinese, 1);
    return zh ? [zh, ...copy] : copy;
  });
}

/** Maps a read CAP alert to canonical warning envelopes (one per hazard; none is dropped). */
export function capToCanonical(
  alert: CapAlert,
  ctx: DecodeContext,
): { ok: true; messages: Envelope[]; issues: Issues } | { ok: false; error: AdapterError } {
  const issues: Issues = [];
  const msgType = msgTypeMap[alert.msgType];
  if (!msgType)
    return {
      ok: false,
      error: new AdapterError("EIX_ADAPTER_BAD_VALUE", {
        value: "msgType",
        detail: `a CAP ${alert.msgType} acknowledges or reports on another alert; it is not a warning`,
      }),
    };
  const sender = senderUnit(alert, ctx);
  if (sender instanceof AdapterError) return { ok: false, error: sender };
  if (alert.signatures.length > 0) issues.push(issue("EIX_ADAPTER_SIGNATURE_UNVERIFIED", {}, "/alert/Signature"));
  const sentAt = capTime(alert.sent, "/alert/sent", issues);
  const refs = references(alert, msgType === "update" ? "updates" : msgType === "cancel" ? "cancels" : undefined);
  // The warning keeps one id across its updates and cancellation: the first alert of the chain.
  // An alert holding several hazards becomes several warnings, `<identifier>#2`…; the suffix
  // follows into the warningId, also when such a warning comes back re-encoded on its own.
  const ownSuffix = /#\d+$/.exec(alert.identifier)?.[0] ?? "";
  const warningIdFor = (id: string, suffix: string) => (msgType !== "alert" && refs[0] ? `${refs[0].id}${suffix}` : id);
  const warningId = warningIdFor(alert.identifier, ownSuffix);
  const base = {
    schema: "eix/1" as const,
    kind: "warning" as const,
    sentAt,
    sender,
    status: statusMap[alert.status] ?? "test",
    classification: scopeMap[alert.scope] ?? "restricted",
    ...(refs.length ? { references: refs } : {}),
  };
  const alertExtension = dropEmpty({
    sender: alert.sender,
    references: alert.references,
    status: alert.status,
    msgType: alert.msgType,
    scope: alert.scope,
    password: alert.password,
    source: alert.source,
    restriction: alert.restriction,
    addresses: alert.addresses,
    codes: alert.codes,
    note: alert.note,
    incidents: alert.incidents,
    signatures: alert.signatures,
  });
  if (alert.infos.length === 0 && msgType === "alert")
    return {
      ok: false,
      error: new AdapterError("EIX_ADAPTER_MISSING_FIELD", {
        value: "info (an Alert without <info> states no hazard to warn of)",
      }),
    };
  if (alert.infos.length === 0) {
    // A Cancel (or bare Update) with no info block: the warning names only what it refers to.
    const payload: Warning = { warningId, msgType, extensions: { weather: { cap: { ...alertExtension, infos: [] } } } };
    return { ok: true, messages: [{ ...base, id: alert.identifier, payload }], issues };
  }
  const messages = groupInfos(alert.infos).map((infos, g): Envelope => {
    const [primary, ...others] = infos as [CapInfo, ...CapInfo[]];
    const id = g === 0 ? alert.identifier : `${alert.identifier}#${g + 1}`;
    const at = `/alert/info[${alert.infos.indexOf(primary)}]`;
    const codes = [...primary.eventCodes, ...primary.parameters].map((c) => c.value);
    const match =
      infos.map((info) => matchEvent(info.event, codes, primary.categories)).find((m) => m.by !== "category") ??
      matchEvent(primary.event, codes, primary.categories);
    if (match.by === "category")
      issues.push(
        issue(
          "EIX_ADAPTER_UNMAPPED",
          { value: primary.event, detail: `event type ${match.eventType} from category ${primary.categories.join(",")}` },
          `${at}/event`,
        ),
      );
    const level = levelForCapSeverity(primary.severity as "Extreme");
    const translations: WarningTranslation[] = others.map((info) =>
      dropEmpty({
        language: info.language ?? "en-US",
        eventName: info.event,
        headline: info.headline,
        description: info.description,
        instruction: info.instruction,
      }),
    );
    const extension: CapExtension = {
      ...alertExtension,
      infos: [infoExtension(primary, undefined), ...others.map((info) => infoExtension(info, primary))],
    };
    const payload: Warning = dropEmpty({
      warningId: warningIdFor(id, g === 0 ? ownSuffix : `#${g + 1}`),
      msgType,
      eventType: match.eventType,
      eventName: primary.event,
      level,
      urgency: primary.urgency as Warning["urgency"],
      certainty: (primary.certainty === "Very Likely" ? "Likely" : primary.certainty) as Warning["certainty"],
      capSeverity: primary.severity as Warning["capSeverity"],
      onset: primary.onset === undefined ? undefined : capTime(primary.onset, `${at}/onset`, issues),
      effective: primary.effective === undefined ? sentAt : capTime(primary.effective, `${at}/effective`, issues),
      expires: primary.expires === undefined ? undefined : capTime(primary.expires, `${at}/expires`, issues),
      headline: primary.headline ?? primary.event,
      description: primary.description,
      instruction: primary.instruction,
      language: primary.language ?? "en-US",
      translations,
      areas: primary.areas.map(area),
      attachments: attachments(primary),
      extensions: { weather: { cap: extension } },
    }) as Warning;
    return { ...base, id, payload };
  });
  return { ok: true, messages, issues };
}
