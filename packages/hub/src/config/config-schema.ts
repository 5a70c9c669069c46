import { Ajv2020, type ErrorObject as AjvError, type ValidateFunction as AjvValidateFunction } from "ajv/dist/2020.js";
import type { ConfigIssueParams, ConfigProblem } from "./config-errors.js";
import hubConfigSchema from "./hub-config.schema.json" with { type: "json" };
import { childPointer, pointerSegments } from "./json-pointer.js";
import { closestName } from "./name-suggestion.js";

/** The JSON Schema 2020-12 document of the hub configuration file. */
export const HUB_CONFIG_SCHEMA: object = hubConfigSchema;

let compiled: AjvValidateFunction | undefined;

function configValidator(): AjvValidateFunction {
  if (compiled) return compiled;
  // verbose: each error carries its schema, which names the allowed properties for a
  // misspelt one; discriminator: a destination of kind "http" is checked against the http
  // branch only, instead of reporting every branch's complaints.
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    verbose: true,
    discriminator: true,
  });
  compiled = ajv.compile(hubConfigSchema);
  return compiled;
}

function valueAt(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const segment of pointerSegments(pointer)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function jsonType(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function display(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function resolveLocal(schema: unknown): Record<string, unknown> {
  const node = (schema ?? {}) as Record<string, unknown>;
  const ref = node.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return node;
  return (valueAt(hubConfigSchema, ref.slice(1)) ?? {}) as Record<string, unknown>;
}

/** The `kind` values a discriminated `oneOf` allows. */
function discriminatorValues(parentSchema: unknown): string[] {
  const branches = (parentSchema as { oneOf?: unknown[] } | undefined)?.oneOf ?? [];
  return branches.map((branch) => {
    const kind = (resolveLocal(branch).properties as Record<string, { const?: unknown }> | undefined)?.kind;
    return String(kind?.const);
  });
}

function problem(code: ConfigProblem["code"], path: string, params: ConfigIssueParams, at?: "key"): ConfigProblem {
  return at ? { code, path, params, at } : { code, path, params };
}

/**
 * `doc` is what was validated; `shown` is the same document before `${NAME}` substitution, from
 * which values are quoted in messages, so a secret that came from the environment is shown as
 * the reference that named it, never as itself.
 */
function mapError(error: AjvError, doc: unknown, shown: unknown): ConfigProblem | undefined {
  const path = error.instancePath;
  const params = error.params;
  const value = valueAt(shown, path);
  switch (error.keyword) {
    case "if":
    case "oneOf":
      return undefined; // the failing branch reports the real problem
    case "required":
      return problem("EIX_CONFIG_REQUIRED", childPointer(path, String(params.missingProperty)), {
        value: String(params.missingProperty),
      });
    case "additionalProperties": {
      const name = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}).filter(
        (key) => key !== "$schema",
      );
      const suggestion = closestName(name, allowed);
      return problem(
        "EIX_CONFIG_UNKNOWN_PROPERTY",
        childPointer(path, name),
        { value: name, expected: allowed.join(", "), ...(suggestion ? { suggestion } : {}) },
        "key",
      );
    }
    case "propertyNames":
      return problem(
        "EIX_CONFIG_PATTERN",
        childPointer(path, String(params.propertyName)),
        { value: String(params.propertyName), expected: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$" },
        "key",
      );
    case "discriminator":
      // A missing `kind` is already reported by `required`.
      if (params.error !== "mapping") return undefined;
      return problem("EIX_CONFIG_ENUM", childPointer(path, "kind"), {
        value: display(params.tagValue),
        expected: discriminatorValues(error.parentSchema).join(", "),
      });
    case "type":
      return problem("EIX_CONFIG_TYPE", path, {
        value: jsonType(valueAt(doc, path)),
        expected: ([] as unknown[]).concat(params.type).map(String).join(" or "),
      });
    case "enum":
      return problem("EIX_CONFIG_ENUM", path, {
        value: display(value),
        expected: (params.allowedValues as unknown[]).map(String).join(", "),
      });
    case "const":
      return problem("EIX_CONFIG_ENUM", path, { value: display(value), expected: String(params.allowedValue) });
    case "pattern":
      // Inside propertyNames ajv reports the key's pattern too; the propertyNames error names the key.
      if (error.schemaPath.includes("/propertyNames/")) return undefined;
      return problem("EIX_CONFIG_PATTERN", path, { value: display(value), expected: String(params.pattern) });
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return problem("EIX_CONFIG_RANGE", path, {
        value: display(value),
        expected: `${String(params.comparison)} ${String(params.limit)}`,
      });
    case "minLength":
    case "maxLength":
    case "minItems":
    case "maxItems":
    case "minProperties":
    case "maxProperties":
      return problem("EIX_CONFIG_LENGTH", path, { expected: `${error.keyword} ${String(params.limit)}` });
    case "uniqueItems":
      return problem("EIX_CONFIG_DUPLICATE_VALUE", path, { detail: `${String(params.j)}, ${String(params.i)}` });
    default:
      return problem("EIX_CONFIG_INVALID", path, { detail: `${error.keyword}: ${error.message ?? ""}` });
  }
}

/**
 * `anyOf` (one token variable or a list of them) fails with one complaint per branch. When the
 * value has the type of some branch, that branch's own complaints say what is wrong; otherwise
 * the value has a type no branch takes, said once.
 */
function anyOfProblems(anyOf: AjvError, branchErrors: readonly AjvError[], doc: unknown, shown: unknown): ConfigProblem[] {
  const specific = branchErrors.filter((error) => error.keyword !== "type");
  if (specific.length > 0) return specific.flatMap((error) => mapError(error, doc, shown) ?? []);
  const expected = [...new Set(branchErrors.flatMap((error) => ([] as unknown[]).concat(error.params.type).map(String)))];
  return [
    problem("EIX_CONFIG_TYPE", anyOf.instancePath, {
      value: jsonType(valueAt(doc, anyOf.instancePath)),
      expected: expected.join(" or "),
    }),
  ];
}

/**
 * The complaints of an `anyOf`'s branches: ajv reports them just before the `anyOf` error
 * itself, about the same value or inside it. A branch that is a `$ref` reports the path of the
 * referenced definition, hence the second test.
 */
function branchRun(errors: readonly AjvError[], anyOfIndex: number): number[] {
  const anyOf = errors[anyOfIndex] as AjvError;
  const run: number[] = [];
  for (let index = anyOfIndex - 1; index >= 0; index--) {
    const error = errors[index] as AjvError;
    const inside = error.instancePath === anyOf.instancePath || error.instancePath.startsWith(`${anyOf.instancePath}/`);
    const fromBranch = error.schemaPath.startsWith(`${anyOf.schemaPath}/`) || error.schemaPath.startsWith("#/$defs/");
    if (!inside || !fromBranch) break;
    run.push(index);
  }
  return run.reverse();
}

/** Every way the document breaks the configuration schema, as coded problems with JSON pointers. */
export function schemaProblems(doc: unknown, shown: unknown = doc): ConfigProblem[] {
  const validate = configValidator();
  if (validate(doc)) return [];
  const errors = validate.errors ?? [];
  const consumed = new Set<number>();
  const byIndex = new Map<number, ConfigProblem[]>();
  errors.forEach((error, index) => {
    if (error.keyword !== "anyOf") return;
    const run = branchRun(errors, index);
    for (const member of run) consumed.add(member);
    byIndex.set(
      index,
      anyOfProblems(
        error,
        run.map((member) => errors[member] as AjvError),
        doc,
        shown,
      ),
    );
  });
  const problems: ConfigProblem[] = [];
  errors.forEach((error, index) => {
    if (consumed.has(index)) return;
    const mapped = byIndex.get(index) ?? mapError(error, doc, shown) ?? [];
    problems.push(...([] as ConfigProblem[]).concat(mapped));
  });
  const seen = new Set<string>();
  return problems.filter((item) => {
    const key = `${item.code}\u0000${item.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
