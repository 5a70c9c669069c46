import { AdapterError } from "../../errors.js";
import { escapeXml } from "../../kit/xml.js";
import { CAP_12_NAMESPACE, type CapAlert, type CapArea, type CapInfo, type CapResource, type CapValuePair } from "./cap-model.js";

// Element order is the CAP 1.2 schema's (CAP-v1.2.xsd sequences); validators reject any other.

function element(name: string, value: string | undefined, indent: string): string {
  return value === undefined ? "" : `${indent}<${name}>${escapeXml(value)}</${name}>\n`;
}

function pairs(name: string, list: readonly CapValuePair[], indent: string): string {
  return list
    .map(
      (p) =>
        `${indent}<${name}>\n${element("valueName", p.valueName, `${indent}  `)}${element("value", p.value, `${indent}  `)}${indent}</${name}>\n`,
    )
    .join("");
}

function resource(r: CapResource, blobs: ReadonlyMap<string, Uint8Array> | undefined, indent: string): string {
  let deref: string | undefined;
  if (r.derefSha256 !== undefined) {
    const content = blobs?.get(r.derefSha256);
    if (!content) throw new AdapterError("EIX_ADAPTER_BLOB_MISSING", { value: r.derefSha256 });
    deref = Buffer.from(content).toString("base64");
  }
  const inner = `${indent}  `;
  return `${indent}<resource>\n${element("resourceDesc", r.resourceDesc, inner)}${element("mimeType", r.mimeType ?? "application/octet-stream", inner)}${element("size", r.size, inner)}${element("uri", r.uri, inner)}${element("derefUri", deref, inner)}${element("digest", r.digest, inner)}${indent}</resource>\n`;
}

function area(a: CapArea, indent: string): string {
  const inner = `${indent}  `;
  return (
    `${indent}<area>\n${element("areaDesc", a.areaDesc, inner)}` +
    a.polygons.map((p) => element("polygon", p, inner)).join("") +
    a.circles.map((c) => element("circle", c, inner)).join("") +
    pairs("geocode", a.geocodes, inner) +
    `${element("altitude", a.altitude, inner)}${element("ceiling", a.ceiling, inner)}${indent}</area>\n`
  );
}

function info(i: CapInfo, blobs: ReadonlyMap<string, Uint8Array> | undefined): string {
  const x = "    ";
  return (
    `  <info>\n${element("language", i.language, x)}` +
    i.categories.map((c) => element("category", c, x)).join("") +
    element("event", i.event, x) +
    i.responseTypes.map((r) => element("responseType", r, x)).join("") +
    element("urgency", i.urgency, x) +
    element("severity", i.severity, x) +
    // CAP 1.0's "Very Likely" was folded into "Likely" in 1.1.
    element("certainty", i.certainty === "Very Likely" ? "Likely" : i.certainty, x) +
    element("audience", i.audience, x) +
    pairs("eventCode", i.eventCodes, x) +
    ["effective", "onset", "expires", "senderName", "headline", "description", "instruction", "web", "contact"]
      .map((key) => element(key, i[key as keyof CapInfo] as string | undefined, x))
      .join("") +
    pairs("parameter", i.parameters, x) +
    i.resources.map((r) => resource(r, blobs, x)).join("") +
    i.areas.map((a) => area(a, x)).join("") +
    "  </info>\n"
  );
}

/** Serialises a CAP alert as CAP 1.2 XML in UTF-8. */
export function writeCap12(alert: CapAlert, blobs?: ReadonlyMap<string, Uint8Array>): string {
  const x = "  ";
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="${CAP_12_NAMESPACE}">\n` +
    ["identifier", "sender", "sent", "status", "msgType", "source", "scope", "restriction", "addresses"]
      .map((key) => element(key, alert[key as keyof CapAlert] as string | undefined, x))
      .join("") +
    alert.codes.map((c) => element("code", c, x)).join("") +
    element("note", alert.note, x) +
    element("references", alert.references, x) +
    element("incidents", alert.incidents, x) +
    alert.infos.map((i) => info(i, blobs)).join("") +
    alert.signatures.map((s) => `  ${s}\n`).join("") +
    "</alert>\n"
  );
}
