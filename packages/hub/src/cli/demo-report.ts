import type { Language } from "@eix/schema";
import type { ExampleVerdict } from "./example-verdict.js";
import { issueLines } from "./issue-lines.js";
import type { Style } from "./style.js";
import { type Row, renderTable } from "./table.js";

const WORDS = {
  "zh-CN": {
    title: "EIX 示例校验",
    headers: ["示例", "类别", "预期", "结果", "代码"],
    valid: "有效",
    invalid: "无效",
    warnings: (n: number) => `有效，${n} 条警告`,
    mismatches: "不符合声明的示例：",
    declared: (outcome: string, codes: string) => `声明：${outcome}，代码：${codes}`,
    reported: (outcome: string, codes: string) => `实际：${outcome}，代码：${codes}`,
    none: "无",
    rule: (rule: string) => `规则：${rule}`,
    allGood: (total: number, valid: number, invalid: number) =>
      `共 ${total} 个示例（${valid} 个有效，${invalid} 个无效），全部符合声明`,
    someBad: (total: number, bad: number) => `共 ${total} 个示例，${bad} 个不符合声明`,
  },
  en: {
    title: "EIX examples",
    headers: ["file", "kind", "expected", "result", "codes"],
    valid: "valid",
    invalid: "invalid",
    warnings: (n: number) => `valid, ${n} warning${n === 1 ? "" : "s"}`,
    mismatches: "Examples not as declared:",
    declared: (outcome: string, codes: string) => `declared: ${outcome}, codes: ${codes}`,
    reported: (outcome: string, codes: string) => `reported: ${outcome}, codes: ${codes}`,
    none: "none",
    rule: (rule: string) => `rule: ${rule}`,
    allGood: (total: number, valid: number, invalid: number) =>
      `${total} example${total === 1 ? "" : "s"} (${valid} valid, ${invalid} invalid): all as declared`,
    someBad: (total: number, bad: number) => `${total} example${total === 1 ? "" : "s"}: ${bad} not as declared`,
  },
} as const;

function tableRows(verdicts: readonly ExampleVerdict[], language: Language, style: Style): Row[] {
  const w = WORDS[language];
  const rows: Row[] = [w.headers.map((text) => ({ text, paint: style.bold }))];
  for (const v of verdicts) {
    const expected = v.example.expectValid ? (v.declared.length > 0 ? w.warnings(v.declared.length) : w.valid) : w.invalid;
    const outcome = `${v.asDeclared ? "✓" : "✗"} ${v.check.valid ? w.valid : w.invalid}`;
    const codePaint = v.check.valid ? style.warn : style.dim;
    const [first = "", ...more] = v.reported;
    rows.push([
      v.example.name,
      v.check.kind ?? "-",
      expected,
      { text: outcome, paint: v.asDeclared ? style.good : style.bad },
      { text: first, paint: codePaint },
    ]);
    for (const code of more) rows.push(["", "", "", "", { text: code, paint: codePaint }]);
  }
  return rows;
}

function mismatchLines(verdict: ExampleVerdict, language: Language, style: Style): string[] {
  const w = WORDS[language];
  const list = (codes: readonly string[]) => (codes.length > 0 ? codes.join(", ") : w.none);
  const outcome = (valid: boolean) => (valid ? w.valid : w.invalid);
  const lines = [`${style.bad("✗")} ${verdict.example.name}`];
  if (verdict.problem) lines.push(`    ${style.bad(verdict.problem[language])}`);
  else {
    lines.push(`    ${w.declared(outcome(verdict.example.expectValid), list(verdict.declared))}`);
    lines.push(`    ${w.reported(outcome(verdict.check.valid), list(verdict.reported))}`);
  }
  if (verdict.rule !== undefined) lines.push(`    ${w.rule(verdict.rule)}`);
  lines.push(...issueLines(verdict.check.issues, language, style, "      "));
  return lines;
}

/**
 * The demo's table (file | kind | expected | result | codes), the examples that are not as
 * declared with their issues, and a closing line.
 */
export function demoReport(verdicts: readonly ExampleVerdict[], shownDir: string, language: Language, style: Style): string {
  const w = WORDS[language];
  const bad = verdicts.filter((v) => !v.asDeclared);
  const lines = [`${style.bold(w.title)}  ${style.dim(shownDir)}`, "", ...renderTable(tableRows(verdicts, language, style))];
  if (bad.length > 0) {
    lines.push("", w.mismatches);
    for (const verdict of bad) lines.push(...mismatchLines(verdict, language, style));
  }
  const valid = verdicts.filter((v) => v.example.expectValid).length;
  const closing =
    bad.length === 0
      ? style.good(`✓ ${w.allGood(verdicts.length, valid, verdicts.length - valid)}`)
      : style.bad(`✗ ${w.someBad(verdicts.length, bad.length)}`);
  lines.push("", closing);
  return `${lines.join("\n")}\n`;
}
