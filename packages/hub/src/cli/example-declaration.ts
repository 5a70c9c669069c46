import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { type LocalizedText, parseJsonInput } from "@eix/schema";

/**
 * What an example declares about itself. An invalid example NAME.json has a sidecar
 * NAME.expected.json `{"rule": "...", "codes": [...]}` (its error codes); a valid one may have
 * `{"warnings": [...]}` (its warning codes) and otherwise must raise none.
 */
export interface ExampleDeclaration {
  readonly codes: readonly string[];
  readonly rule?: string;
}

export type DeclarationResult =
  | { readonly ok: true; readonly declaration: ExampleDeclaration }
  | { readonly ok: false; readonly problem: LocalizedText };

export const sidecarPath = (file: string) => file.replace(/\.json$/, ".expected.json");

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

const problem = (zh: string, en: string): DeclarationResult => ({ ok: false, problem: { "zh-CN": zh, en } });

export async function readDeclaration(file: string, expectValid: boolean): Promise<DeclarationResult> {
  const sidecar = sidecarPath(file);
  const name = basename(sidecar);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(sidecar);
  } catch {
    if (expectValid) return { ok: true, declaration: { codes: [] } };
    return problem(`缺少声明文件 ${name}`, `no declaration file ${name}`);
  }
  const parsed = parseJsonInput(bytes);
  const value: unknown = parsed.ok ? parsed.value : undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return problem(`声明文件 ${name} 不是 JSON 对象`, `the declaration ${name} is not a JSON object`);
  const field = expectValid ? "warnings" : "codes";
  const codes: unknown = (value as Record<string, unknown>)[field] ?? (expectValid ? [] : undefined);
  if (!isStringArray(codes) || (!expectValid && codes.length === 0))
    return problem(`声明文件 ${name} 的 “${field}” 应为代码列表`, `"${field}" in ${name} must be a list of codes`);
  const errorCodes: unknown = (value as Record<string, unknown>).codes;
  if (expectValid && Array.isArray(errorCodes) && errorCodes.length > 0)
    return problem(`声明文件 ${name} 为有效示例声明了错误代码`, `${name} declares error codes for a valid example`);
  const rule: unknown = (value as Record<string, unknown>).rule;
  const unique = [...new Set(codes)];
  return { ok: true, declaration: typeof rule === "string" ? { codes: unique, rule } : { codes: unique } };
}
