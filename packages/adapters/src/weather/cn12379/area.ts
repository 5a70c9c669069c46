import type { Area, Circle, Polygon } from "@eix/schema";
import { readCircle, readPolygon, writeLatLon } from "../../kit/coordinates.js";
import { childElement, type XmlElement } from "../../kit/xml.js";
import { geocodeTexts, readGeocodes, writeGeocode } from "./geocode.js";
import type { AreaKept } from "./profile-extension.js";
import type { SourceReader } from "./source-reader.js";
import type { XmlWriter } from "./xml-writer.js";

// `area`: areaDesc, polygon and circle in CAP notation (lat,lon; WGS-84 assumed), and
// geocode with the 12-digit codes. Coordinates are taken as given: the profile names no datum.

const shown = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

/** The canonical area and the texts kept for re-encoding; no area when every element is empty. */
export function readArea(element: XmlElement, at: string, reader: SourceReader): { area?: Area; kept: AreaKept } {
  const polygons: Polygon[] = [];
  for (const { element: polygon, at: polygonAt } of reader.children(element, "polygon", at)) {
    const text = polygon.text.trim();
    if (text === "") continue;
    const reading = readPolygon(text);
    if (!reading.ok) reader.fail("EIX_COORD_INVALID", { value: shown(text), detail: reading.reason }, polygon, polygonAt);
    polygons.push(reading.points);
  }
  const circles: Circle[] = [];
  for (const { element: circle, at: circleAt } of reader.children(element, "circle", at)) {
    const text = circle.text.trim();
    if (text === "") continue;
    const reading = readCircle(text);
    if (!reading.ok) reader.fail("EIX_COORD_INVALID", { value: shown(text), detail: reading.reason }, circle, circleAt);
    circles.push({ center: reading.center, radiusKm: reading.radiusKm });
  }
  const geocodes: string[] = [];
  for (const { element: geocode } of reader.children(element, "geocode", at)) {
    // CAP proper writes <geocode><valueName/><value/></geocode>; the profile writes the text.
    const text = (childElement(geocode, "value") ?? geocode).text.trim();
    if (text !== "") geocodes.push(text);
  }
  const { regionCodes, rejected } = readGeocodes(geocodes);
  for (const token of rejected)
    reader.note(
      "EIX_ADAPTER_UNMAPPED",
      { value: token, detail: "not a region code; the geocode text is kept" },
      childElement(element, "geocode"),
      `${at}/geocode`,
    );
  const description = reader.text(element, "areaDesc");
  const area: Area = {
    ...(description === undefined ? {} : { description }),
    ...(regionCodes.length > 0 ? { regionCodes } : {}),
    ...(polygons.length > 0 ? { polygons } : {}),
    ...(circles.length > 0 ? { circles } : {}),
  };
  // The source text is kept only when writing the codes would not give it back.
  const rewritten = geocodes.length === 1 && geocodes[0] === writeGeocode(regionCodes);
  const kept: AreaKept = geocodes.length > 0 && !rewritten ? { geocode: geocodes } : {};
  return Object.keys(area).length > 0 ? { area, kept } : { kept };
}

/** Writes one `<area>` in the sample's order; an absent area writes the empty skeleton. */
export function writeArea(writer: XmlWriter, area: Area | undefined, kept: AreaKept | undefined): void {
  writer.open("area");
  writer.leaf("areaDesc", area?.description);
  writeEach(
    writer,
    "polygon",
    (area?.polygons ?? []).map((polygon) => polygon.map(writeLatLon).join(" ")),
  );
  writeEach(
    writer,
    "circle",
    (area?.circles ?? []).map((circle) => `${writeLatLon(circle.center)} ${circle.radiusKm}`),
  );
  writeEach(writer, "geocode", geocodeTexts(area?.regionCodes ?? [], kept?.geocode));
  writer.close("area");
}

function writeEach(writer: XmlWriter, name: string, texts: readonly string[]): void {
  if (texts.length === 0) writer.leaf(name, undefined);
  for (const text of texts) writer.leaf(name, text);
}
