// The `eix` executable: runs the command line and sets the exit status.
import { runCli } from "../index.js";
import { languageHint } from "./args.js";
import { errorReport } from "./error-report.js";

// A reader that closes early (`eix validate dir | head`) is not an error of ours: the rest of
// the output is dropped and the run still ends with its own exit status.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
});

const argv = process.argv.slice(2);
try {
  process.exitCode = await runCli(argv);
} catch (error) {
  // runCli does not throw; this is the last guard, still one coded line and no stack trace.
  process.stderr.write(errorReport(error, undefined, languageHint(argv)));
  process.exitCode = 2;
}
