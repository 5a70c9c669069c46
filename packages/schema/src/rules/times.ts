import { asObject, instant, type SemanticRule } from "./rule.js";

/** Clocks of legacy systems drift; an occurrence up to 5 minutes after sending is tolerated. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

export const timeOrderRule: SemanticRule = {
  name: "time-order",
  check(doc, emit) {
    const payload = asObject(doc.payload);
    if (!payload) return;
    const sentAt = instant(doc.sentAt);
    if (doc.kind === "incident") {
      const occurredAt = instant(payload.occurredAt);
      if (occurredAt !== undefined && sentAt !== undefined && occurredAt > sentAt + CLOCK_SKEW_MS)
        emit("EIX_SCHEMA_OCCURRED_AFTER_SENT", "/payload/occurredAt", {
          value: String(payload.occurredAt),
          limit: String(doc.sentAt),
        });
      const discoveredAt = instant(payload.discoveredAt);
      if (discoveredAt !== undefined && occurredAt !== undefined && discoveredAt < occurredAt)
        emit("EIX_SCHEMA_DISCOVERED_BEFORE_OCCURRED", "/payload/discoveredAt", {
          value: String(payload.discoveredAt),
          limit: String(payload.occurredAt),
        });
    } else if (doc.kind === "warning") {
      const effective = instant(payload.effective);
      const expires = instant(payload.expires);
      // Equal is allowed: feeds end a warning with a final message valid for no time at all.
      if (effective !== undefined && expires !== undefined && expires < effective)
        emit("EIX_SCHEMA_EXPIRES_BEFORE_EFFECTIVE", "/payload/expires", {
          value: String(payload.expires),
          limit: String(payload.effective),
        });
    } else if (doc.kind === "directive") {
      const requires = asObject(payload.requires);
      for (const duty of ["read", "act", "feedback"] as const) {
        const deadline = asObject(requires?.[duty])?.deadline;
        const at = instant(deadline);
        if (at !== undefined && sentAt !== undefined && at < sentAt)
          emit("EIX_SCHEMA_DEADLINE_BEFORE_SENT", `/payload/requires/${duty}/deadline`, {
            value: String(deadline),
            limit: String(doc.sentAt),
          });
      }
    }
  },
};
