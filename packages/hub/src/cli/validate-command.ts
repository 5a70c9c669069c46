import { parseValidateArgs } from "./args.js";
import { checkFile } from "./file-check.js";
import { expandFileArguments } from "./file-list.js";
import type { CliIo } from "./io.js";
import { makeStyle } from "./style.js";
import { validateUsage } from "./usage.js";
import { noFiles } from "./usage-problems.js";
import { validateReportJson } from "./validate-report-json.js";
import { validateReportText } from "./validate-report-text.js";
import { summarize, validateExitCode } from "./validate-summary.js";

/** `eix validate [--json] [--lang zh-CN|en] FILE|DIR...`; returns the exit status. */
export async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseValidateArgs(args);
  if (options.help) {
    io.stdout.write(validateUsage);
    return 0;
  }
  if (options.files.length === 0) throw noFiles();
  const files = await expandFileArguments(options.files);
  const checks = [];
  for (const file of files) checks.push(await checkFile(file));
  const summary = summarize(checks);
  io.stdout.write(
    options.json
      ? validateReportJson(checks, summary)
      : validateReportText(checks, summary, options.language, makeStyle(io.color === true)),
  );
  return validateExitCode(summary);
}
