const HEAD_BYTES = 8192;
const latin1 = new TextDecoder("latin1");

/**
 * 0.95 for a JSON object carrying UCRI2's required member "sharedIncidentId" near its start with
 * one of the other two ("sentByDispatcherAt", "missionLocation"); 0.6 for "sharedIncidentId"
 * alone (the head may be cut before the others); 0 otherwise, and 0 for a JSON Schema ("$schema",
 * the UCRI2 schema files name the same members) or an EIDO ("eidoVersion"). The canonical model
 * has none of these names. Names are ASCII, so the head is read byte for byte.
 */
export function sniffUcri2(bytes: Uint8Array): number {
  const head = latin1.decode(bytes.subarray(0, HEAD_BYTES));
  if (!/^\s*(?:\u00ef\u00bb\u00bf)?\{/.test(head) || !/"sharedIncidentId"\s*:/.test(head)) return 0;
  if (/"(?:\$schema|eidoVersion)"\s*:/.test(head)) return 0;
  return /"(?:sentByDispatcherAt|missionLocation)"\s*:/.test(head) ? 0.95 : 0.6;
}
