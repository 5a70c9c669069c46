import type { LocalizedText } from "@eix/schema";

/** Values a routing message may use: the destination, the message's value and the destination's limit. */
export interface RouteErrorParams {
  readonly destination?: string;
  readonly value?: string;
  readonly limit?: string;
}

interface RouteErrorDefinition {
  /** One line for docs/errors.md. */
  readonly summary: string;
  readonly zh: (p: RouteErrorParams) => string;
  readonly en: (p: RouteErrorParams) => string;
}

const destination = (p: RouteErrorParams) => p.destination ?? "…";
const value = (p: RouteErrorParams) => p.value ?? "…";
const limit = (p: RouteErrorParams) => p.limit ?? "…";

/**
 * The table of routing reasons (`EIX_ROUTE_*`): why a destination a rule matched gets no
 * delivery. The code is what a decision's `withheld[].reason` holds and what the store keeps;
 * codes are never reused or renamed.
 */
export const routeErrors = {
  EIX_ROUTE_STATUS_NOT_ACCEPTED: {
    summary:
      "The destination does not accept the message's status (演练 exercise and 测试 test traffic reach only destinations that list it).",
    zh: (p) => `目的地 “${destination(p)}” 不接收状态为 “${value(p)}” 的消息（仅接收：${limit(p)}）`,
    en: (p) => `The destination "${destination(p)}" does not accept messages with status "${value(p)}" (accepts: ${limit(p)})`,
  },
  EIX_ROUTE_ABOVE_CLEARANCE: {
    summary: "The message's classification is above the destination's clearance (public < internal < restricted).",
    zh: (p) => `消息密级 “${value(p)}” 高于目的地 “${destination(p)}” 的接收等级 “${limit(p)}”`,
    en: (p) =>
      `The message's classification "${value(p)}" is above the clearance "${limit(p)}" of the destination "${destination(p)}"`,
  },
  EIX_ROUTE_CLASSIFICATION_UNKNOWN: {
    summary: "The message's classification is not public, internal or restricted; it is delivered nowhere.",
    zh: (p) => `消息密级标注 “${value(p)}” 无效，不向目的地 “${destination(p)}” 投递`,
    en: (p) => `The classification "${value(p)}" is not a known marking; nothing is delivered to "${destination(p)}"`,
  },
  EIX_ROUTE_NO_INBOX: {
    summary:
      "A directive targets (or an acknowledgement answers) a unit that has no inbox destination configured, or no configured unit answers to the target.",
    zh: (p) => `接收对象 “${destination(p)}” 未配置收件目的地（inbox），无法投递`,
    en: (p) => `The addressee "${destination(p)}" has no inbox destination configured; nothing can be delivered to it`,
  },
  EIX_ROUTE_UNKNOWN_DESTINATION: {
    summary: "A rule names a destination the configuration does not define; nothing can be delivered there.",
    zh: (p) => `目的地 “${destination(p)}” 未配置，无法投递`,
    en: (p) => `The destination "${destination(p)}" is not configured; nothing can be delivered there`,
  },
} as const satisfies Record<string, RouteErrorDefinition>;

export type RouteErrorCode = keyof typeof routeErrors;

export function routeMessageText(code: RouteErrorCode, params: RouteErrorParams = {}): LocalizedText {
  const definition: RouteErrorDefinition = routeErrors[code];
  return { "zh-CN": definition.zh(params), en: definition.en(params) };
}

export function isRouteErrorCode(value: string): value is RouteErrorCode {
  return Object.hasOwn(routeErrors, value);
}
