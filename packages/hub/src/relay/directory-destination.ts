import { randomBytes } from "node:crypto";
import { type FileHandle, open, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { ClaimedDelivery } from "../store/store-records.js";
import type { Destination, EncodedBody, SendResult } from "./destination.js";
import { relayReason } from "./relay-errors.js";

export interface DirectoryDestinationOptions {
  readonly id: string;
  /** Where files are written; it must exist (a missing directory is usually an unmounted share). */
  readonly directory: string;
  /** Permission bits of new files. Default 0o644. */
  readonly fileMode?: number;
}

/** Errors an operator fixes without touching the message (mount, permissions, space): retried. */
const OPERATOR_FIXABLE = new Set(["ENOENT", "ENOTDIR", "EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT", "EIO", "EBUSY", "EMFILE"]);

/**
 * Drops each message as a file `<messageId>-<deliveryId>.<ext>` into a directory another system
 * picks up from (文件交换目录). The file is written under a hidden temporary name in the same
 * directory, fsynced, renamed into place and the directory fsynced: a reader sees the whole file
 * or none, and a crash leaves at most a stray `.eix-*.tmp` file, never a half-written message.
 *
 * A resend (after a crash, a lapsed lease or a replay) that finds the same content already in place
 * counts as delivered. A different file of that name is left alone and the delivery is refused
 * (`EIX_RELAY_FILE_CONFLICT`): the consumer may be reading it.
 */
export class DirectoryDestination implements Destination {
  readonly id: string;
  readonly #directory: string;
  readonly #fileMode: number;

  constructor(options: DirectoryDestinationOptions) {
    this.id = options.id;
    this.#directory = options.directory;
    this.#fileMode = options.fileMode ?? 0o644;
  }

  /** The file name a delivery is written under. */
  fileName(delivery: Pick<ClaimedDelivery, "messageId" | "deliveryId">, body: Pick<EncodedBody, "extension">): string {
    return `${safeName(delivery.messageId)}-${delivery.deliveryId}.${safeName(body.extension) || "bin"}`;
  }

  async send(delivery: ClaimedDelivery, body: EncodedBody, signal?: AbortSignal): Promise<SendResult> {
    const name = this.fileName(delivery, body);
    const target = join(this.#directory, name);
    if (signal?.aborted)
      return { kind: "retryable", reason: relayReason("EIX_RELAY_SEND_FAILED", { detail: "aborted before writing" }) };
    try {
      const existing = await readExisting(target);
      if (existing === "different" || (existing !== undefined && !Buffer.from(body.bytes).equals(existing))) {
        return { kind: "permanent", reason: relayReason("EIX_RELAY_FILE_CONFLICT", { file: target }) };
      }
      if (existing !== undefined) return { kind: "delivered", response: { body: `already present: ${name}` } };
      await this.#writeAtomically(target, body.bytes);
      return { kind: "delivered", response: { body: `written: ${name}` } };
    } catch (error) {
      return failure(error, target);
    }
  }

  async #writeAtomically(target: string, bytes: Uint8Array): Promise<void> {
    const temporary = join(this.#directory, `.eix-${randomBytes(6).toString("hex")}.tmp`);
    let handle: FileHandle | undefined;
    try {
      handle = await open(temporary, "wx", this.#fileMode);
      await handle.writeFile(bytes);
      await handle.sync();
      await handle.close();
      handle = undefined;
      await rename(temporary, target);
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await rm(temporary, { force: true }).catch(() => undefined);
      throw error;
    }
    await syncDirectory(this.#directory);
  }

  async close(): Promise<void> {}
}

/** Characters safe in a file name on every platform; ids are printable ASCII, `/` and `\` among them. */
export function safeName(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_");
}

/** The file already at `path`, undefined when there is none, "different" when something other than a file is there. */
async function readExisting(path: string): Promise<Buffer | "different" | undefined> {
  try {
    if (!(await stat(path)).isFile()) return "different";
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Makes the rename itself durable. Not every platform can open a directory for fsync (Windows); there the rename is as durable as it gets. */
async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, "r");
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL" && code !== "EBADF") throw error;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function failure(error: unknown, file: string): SendResult {
  const code = (error as NodeJS.ErrnoException).code ?? "";
  const detail = code || (error instanceof Error ? error.message : String(error));
  if (OPERATOR_FIXABLE.has(code))
    return { kind: "retryable", reason: relayReason("EIX_RELAY_DIRECTORY_UNAVAILABLE", { detail, file }) };
  if (code === "ENAMETOOLONG" || code === "EINVAL") {
    return { kind: "permanent", reason: relayReason("EIX_RELAY_FILE_WRITE_FAILED", { detail, file }) };
  }
  return { kind: "retryable", reason: relayReason("EIX_RELAY_SEND_FAILED", { detail: `${detail} (${file})` }) };
}
