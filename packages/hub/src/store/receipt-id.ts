import { randomBytes } from "node:crypto";

/**
 * A UUID version 7 (RFC 9562): the first 48 bits are the Unix time in milliseconds, so ids sort
 * by creation time and index inserts stay local, like the message ids senders use.
 */
export function newReceiptId(now: Date = new Date()): string {
  const bytes = randomBytes(16);
  const ms = now.getTime();
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
