import { StoreError } from "./store-errors.js";
import type { ReplayFilter } from "./store-records.js";

/** A replay must name what it replays: an empty filter would resend every dead letter at once. */
export function requireReplayTarget(filter: ReplayFilter): void {
  if (filter.deliveryId === undefined && filter.destination === undefined && filter.messageId === undefined) {
    throw new StoreError("EIX_STORE_REPLAY_FILTER");
  }
}
