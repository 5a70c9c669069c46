import { parseArgs } from "node:util";
import { missingOption, missingOptionValue, tooManyArguments, unknownOption } from "./usage-problems.js";

type Specs = Record<string, { readonly type: "boolean" | "string" }>;

/**
 * Options of the operator commands (serve, replay, messages), checked strictly: an unknown
 * option or one without its value is a coded usage error in both languages.
 */
export function parseOperatorArgs<const S extends Specs>(
  args: readonly string[],
  specs: S,
  required: readonly (keyof S & string)[],
  positionals: number,
): { values: { [K in keyof S]?: S[K]["type"] extends "boolean" ? boolean : string }; positionals: string[] } {
  const parsed = parseArgs({ args: [...args], options: specs, strict: false, allowPositionals: true, tokens: true });
  for (const token of parsed.tokens) {
    if (token.kind !== "option") continue;
    const spec = specs[token.name];
    if (!spec) throw unknownOption(token.rawName);
    if (spec.type === "string" && (token.value === undefined || (!token.inlineValue && token.value.startsWith("-"))))
      throw missingOptionValue(token.rawName);
  }
  for (const name of required) if (parsed.values[name] === undefined) throw missingOption(`--${name}`);
  const extra = parsed.positionals[positionals];
  if (extra !== undefined) throw tooManyArguments(extra);
  return { values: parsed.values as never, positionals: parsed.positionals };
}
