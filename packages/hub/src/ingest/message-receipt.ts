import type { RouteDecision } from "../route/route-model.js";
import type { Receipt } from "../store/store-records.js";
import type { MessageReceipt } from "./ingest-outcome.js";
import type { RoutedMessage } from "./message-routing.js";

/** The answer for a stored message (new or duplicate). */
export function storedReceipt(receipt: Receipt, decision: RouteDecision): MessageReceipt {
  const base = {
    messageId: receipt.messageId,
    unitId: receipt.unitId,
    receiptId: receipt.receiptId,
    receivedAt: receipt.receivedAt,
    duplicate: receipt.duplicate,
  };
  // A duplicate created no deliveries now; what the original created is in the query API.
  if (receipt.duplicate) return { ...base, destinations: [], withheld: [] };
  return { ...base, destinations: [...new Set(decision.destinations)], withheld: decision.withheld };
}

/** The answer for a message dropped as a routing loop: acknowledged, nothing stored. */
export function loopReceipt(message: RoutedMessage): MessageReceipt {
  return {
    messageId: message.envelope.id,
    unitId: message.envelope.sender.unitId,
    duplicate: false,
    loop: true,
    destinations: [],
    withheld: [],
  };
}
