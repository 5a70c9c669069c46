import type { ConfigProblem } from "./config-errors.js";
import { childPointer } from "./json-pointer.js";

export type Environment = Readonly<Record<string, string | undefined>>;

// "$${" is a literal "${"; "${NAME}" a reference; any other "${" is a mistake worth reporting
// (a forgotten brace would otherwise send a header such as "Bearer ${TOKEN" verbatim).
const reference = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$\{[^}]{0,40}\}?/g;

function substituteString(text: string, pointer: string, env: Environment, problems: ConfigProblem[]): string {
  if (!text.includes("${")) return text;
  return text.replace(reference, (match, name: string | undefined) => {
    if (match === "$${") return "${";
    if (name === undefined) {
      problems.push({ code: "EIX_CONFIG_ENV_SYNTAX", path: pointer, params: { value: match } });
      return match;
    }
    const replacement = env[name];
    if (replacement === undefined || replacement === "") {
      problems.push({ code: "EIX_CONFIG_ENV_UNSET", path: pointer, params: { value: name } });
      return match;
    }
    return replacement;
  });
}

function substitute(value: unknown, pointer: string, env: Environment, problems: ConfigProblem[]): unknown {
  if (typeof value === "string") return substituteString(value, pointer, env, problems);
  if (Array.isArray(value)) return value.map((item, index) => substitute(item, childPointer(pointer, index), env, problems));
  if (value !== null && typeof value === "object") {
    // fromEntries defines own properties, so a "__proto__" key stays a key (and is refused later).
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substitute(item, childPointer(pointer, key), env, problems)]),
    );
  }
  return value;
}

/**
 * Replaces `${NAME}` inside string values (never keys, never numbers) with the environment
 * variable NAME. The result is not scanned again, so a secret containing "${" stays as it is.
 * An unset or empty variable is a problem, not an empty string: a missing secret must stop the
 * hub rather than send "Bearer ".
 */
export function substituteEnvironment(value: unknown, env: Environment): { value: unknown; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  return { value: substitute(value, "", env, problems), problems };
}
