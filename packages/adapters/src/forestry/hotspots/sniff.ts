const HEAD_BYTES = 1024;
const latin1 = new TextDecoder("latin1");
const REQUIRED = ["latitude", "longitude", "acq_date", "acq_time"];

/**
 * 0.9 when the first line is a CSV header naming latitude, longitude, acq_date and acq_time
 * (every FIRMS MODIS and VIIRS export does); 0 otherwise. Column names are ASCII.
 */
export function sniffHotspots(bytes: Uint8Array): number {
  let head = latin1.decode(bytes.subarray(0, HEAD_BYTES));
  if (head.startsWith("\u00ef\u00bb\u00bf")) head = head.slice(3);
  const cells = (head.split(/\r?\n|\r/, 1)[0] ?? "").split(",").map((cell) => cell.trim().replace(/^"|"$/g, "").toLowerCase());
  return REQUIRED.every((name) => cells.includes(name)) ? 0.9 : 0;
}
