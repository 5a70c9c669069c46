// Waiting for things that happen in other processes: polling with a deadline, a bounded worker pool.

/** Polls `check` until it holds; past the deadline it fails with `what` and the optional detail. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  options: { readonly timeoutMs: number; readonly intervalMs?: number; readonly detail?: () => string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) {
      const detail = options.detail ? `\n${options.detail()}` : "";
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${what}${detail}`);
    }
    await sleep(options.intervalMs ?? 100);
  }
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Runs `work` on every item with at most `concurrency` at once; items not started once `stop()` holds are skipped. */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
