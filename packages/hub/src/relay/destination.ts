// The contract between the relay and the places it delivers to (an HTTP endpoint, a directory).
import type { ClaimedDelivery, DeliveryResponse } from "../store/store-records.js";

/** A message encoded in the destination's format, ready to send. */
export interface EncodedBody {
  readonly bytes: Uint8Array;
  /** Media type sent as `Content-Type`, e.g. "application/cap+xml". */
  readonly contentType: string;
  /** File name extension without the dot, for destinations that write files ("xml", "json"). */
  readonly extension: string;
}

/**
 * How one send went, classified by the destination itself because only it knows its protocol
 * (typed outcomes, like BullMQ's UnrecoverableError and p-retry's AbortError). The relay turns
 * this into a store outcome with its retry policy.
 */
export type SendResult =
  /** The destination has the message (2xx, file in place). */
  | { readonly kind: "delivered"; readonly response?: DeliveryResponse }
  /** Not delivered, and trying again later may work; `retryAfterMs` is the destination's own request. */
  | {
      readonly kind: "retryable";
      readonly reason: string;
      readonly retryAfterMs?: number;
      readonly response?: DeliveryResponse;
    }
  /** The destination refuses this message as it is; retrying cannot help (dead letter). */
  | { readonly kind: "permanent"; readonly reason: string; readonly response?: DeliveryResponse }
  /**
   * The request went out completely but no answer came: the destination may or may not have it.
   * The relay's `onAmbiguousTimeout` policy decides between resending and giving up.
   */
  | { readonly kind: "ambiguous"; readonly reason: string; readonly response?: DeliveryResponse };

export type SendResultKind = SendResult["kind"];

/** A place the relay delivers to. One instance per configured destination, shared by all its sends. */
export interface Destination {
  readonly id: string;
  /**
   * Sends one claimed delivery. Never rejects for a failed send — every failure is a result;
   * `signal` aborts a send the relay no longer waits for (shutdown).
   */
  send(delivery: ClaimedDelivery, body: EncodedBody, signal?: AbortSignal): Promise<SendResult>;
  /** Releases connections and handles; pending sends finish or fail first. */
  close(): Promise<void>;
}
