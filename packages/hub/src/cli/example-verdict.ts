import type { LocalizedText } from "@eix/schema";
import { readDeclaration } from "./example-declaration.js";
import type { ExampleFile } from "./example-files.js";
import { checkFile, type FileCheck } from "./file-check.js";

/** An example checked against its declaration. */
export interface ExampleVerdict {
  readonly example: ExampleFile;
  readonly check: FileCheck;
  /** Declared codes: warnings of a valid example, errors of an invalid one. */
  readonly declared: readonly string[];
  /** Reported codes of the same severity the outcome calls for: warnings if valid, errors if not. */
  readonly reported: readonly string[];
  readonly rule?: string;
  /** Why the declaration itself could not be used. */
  readonly problem?: LocalizedText;
  readonly asDeclared: boolean;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((code) => b.includes(code));

/**
 * A valid example must be valid and raise exactly its declared warnings; an invalid example
 * must be invalid with exactly its declared error codes (each compared as a set).
 */
export async function judgeExample(example: ExampleFile): Promise<ExampleVerdict> {
  const check = await checkFile(example.file);
  const severity = check.valid ? "warning" : "error";
  const reported = [...new Set(check.issues.filter((issue) => issue.severity === severity).map((issue) => issue.code))];
  const declaration = await readDeclaration(example.file, example.expectValid);
  if (!declaration.ok) return { example, check, declared: [], reported, problem: declaration.problem, asDeclared: false };
  const { codes: declared, rule } = declaration.declaration;
  const asDeclared = check.valid === example.expectValid && sameSet(declared, reported);
  return rule === undefined
    ? { example, check, declared, reported, asDeclared }
    : { example, check, declared, reported, rule, asDeclared };
}
