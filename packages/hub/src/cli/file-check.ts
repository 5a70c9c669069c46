import { createRegistry } from "@eix/adapters";
import { canonicalFormat, type InputChoice } from "./format-choice.js";
import { decodeInput, type InputContext } from "./input-decode.js";
import type { ReportedIssue } from "./reported-issue.js";

/** The verdict on one file. */
export interface FileCheck {
  readonly file: string;
  /** "canonical" or the adapter id the file was read with; absent when none could be chosen. */
  readonly format?: string;
  /** How many valid envelopes the file yields (0 when it is refused). */
  readonly envelopes: number;
  readonly valid: boolean;
  readonly issues: readonly ReportedIssue[];
  /** The message's `kind` when a canonical file parsed to an object that names one. */
  readonly kind?: string;
  /** The file could not be read at all (exit status 2 rather than 1). */
  readonly unreadable?: true;
}

let builtinContext: InputContext | undefined;
const defaultContext = (): InputContext => {
  builtinContext ??= { registry: createRegistry() };
  return builtinContext;
};

/**
 * Reads, decodes and validates one file (by default as canonical JSON). Never throws: a file
 * that is too large (refused from its size, before reading), not UTF-8, empty, too deep or
 * malformed, or that its adapter refuses, gets the coded issues; a file that cannot be read
 * gets EIX_CLI_FILE_UNREADABLE.
 */
export async function checkFile(
  file: string,
  choice: InputChoice = canonicalFormat,
  context: InputContext = defaultContext(),
): Promise<FileCheck> {
  const decoded = await decodeInput(file, choice, context);
  const { format, kind, unreadable } = decoded;
  return {
    file,
    ...(format === undefined ? {} : { format }),
    envelopes: decoded.envelopes.length,
    valid: decoded.ok,
    issues: decoded.issues,
    ...(kind === undefined ? {} : { kind }),
    ...(unreadable ? { unreadable } : {}),
  };
}
