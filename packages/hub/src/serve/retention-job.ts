import type { Logger } from "pino";
import type { RetentionConfig } from "../config/config-model.js";
import type { Store } from "../store/store.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const LOCK = "retention";

export interface RetentionJob {
  /** One prune now (when this instance holds the lock); resolves to whether it ran. */
  runOnce(): Promise<boolean>;
  stop(): void;
}

/**
 * Prunes delivered messages and old quarantine on a timer. Several hub instances on one
 * PostgreSQL database take turns through the store's lock, so a prune runs once, not N times.
 * The store never prunes a message with a pending, claimed or dead delivery.
 */
export function startRetentionJob(options: {
  readonly store: Store;
  readonly retention: RetentionConfig;
  readonly owner: string;
  readonly logger: Logger;
  readonly everyMs?: number;
  readonly now?: () => Date;
}): RetentionJob {
  const { store, retention, owner, logger } = options;
  const everyMs = options.everyMs ?? 60 * 60 * 1000;
  const now = options.now ?? (() => new Date());
  async function runOnce(): Promise<boolean> {
    if (!(await store.tryLock(LOCK, owner, everyMs, now()))) return false;
    const at = now().getTime();
    const counts = await store.prune(new Date(at - retention.deliveredAfterDays * DAY_MS), {
      quarantineOlderThan: new Date(at - retention.quarantineAfterDays * DAY_MS),
    });
    if (counts.messages > 0 || counts.quarantined > 0) logger.info({ ...counts }, "retention: pruned");
    return true;
  }
  const timer = setInterval(() => {
    runOnce().catch((error: unknown) => logger.warn({ err: error }, "retention: prune failed, next try at the next interval"));
  }, everyMs);
  timer.unref();
  return { runOnce, stop: () => clearInterval(timer) };
}
