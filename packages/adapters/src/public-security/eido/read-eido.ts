import { parseJsonInput } from "@eix/schema";
import type { AdapterIssue } from "../../contract.js";
import { AdapterError } from "../../errors.js";
import { decodeText } from "../../kit/charset.js";
import { type ComponentGraph, indexComponents } from "./component-graph.js";
import { EIDO_VERSION, type Eido } from "./eido-model.js";

export type EidoInput =
  | { ok: true; eido: Eido; graph: ComponentGraph; charset: string; issues: AdapterIssue[] }
  | { ok: false; error: AdapterError; issues: AdapterIssue[] };

/** An EIDO is a few kilobytes; a large one with media stays far below this. */
export const DEFAULT_MAX_EIDO_BYTES = 10 * 1024 * 1024;

type Json = Readonly<Record<string, unknown>>;

const bad = (at: string, detail: string) =>
  new AdapterError("EIX_ADAPTER_BAD_VALUE", { value: at, detail }, { position: { at } });
const missing = (at: string) => new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: at }, { position: { at } });

/**
 * Checks the members EIX reads have the types the OpenAPI schema gives them, so the mapping
 * can trust them; anything else in the document is left alone (EIDO is open to extensions).
 */
function checkShape(
  value: Json,
  at: string,
  required: readonly string[],
  strings: readonly string[],
  arrays: readonly string[],
): void {
  for (const key of required) if (value[key] === undefined) throw missing(`${at}/${key}`);
  for (const key of strings)
    if (value[key] !== undefined && typeof value[key] !== "string") throw bad(`${at}/${key}`, "expected a string");
  for (const key of arrays) {
    const list = value[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw bad(`${at}/${key}`, "expected an array");
    list.forEach((item, i) => {
      if (typeof item !== "string" && (typeof item !== "object" || item === null))
        throw bad(`${at}/${key}/${i}`, "expected a string or object");
    });
  }
}

const PROLOGUE = ["$id", "lastUpdateTimeStamp", "updatedByAgencyReference"];
const PROLOGUE_STRINGS = ["$id", "lastUpdateTimeStamp"];

/** Each component array EIX reads: its members' required, string and array fields. */
const COMPONENTS: Readonly<Record<string, readonly [readonly string[], readonly string[], readonly string[]]>> = {
  callComponent: [
    ["callStateRegistryText", "standardPrimaryCallType", "direction", "callStartTimestamp"],
    [
      "callStateRegistryText",
      "standardPrimaryCallType",
      "standardSecondaryCallType",
      "direction",
      "callStartTimestamp",
      "answerDate",
      "queueIdentifier",
      "priorityIdentifier",
    ],
    ["locationReference", "personReference", "notesReference"],
  ],
  agencyComponent: [[], [], ["agencyType", "agencyRoleDescriptionRegistryText"]],
  locationComponent: [
    ["locationTypeDescriptionRegistryText"],
    ["locationTypeDescriptionRegistryText", "locationByValue", "locationByReferenceUrl", "locationDescriptionText"],
    ["localIdentifier"],
  ],
  personComponent: [["personIncidentRoleRegistryText"], [], ["personIncidentRoleRegistryText"]],
  vehicleComponent: [
    ["vehicleRelationshipType", "vehicleRelationshipTimeStamp"],
    ["vehicleRelationshipTimeStamp"],
    ["vehicleRelationshipType"],
  ],
  notesComponent: [["notesActionComments"], ["notesActionComments"], []],
};

const INCIDENT: readonly [readonly string[], readonly string[], readonly string[]] = [
  ["incidentTypeCommonRegistryText"],
  [
    "incidentTypeCommonRegistryText",
    "incidentTypeInternalCode",
    "incidentTypeInternalText",
    "internalIncidentId",
    "incidentPriorityInternalText",
    "beatOrDispatchGroupText",
  ],
  [
    "incidentStatusCommonRegistryText",
    "incidentStatusInternalText",
    "locationReference",
    "personReference",
    "vehicleReference",
    "notesReference",
  ],
];

function checkComponent(value: unknown, at: string, [required, strings, arrays]: typeof INCIDENT): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw bad(at, "expected an object");
  checkShape(value as Json, at, [...PROLOGUE, ...required], [...PROLOGUE_STRINGS, ...strings], arrays);
}

function checkEido(value: Json): Eido {
  if (value.eidoVersion === undefined) throw missing("/eidoVersion");
  if (value.eidoVersion !== EIDO_VERSION)
    throw new AdapterError(
      "EIX_EIDO_VERSION_UNSUPPORTED",
      { value: String(value.eidoVersion), expected: EIDO_VERSION },
      { position: { at: "/eidoVersion" } },
    );
  checkShape(
    value,
    "",
    [...PROLOGUE, "issuingElementIdentification", "agencyComponent"],
    [...PROLOGUE_STRINGS, "issuingElementIdentification"],
    [],
  );
  if (value.incidentComponent !== undefined) checkComponent(value.incidentComponent, "/incidentComponent", INCIDENT);
  const priority = (value.incidentComponent as Json | undefined)?.incidentCommonPriorityNumber;
  if (priority !== undefined && !Number.isInteger(priority))
    throw bad("/incidentComponent/incidentCommonPriorityNumber", "expected an integer");
  for (const [key, shape] of Object.entries(COMPONENTS)) {
    const list = value[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw bad(`/${key}`, "expected an array");
    list.forEach((item, i) => {
      checkComponent(item, `/${key}/${i}`, shape);
    });
  }
  return value as Eido;
}

/**
 * Bytes → a checked EIDO and its component graph. JSON only (EIDO is JSON; UTF-8, a BOM or a
 * detected GB18030 accepted), size and nesting limited before parsing; malformed members are
 * coded errors naming their JSON pointer.
 */
export function readEido(bytes: Uint8Array, limits: { maxBytes?: number; maxDepth?: number } = {}): EidoInput {
  const issues: AdapterIssue[] = [];
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_EIDO_BYTES;
  if (bytes.byteLength > maxBytes)
    return {
      ok: false,
      error: new AdapterError("EIX_ADAPTER_TOO_LARGE", { value: String(bytes.byteLength), limit: String(maxBytes) }),
      issues,
    };
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, error: decoded.error, issues };
  issues.push(...decoded.issues);
  const parsed = parseJsonInput(new TextEncoder().encode(decoded.text), {
    maxBytes: Number.MAX_SAFE_INTEGER,
    ...(limits.maxDepth === undefined ? {} : { maxDepth: limits.maxDepth }),
  });
  if (!parsed.ok) {
    return { ok: false, error: new AdapterError("EIX_ADAPTER_WRONG_FORMAT", { detail: parsed.issue.message.en }), issues };
  }
  if (typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value))
    return { ok: false, error: new AdapterError("EIX_ADAPTER_WRONG_FORMAT", { detail: "expected a JSON object" }), issues };
  try {
    const eido = checkEido(parsed.value as Json);
    return { ok: true, eido, graph: indexComponents(eido), charset: decoded.charset, issues };
  } catch (error) {
    if (AdapterError.is(error)) return { ok: false, error, issues };
    throw error;
  }
}
