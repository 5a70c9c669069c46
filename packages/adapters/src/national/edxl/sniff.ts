import { EDXL_DE_10_NAMESPACE, EDXL_DE_20_NAMESPACE } from "./edxl-model.js";

const HEAD_BYTES = 4096;
const latin1 = new TextDecoder("latin1");
const xmlRoot = /<([\w.-]+:)?(EDXLDistribution|edxlDistribution)[\s>]/;

/**
 * 0.97 for an XML `EDXLDistribution` naming a DE namespace in its first kilobytes: above CAP's
 * 0.95, since an EDXL distribution often holds a CAP alert that near its start; 0.3 for the
 * root without a namespace. 0.9 for a JSON object with `distributionID` and `distributionKind`
 * near its start (the JSON form). Element and member names are ASCII: read byte for byte.
 */
export function sniffEdxl(bytes: Uint8Array): number {
  const head = latin1.decode(bytes.subarray(0, HEAD_BYTES));
  if (xmlRoot.test(head)) return head.includes(EDXL_DE_20_NAMESPACE) || head.includes(EDXL_DE_10_NAMESPACE) ? 0.97 : 0.3;
  if (/^\s*(?:\u00ef\u00bb\u00bf)?\s*\{/.test(head) && /"distributionID"\s*:/.test(head) && /"distributionKind"\s*:/.test(head))
    return 0.9;
  return 0;
}
