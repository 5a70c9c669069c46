import { FIRE_XML_ROOT } from "./read-fire-report.js";

const HEAD_BYTES = 2048;
const latin1 = new TextDecoder("latin1");

/**
 * 0.9 for XML whose root is `<forestFireReport>`, or a JSON object with "fireNumber" and
 * "burnedForestHa" near its start; 0 otherwise. Field names are ASCII, so the head is read byte
 * for byte whatever the charset.
 */
export function sniffFireReport(bytes: Uint8Array): number {
  const head = latin1.decode(bytes.subarray(0, HEAD_BYTES));
  if (new RegExp(`<(?:[\\w.-]+:)?${FIRE_XML_ROOT}[\\s>]`).test(head)) return 0.9;
  if (/^\s*(?:\u00ef\u00bb\u00bf)?\{/.test(head) && /"fireNumber"\s*:/.test(head) && /"burnedForestHa"\s*:/.test(head))
    return 0.9;
  return 0;
}
