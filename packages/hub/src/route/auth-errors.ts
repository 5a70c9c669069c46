import type { LocalizedText, ValidationIssue } from "@eix/schema";

/** What a region in the message is, for the wording of a jurisdiction issue. */
export type RegionSubject = "location" | "warning-area" | "directive-target";

/**
 * Values an authorisation message may use. `value` is the offending value, `limit` what it was
 * held against (the unit's level or region), `regionName` the table name of `value` when known.
 */
export interface AuthErrorParams {
  readonly unitId?: string;
  readonly value?: string;
  readonly limit?: string;
  readonly regionName?: string;
  readonly limitName?: string;
  readonly subject?: RegionSubject;
}

interface AuthErrorDefinition {
  /** One line for docs/errors.md. */
  readonly summary: string;
  readonly zh: (p: AuthErrorParams) => string;
  readonly en: (p: AuthErrorParams) => string;
}

const subjectWords: Readonly<Record<RegionSubject, LocalizedText>> = {
  location: { "zh-CN": "事发地行政区划", en: "The incident's region" },
  "warning-area": { "zh-CN": "预警区域行政区划", en: "The warning area's region" },
  "directive-target": { "zh-CN": "指令接收对象行政区划", en: "The directive target's region" },
};

// Region names exist only in Chinese; the English text gives the code alone.
const zhRegion = (code: string | undefined, name: string | undefined) => `“${code ?? "…"}”${name ? `（${name}）` : ""}`;
const value = (p: AuthErrorParams) => p.value ?? "…";
const limit = (p: AuthErrorParams) => p.limit ?? "…";
const unit = (p: AuthErrorParams) => p.unitId ?? "…";

/**
 * The table of authorisation codes (`EIX_AUTH_*`): why an authenticated unit may not send a
 * message it has sent (DESIGN.md §5 step 4). Codes are never reused or renamed.
 */
export const authErrors = {
  EIX_AUTH_UNIT_MISMATCH: {
    summary:
      "The envelope's sender is not the authenticated unit, and the unit is not allowed to forward that sender's messages (mayRelayFor).",
    zh: (p) => `已认证单位 “${unit(p)}” 不得以单位 “${value(p)}” 的名义发送消息，也未获准转发该单位的消息`,
    en: (p) => `The authenticated unit "${unit(p)}" may not send as "${value(p)}" and is not allowed to forward its messages`,
  },
  EIX_AUTH_SENDER_LEVEL: {
    summary: "The envelope's sender level is not the authenticated unit's level (a county unit cannot send as the province).",
    zh: (p) => `发送单位层级 “${value(p)}” 与已认证单位 “${unit(p)}” 的层级 “${limit(p)}” 不符`,
    en: (p) => `The sender level "${value(p)}" is not the level "${limit(p)}" of the authenticated unit "${unit(p)}"`,
  },
  EIX_AUTH_RELAY_LEVEL: {
    summary: "A forwarded message names a sender of a higher level than the unit that forwards it.",
    zh: (p) => `转发消息的发送单位层级 “${value(p)}” 高于转发单位 “${unit(p)}” 的层级 “${limit(p)}”`,
    en: (p) =>
      `The forwarded message's sender level "${value(p)}" is above the level "${limit(p)}" of the forwarding unit "${unit(p)}"`,
  },
  EIX_AUTH_SENDER_REGION: {
    summary: "The envelope's sender region is neither the authenticated unit's region nor within it.",
    zh: (p) =>
      `发送单位辖区 ${zhRegion(p.value, p.regionName)} 不在已认证单位 “${unit(p)}” 的管辖区域 ${zhRegion(p.limit, p.limitName)} 内`,
    en: (p) => `The sender region "${value(p)}" is outside the jurisdiction "${limit(p)}" of the authenticated unit "${unit(p)}"`,
  },
  EIX_AUTH_OUTSIDE_JURISDICTION: {
    summary:
      "A region the message is about lies outside the authenticated unit's jurisdiction: refused for a warning area or directive target; a warning only for an incident's place (越界报告, reporting across the border, is allowed).",
    zh: (p) =>
      `${subjectWords[p.subject ?? "location"]["zh-CN"]} ${zhRegion(p.value, p.regionName)} 不在已认证单位 “${unit(p)}” 的管辖区域 ${zhRegion(p.limit, p.limitName)} 内`,
    en: (p) =>
      `${subjectWords[p.subject ?? "location"].en} "${value(p)}" is outside the jurisdiction "${limit(p)}" of the authenticated unit "${unit(p)}"`,
  },
  EIX_AUTH_CLASSIFIED: {
    summary:
      "The message declares itself classified (涉密); validation refuses it first, the hub refuses it again should validation ever be bypassed.",
    zh: (p) => `消息标注为涉密（“${value(p)}”），涉密信息不得通过本网络传输`,
    en: (p) => `The message is marked classified ("${value(p)}"); classified information must not travel on this network`,
  },
  EIX_AUTH_CLASSIFICATION_UNKNOWN: {
    summary: "The message's classification is not public, internal or restricted, so no unit may send it.",
    zh: (p) => `消息密级标注 “${value(p)}” 无效，应为 public、internal 或 restricted`,
    en: (p) => `The classification "${value(p)}" is not one of public, internal, restricted`,
  },
} as const satisfies Record<string, AuthErrorDefinition>;

export type AuthErrorCode = keyof typeof authErrors;

export function authMessage(code: AuthErrorCode, params: AuthErrorParams = {}): LocalizedText {
  const definition: AuthErrorDefinition = authErrors[code];
  return { "zh-CN": definition.zh(params), en: definition.en(params) };
}

/** An authorisation refusal in the shape of a validation issue, so the sender reads both alike. */
export function authIssue(
  code: AuthErrorCode,
  path: string,
  params: AuthErrorParams = {},
  severity: ValidationIssue["severity"] = "error",
): ValidationIssue {
  return { code, severity, path, message: authMessage(code, params) };
}
