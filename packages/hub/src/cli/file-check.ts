import { readFile, stat } from "node:fs/promises";
import { DEFAULT_MAX_JSON_BYTES, makeIssue, parseJsonInput, type ValidationIssue, validate } from "@eix/schema";
import { cliIssue, ioReason } from "../errors.js";

/** The verdict on one file. */
export interface FileCheck {
  readonly file: string;
  readonly valid: boolean;
  readonly issues: readonly ValidationIssue[];
  /** The message's `kind` when the file parsed to an object that names one. */
  readonly kind?: string;
  /** The file could not be read at all (exit status 2 rather than 1). */
  readonly unreadable?: true;
}

const refused = (file: string, issue: ValidationIssue): FileCheck => ({ file, valid: false, issues: [issue] });

/**
 * Reads, decodes and validates one canonical JSON file. Never throws: a file that is too
 * large (refused from its size, before reading), not UTF-8, empty, too deep or malformed
 * gets the coded issue of parseJsonInput; a file that cannot be read gets EIX_CLI_FILE_UNREADABLE.
 */
export async function checkFile(file: string): Promise<FileCheck> {
  let bytes: Uint8Array;
  try {
    const { size } = await stat(file);
    if (size > DEFAULT_MAX_JSON_BYTES)
      return refused(
        file,
        makeIssue("EIX_SCHEMA_JSON_TOO_LARGE", "", { value: String(size), limit: String(DEFAULT_MAX_JSON_BYTES) }),
      );
    bytes = await readFile(file);
  } catch (error) {
    return { ...refused(file, cliIssue("EIX_CLI_FILE_UNREADABLE", { file, reason: ioReason(error) })), unreadable: true };
  }
  const parsed = parseJsonInput(bytes);
  if (!parsed.ok) return refused(file, parsed.issue);
  const { valid, issues } = validate(parsed.value);
  const kind = kindOf(parsed.value);
  return kind === undefined ? { file, valid, issues } : { file, valid, issues, kind };
}

function kindOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || !("kind" in value)) return undefined;
  return typeof value.kind === "string" ? value.kind : undefined;
}
