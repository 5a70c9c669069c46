import { languageHint } from "./args.js";
import { convertCommand } from "./convert-command.js";
import { demoCommand } from "./demo-command.js";
import { errorReport } from "./error-report.js";
import { type CliIo, processIo } from "./io.js";
import { messagesCommand } from "./messages-command.js";
import { replayCommand } from "./replay-command.js";
import { serveCommand } from "./serve-command.js";
import { mainUsage } from "./usage.js";
import { noCommand, unknownCommand } from "./usage-problems.js";
import { validateCommand } from "./validate-command.js";

const commands = new Map<string, (args: readonly string[], io: CliIo) => Promise<number>>([
  ["validate", validateCommand],
  ["convert", convertCommand],
  ["demo", demoCommand],
  ["serve", serveCommand],
  ["replay", replayCommand],
  ["messages", messagesCommand],
]);

/**
 * Runs the `eix` command line in-process and returns its exit status: 0 success, 1 some input
 * invalid, 2 usage or file error. No input makes it throw or print a stack trace.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : commands.get(name);
  try {
    if (name === "help" || name === "--help" || name === "-h") {
      io.stdout.write(mainUsage);
      return 0;
    }
    if (name === undefined) throw noCommand();
    if (!command) throw unknownCommand(name);
    return await command(args, io);
  } catch (error) {
    io.stderr.write(errorReport(error, command ? name : undefined, languageHint(argv)));
    return 2;
  }
}
