import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { type IssueParams, makeIssue, type SchemaIssueCode } from "./errors.js";
import { issuesFromAjv } from "./internal/ajv-issues.js";
import type { ValidationIssue, ValidationResult } from "./issue.js";
import type { Envelope } from "./model.js";
import { semanticRules } from "./rules/semantic-rules.js";
import { ENVELOPE_SCHEMA_ID, SCHEMA_BASE_URI, schemaDocuments } from "./schemas.js";

let compiled: ValidateFunction | undefined;

/** Compiles the schemas once per process; later calls reuse the generated function. */
function envelopeValidator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats.default(ajv, ["date-time", "date"]);
  for (const [path, document] of Object.entries(schemaDocuments)) ajv.addSchema(document, `${SCHEMA_BASE_URI}${path}`);
  const validator = ajv.getSchema(ENVELOPE_SCHEMA_ID);
  if (!validator) throw new Error(`schema ${ENVELOPE_SCHEMA_ID} did not compile`);
  compiled = validator;
  return validator;
}

/**
 * Validates a parsed document against the JSON Schema and the semantic rules. Never throws:
 * every problem is an issue with a stable code, a JSON pointer and a zh-CN/en message.
 */
export function validate(doc: unknown): ValidationResult {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc))
    return { valid: false, issues: [makeIssue("EIX_SCHEMA_NOT_OBJECT", "")] };
  const check = envelopeValidator();
  const structural = check(doc) ? [] : issuesFromAjv(check.errors ?? [], doc);
  const semantic: ValidationIssue[] = [];
  const emit = (code: SchemaIssueCode, path: string, params?: IssueParams) => semantic.push(makeIssue(code, path, params));
  for (const rule of semanticRules) {
    try {
      rule.check(doc as Record<string, unknown>, emit);
    } catch (error) {
      // A rule must never turn a bad document into a crash; report it as an issue instead.
      emit("EIX_SCHEMA_INVALID", "", { field: rule.name, detail: String(error) });
    }
  }
  // A classified marking is refused with its own code; the enum complaint would only distract.
  const refused = semantic.some((issue) => issue.code === "EIX_SCHEMA_CLASSIFIED_REFUSED");
  const issues = [
    ...(refused ? structural.filter((i) => !(i.path === "/classification" && i.code === "EIX_SCHEMA_ENUM")) : structural),
    ...semantic,
  ];
  return { valid: !issues.some((issue) => issue.severity === "error"), issues };
}

/** Type guard form of {@link validate}. */
export function isValidEnvelope(doc: unknown): doc is Envelope {
  return validate(doc).valid;
}
