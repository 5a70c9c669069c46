import { AdapterError } from "../../errors.js";
import { charsetEncoder } from "../../kit/charset.js";
import { escapeXml } from "../../kit/xml.js";
import type { FireReport } from "./fire-report-model.js";
import { FIRE_XML_ROOT } from "./read-fire-report.js";

function xmlOf(value: unknown, name: string, indent: string): string {
  if (value === undefined) return "";
  if (typeof value === "object" && value !== null) {
    const inner = Object.entries(value)
      .map(([key, child]) => xmlOf(child, key, `${indent}  `))
      .join("");
    return `${indent}<${name}>\n${inner}${indent}</${name}>\n`;
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
}

/** A forest-fire report as JSON or as XML `<forestFireReport>`, UTF-8 (default) or GB18030. */
export function writeFireReport(report: FireReport, format: unknown, charset: unknown = "utf-8"): Uint8Array {
  const out = charsetEncoder(charset);
  if (format === "json") return out.encode(`${JSON.stringify(report, null, 2)}\n`);
  if (format === "xml") {
    const body = Object.entries(report)
      .map(([key, value]) => xmlOf(value, key, "  "))
      .join("");
    return out.encode(`<?xml version="1.0" encoding="${out.label}"?>\n<${FIRE_XML_ROOT}>\n${body}</${FIRE_XML_ROOT}>\n`);
  }
  throw new AdapterError("EIX_ADAPTER_BAD_VALUE", { value: "options.format", detail: `"${String(format)}": json or xml` });
}
