import { PHE_XML_ROOT } from "./read-phe.js";

const HEAD_BYTES = 2048;
const latin1 = new TextDecoder("latin1");

/**
 * 0.9 for an XML document whose root is `<pheEventReport>`, or a JSON object with both
 * "reportKind" and "eventId" near its start; 0 otherwise. Field names are ASCII, so the
 * head is read byte for byte whatever the charset.
 */
export function sniffPheReport(bytes: Uint8Array): number {
  const head = latin1.decode(bytes.subarray(0, HEAD_BYTES));
  if (new RegExp(`<(?:[\\w.-]+:)?${PHE_XML_ROOT}[\\s>]`).test(head)) return 0.9;
  if (/^\s*(?:\u00ef\u00bb\u00bf)?\{/.test(head) && /"reportKind"\s*:/.test(head) && /"eventId"\s*:/.test(head)) return 0.9;
  return 0;
}
