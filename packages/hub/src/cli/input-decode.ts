import { readFile, stat } from "node:fs/promises";
import { type AdapterRegistry, adapterMessage, type DecodeContext } from "@eix/adapters";
import { DEFAULT_MAX_JSON_BYTES, makeIssue, type Unit } from "@eix/schema";
import { cliIssue, ioReason } from "../errors.js";
import { decodeCanonical } from "./canonical-format.js";
import { type Decoding, NO_BLOBS, refusedWith } from "./decoding.js";
import { type Format, formatName, type InputChoice } from "./format-choice.js";
import { sniffFormat } from "./format-sniff.js";
import { fromAdapterError, fromAdapterIssue, type ReportedIssue } from "./reported-issue.js";

/** One input file, read and decoded. */
export interface DecodedFile extends Decoding {
  readonly file: string;
  /** "canonical" or the adapter id the file was read with; absent when none could be chosen. */
  readonly format?: string;
  /** The file could not be read at all (exit status 2 rather than 1). */
  readonly unreadable?: true;
}

export interface InputContext {
  readonly registry: AdapterRegistry;
  /** The sending unit from `--sender`, for formats that do not carry one. */
  readonly sender?: Unit;
}

// Both the JSON parser and the XML adapters refuse more than 10 MiB; a larger file is refused
// from its size, before it is read into memory.
const READ_LIMIT = DEFAULT_MAX_JSON_BYTES;

function tooLarge(choice: InputChoice, size: number): ReportedIssue {
  const value = String(size);
  const limit = String(READ_LIMIT);
  if (choice.kind === "canonical") return makeIssue("EIX_SCHEMA_JSON_TOO_LARGE", "", { value, limit });
  return { code: "EIX_ADAPTER_TOO_LARGE", severity: "error", message: adapterMessage("EIX_ADAPTER_TOO_LARGE", { value, limit }) };
}

function decodeWith(format: Format, bytes: Uint8Array, context: InputContext): Decoding {
  if (format.kind === "canonical") return decodeCanonical(bytes);
  const ctx: DecodeContext = context.sender ? { sender: context.sender } : {};
  let result: ReturnType<typeof format.adapter.decode>;
  try {
    result = format.adapter.decode(bytes, ctx);
  } catch (error) {
    // The contract says decode never throws; a third-party adapter that does is still one file's failure.
    return refusedWith(fromAdapterError(error));
  }
  const issues = result.issues.map(fromAdapterIssue);
  if (!result.ok) return refusedWith(fromAdapterError(result.error), ...issues);
  return { ok: true, envelopes: result.messages, issues, blobs: result.blobs };
}

/**
 * Reads one file and decodes it in the chosen format (sniffed per file for auto). Never
 * throws: every failure is an issue of the file.
 */
export async function decodeInput(file: string, choice: InputChoice, context: InputContext): Promise<DecodedFile> {
  const named = choice.kind === "auto" ? {} : { format: formatName(choice) };
  let bytes: Uint8Array;
  try {
    const { size } = await stat(file);
    if (size > READ_LIMIT) return { file, ...named, ...refusedWith(tooLarge(choice, size)) };
    bytes = await readFile(file);
  } catch (error) {
    const issue = cliIssue("EIX_CLI_FILE_UNREADABLE", { file, reason: ioReason(error) });
    return { file, ...named, ...refusedWith(issue), unreadable: true };
  }
  const format = choice.kind === "auto" ? sniffFormat(bytes, context.registry) : choice;
  if (!format) {
    const message = adapterMessage("EIX_ADAPTER_NO_MATCH");
    return {
      file,
      ok: false,
      envelopes: [],
      issues: [{ code: "EIX_ADAPTER_NO_MATCH", severity: "error", message }],
      blobs: NO_BLOBS,
    };
  }
  return { file, format: formatName(format), ...decodeWith(format, bytes, context) };
}
