import type { AdapterIssue } from "../contract.js";
import { AdapterError, adapterMessage } from "../errors.js";
import { readTime } from "./time.js";
import type { XmlElement } from "./xml.js";

// Report formats that come as JSON or as XML with the same field names (the public-health direct
// report, the forest-fire report) are read from one tree: JSON as parsed, XML through `treeOf`.

export type Tree = { readonly [key: string]: Tree | string | number | boolean | null | undefined };

/** XML elements → a plain tree: an element with children becomes an object, a leaf its text. */
export function treeOf(element: XmlElement): Tree {
  const tree: Record<string, Tree | string> = {};
  for (const child of element.children) tree[child.name] = child.children.length > 0 ? treeOf(child) : child.text.trim();
  return tree;
}

const bad = (path: string, detail: string) =>
  new AdapterError("EIX_ADAPTER_BAD_VALUE", { value: path, detail }, { position: { at: path } });

/** Reads report fields by JSON pointer; a missing or malformed field is a coded error naming it. */
export class FieldReader {
  constructor(
    private readonly tree: Tree,
    readonly issues: AdapterIssue[],
  ) {}

  private raw(path: string): unknown {
    let node: unknown = this.tree;
    for (const key of path.split("/").slice(1))
      node = typeof node === "object" && node !== null ? (node as Tree)[key] : undefined;
    return node === "" || node === null ? undefined : node;
  }

  text(path: string): string | undefined {
    const value = this.raw(path);
    if (value === undefined) return undefined;
    if (typeof value === "string") return value.trim() || undefined;
    if (typeof value === "number") return String(value);
    throw bad(path, "expected text");
  }

  required(path: string): string {
    const value = this.text(path);
    if (value === undefined) throw new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: path }, { position: { at: path } });
    return value;
  }

  /** A whole number ≥ 0, as a JSON number or XML digits. */
  count(path: string): number | undefined {
    const value = this.raw(path);
    if (value === undefined) return undefined;
    const number =
      typeof value === "number" ? value : typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(number) || number < 0) throw bad(path, "expected a whole number ≥ 0");
    return number;
  }

  /** A number, optionally bounded: hectares, degrees. */
  decimal(path: string, min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY): number | undefined {
    const value = this.raw(path);
    if (value === undefined) return undefined;
    const number =
      typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
    if (!Number.isFinite(number) || number < min || number > max) {
      const bounded = Number.isFinite(min) || Number.isFinite(max);
      throw bad(path, bounded ? `expected a number in [${min}, ${max}]` : "expected a number");
    }
    return number;
  }

  /** RFC 3339; a local time without offset is Beijing time (+08:00), with an issue. */
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

  label<T>(path: string, labels: Readonly<Record<string, T>>): T | undefined {
    const value = this.text(path);
    if (value === undefined) return undefined;
    const known = labels[value];
    if (known === undefined) throw bad(path, `"${value}" is not one of ${Object.keys(labels).join(", ")}`);
    return known;
  }

  /** A label that must be there: missing is EIX_ADAPTER_MISSING_FIELD, unknown EIX_ADAPTER_BAD_VALUE. */
  requiredLabel<T>(path: string, labels: Readonly<Record<string, T>>): T {
    this.required(path);
    return this.label(path, labels) as T;
  }
}
