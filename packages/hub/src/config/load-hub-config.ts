import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { type AdapterRegistry, createRegistry } from "@eix/adapters";
import { crossCheckProblems } from "./config-checks.js";
import { buildHubConfig } from "./config-defaults.js";
import { ConfigError, type ConfigIssue, type ConfigProblem, configMessage } from "./config-errors.js";
import type { HubConfigFile } from "./config-file-model.js";
import type { HubConfig } from "./config-model.js";
import { schemaProblems } from "./config-schema.js";
import { type ConfigFormat, configFormat, parseConfigText } from "./config-source.js";
import { type Environment, substituteEnvironment } from "./env-substitution.js";
import type { TextPosition } from "./source-position.js";

export interface ParseHubConfigOptions {
  /** Shown in issues, and decides the format by its extension. */
  readonly file: string;
  readonly env?: Environment;
  /** Relative paths of the file are resolved against it; default the directory of `file`. */
  readonly baseDir?: string;
  /** Adapters the config may name; default the built-in ones (`createRegistry()`). */
  readonly adapters?: AdapterRegistry;
  /** Overrides detection by extension and content. */
  readonly format?: ConfigFormat;
}

function toIssue(problem: ConfigProblem, file: string, position: TextPosition | undefined): ConfigIssue {
  const code = problem.code;
  return {
    code,
    severity: "error",
    path: problem.path,
    message: configMessage(code, problem.params),
    file,
    ...(position ? { line: position.line, column: position.column } : {}),
  };
}

/** File order, so the list reads top to bottom; issues without a place come last. */
function byPosition(a: ConfigIssue, b: ConfigIssue): number {
  const line = (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER);
  return line !== 0 ? line : (a.column ?? 0) - (b.column ?? 0);
}

/**
 * Parses, substitutes, validates and cross-checks a configuration text. Throws one
 * `ConfigError` listing every problem, each with its code, JSON pointer and line:column.
 */
export function parseHubConfig(text: string, options: ParseHubConfigOptions): HubConfig {
  const { file } = options;
  const env = options.env ?? process.env;
  const baseDir = options.baseDir ?? dirname(resolve(file));
  const parsed = parseConfigText(text, options.format ?? configFormat(file, text));
  if ("problems" in parsed)
    throw new ConfigError(
      file,
      parsed.problems.map((problem) => toIssue(problem, file, problem.position)),
    );
  const { source } = parsed;
  const substituted = substituteEnvironment(source.value, env);
  const problems = [
    ...substituted.problems,
    ...schemaProblems(substituted.value, source.value),
    ...crossCheckProblems(substituted.value, { env, baseDir, adapters: options.adapters ?? createRegistry() }),
  ];
  if (problems.length > 0)
    throw new ConfigError(
      file,
      problems.map((problem) => toIssue(problem, file, source.locate(problem.path, problem.at))).sort(byPosition),
    );
  return buildHubConfig(substituted.value as HubConfigFile, env, baseDir);
}

/**
 * Loads the hub configuration file (YAML, or JSON by extension or content). `${NAME}` in string
 * values comes from `env`; units' `tokenEnv` tokens are hashed and not kept. Throws
 * `ConfigError` with every problem at once.
 */
export async function loadHubConfig(
  path: string,
  env: Environment = process.env,
  options: Omit<ParseHubConfigOptions, "file" | "env"> = {},
): Promise<HubConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason = typeof error === "object" && error !== null && "code" in error ? String(error.code) : String(error);
    throw new ConfigError(path, [
      toIssue({ code: "EIX_CONFIG_FILE_UNREADABLE", path: "", params: { file: path, detail: reason } }, path, undefined),
    ]);
  }
  return parseHubConfig(text, { ...options, file: path, env });
}
