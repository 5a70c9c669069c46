import { BULLETIN_REQUIRED, bulletinFieldOf } from "./bulletin-words.js";

const HEAD_BYTES = 1024;
const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8");
const gb18030 = new TextDecoder("gb18030");
const FIRMS_COLUMNS = ["latitude", "longitude", "acq_date", "acq_time"];
// A bulletin names its hotspot number and coordinates in Chinese, as CSV header or JSON keys.
const BULLETIN_MARKS = ["热点编号", "经度", "纬度"];

// JSON is never FIRMS: a hotspot payload that is JSON is a bulletin, whatever its head holds.
const JSON_START = /^(?:\u00ef\u00bb\u00bf)?\s*[[{]/;

/** Which hotspot layout a payload is: FIRMS by its header, a bulletin by its marks or by being JSON. */
export function hotspotLayout(bytes: Uint8Array): "firms" | "bulletin" {
  if (JSON_START.test(latin1.decode(bytes.subarray(0, 64)))) return "bulletin";
  return hotspotLayoutOf(bytes) ?? "firms";
}

/** Which hotspot layout the head of a payload is, if any (what sniffing can tell). */
export function hotspotLayoutOf(bytes: Uint8Array): "firms" | "bulletin" | undefined {
  let head = latin1.decode(bytes.subarray(0, HEAD_BYTES));
  if (head.startsWith("\u00ef\u00bb\u00bf")) head = head.slice(3);
  const cells = (head.split(/\r?\n|\r/, 1)[0] ?? "").split(",").map((cell) => cell.trim().replace(/^"|"$/g, "").toLowerCase());
  if (FIRMS_COLUMNS.every((name) => cells.includes(name))) return "firms";
  // The head may end inside a character: both decoders replace rather than throw.
  const start = bytes.subarray(0, HEAD_BYTES);
  for (const decoder of [utf8, gb18030]) {
    const text = decoder.decode(start).replace(/^\uFEFF/, "");
    if (BULLETIN_MARKS.every((mark) => text.includes(mark))) return "bulletin";
    if (isBulletinHeader(text.split(/\r?\n|\r/, 1)[0] ?? "")) return "bulletin";
  }
  return undefined;
}

/**
 * A CSV header naming a bulletin's required fields (热点编号 or 编号, 观测时间 or 监测时间, 经度,
 * 纬度, in any of their spellings), at least one in Chinese: English names alone (id, lon, lat)
 * would claim any CSV of points.
 */
function isBulletinHeader(line: string): boolean {
  const cells = line.split(",").map((cell) => cell.trim().replace(/^"|"$/g, ""));
  const fields = new Set(cells.map(bulletinFieldOf));
  return (
    BULLETIN_REQUIRED.every((field) => fields.has(field)) && cells.some((cell) => bulletinFieldOf(cell) && /[^ -~]/.test(cell))
  );
}

/**
 * 0.9 when the first line is a FIRMS header (latitude, longitude, acq_date, acq_time: every
 * MODIS and VIIRS export) or the head names a bulletin's 热点编号, 经度 and 纬度 (CSV header or
 * JSON keys, UTF-8 or GB18030); 0 otherwise.
 */
export function sniffHotspots(bytes: Uint8Array): number {
  return hotspotLayoutOf(bytes) === undefined ? 0 : 0.9;
}
