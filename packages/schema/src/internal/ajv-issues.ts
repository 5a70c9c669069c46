import type { ErrorObject } from "ajv/dist/2020.js";
import { type IssueParams, makeIssue, type SchemaIssueCode } from "../errors.js";
import type { ValidationIssue } from "../issue.js";
import { fieldLabel } from "./field-labels.js";
import { displayValue, pointerSegment, valueAt } from "./pointer.js";

// A date-time that is complete but for its offset: the usual legacy mistake.
const localDateTime = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

function lastField(pointer: string): string {
  const parts = pointer.split("/").filter((p) => p !== "" && !/^\d+$/.test(p));
  return parts[parts.length - 1] ?? "";
}

/** Turns ajv's errors into issues with stable codes, bilingual messages and JSON pointers. */
export function issuesFromAjv(errors: readonly ErrorObject[], doc: unknown): ValidationIssue[] {
  const kind = valueAt(doc, "/kind");
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const mapped = mapError(error, doc, kind);
    if (!mapped) continue;
    const key = `${mapped.code}\u0000${mapped.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(mapped);
  }
  return issues;
}

function mapError(error: ErrorObject, doc: unknown, kind: unknown): ValidationIssue | undefined {
  let path = error.instancePath;
  let code: SchemaIssueCode = "EIX_SCHEMA_INVALID";
  const extra: { -readonly [K in keyof IssueParams]: IssueParams[K] } = {};
  const params = error.params as Record<string, unknown>;
  const inCasualties = /^\/payload\/casualties\//.test(path);
  switch (error.keyword) {
    case "if":
      return undefined; // the failing `then` branch reports the real problem
    case "required":
      path = `${path}/${pointerSegment(String(params.missingProperty))}`;
      code = "EIX_SCHEMA_REQUIRED";
      break;
    case "additionalProperties":
      path = `${path}/${pointerSegment(String(params.additionalProperty))}`;
      code = "EIX_SCHEMA_UNKNOWN_FIELD";
      break;
    case "propertyNames":
      path = `${path}/${pointerSegment(String(params.propertyName))}`;
      code = "EIX_SCHEMA_PATTERN";
      extra.value = String(params.propertyName);
      break;
    case "type":
      code = inCasualties ? "EIX_SCHEMA_CASUALTY_COUNT" : "EIX_SCHEMA_TYPE";
      extra.expected = String(params.type);
      break;
    case "enum":
      code = "EIX_SCHEMA_ENUM";
      extra.expected = (params.allowedValues as unknown[]).map(String).join(", ");
      break;
    case "const":
      code = path === "/schema" ? "EIX_SCHEMA_VERSION" : "EIX_SCHEMA_INVALID";
      extra.detail = `must be ${JSON.stringify(params.allowedValue)}`;
      break;
    case "format": {
      const value = valueAt(doc, path);
      const isDateTime = params.format === "date-time";
      code =
        isDateTime && typeof value === "string" && localDateTime.test(value) ? "EIX_SCHEMA_TIME_OFFSET" : "EIX_SCHEMA_FORMAT";
      extra.expected = isDateTime ? "RFC 3339 date-time" : params.format === "date" ? "YYYY-MM-DD" : String(params.format);
      break;
    }
    case "pattern":
      // Inside `propertyNames` ajv reports the key's pattern failure as well; the
      // propertyNames error already names the key.
      if (error.propertyName !== undefined || error.schemaPath.includes("/propertyNames/")) return undefined;
      code = "EIX_SCHEMA_PATTERN";
      break;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      code = inCasualties ? "EIX_SCHEMA_CASUALTY_COUNT" : "EIX_SCHEMA_RANGE";
      extra.detail = `${String(params.comparison)} ${String(params.limit)}`;
      break;
    case "minLength":
    case "maxLength":
    case "minItems":
    case "maxItems":
    case "minProperties":
    case "maxProperties":
      code = "EIX_SCHEMA_LENGTH";
      extra.detail = `${error.keyword} ${String(params.limit)}`;
      break;
    default:
      extra.detail = `${error.keyword}: ${error.message ?? ""}`;
  }
  if (path === "" && error.keyword === "type") return makeIssue("EIX_SCHEMA_NOT_OBJECT", "");
  const field = lastField(path);
  const label = fieldLabel(kind, path);
  const value = extra.value ?? displayValue(valueAt(doc, path));
  return makeIssue(code, path, { field, value, ...(label ? { label } : {}), ...extra });
}
