import { createRegistry } from "@eix/adapters";
import { parseValidateArgs } from "./args.js";
import { checkFile } from "./file-check.js";
import { expandFileArguments } from "./file-list.js";
import { inputChoice } from "./format-choice.js";
import { inputExtensions } from "./format-extensions.js";
import type { InputContext } from "./input-decode.js";
import type { CliIo } from "./io.js";
import { readSenderFile } from "./sender-file.js";
import { makeStyle } from "./style.js";
import { validateUsage } from "./usage.js";
import { noFiles } from "./usage-problems.js";
import { validateReportJson } from "./validate-report-json.js";
import { validateReportText } from "./validate-report-text.js";
import { summarize, validateExitCode } from "./validate-summary.js";

/**
 * `eix validate [--format F|auto] [--sender FILE] [--json] [--lang zh-CN|en] FILE|DIR...`;
 * returns the exit status. Usage problems (format, sender file, paths) stop it before any file
 * is read.
 */
export async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseValidateArgs(args);
  if (options.help) {
    io.stdout.write(validateUsage);
    return 0;
  }
  if (options.files.length === 0) throw noFiles();
  const registry = createRegistry();
  const choice = inputChoice(options.format, registry);
  const sender = options.sender === undefined ? undefined : await readSenderFile(options.sender);
  const context: InputContext = sender ? { registry, sender } : { registry };
  const files = await expandFileArguments(options.files, inputExtensions(choice, registry.list()));
  const checks = [];
  for (const file of files) checks.push(await checkFile(file, choice, context));
  const summary = summarize(checks);
  const style = makeStyle(io.color === true);
  // The format of each file is news only when it was not fixed to canonical.
  const showFormats = choice.kind !== "canonical";
  io.stdout.write(
    options.json
      ? validateReportJson(checks, summary)
      : validateReportText(checks, summary, { language: options.language, style, showFormats }),
  );
  return validateExitCode(summary);
}
