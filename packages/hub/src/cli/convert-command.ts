import { createRegistry } from "@eix/adapters";
import { parseConvertArgs } from "./args.js";
import { convertReport } from "./convert-report.js";
import { type ConvertedFile, convertExitCode, summarizeConversions } from "./convert-summary.js";
import { convertFile, type FileConversion } from "./file-conversion.js";
import { expandFileArguments } from "./file-list.js";
import { inputChoice, outputFormat } from "./format-choice.js";
import { inputExtensions } from "./format-extensions.js";
import { decodeInput, type InputContext } from "./input-decode.js";
import type { CliIo } from "./io.js";
import { OutputDirectory } from "./output-directory.js";
import type { ReportedIssue } from "./reported-issue.js";
import { readSenderFile } from "./sender-file.js";
import { stdoutDocuments } from "./stdout-documents.js";
import { makeStyle } from "./style.js";
import { convertUsage } from "./usage.js";
import { noFilesToConvert } from "./usage-problems.js";

/** Writes a file's outputs under --out; clashes and write errors join its issues. */
async function deliver(conversion: FileConversion, out: OutputDirectory): Promise<ConvertedFile> {
  const written: string[] = [];
  const problems: ReportedIssue[] = [];
  for (const output of conversion.outputs) {
    const outcome = await out.write(output);
    if (outcome.ok) written.push(outcome.path);
    else problems.push(outcome.issue);
  }
  return { ...conversion, issues: [...conversion.issues, ...problems], written, writeFailed: problems.length > 0 };
}

/**
 * `eix convert [--from F|auto] --to F [--out DIR] [--sender FILE] [--lang zh-CN|en] FILE|DIR...`:
 * decodes each file, validates every envelope, encodes it in the target format. A failing
 * file is reported with its codes and locations and the others go on; returns the exit status.
 */
export async function convertCommand(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseConvertArgs(args);
  if (options.help) {
    io.stdout.write(convertUsage);
    return 0;
  }
  if (options.files.length === 0) throw noFilesToConvert();
  const registry = createRegistry();
  const choice = inputChoice(options.from, registry);
  const target = outputFormat(options.to, registry);
  const sender = options.sender === undefined ? undefined : await readSenderFile(options.sender);
  const context: InputContext = sender ? { registry, sender } : { registry };
  const files = await expandFileArguments(options.files, inputExtensions(choice, registry.list()));
  const out = options.out === undefined ? undefined : await OutputDirectory.open(options.out, files);

  const converted: ConvertedFile[] = [];
  for (const file of files) {
    const conversion = convertFile(await decodeInput(file, choice, context), target);
    converted.push(out ? await deliver(conversion, out) : { ...conversion, written: [], writeFailed: false });
  }

  const toDirectory = out !== undefined;
  const summary = summarizeConversions(converted, toDirectory);
  const report = convertReport(converted, summary, {
    language: options.language,
    style: makeStyle(io.color === true),
    toDirectory,
  });
  if (toDirectory) io.stdout.write(report);
  else {
    const documents = converted.flatMap((file) => file.outputs);
    if (documents.length > 0) io.stdout.write(stdoutDocuments(documents));
    if (report !== "") io.stderr.write(report);
  }
  return convertExitCode(converted);
}
