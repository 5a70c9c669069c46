const HEAD_BYTES = 8192;
const latin1 = new TextDecoder("latin1");

/**
 * 0.95 for a JSON object carrying EIDO's own member names near its start: "eidoVersion" and one
 * of "issuingElementIdentification" / "agencyComponent" (both required by the schema); 0.6 for
 * "eidoVersion" alone (the head may be cut before the others); 0 otherwise. Names are ASCII,
 * so the head is read byte for byte whatever the charset.
 */
export function sniffEido(bytes: Uint8Array): number {
  const head = latin1.decode(bytes.subarray(0, HEAD_BYTES));
  if (!/^\s*(?:\u00ef\u00bb\u00bf)?\{/.test(head) || !/"eidoVersion"\s*:/.test(head)) return 0;
  return /"(?:issuingElementIdentification|agencyComponent)"\s*:/.test(head) ? 0.95 : 0.6;
}
