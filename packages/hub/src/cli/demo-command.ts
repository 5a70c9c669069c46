import { isAbsolute, relative, resolve } from "node:path";
import { parseDemoArgs } from "./args.js";
import { demoReport } from "./demo-report.js";
import { defaultExamplesDir, findExamples } from "./example-files.js";
import { judgeExample } from "./example-verdict.js";
import type { CliIo } from "./io.js";
import { makeStyle } from "./style.js";
import { demoUsage } from "./usage.js";

/** A directory as the reader knows it: relative to the working directory when inside it. */
function shown(dir: string): string {
  const fromHere = relative(process.cwd(), resolve(dir));
  return fromHere === "" ? "." : fromHere.startsWith("..") || isAbsolute(fromHere) ? resolve(dir) : fromHere;
}

/**
 * `eix demo [--lang zh-CN|en] [DIR]`: checks every example against its declaration;
 * 0 when all are as declared, else 1.
 */
export async function demoCommand(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseDemoArgs(args);
  if (options.help) {
    io.stdout.write(demoUsage);
    return 0;
  }
  const dir = options.dir ?? defaultExamplesDir();
  const examples = await findExamples(dir);
  const verdicts = [];
  for (const example of examples) verdicts.push(await judgeExample(example));
  io.stdout.write(demoReport(verdicts, shown(dir), options.language, makeStyle(io.color === true)));
  return verdicts.every((verdict) => verdict.asDeclared) ? 0 : 1;
}
