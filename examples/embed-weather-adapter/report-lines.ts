// What the program prints: per document a line naming it, then one line per envelope it
// became, or the reason it became none; the adapter's warnings beneath; a summary at the end.
import type { AdapterIssue, Envelope } from "@eix/adapters";
import { bothLanguages, type Problem, placeOf } from "./problem.js";

/** Collapses line breaks and runs of spaces, so that one envelope is always one line. */
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * `  ✓ <id>  <msgType>  <level>  <eventType>  <n> area(s)  <headline>`, with `-` for what the
 * warning does not state (a cancellation has no level). The headline comes last because it is
 * the only free text: the columns before it stay easy to cut.
 */
export function envelopeLine(message: Envelope): string {
  if (message.kind !== "warning") return `  ✓ ${message.id}  ${message.kind}`;
  const warning = message.payload;
  const areas = warning.areas?.length ?? 0;
  return [
    `  ✓ ${message.id}`,
    warning.msgType,
    warning.level ?? "-",
    warning.eventType ?? "-",
    `${areas} ${areas === 1 ? "area" : "areas"}`,
    oneLine(warning.headline ?? "-"),
  ].join("  ");
}

/** `  ✗ <code>  <line:col path>  <zh-CN> / <en>`, then the decoder's own findings. */
export function problemLines(problem: Problem): string[] {
  const head = [`  ✗ ${problem.code}`, ...(problem.where === undefined ? [] : [problem.where]), bothLanguages(problem.message)];
  return [head.join("  "), ...(problem.issues ?? []).map(issueLine)];
}

/** A finding that did not stop the decode (or, under a ✗, the detail of why it stopped). */
export function issueLine(issue: AdapterIssue): string {
  const mark = issue.severity === "error" ? "✗" : "!";
  const where = issue.path === undefined ? placeOf(issue.position) : issue.path || "/";
  return [`    ${mark} ${issue.code}`, ...(where ? [where] : []), oneLine(bothLanguages(issue.message))].join("  ");
}

export interface Tally {
  documents: number;
  envelopes: number;
  rejected: number;
}

export function summaryLine(tally: Tally): string {
  const { documents, envelopes, rejected } = tally;
  return bothLanguages({
    "zh-CN": `共 ${documents} 份文档：生成 ${envelopes} 条规范预警消息，${rejected} 份被拒绝`,
    en: `${count(documents, "document")}: ${count(envelopes, "canonical envelope")}, ${rejected} rejected`,
  });
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
