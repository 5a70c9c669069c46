/** Where a command writes; tests pass string collectors, `main.ts` the process streams. */
export interface CliOutput {
  write(text: string): unknown;
}

export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  /** Colour the human output with ANSI escapes (default: false). */
  readonly color?: boolean;
}

/** The process streams; colour only on a terminal, and never when NO_COLOR is set. */
export function processIo(): CliIo {
  const env = process.env;
  const color = process.stdout.isTTY === true && env.NO_COLOR === undefined && env.TERM !== "dumb";
  return { stdout: process.stdout, stderr: process.stderr, color };
}
