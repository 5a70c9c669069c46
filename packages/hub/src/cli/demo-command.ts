import { resolve } from "node:path";
import { demoRunReport } from "../demo/demo-report.js";
import { runDemo } from "../demo/demo-scenario.js";
import { parseDemoArgs } from "./args.js";
import { defaultExamplesDir, findExamples } from "./example-files.js";
import type { CliIo } from "./io.js";
import { makeStyle } from "./style.js";
import { demoUsage } from "./usage.js";

/**
 * `eix demo [--lang zh-CN|en] [--data DIR] [EXAMPLES]`: runs the demo scenario (a hub on
 * embedded SQLite, a national-platform stand-in, the examples posted through it) and prints
 * what happened; 0 when the scenario went as expected, else 1.
 */
export async function demoCommand(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseDemoArgs(args);
  if (options.help) {
    io.stdout.write(demoUsage);
    return 0;
  }
  const examplesDir = resolve(options.dir ?? defaultExamplesDir());
  await findExamples(examplesDir); // a missing or empty folder is a usage error (2), before anything starts
  const run = await runDemo({ examplesDir, ...(options.data ? { dataDir: resolve(options.data) } : {}) });
  io.stdout.write(demoRunReport(run, options.language, makeStyle(io.color === true)));
  return run.checks.every((check) => check.ok) ? 0 : 1;
}
