import type { Envelope } from "@eix/schema";
import { describe, expect, test } from "vitest";
import { alreadyRelayedBy } from "../../src/route/provenance-loop.js";
import { example } from "./example-envelopes.js";

describe("loop prevention", () => {
  // The landslide report passed through eix-hub-511800 (雅安) and then eix-hub-510000 (四川).
  const relayed = example("incident-landslide-relayed-provenance");

  test("a hub named in any hop has already relayed the message", () => {
    expect(alreadyRelayedBy(relayed, "eix-hub-511800")).toBe(true);
    expect(alreadyRelayedBy(relayed, "eix-hub-510000")).toBe(true);
  });

  test("a hub not on the path has not, even with a similar id", () => {
    expect(alreadyRelayedBy(relayed, "eix-hub-000000")).toBe(false);
    expect(alreadyRelayedBy(relayed, "eix-hub-5100")).toBe(false);
    expect(alreadyRelayedBy(relayed, "EIX-HUB-510000")).toBe(false);
  });

  test("a message with no provenance, or an empty one, has passed through no hub", () => {
    const direct = example("incident-110-fire-initial");
    expect(direct.provenance).toBeUndefined();
    expect(alreadyRelayedBy(direct, "eix-hub-510000")).toBe(false);
    const empty: Envelope = { ...direct, provenance: [] };
    expect(alreadyRelayedBy(empty, "eix-hub-510000")).toBe(false);
  });

  test("a hop this hub adds makes the next look-up true", () => {
    const direct = example("incident-110-fire-initial");
    const stamped: Envelope = { ...direct, provenance: [{ hubId: "eix-hub-330000", receivedAt: "2026-07-01T14:05:00+08:00" }] };
    expect(alreadyRelayedBy(direct, "eix-hub-330000")).toBe(false);
    expect(alreadyRelayedBy(stamped, "eix-hub-330000")).toBe(true);
  });
});
