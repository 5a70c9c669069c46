import type { IssueSeverity, LocalizedText } from "@eix/schema";
import type { ReportedIssue } from "./reported-issue.js";

/** Values an ingest message may use; never payload content beyond an id or a hub name. */
export interface IngestIssueParams {
  readonly value?: string;
  readonly limit?: string;
}

interface IngestIssueDefinition {
  readonly severity: IssueSeverity;
  /** One line for docs/errors.md. */
  readonly summary: string;
  readonly zh: (p: IngestIssueParams) => string;
  readonly en: (p: IngestIssueParams) => string;
}

/**
 * The ingest pipeline's own findings (`EIX_INGEST_*`), beside the schema, adapter and
 * authorisation codes it passes on. Codes are never reused or renamed.
 */
export const ingestIssues = {
  EIX_INGEST_EMPTY: {
    severity: "error",
    summary: "The payload has no bytes at all.",
    zh: () => "报文为空",
    en: () => "The payload is empty",
  },
  EIX_INGEST_NO_MESSAGES: {
    severity: "error",
    summary: "The payload decoded without error but holds no message.",
    zh: () => "报文中没有可接收的消息",
    en: () => "The payload holds no message",
  },
  EIX_INGEST_HOPS_FULL: {
    severity: "error",
    summary: "The message already lists the most hubs a path may hold; this hub cannot add its own hop.",
    zh: (p) => `消息的流转记录已达上限 ${p.limit ?? "…"} 条，本枢纽无法再追加`,
    en: (p) => `The message's path already holds the maximum of ${p.limit ?? "…"} hubs; this hub cannot add its hop`,
  },
  EIX_INGEST_LOOP: {
    severity: "warning",
    summary:
      "The message has passed through this hub before (a routing loop); it is acknowledged but neither stored nor relayed again.",
    zh: (p) => `消息此前已经过本枢纽（${p.value ?? "…"}），判定为循环转发：已确认接收，但不再存储或转发`,
    en: (p) =>
      `The message has already passed through this hub (${p.value ?? "…"}): acknowledged, but not stored or relayed again`,
  },
  EIX_INGEST_TALLY_NOT_FOLDED: {
    severity: "warning",
    summary:
      "A casualty registration could not be folded into its incident's report chain (the fold failed validation); the hospital's provisional report is stored as it came.",
    zh: (p) => `伤员登记未能并入事件报告链（${p.value ?? "…"}），按医院原始登记保存`,
    en: (p) =>
      `The casualty registration could not be folded into its incident's chain (${p.value ?? "…"}); stored as the hospital sent it`,
  },
  EIX_INGEST_TALLY_UNKNOWN_INCIDENT: {
    severity: "warning",
    summary:
      "A casualty registration names an incident this hub holds no report of; it is stored as its own chain with the hospital's values, and later registrations add to it.",
    zh: (p) => `伤员登记引用的事件 ${p.value ?? "…"} 在本枢纽尚无报告：按医院登记的信息单独记录，后续登记继续累计`,
    en: (p) =>
      `The casualty registration names incident ${p.value ?? "…"}, of which this hub holds no report: kept with the hospital's values; later registrations add to it`,
  },
  EIX_INGEST_FOLLOW_UP_JOINED: {
    severity: "warning",
    summary:
      "A report marked extensions.eix.near (a candidate fire from satellite hotspots) lies within reach of an open incident the hub already holds; it is placed in that incident's chain as an update, its own incident id kept in extensions.eix.joinedFrom.",
    zh: (p) => `该报告的观测点与已有事件 ${p.value ?? "…"} 相邻，作为其续报归入该事件`,
    en: (p) =>
      `The report's observations lie within reach of incident ${p.value ?? "…"}; it is placed in that chain as an update`,
  },
} as const satisfies Record<string, IngestIssueDefinition>;

export type IngestIssueCode = keyof typeof ingestIssues;

export function ingestMessage(code: IngestIssueCode, params: IngestIssueParams = {}): LocalizedText {
  const definition: IngestIssueDefinition = ingestIssues[code];
  return { "zh-CN": definition.zh(params), en: definition.en(params) };
}

export function ingestIssue(code: IngestIssueCode, path: string, params: IngestIssueParams = {}): ReportedIssue {
  return { code, severity: ingestIssues[code].severity, path, message: ingestMessage(code, params) };
}
