// Writes decoded envelopes as canonical JSON, one file each, for whatever the department's own
// system picks up next (a message queue, a database loader, a hub's file-drop source).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Envelope } from "@eix/adapters";

/**
 * The file for an envelope: its id percent-encoded, so that any CAP identifier (with `:`, `/`
 * or `#`, as in `<identifier>#2` for an alert's second hazard) is one safe, reversible name.
 * The same id is the same message, so a second poll overwrites the file with an equal one.
 */
export function envelopeFileName(id: string): string {
  return `${encodeURIComponent(id).replace(/\*/g, "%2A")}.json`;
}

export function writeEnvelope(dir: string, message: Envelope): string {
  const path = join(dir, envelopeFileName(message.id));
  writeFileSync(path, `${JSON.stringify(message, null, 2)}\n`);
  return path;
}

/**
 * Attachment contents (CAP `derefUri`) travel beside the envelopes, not in them: the envelope
 * names each by SHA-256 (`payload.attachments[].sha256`), and the file has that name.
 */
export function writeBlobs(dir: string, blobs: ReadonlyMap<string, Uint8Array>): void {
  if (blobs.size === 0) return;
  mkdirSync(join(dir, "blobs"), { recursive: true });
  for (const [sha256, content] of blobs) writeFileSync(join(dir, "blobs", sha256), content);
}
