import { parseJsonInput } from "@eix/schema";
import type { AdapterIssue } from "../../contract.js";
import { AdapterError, adapterMessage } from "../../errors.js";
import { decodeText } from "../../kit/charset.js";
import { readTime } from "../../kit/time.js";
import type { XmlElement } from "../../kit/xml.js";
import { DEFAULT_MAX_XML_BYTES, readXmlBytes } from "../../kit/xml-input.js";
import { LEVEL_LABELS, type PheReport, REPORT_KIND_LABELS } from "./phe-model.js";

/** The XML root element of an event report. */
export const PHE_XML_ROOT = "pheEventReport";

type Tree = { readonly [key: string]: Tree | string | number | boolean | null | undefined };

export type PheInput =
  | { ok: true; report: PheReport; format: "json" | "xml"; charset: string; issues: AdapterIssue[] }
  | { ok: false; error: AdapterError; issues: AdapterIssue[] };

/** XML elements → a plain tree: an element with children becomes an object, a leaf its text. */
function treeOf(element: XmlElement): Tree {
  const tree: Record<string, Tree | string> = {};
  for (const child of element.children) tree[child.name] = child.children.length > 0 ? treeOf(child) : child.text.trim();
  return tree;
}

/** Reads fields by JSON pointer, with coded errors naming the pointer. */
class FieldReader {
  constructor(
    private readonly tree: Tree,
    readonly issues: AdapterIssue[],
  ) {}

  private raw(path: string): unknown {
    let node: unknown = this.tree;
    for (const key of path.split("/").slice(1))
      node = typeof node === "object" && node !== null ? (node as Tree)[key] : undefined;
    return node === "" ? undefined : node;
  }

  text(path: string): string | undefined {
    const value = this.raw(path);
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value.trim() || undefined;
    if (typeof value === "number") return String(value);
    throw new AdapterError("EIX_ADAPTER_BAD_VALUE", { value: path, detail: "expected text" }, { position: { at: path } });
  }

  required(path: string): string {
    const value = this.text(path);
    if (value === undefined) throw new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: path }, { position: { at: path } });
    return value;
  }

  /** A count: a whole number ≥ 0, written as a number (JSON) or digits (XML). */
  count(path: string): number | undefined {
    const value = this.raw(path);
    if (value === undefined || value === null) return undefined;
    const number =
      typeof value === "number" ? value : typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(number) || number < 0)
      throw new AdapterError(
        "EIX_ADAPTER_BAD_VALUE",
        { value: path, detail: "expected a whole number ≥ 0" },
        { position: { at: path } },
      );
    return number;
  }

  decimal(path: string): number | undefined {
    const value = this.raw(path);
    if (value === undefined || value === null) return undefined;
    const number = typeof value === "number" ? value : Number(String(value).trim());
    if (!Number.isFinite(number))
      throw new AdapterError("EIX_ADAPTER_BAD_VALUE", { value: path, detail: "expected a number" }, { position: { at: path } });
    return number;
  }

  /** A time as RFC 3339; local times without offset are Beijing time, with an issue. */
  time(path: string, required: true): string;
  time(path: string, required?: false): string | undefined;
  time(path: string, required = false): string | undefined {
    const value = required ? this.required(path) : this.text(path);
    if (value === undefined) return undefined;
    const reading = readTime(value);
    if (!reading.ok) throw new AdapterError("EIX_TIME_INVALID", { value }, { position: { at: path } });
    if (reading.assumedOffset)
      this.issues.push({
        code: "EIX_TIME_LOCAL_ASSUMED",
        severity: "warning",
        message: adapterMessage("EIX_TIME_LOCAL_ASSUMED", { value }),
        position: { at: path },
      });
    return reading.value;
  }

  label<T>(path: string, labels: Readonly<Record<string, T>>): T {
    const value = this.required(path);
    const known = labels[value];
    if (known === undefined)
      throw new AdapterError(
        "EIX_ADAPTER_BAD_VALUE",
        { value: path, detail: `"${value}" is not one of ${Object.keys(labels).join(", ")}` },
        { position: { at: path } },
      );
    return known;
  }
}

const LEVELS = {
  national: "national",
  provincial: "provincial",
  municipal: "municipal",
  county: "county",
  township: "township",
} as const;

function readReport(tree: Tree, issues: AdapterIssue[]): PheReport {
  const r = new FieldReader(tree, issues);
  const reportKind = r.label("/reportKind", REPORT_KIND_LABELS);
  const sequence = r.count("/sequence") ?? (reportKind === "initial" ? 1 : undefined);
  if (sequence === undefined)
    throw new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: "/sequence" }, { position: { at: "/sequence" } });
  const icd10 = r.text("/disease/icd10");
  const diseaseName = r.text("/disease/name");
  const previousReportId = r.text("/previousReportId");
  const previousReportTime = r.time("/previousReportTime");
  const address = r.text("/place/address");
  const placeType = r.text("/place/placeType");
  const lat = r.decimal("/place/lat");
  const lon = r.decimal("/place/lon");
  const exposed = r.count("/exposed");
  const closeContacts = r.count("/closeContacts");
  const description = r.text("/description");
  const measures = r.text("/measures");
  const discoveredTime = r.time("/discoveredTime");
  const reporterName = r.text("/reporter/name");
  const phone = r.text("/reporter/phone");
  const role = r.text("/reporter/role");
  return {
    reportId: r.required("/reportId"),
    eventId: r.required("/eventId"),
    reportKind,
    sequence,
    ...(previousReportId ? { previousReportId } : {}),
    ...(previousReportTime ? { previousReportTime } : {}),
    eventName: r.required("/eventName"),
    eventType: r.required("/eventType"),
    ...(icd10 || diseaseName ? { disease: { ...(icd10 ? { icd10 } : {}), ...(diseaseName ? { name: diseaseName } : {}) } } : {}),
    level: r.text("/level") === undefined ? "unknown" : r.label("/level", LEVEL_LABELS),
    onsetTime: r.time("/onsetTime", true),
    ...(discoveredTime ? { discoveredTime } : {}),
    reportTime: r.time("/reportTime", true),
    place: {
      regionCode: r.required("/place/regionCode"),
      ...(address ? { address } : {}),
      ...(placeType ? { placeType } : {}),
      ...(lat === undefined ? {} : { lat }),
      ...(lon === undefined ? {} : { lon }),
    },
    cases: r.count("/cases") ?? 0,
    deaths: r.count("/deaths") ?? 0,
    ...(exposed === undefined ? {} : { exposed }),
    ...(closeContacts === undefined ? {} : { closeContacts }),
    ...(description ? { description } : {}),
    ...(measures ? { measures } : {}),
    reportingUnit: {
      unitId: r.required("/reportingUnit/unitId"),
      name: r.required("/reportingUnit/name"),
      regionCode: r.required("/reportingUnit/regionCode"),
      level: r.label("/reportingUnit/level", LEVELS),
    },
    ...(reporterName ? { reporter: { name: reporterName, ...(phone ? { phone } : {}), ...(role ? { role } : {}) } } : {}),
  };
}

/**
 * Bytes → an event report: JSON (UTF-8, or GB18030 detected) or XML `<pheEventReport>` with
 * the same field names as elements. Missing or malformed fields are coded errors with the
 * JSON pointer of the field.
 */
export function readPheReport(bytes: Uint8Array, limits: { maxBytes?: number } = {}): PheInput {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  if (bytes.byteLength > maxBytes)
    return {
      ok: false,
      error: new AdapterError("EIX_ADAPTER_TOO_LARGE", { value: String(bytes.byteLength), limit: String(maxBytes) }),
      issues: [],
    };
  let head = 0;
  while (
    head < bytes.length &&
    head < 64 &&
    (bytes[head] === 0x20 ||
      bytes[head] === 0x0a ||
      bytes[head] === 0x0d ||
      bytes[head] === 0x09 ||
      bytes[head] === 0xef ||
      bytes[head] === 0xbb ||
      bytes[head] === 0xbf)
  )
    head++;
  const issues: AdapterIssue[] = [];
  let tree: Tree;
  let format: "json" | "xml";
  let charset: string;
  if (bytes[head] === 0x3c) {
    const input = readXmlBytes(bytes, limits);
    if (!input.ok) return input;
    if (input.root.name !== PHE_XML_ROOT)
      return {
        ok: false,
        error: new AdapterError("EIX_ADAPTER_WRONG_FORMAT", {
          detail: `root element <${input.root.qname}>, expected <${PHE_XML_ROOT}>`,
        }),
        issues: input.issues,
      };
    issues.push(...input.issues);
    tree = treeOf(input.root);
    format = "xml";
    charset = input.charset;
  } else {
    const decoded = decodeText(bytes);
    if (!decoded.ok) return { ok: false, error: decoded.error, issues };
    issues.push(...decoded.issues);
    const parsed = parseJsonInput(new TextEncoder().encode(decoded.text), limits);
    if (!parsed.ok)
      return {
        ok: false,
        error: new AdapterError("EIX_ADAPTER_WRONG_FORMAT", { detail: parsed.issue.message.en }),
        issues,
      };
    if (typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value))
      return { ok: false, error: new AdapterError("EIX_ADAPTER_WRONG_FORMAT", { detail: "expected a JSON object" }), issues };
    tree = parsed.value as Tree;
    format = "json";
    charset = decoded.charset;
  }
  try {
    return { ok: true, report: readReport(tree, issues), format, charset, issues };
  } catch (error) {
    if (AdapterError.is(error)) return { ok: false, error, issues };
    throw error;
  }
}
