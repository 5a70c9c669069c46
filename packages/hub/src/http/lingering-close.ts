import type { IncomingMessage } from "node:http";

/** How long a refused upload may go on being discarded before its connection is cut. */
export const LINGER_MS = 2000;

/**
 * After answering before the body was read (413), the client is usually still sending. Closing
 * at once would make the kernel answer the unread bytes with a reset, and many clients then
 * lose the 413 they had not read yet. So the rest of the body is discarded unread (nginx calls
 * this a lingering close) and the connection is cut only if the upload is still going after
 * `LINGER_MS`: a huge or endless body costs at most that long, never memory.
 */
export function lingerThenClose(request: IncomingMessage, ms: number = LINGER_MS): void {
  if (request.complete) return;
  const cut = setTimeout(() => request.socket.destroy(), ms);
  cut.unref();
  const done = () => clearTimeout(cut);
  request.once("end", done);
  request.socket.once("close", done);
  request.resume();
}
