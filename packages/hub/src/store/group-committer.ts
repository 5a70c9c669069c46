import type { Store } from "./store.js";
import { StoreError } from "./store-errors.js";
import type { IngestItem, IngestResult, Receipt } from "./store-records.js";

export interface GroupCommitOptions {
  /** Most items per transaction. Default 256. */
  readonly maxBatch?: number;
  /**
   * How long the first item of a batch waits for company, in ms. Default 2; 0 waits only for
   * the current turn of the event loop (requests already read in the same poll phase).
   */
  readonly maxDelayMs?: number;
  /** Items allowed to wait; beyond it `ingest` fails at once with EIX_STORE_OVERLOADED (HTTP 503). Default 10,000. */
  readonly maxQueue?: number;
}

export interface GroupCommitStats {
  readonly calls: number;
  /** Transactions issued; fewer than `calls` whenever ingests overlapped. */
  readonly batches: number;
  readonly largestBatch: number;
  readonly queued: number;
}

interface Waiting {
  readonly item: IngestItem;
  readonly resolve: (receipt: Receipt) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Sits in front of `Store.ingest` and commits concurrent ingests together, so a durable commit
 * (an fsync with SQLite `synchronous=FULL`) is paid once per batch instead of once per message.
 * A batch closes when it is full or when its first item has waited `maxDelayMs`; while one batch
 * commits, the next one fills, and it goes as soon as the first is done (classic group commit).
 * Every caller still gets its own receipt or its own error.
 */
export class GroupCommitter {
  readonly #store: Pick<Store, "ingestBatch">;
  readonly #maxBatch: number;
  readonly #maxDelayMs: number;
  readonly #maxQueue: number;
  #queue: Waiting[] = [];
  /** Cancels the pending batch timer, when there is one. */
  #cancelTimer: (() => void) | undefined;
  #committing: Promise<void> | undefined;
  #calls = 0;
  #batches = 0;
  #largestBatch = 0;

  constructor(store: Pick<Store, "ingestBatch">, options: GroupCommitOptions = {}) {
    this.#store = store;
    this.#maxBatch = Math.max(1, options.maxBatch ?? 256);
    this.#maxDelayMs = Math.max(0, options.maxDelayMs ?? 2);
    this.#maxQueue = Math.max(1, options.maxQueue ?? 10_000);
  }

  ingest(item: IngestItem): Promise<Receipt> {
    this.#calls++;
    if (this.#queue.length >= this.#maxQueue) {
      return Promise.reject(new StoreError("EIX_STORE_OVERLOADED", { limit: String(this.#maxQueue) }));
    }
    return new Promise<Receipt>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      if (this.#committing) return; // The running commit starts the next batch when it ends.
      if (this.#queue.length >= this.#maxBatch) this.#commitNow();
      else if (!this.#cancelTimer) this.#startTimer();
    });
  }

  /** Commits everything waiting; for shutdown. */
  async drain(): Promise<void> {
    while (this.#committing || this.#queue.length > 0) {
      if (!this.#committing) this.#commitNow();
      await this.#committing;
    }
  }

  get stats(): GroupCommitStats {
    return { calls: this.#calls, batches: this.#batches, largestBatch: this.#largestBatch, queued: this.#queue.length };
  }

  readonly #commitNow = (): void => {
    this.#clearTimer();
    if (this.#committing || this.#queue.length === 0) return;
    const batch = this.#queue.splice(0, this.#maxBatch);
    this.#batches++;
    this.#largestBatch = Math.max(this.#largestBatch, batch.length);
    this.#committing = this.#commit(batch).finally(() => {
      this.#committing = undefined;
      // Whoever arrived meanwhile has waited a whole commit already: go at once.
      if (this.#queue.length > 0) this.#commitNow();
    });
  };

  async #commit(batch: Waiting[]): Promise<void> {
    let results: IngestResult[];
    try {
      results = await this.#store.ingestBatch(batch.map((waiting) => waiting.item));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, i) => {
      const result = results[i];
      if (result === undefined) waiting.reject(new StoreError("EIX_STORE_INTERNAL", { detail: "no result for the item" }));
      else if (result.ok) waiting.resolve(result.receipt);
      else waiting.reject(result.error);
    });
  }

  #startTimer(): void {
    if (this.#maxDelayMs === 0) {
      const immediate = setImmediate(this.#commitNow);
      this.#cancelTimer = () => clearImmediate(immediate);
    } else {
      const timeout = setTimeout(this.#commitNow, this.#maxDelayMs);
      this.#cancelTimer = () => clearTimeout(timeout);
    }
  }

  #clearTimer(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
  }
}
