import type { Language } from "@eix/schema";
import { CliError } from "../errors.js";
import { mainUsage } from "./usage.js";

const firstLine = (text: string) => (text.split("\n", 1)[0] ?? "").slice(0, 300);

const helpHint = (command: string, language: Language) =>
  language === "en" ? `Run "eix ${command} --help" for usage.` : `运行 “eix ${command} --help” 查看用法。`;

/** A thrown value as a CliError: unexpected failures become EIX_CLI_INTERNAL, with no stack. */
export function asCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  const detail = error instanceof Error ? `${error.name}: ${firstLine(error.message)}` : firstLine(String(error));
  return new CliError("EIX_CLI_INTERNAL", { detail });
}

/**
 * What stderr shows for a failure: one coded line; after a usage error, a pointer to the help
 * of the command concerned (or the whole usage when there was no known command).
 */
export function errorReport(error: unknown, command: string | undefined, language: Language): string {
  const failure = asCliError(error);
  const line = `eix: ${failure.line(language)}\n`;
  if (failure.code !== "EIX_CLI_USAGE") return line;
  return command === undefined ? `${line}\n${mainUsage}` : `${line}${helpHint(command, language)}\n`;
}
