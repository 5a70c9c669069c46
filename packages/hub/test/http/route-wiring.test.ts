// The pipeline wired to the routing module's real authorisation and routing, as `eix serve`
// will wire them: the shared contract (HubUnit, RouteDecision) must fit end to end.
import type { Envelope } from "@eix/schema";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { authorizeSender } from "../../src/route/authorize-sender.js";
import { routeMessage } from "../../src/route/route-message.js";
import type { DestinationPolicy, RouteRule } from "../../src/route/route-model.js";
import { bearer, call, countyUnit, exampleEnvelope, type HubUnderTest, startHub, TOKENS } from "./hub-harness.js";

const rules: RouteRule[] = [
  { name: "incidents-to-nation", match: { kind: ["incident"] }, to: ["national"] },
  { name: "zhejiang-to-province", match: { regionWithin: ["330000"] }, to: ["province-330000"] },
];
const destinations = new Map<string, DestinationPolicy>([
  ["national", { id: "national", acceptsStatus: ["actual"], clearance: "internal" }],
  ["province-330000", { id: "province-330000", acceptsStatus: ["actual", "exercise"], clearance: "restricted" }],
]);

let hub: HubUnderTest;
beforeAll(async () => {
  hub = await startHub({ authorize: authorizeSender, route: (envelope) => routeMessage(envelope, rules, destinations) });
});
afterAll(() => hub.close());

let serial = 0;
const fireReport = (change: (envelope: Envelope) => void = () => {}): Envelope => {
  const envelope = exampleEnvelope("valid/incident-110-fire-initial.json");
  envelope.id = `019cf0a1-0000-7000-8000-${String(++serial).padStart(12, "0")}`;
  change(envelope);
  return envelope;
};
const post = (envelope: Envelope) =>
  call(`${hub.url}/v1/messages`, {
    body: JSON.stringify(envelope),
    headers: { "content-type": "application/json", ...bearer(TOKENS.county) },
  });

describe("the ingest pipeline with authorizeSender and routeMessage", () => {
  test("a county's fire report goes to the nation and the province", async () => {
    const answer = await post(fireReport());
    expect(answer.status).toBe(202);
    expect(answer.json.receipts[0].destinations).toEqual(["national", "province-330000"]);
  });

  test("an exercise is withheld from the live-only national platform, with the routing code as reason", async () => {
    const envelope = fireReport((e) => {
      e.status = "exercise";
    });
    const answer = await post(envelope);
    expect(answer.status).toBe(202);
    expect(answer.json.receipts[0]).toMatchObject({
      destinations: ["province-330000"],
      withheld: [{ destination: "national", reason: "EIX_ROUTE_STATUS_NOT_ACCEPTED" }],
    });
    const stored = await hub.store.getMessage(envelope.id, countyUnit.unitId);
    expect(stored?.provenance.withheld).toEqual([{ destination: "national", reason: "EIX_ROUTE_STATUS_NOT_ACCEPTED" }]);
  });

  test("an incident reported from across the border is accepted, with the jurisdiction warning in the answer", async () => {
    const answer = await post(
      fireReport((e) => {
        if (e.kind === "incident") e.payload.location.regionCode = "320106";
      }),
    );
    expect(answer.status).toBe(202);
    expect(answer.json.issues).toContainEqual(
      expect.objectContaining({
        code: "EIX_AUTH_OUTSIDE_JURISDICTION",
        severity: "warning",
        path: "/payload/location/regionCode",
      }),
    );
  });

  test("a unit sending as another region is refused with 403 and the pointer to the sender's region", async () => {
    const answer = await post(
      fireReport((e) => {
        e.sender.regionCode = "320106";
      }),
    );
    expect(answer.status).toBe(403);
    expect(answer.json.error.issues).toContainEqual(
      expect.objectContaining({ code: "EIX_AUTH_SENDER_REGION", path: "/sender/regionCode" }),
    );
  });
});
