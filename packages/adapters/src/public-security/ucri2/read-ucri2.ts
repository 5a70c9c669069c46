import { parseJsonInput } from "@eix/schema";
import type { AdapterIssue } from "../../contract.js";
import { AdapterError } from "../../errors.js";
import { decodeText } from "../../kit/charset.js";
import type { Ucri2Incident } from "./ucri2-model.js";
import { type Shape, UCRI2_INCIDENT } from "./ucri2-shape.js";

export type Ucri2Input =
  | { ok: true; incident: Ucri2Incident; charset: string; issues: AdapterIssue[] }
  | { ok: false; error: AdapterError; issues: AdapterIssue[] };

/** A UCRI2 incident is a few kilobytes; this leaves room for long remark logs. */
export const DEFAULT_MAX_UCRI2_BYTES = 4 * 1024 * 1024;
/** More persons or remarks than this in one incident is not a dispatch record (and would not round-trip). */
export const MAX_LIST_ITEMS = 500;

const bad = (at: string, detail: string) =>
  new AdapterError("EIX_ADAPTER_BAD_VALUE", { value: at || "/", detail }, { position: { at: at || "/" } });
const missing = (at: string) => new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: at }, { position: { at } });

const pointer = (at: string, key: string) => `${at}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;

/** Checks a value against a shape; throws the first difference as a coded error naming its JSON pointer. */
function check(value: unknown, shape: Shape, at: string): void {
  if (shape === "string" || shape === "boolean") {
    if (typeof value !== shape) throw bad(at, `expected a ${shape}`);
  } else if (shape === "number" || shape === "integer") {
    if (typeof value !== "number" || !Number.isFinite(value)) throw bad(at, "expected a number");
    if (shape === "integer" && !Number.isInteger(value)) throw bad(at, "expected an integer");
  } else if ("array" in shape) {
    if (!Array.isArray(value)) throw bad(at, "expected an array");
    if (value.length < (shape.minItems ?? 0)) throw bad(at, `expected at least ${shape.minItems} item(s)`);
    if (value.length > MAX_LIST_ITEMS) throw bad(at, `more than ${MAX_LIST_ITEMS} items`);
    value.forEach((item, i) => {
      check(item, shape.array, `${at}/${i}`);
    });
  } else {
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw bad(at, "expected an object");
    const record = value as Record<string, unknown>;
    for (const key of shape.required ?? []) if (record[key] === undefined) throw missing(pointer(at, key));
    for (const [key, member] of Object.entries(record)) {
      const memberShape = Object.hasOwn(shape.object, key) ? shape.object[key] : undefined;
      if (memberShape === undefined) throw bad(pointer(at, key), "not a member of the UCRI2 incident schema");
      check(member, memberShape, pointer(at, key));
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkIncident(value: unknown): Ucri2Incident {
  check(value, UCRI2_INCIDENT, "");
  const incident = value as Ucri2Incident;
  if (!UUID.test(incident.sharedIncidentId)) throw bad("/sharedIncidentId", "expected a UUID");
  const { coordinate, address } = incident.missionLocation;
  if (coordinate === undefined && address === undefined)
    throw missing("/missionLocation/coordinate (or /missionLocation/address)");
  for (const [name, c] of [
    ["/missionLocation/coordinate", coordinate],
    ["/eCallData/vehiclePosition", incident.eCallData?.vehiclePosition],
    ["/eCallData/positionN1", incident.eCallData?.positionN1],
    ["/eCallData/positionN2", incident.eCallData?.positionN2],
  ] as const)
    if (c && (Math.abs(c.lat) > 90 || Math.abs(c.lon) > 180)) throw bad(name, "latitude or longitude out of range");
  if (address?.postalCode !== undefined && !/^[0-9]+$/.test(address.postalCode))
    throw bad("/missionLocation/address/postalCode", "expected digits");
  if (address?.country !== undefined && !/^[A-Z]{2}$/.test(address.country))
    throw bad("/missionLocation/address/country", "expected an ISO 3166-1 alpha-2 code");
  return incident;
}

/**
 * Bytes → a checked UCRI2 incident. JSON only (UTF-8, a BOM or a detected GB18030 accepted),
 * size and nesting limited before parsing; members with a wrong type, members the schema does
 * not have and missing required members are coded errors naming their JSON pointer.
 */
export function readUcri2(bytes: Uint8Array, limits: { maxBytes?: number; maxDepth?: number } = {}): Ucri2Input {
  const issues: AdapterIssue[] = [];
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_UCRI2_BYTES;
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
  if (!parsed.ok)
    return { ok: false, error: new AdapterError("EIX_ADAPTER_WRONG_FORMAT", { detail: parsed.issue.message.en }), issues };
  if (typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value))
    return { ok: false, error: new AdapterError("EIX_ADAPTER_WRONG_FORMAT", { detail: "expected a JSON object" }), issues };
  try {
    return { ok: true, incident: checkIncident(parsed.value), charset: decoded.charset, issues };
  } catch (error) {
    if (AdapterError.is(error)) return { ok: false, error, issues };
    throw error;
  }
}
