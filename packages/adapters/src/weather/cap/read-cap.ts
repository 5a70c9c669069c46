import { AdapterError, type AdapterErrorCode, type AdapterParams } from "../../errors.js";
import { readCircle, readPolygon } from "../../kit/coordinates.js";
import { sha256Hex } from "../../kit/digest.js";
import { lineColumn } from "../../kit/text-position.js";
import { readTime } from "../../kit/time.js";
import { childElement, childElements, type XmlElement } from "../../kit/xml.js";
import { CAP_NAMESPACES, type CapAlert, type CapArea, type CapInfo, type CapResource, type CapValuePair } from "./cap-model.js";

const STATUS = ["Actual", "Exercise", "System", "Test", "Draft"];
const MSG_TYPE = ["Alert", "Update", "Cancel", "Ack", "Error"];
const SCOPE = ["Public", "Restricted", "Private"];
const CATEGORY = ["Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE", "Other"];
const URGENCY = ["Immediate", "Expected", "Future", "Past", "Unknown"];
const SEVERITY = ["Extreme", "Severe", "Moderate", "Minor", "Unknown"];
const CERTAINTY = ["Observed", "Likely", "Possible", "Unlikely", "Unknown", "Very Likely"];

/** Thrown inside the reader only; decode turns it into `{ ok: false, error }`. */
class CapReadError extends Error {
  constructor(readonly error: AdapterError) {
    super(error.message);
  }
}

/** Reads a CAP alert element into the CAP structure, checking what the standard requires. */
export function readCapAlert(
  root: XmlElement,
  text: string,
  blobs: Map<string, Uint8Array>,
): { ok: true; alert: CapAlert } | { ok: false; error: AdapterError } {
  try {
    return { ok: true, alert: new CapReader(text, blobs).alert(root) };
  } catch (error) {
    if (error instanceof CapReadError) return { ok: false, error: error.error };
    throw error;
  }
}

class CapReader {
  constructor(
    private readonly text: string,
    private readonly blobs: Map<string, Uint8Array>,
  ) {}

  fail(code: AdapterErrorCode, params: AdapterParams, at: string, element?: XmlElement): never {
    const offset = element?.offset;
    const where = offset === undefined ? {} : lineColumn(this.text, Math.max(0, this.text.lastIndexOf("<", offset)));
    throw new CapReadError(new AdapterError(code, params, { position: { ...where, at } }));
  }

  /** Trimmed text of an optional child; present-but-empty is reported when `notEmpty`. */
  optional(parent: XmlElement, name: string, at: string, notEmpty = false): string | undefined {
    const child = childElement(parent, name);
    if (!child) return undefined;
    const value = child.text.trim();
    if (value === "" && notEmpty)
      this.fail("EIX_ADAPTER_BAD_VALUE", { value: name, detail: "present but empty" }, `${at}/${name}`, child);
    return value === "" ? undefined : value;
  }

  required(parent: XmlElement, name: string, at: string): string {
    const child = childElement(parent, name);
    const value = child?.text.trim();
    if (!value) this.fail("EIX_ADAPTER_MISSING_FIELD", { value: name }, `${at}/${name}`, child ?? parent);
    return value;
  }

  oneOf(value: string, allowed: readonly string[], name: string, at: string, element: XmlElement): string {
    if (!allowed.includes(value))
      this.fail(
        "EIX_ADAPTER_BAD_VALUE",
        { value: name, detail: `"${value}" is not one of ${allowed.join(", ")}` },
        `${at}/${name}`,
        element,
      );
    return value;
  }

  time(value: string | undefined, name: string, at: string, element: XmlElement): string | undefined {
    if (value === undefined) return undefined;
    if (!readTime(value).ok) this.fail("EIX_TIME_INVALID", { value }, `${at}/${name}`, childElement(element, name) ?? element);
    return value;
  }

  pairs(parent: XmlElement, name: string, at: string): CapValuePair[] {
    return childElements(parent, name).map((element, i) => ({
      valueName: this.required(element, "valueName", `${at}/${name}[${i}]`),
      value: childElement(element, "value")?.text.trim() ?? "",
    }));
  }

  alert(root: XmlElement): CapAlert {
    const version = root.namespace === undefined ? undefined : CAP_NAMESPACES[root.namespace];
    if (root.name !== "alert" || !version)
      this.fail(
        "EIX_ADAPTER_WRONG_FORMAT",
        {
          detail:
            root.name === "alert" && root.namespace === undefined
              ? "an <alert> without the CAP namespace (the 12379 profile is read by weather.cn12379)"
              : `root element <${root.qname}> in namespace ${root.namespace ?? "(none)"} is not a CAP alert`,
        },
        "/",
        root,
      );
    const at = "/alert";
    const alert: CapAlert = {
      version,
      identifier: this.required(root, "identifier", at),
      sender: this.required(root, "sender", at),
      sent: this.required(root, "sent", at),
      status: this.oneOf(this.required(root, "status", at), STATUS, "status", at, root),
      msgType: this.oneOf(this.required(root, "msgType", at), MSG_TYPE, "msgType", at, root),
      scope: this.oneOf(this.required(root, "scope", at), SCOPE, "scope", at, root),
      codes: childElements(root, "code")
        .map((c) => c.text.trim())
        .filter(Boolean),
      infos: [],
      signatures: [],
    };
    this.time(alert.sent, "sent", at, root);
    const optional = {
      password: this.optional(root, "password", at),
      source: this.optional(root, "source", at),
      // Empty <restriction/> and <addresses/> are common in valid feeds (Environment Canada);
      // an empty <references/> is not: it claims an update of nothing.
      restriction: this.optional(root, "restriction", at),
      addresses: this.optional(root, "addresses", at),
      note: this.optional(root, "note", at),
      references: this.optional(root, "references", at, true),
      incidents: this.optional(root, "incidents", at),
    };
    for (const [key, value] of Object.entries(optional))
      if (value !== undefined) (alert as unknown as Record<string, string>)[key] = value;
    if (alert.references) this.checkReferences(alert.references, root);
    alert.infos = childElements(root, "info").map((info, i) => this.info(info, `${at}/info[${i}]`));
    if (root.children.some((child) => child.name === "Signature"))
      alert.signatures = [...this.text.matchAll(/<(?:[\w.-]+:)?Signature\b[\s\S]*?<\/(?:[\w.-]+:)?Signature>/g)].map((m) => m[0]);
    return alert;
  }

  checkReferences(references: string, root: XmlElement): void {
    for (const triple of references.split(/\s+/)) {
      const parts = triple.split(",");
      if (parts.length !== 3 || parts.some((p) => p === "") || !readTime(parts[2] ?? "").ok)
        this.fail(
          "EIX_ADAPTER_BAD_VALUE",
          { value: "references", detail: `"${triple}" is not sender,identifier,sent` },
          "/alert/references",
          childElement(root, "references"),
        );
    }
  }

  info(element: XmlElement, at: string): CapInfo {
    const categories = childElements(element, "category").map((c) => c.text.trim());
    if (categories.length === 0) this.fail("EIX_ADAPTER_MISSING_FIELD", { value: "category" }, `${at}/category`, element);
    for (const category of categories) this.oneOf(category, CATEGORY, "category", at, element);
    const info: CapInfo = {
      categories,
      event: this.required(element, "event", at),
      responseTypes: childElements(element, "responseType")
        .map((c) => c.text.trim())
        .filter(Boolean),
      urgency: this.oneOf(this.required(element, "urgency", at), URGENCY, "urgency", at, element),
      severity: this.oneOf(this.required(element, "severity", at), SEVERITY, "severity", at, element),
      certainty: this.oneOf(this.required(element, "certainty", at), CERTAINTY, "certainty", at, element),
      eventCodes: this.pairs(element, "eventCode", at),
      parameters: this.pairs(element, "parameter", at),
      resources: childElements(element, "resource").map((r, i) => this.resource(r, `${at}/resource[${i}]`)),
      areas: childElements(element, "area").map((a, i) => this.area(a, `${at}/area[${i}]`)),
    };
    const optional = {
      language: this.optional(element, "language", at),
      audience: this.optional(element, "audience", at),
      effective: this.time(this.optional(element, "effective", at), "effective", at, element),
      onset: this.time(this.optional(element, "onset", at), "onset", at, element),
      expires: this.time(this.optional(element, "expires", at), "expires", at, element),
      senderName: this.optional(element, "senderName", at),
      headline: this.optional(element, "headline", at),
      description: this.optional(element, "description", at),
      instruction: this.optional(element, "instruction", at),
      web: this.optional(element, "web", at),
      contact: this.optional(element, "contact", at),
    };
    for (const [key, value] of Object.entries(optional))
      if (value !== undefined) (info as unknown as Record<string, string>)[key] = value;
    return info;
  }

  resource(element: XmlElement, at: string): CapResource {
    const resource: CapResource = { resourceDesc: this.required(element, "resourceDesc", at) };
    for (const key of ["mimeType", "size", "uri", "digest"] as const) {
      const value = this.optional(element, key, at);
      if (value !== undefined) resource[key] = value;
    }
    const deref = this.optional(element, "derefUri", at);
    if (deref !== undefined) {
      const content = new Uint8Array(Buffer.from(deref.replace(/\s+/g, ""), "base64"));
      const digest = sha256Hex(content);
      this.blobs.set(digest, content);
      resource.derefSha256 = digest;
    }
    return resource;
  }

  area(element: XmlElement, at: string): CapArea {
    // Empty <polygon/> and <circle/> elements occur in feeds (NWS indexes); they say nothing.
    const polygons = childElements(element, "polygon")
      .map((p) => p.text.trim())
      .filter(Boolean);
    const polygonPoints = polygons.map((polygon, i) => {
      const reading = readPolygon(polygon);
      const points = reading.ok ? reading.points : [];
      const first = points[0];
      const last = points[points.length - 1];
      const problem = !reading.ok
        ? reading.reason
        : points.length < 4
          ? "a polygon needs at least 4 points"
          : first?.lat !== last?.lat || first?.lon !== last?.lon
            ? "the first and last points differ (not closed)"
            : undefined;
      if (problem)
        this.fail("EIX_COORD_INVALID", { value: polygon.slice(0, 60), detail: problem }, `${at}/polygon[${i}]`, element);
      return points;
    });
    const circles = childElements(element, "circle")
      .map((c) => c.text.trim())
      .filter(Boolean);
    circles.forEach((circle, i) => {
      const reading = readCircle(circle);
      if (!reading.ok) this.fail("EIX_COORD_INVALID", { value: circle, detail: reading.reason }, `${at}/circle[${i}]`, element);
    });
    const area: CapArea = {
      areaDesc: this.required(element, "areaDesc", at),
      polygons,
      polygonPoints,
      circles,
      geocodes: this.pairs(element, "geocode", at),
    };
    const altitude = this.optional(element, "altitude", at);
    const ceiling = this.optional(element, "ceiling", at);
    if (altitude !== undefined) area.altitude = altitude;
    if (ceiling !== undefined) area.ceiling = ceiling;
    return area;
  }
}
