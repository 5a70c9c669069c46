// @eix/hub — the hub and the `eix` command line. This file is the package's only door.

export type { CliIo, CliOutput } from "./cli/io.js";
export { runCli } from "./cli/run.js";
export { CliError, type CliErrorCode, type CliErrorParams, cliErrors, cliMessage } from "./errors.js";
