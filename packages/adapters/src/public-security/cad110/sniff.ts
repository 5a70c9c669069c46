const HEAD_BYTES = 2048;
const latin1 = new TextDecoder("latin1");

const xmlCell = /<JJDBH[\s>]/i;
const jsonKey = /"JJDBH"\s*:/i;
const csvHeaderCell = /(?:^|,)\s*"?JJDBH"?\s*(?:,|$)/i;

/**
 * 0.9 when the head holds the record number column JJDBH (接警单编号) as an XML element, a JSON
 * key, or a cell of a CSV header line; 0 otherwise. Column names are ASCII, the same bytes in
 * UTF-8 and GB18030, so the head is read byte for byte.
 */
export function sniffCad110(bytes: Uint8Array): number {
  let head = latin1.decode(bytes.subarray(0, HEAD_BYTES));
  if (head.startsWith("\u00ef\u00bb\u00bf")) head = head.slice(3);
  const start = head.trimStart();
  if (start.startsWith("<")) return xmlCell.test(head) ? 0.9 : 0;
  if (start.startsWith("{") || start.startsWith("[")) return jsonKey.test(head) ? 0.9 : 0;
  const firstLine = start.split(/\r?\n|\r/, 1)[0] ?? "";
  return csvHeaderCell.test(firstLine) ? 0.9 : 0;
}
