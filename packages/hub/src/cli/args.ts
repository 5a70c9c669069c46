import { parseArgs } from "node:util";
import type { Language } from "@eix/schema";
import {
  badLanguage,
  missingOption,
  missingOptionValue,
  tooManyArguments,
  unexpectedOptionValue,
  unknownOption,
} from "./usage-problems.js";

type OptionSpecs = Record<string, { readonly type: "boolean" | "string"; readonly short?: string }>;

interface RawArgs {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

const LANGUAGES: readonly Language[] = ["zh-CN", "en"];

/**
 * node:util parseArgs in its lenient mode, then checked here token by token, so that every
 * mistake becomes an EIX_CLI_USAGE error with a message in both languages (not Node's English).
 */
function readArgs(args: readonly string[], options: OptionSpecs): RawArgs {
  const { values, positionals, tokens } = parseArgs({
    args: [...args],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const spec = options[token.name];
    if (!spec) throw unknownOption(token.rawName);
    if (spec.type === "boolean" && token.value !== undefined) throw unexpectedOptionValue(token.rawName);
    if (spec.type === "string" && (token.value === undefined || (!token.inlineValue && token.value.startsWith("-"))))
      throw missingOptionValue(token.rawName);
  }
  return { values, positionals };
}

function language(value: string | boolean | undefined): Language {
  if (value === undefined) return "zh-CN";
  const found = LANGUAGES.find((candidate) => candidate === value);
  if (!found) throw badLanguage(String(value));
  return found;
}

/**
 * The language asked for anywhere on the command line, for messages printed before (or
 * because) the arguments could be parsed; zh-CN when absent or unsupported.
 */
export function languageHint(argv: readonly string[]): Language {
  let hint: Language = "zh-CN";
  argv.forEach((arg, i) => {
    const value = arg.startsWith("--lang=") ? arg.slice("--lang=".length) : arg === "--lang" ? argv[i + 1] : undefined;
    if (value === "en" || value === "zh-CN") hint = value;
  });
  return hint;
}

const text = (value: string | boolean | undefined): string | undefined => (typeof value === "string" ? value : undefined);

export interface ValidateArgs {
  readonly help: boolean;
  readonly json: boolean;
  readonly language: Language;
  /** A format name as given (checked against the registry by the command); default canonical. */
  readonly format: string;
  /** Path of the --sender JSON file. */
  readonly sender: string | undefined;
  readonly files: readonly string[];
}

export function parseValidateArgs(args: readonly string[]): ValidateArgs {
  const { values, positionals } = readArgs(args, {
    format: { type: "string" },
    sender: { type: "string" },
    json: { type: "boolean" },
    lang: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  return {
    help: values.help === true,
    json: values.json === true,
    language: language(values.lang),
    format: text(values.format) ?? "canonical",
    sender: text(values.sender),
    files: positionals,
  };
}

export interface ConvertArgs {
  readonly help: boolean;
  readonly language: Language;
  /** The input format name as given; default auto. */
  readonly from: string;
  /** The output format name; required (not checked when --help is given). */
  readonly to: string;
  /** Directory for one file per envelope; stdout when absent. */
  readonly out: string | undefined;
  readonly sender: string | undefined;
  readonly files: readonly string[];
}

export function parseConvertArgs(args: readonly string[]): ConvertArgs {
  const { values, positionals } = readArgs(args, {
    from: { type: "string" },
    to: { type: "string" },
    out: { type: "string" },
    sender: { type: "string" },
    lang: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  const help = values.help === true;
  const to = text(values.to);
  if (to === undefined && !help) throw missingOption("--to");
  return {
    help,
    language: language(values.lang),
    from: text(values.from) ?? "auto",
    to: to ?? "",
    out: text(values.out),
    sender: text(values.sender),
    files: positionals,
  };
}

export interface DemoArgs {
  readonly help: boolean;
  readonly language: Language;
  /** The examples folder (valid/ and invalid/). */
  readonly dir: string | undefined;
  /** Where the demo hub keeps its store, log, config and archive. */
  readonly data: string | undefined;
}

export function parseDemoArgs(args: readonly string[]): DemoArgs {
  const { values, positionals } = readArgs(args, {
    lang: { type: "string" },
    data: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  const [dir, extra] = positionals;
  if (extra !== undefined) throw tooManyArguments(extra);
  return { help: values.help === true, language: language(values.lang), dir, data: text(values.data) };
}
