import { escapeXml, parseXml, type XmlElement } from "../../kit/xml.js";
import type { CivicAddress, EidoPlace } from "./eido-model.js";

/** PIDF-LO nests presence › device/tuple › geopriv › location-info › shape: a few levels suffice. */
const MAX_PIDF_DEPTH = 16;

export type PidfReading =
  | { readonly ok: true; readonly civic?: CivicAddress; readonly point?: { lat: number; lon: number } }
  | { readonly ok: false; readonly reason: string };

function firstDescendant(root: XmlElement, name: string): XmlElement | undefined {
  const queue = [root];
  for (let element = queue.shift(); element; element = queue.shift()) {
    if (element.name === name) return element;
    queue.push(...element.children);
  }
  return undefined;
}

/**
 * Reads the place out of a PIDF-LO: the first civic address (RFC 5139) and the first
 * `gml:Point` or `gs:Circle` centre (RFC 5491, EPSG::4326 `pos` is latitude then longitude).
 * Who the presence belongs to (`entity`) and who provided it are not read: they identify people.
 */
export function readPidfLo(xml: string): PidfReading {
  const parsed = parseXml(xml, { maxDepth: MAX_PIDF_DEPTH });
  if (!parsed.ok) return { ok: false, reason: `${parsed.error.code}: ${parsed.error.messages.en}` };
  const civicElement = firstDescendant(parsed.root, "civicAddress");
  const civic: Record<string, string> = {};
  for (const child of civicElement?.children ?? []) {
    const text = child.text.trim();
    if (text) civic[child.name] = text;
  }
  const shape = firstDescendant(parsed.root, "Point") ?? firstDescendant(parsed.root, "Circle");
  let point: { lat: number; lon: number } | undefined;
  if (shape) {
    const srs = shape.attributes.srsName ?? "urn:ogc:def:crs:EPSG::4326";
    if (!/EPSG:{1,2}4326$/.test(srs)) return { ok: false, reason: `unsupported srsName ${srs}` };
    const pos =
      shape.children
        .find((child) => child.name === "pos")
        ?.text.trim()
        .split(/\s+/)
        .map(Number) ?? [];
    const [lat, lon] = pos;
    if (pos.length < 2 || lat === undefined || lon === undefined || !Number.isFinite(lat) || !Number.isFinite(lon))
      return { ok: false, reason: "gml:pos is not two numbers" };
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return { ok: false, reason: "gml:pos out of range" };
    point = { lat, lon };
  }
  return { ok: true, ...(Object.keys(civic).length > 0 ? { civic } : {}), ...(point ? { point } : {}) };
}

/** Chinese addresses run from province down, without separators (省市区街道门牌). */
const CN_ORDER = [
  "A1",
  "A2",
  "A3",
  "A4",
  "A5",
  "A6",
  "PRD",
  "RD",
  "STS",
  "POD",
  "RDSEC",
  "RDBR",
  "HNO",
  "HNS",
  "LMK",
  "LOC",
  "NAM",
  "BLD",
  "FLR",
  "UNIT",
  "ROOM",
];
const STREET = ["HNO", "HNS", "PRD", "RD", "STS", "POD"];
const WESTERN_TAIL = ["LOC", "NAM", "BLD", "FLR", "UNIT", "ROOM", "A6", "A5", "A4", "A3", "A2", "A1", "country"];

/** One line of text for a civic address: big to small for China, street first elsewhere. */
export function formatCivic(civic: CivicAddress): string {
  const pick = (keys: readonly string[]) => keys.map((key) => civic[key]).filter((value): value is string => Boolean(value));
  if ((civic.country ?? "CN").toUpperCase() === "CN") return pick(CN_ORDER).join("");
  return [pick(STREET).join(" "), ...pick(WESTERN_TAIL)].filter(Boolean).join(", ");
}

/** A PIDF-LO for a place: civic elements in the order kept, point as `gml:Point` in EPSG::4326. */
export function writePidfLo(place: EidoPlace): string {
  const civic = place.civic
    ? `<ca:civicAddress>${Object.entries(place.civic)
        .map(([key, value]) => `<ca:${key}>${escapeXml(value)}</ca:${key}>`)
        .join("")}</ca:civicAddress>`
    : "";
  const point = place.point
    ? `<gml:Point srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>${place.point.lat} ${place.point.lon}</gml:pos></gml:Point>`
    : "";
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10"' +
    ' xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:gml="http://www.opengis.net/gml"' +
    ` xmlns:ca="urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr" entity="pres:${escapeXml(place.id)}">` +
    `<dm:device id="location"><gp:geopriv><gp:location-info>${point}${civic}</gp:location-info>` +
    "<gp:usage-rules/></gp:geopriv></dm:device></presence>"
  );
}
