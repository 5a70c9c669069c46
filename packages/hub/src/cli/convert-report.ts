import type { Language } from "@eix/schema";
import type { ConvertedFile, ConvertSummary } from "./convert-summary.js";
import { issueLines } from "./issue-lines.js";
import type { Style } from "./style.js";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function summaryLine(s: ConvertSummary, language: Language, toDirectory: boolean): string {
  if (language === "en") {
    const unreadable = s.unreadable > 0 ? ` (${s.unreadable} unreadable)` : "";
    const outputs = toDirectory ? `${plural(s.outputs, "file")} written` : `${plural(s.outputs, "document")} printed`;
    return `${plural(s.files, "file")}: ${s.converted} converted, ${s.failed} failed${unreadable}; ${outputs}`;
  }
  const unreadable = s.unreadable > 0 ? `（${s.unreadable} 个无法读取）` : "";
  const outputs = toDirectory ? `写出 ${s.outputs} 个文件` : `输出 ${s.outputs} 份文档`;
  return `共 ${s.files} 个文件：${s.converted} 个已转换，${s.failed} 个失败${unreadable}；${outputs}`;
}

function fileLines(file: ConvertedFile, language: Language, style: Style): string[] {
  const ok = !file.failed && !file.writeFailed;
  const route = `(${file.from ?? "?"} → ${file.to})`;
  const lines = [`${ok ? style.good("✓") : style.bad("✗")} ${file.file}  ${style.dim(route)}`];
  for (const path of file.written) lines.push(`    → ${path}`);
  lines.push(...issueLines(ok ? [] : file.issues, language, style));
  return lines;
}

/**
 * The account of `eix convert`. With --out it is the command's output (every file, the paths
 * written, the failures with their issues, a summary). Without --out the documents are the
 * output and this goes to stderr: only the failed files and the summary, nothing when all
 * went well.
 */
export function convertReport(
  files: readonly ConvertedFile[],
  summary: ConvertSummary,
  options: { readonly language: Language; readonly style: Style; readonly toDirectory: boolean },
): string {
  const { language, style, toDirectory } = options;
  const shown = toDirectory ? files : files.filter((file) => file.failed || file.writeFailed);
  if (shown.length === 0 && !toDirectory) return "";
  const lines = shown.flatMap((file) => fileLines(file, language, style));
  const text = summaryLine(summary, language, toDirectory);
  lines.push(...(lines.length > 0 ? [""] : []), summary.failed > 0 ? style.bad(text) : style.good(text));
  return `${lines.join("\n")}\n`;
}
