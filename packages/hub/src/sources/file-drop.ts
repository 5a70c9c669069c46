import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { Logger } from "pino";
import type { IngestOutcome } from "../ingest/ingest-outcome.js";
import type { IngestRequest } from "../ingest/ingest-request.js";
import type { HubUnit } from "../route/route-model.js";

/** What the file-drop source needs of the ingest pipeline. */
export interface FileDropIngest {
  ingest(request: IngestRequest): Promise<IngestOutcome>;
}

export interface FileDropOptions {
  /** The watched directory; `done/` and `rejected/` are created inside it. */
  readonly dir: string;
  /** The unit whose system writes into the directory: the credential every file is checked against. */
  readonly unit: HubUnit;
  /** Adapter id; without it the unit's default adapter, else sniffing. */
  readonly adapter?: string | undefined;
  /** How often the directory is listed. Default 1,000 ms. */
  readonly pollMs?: number;
  /**
   * A file is taken only once it has not changed for this long, so a writer that does not
   * write-then-rename is not read half-way. Default 500 ms.
   */
  readonly settleMs?: number;
  readonly pipeline: FileDropIngest;
  readonly logger: Pick<Logger, "info" | "warn" | "error">;
  readonly now?: () => number;
}

export interface FileDropPass {
  readonly done: number;
  readonly rejected: number;
  /** Left in place for the next pass: the store failed, or the file is still being written. */
  readonly deferred: number;
}

// Names writers use while a file is incomplete, and our own sub-directories and notes.
const skipped = /^\.|^~|\.(tmp|part|partial|crdownload|swp)$|\.error\.json$|\.receipt\.json$/i;

/**
 * A watched directory for systems that can only write files (文件投递). Files are taken in name
 * order, one at a time, so a 初报 dropped before its 续报 is ingested first. A file moves to
 * `done/` (with a `.receipt.json`) or to `rejected/` (with a `.error.json`) only after its fate
 * is committed; if the hub stops in between, the next pass ingests it again, the store sees a
 * resend of the same (unitId, id), and the file moves with its original receipt.
 */
export class FileDropSource {
  readonly #options: FileDropOptions;
  readonly #source: string;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> = Promise.resolve();
  #queue: Promise<unknown> = Promise.resolve();
  #stopped = true;
  #halting = false;

  constructor(options: FileDropOptions) {
    this.#options = options;
    this.#source = `file:${basename(options.dir)}`;
  }

  /** Polls every `pollMs` until `stop()`; the first pass runs at once. */
  async start(): Promise<void> {
    await this.#prepare();
    this.#stopped = false;
    this.#halting = false;
    this.#schedule(0);
  }

  /** Stops polling and waits for the file in hand, if any. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#halting = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.pass()
        .catch((error: unknown) => this.#options.logger.error({ err: error, dir: this.#options.dir }, "file drop pass failed"))
        .finally(() => this.#schedule(this.#options.pollMs ?? 1000));
    }, delayMs);
    this.#timer.unref?.();
  }

  /**
   * One listing of the directory; every settled file is ingested and moved. Passes never
   * overlap (the timer's and a caller's are queued one after the other), so no file is taken twice.
   */
  pass(): Promise<FileDropPass> {
    const run = this.#queue.then(() => this.#passOnce());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #prepare(): Promise<void> {
    await mkdir(join(this.#options.dir, "done"), { recursive: true });
    await mkdir(join(this.#options.dir, "rejected"), { recursive: true });
  }

  async #passOnce(): Promise<FileDropPass> {
    await this.#prepare();
    const { dir } = this.#options;
    const now = this.#options.now?.() ?? Date.now();
    const settleMs = this.#options.settleMs ?? 500;
    const counts = { done: 0, rejected: 0, deferred: 0 };
    const entries = await readdir(dir, { withFileTypes: true });
    const names = entries
      .filter((e) => e.isFile() && !skipped.test(e.name))
      .map((e) => e.name)
      .sort();
    for (const name of names) {
      if (this.#halting) break; // stop() waits for the file in hand, not for the whole listing
      const path = join(dir, name);
      const info = await stat(path).catch(() => undefined);
      if (!info) continue; // taken away meanwhile
      // settleMs 0 takes every file at once: a file's mtime (sub-millisecond, from the
      // kernel's clock) can read slightly ahead of Date.now().
      if (settleMs > 0 && now - info.mtimeMs < settleMs) {
        counts.deferred++;
        continue;
      }
      counts[await this.#take(name, path)]++;
    }
    return counts;
  }

  async #take(name: string, path: string): Promise<"done" | "rejected" | "deferred"> {
    const { dir, unit, adapter, pipeline, logger } = this.#options;
    const body = new Uint8Array(await readFile(path));
    const outcome = await pipeline.ingest({ body, adapter, unit, source: this.#source, logger });
    if (outcome.ok) {
      await writeFile(join(dir, "done", `${name}.receipt.json`), `${JSON.stringify(outcome, null, 2)}\n`);
      await rename(path, join(dir, "done", name));
      return "done";
    }
    if (outcome.kind === "store-failed") {
      logger.warn({ file: name, code: outcome.storeError?.code }, "file drop: store unavailable, file left for the next pass");
      return "deferred";
    }
    const note = { file: name, kind: outcome.kind, quarantineId: outcome.quarantineId, issues: outcome.issues };
    await writeFile(join(dir, "rejected", `${name}.error.json`), `${JSON.stringify(note, null, 2)}\n`);
    await rename(path, join(dir, "rejected", name));
    logger.warn({ file: name, kind: outcome.kind, quarantineId: outcome.quarantineId }, "file drop: file rejected");
    return "rejected";
  }
}
