import type { AdapterRegistry } from "@eix/adapters";
import type { Envelope, Unit } from "@eix/schema";
import type { HubUnit } from "../route/route-model.js";
import type { DeliveryReply } from "../store/store-records.js";

/** A configured unit as the sender an adapter may give a reply that names none. */
function senderUnit(unit: HubUnit): Unit {
  return {
    unitId: unit.unitId,
    name: unit.name,
    department: unit.department as Unit["department"],
    level: unit.level,
    regionCode: unit.regionCode,
  };
}

const ACK_TYPES = new Set(["received", "read", "done", "rejected"]);

function replyOf(envelope: unknown, format: string): DeliveryReply | undefined {
  const message = envelope as Partial<Extract<Envelope, { kind: "ack" }>> | undefined;
  if (message?.kind !== "ack" || !message.payload || !ACK_TYPES.has(message.payload.type)) return undefined;
  const { type, of, note } = message.payload;
  return {
    type,
    format,
    ...(typeof of === "string" ? { of } : {}),
    ...(typeof note === "string" ? { note: note.slice(0, 500) } : {}),
  };
}

/**
 * How an HTTP destination's reply body is read, by the destination's format: with its adapter
 * (an EDXL-DE Ack or Error distribution decodes to an ack), or as a canonical ack envelope. A
 * body that is no acknowledgement (another hub's receipts, an empty 204) reads as nothing.
 */
export function replyReader(
  adapterId: string,
  registry: AdapterRegistry,
  replier?: HubUnit,
): (body: string) => DeliveryReply | undefined {
  if (adapterId === "canonical")
    return (body) => {
      try {
        return replyOf(JSON.parse(body), "canonical");
      } catch {
        return undefined;
      }
    };
  const adapter = registry.get(adapterId);
  const encoder = new TextEncoder();
  return (body) => {
    const result = adapter.decode(encoder.encode(body), replier ? { sender: senderUnit(replier) } : {});
    if (!result.ok) return undefined;
    for (const message of result.messages) {
      const reply = replyOf(message, adapterId);
      if (reply) return reply;
    }
    return undefined;
  };
}
