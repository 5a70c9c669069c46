import type { Envelope } from "@eix/schema";
import { describe, expect, test } from "vitest";
import { isRouteErrorCode } from "../../src/route/route-errors.js";
import { routeMessage } from "../../src/route/route-message.js";
import {
  DEFAULT_ACCEPTS_STATUS,
  DEFAULT_CLEARANCE,
  type DestinationPolicy,
  type RouteDecision,
  type RouteRule,
} from "../../src/route/route-model.js";
import { example } from "./example-envelopes.js";

/** A live-only, internal destination unless told otherwise: the configuration's defaults. */
const destination = (id: string, policy: Partial<Omit<DestinationPolicy, "id">> = {}): DestinationPolicy => ({
  id,
  acceptsStatus: policy.acceptsStatus ?? DEFAULT_ACCEPTS_STATUS,
  clearance: policy.clearance ?? DEFAULT_CLEARANCE,
});

/** Routes with one catch-all rule to every destination given. */
function routeTo(envelope: Envelope, ...policies: DestinationPolicy[]): RouteDecision {
  const rules: RouteRule[] = [{ name: "all", match: {}, to: policies.map((p) => p.id) }];
  const decision = routeMessage(envelope, rules, new Map(policies.map((p) => [p.id, p])));
  for (const { reason } of decision.withheld) expect(isRouteErrorCode(reason), reason).toBe(true);
  return decision;
}

const withClassification = (envelope: Envelope, classification: string) => ({ ...envelope, classification }) as Envelope;

describe("status (演练/测试 never reach live recipients)", () => {
  test("an exercise to an actual-only destination is withheld; to one that accepts exercises it is delivered", () => {
    const exercise = example("incident-exercise-chlorine-leak");
    expect(routeTo(exercise, destination("live"), destination("drill", { acceptsStatus: ["actual", "exercise"] }))).toEqual({
      destinations: ["drill"],
      withheld: [{ destination: "live", reason: "EIX_ROUTE_STATUS_NOT_ACCEPTED" }],
      matchedRules: ["all"],
    });
  });

  test("a test message goes only where tests are accepted, not where exercises are", () => {
    const linkCheck = example("warning-test-link-check");
    const decision = routeTo(
      linkCheck,
      destination("drill", { acceptsStatus: ["actual", "exercise"] }),
      destination("probe", { acceptsStatus: ["test"] }),
    );
    expect(decision.destinations).toEqual(["probe"]);
    expect(decision.withheld).toEqual([{ destination: "drill", reason: "EIX_ROUTE_STATUS_NOT_ACCEPTED" }]);
  });

  test("actual traffic is kept out of a destination that takes only exercises", () => {
    const decision = routeTo(example("incident-110-fire-initial"), destination("sandbox", { acceptsStatus: ["exercise"] }));
    expect(decision.withheld).toEqual([{ destination: "sandbox", reason: "EIX_ROUTE_STATUS_NOT_ACCEPTED" }]);
    expect(decision.destinations).toEqual([]);
  });
});

describe("classification against clearance (public < internal < restricted)", () => {
  const fire = () => example("incident-110-fire-initial");
  const clearances = ["public", "internal", "restricted"] as const;

  test.each([
    ["public", ["public", "internal", "restricted"]],
    ["internal", ["internal", "restricted"]],
    ["restricted", ["restricted"]],
  ] as const)("a %s message goes to the destinations cleared for it, and only to them", (classification, cleared) => {
    const decision = routeTo(
      withClassification(fire(), classification),
      ...clearances.map((clearance) => destination(clearance, { clearance })),
    );
    expect(decision.destinations).toEqual(cleared);
    expect(decision.withheld).toEqual(
      clearances
        .filter((clearance) => !(cleared as readonly string[]).includes(clearance))
        .map((clearance) => ({ destination: clearance, reason: "EIX_ROUTE_ABOVE_CLEARANCE" })),
    );
  });

  test("a restricted message to a destination with the default (internal) clearance is withheld, never delivered", () => {
    const decision = routeTo(withClassification(fire(), "restricted"), destination("province"));
    expect(decision).toEqual({
      destinations: [],
      withheld: [{ destination: "province", reason: "EIX_ROUTE_ABOVE_CLEARANCE" }],
      matchedRules: ["all"],
    });
  });

  test("a public warning reaches a public channel", () => {
    expect(routeTo(example("warning-12379-gale-blue-henan"), destination("sms", { clearance: "public" })).destinations).toEqual([
      "sms",
    ]);
  });

  test("when both status and clearance refuse, the clearance is the recorded reason, once", () => {
    const exercise = withClassification(example("incident-exercise-chlorine-leak"), "restricted");
    expect(routeTo(exercise, destination("live")).withheld).toEqual([
      { destination: "live", reason: "EIX_ROUTE_ABOVE_CLEARANCE" },
    ]);
  });

  test("a marking outside the three words is withheld everywhere, even from a restricted destination", () => {
    const marked = withClassification(fire(), "机密");
    const decision = routeTo(marked, destination("vault", { clearance: "restricted" }), destination("province"));
    expect(decision.destinations).toEqual([]);
    expect(decision.withheld).toEqual([
      { destination: "vault", reason: "EIX_ROUTE_CLASSIFICATION_UNKNOWN" },
      { destination: "province", reason: "EIX_ROUTE_CLASSIFICATION_UNKNOWN" },
    ]);
  });

  test("a destination whose clearance is not one of the three words receives nothing", () => {
    const odd = { id: "odd", acceptsStatus: ["actual"], clearance: "top" } as unknown as DestinationPolicy;
    expect(routeTo(withClassification(fire(), "public"), odd).withheld).toEqual([
      { destination: "odd", reason: "EIX_ROUTE_ABOVE_CLEARANCE" },
    ]);
  });
});

describe("policies across rules", () => {
  test("a destination two rules name is judged once: one delivery or one withheld entry", () => {
    const exercise = example("incident-exercise-chlorine-leak");
    const rules: RouteRule[] = [
      { name: "hubei", match: { regionWithin: ["420000"] }, to: ["province", "drill"] },
      { name: "hazchem", match: { eventTypePrefix: ["12D"] }, to: ["drill", "province", "city"] },
    ];
    const policies = new Map([
      ["province", destination("province")],
      ["drill", destination("drill", { acceptsStatus: ["exercise"] })],
      ["city", destination("city", { acceptsStatus: ["actual", "exercise"], clearance: "public" })],
    ]);
    expect(routeMessage(exercise, rules, policies)).toEqual({
      destinations: ["drill"],
      withheld: [
        { destination: "province", reason: "EIX_ROUTE_STATUS_NOT_ACCEPTED" },
        { destination: "city", reason: "EIX_ROUTE_ABOVE_CLEARANCE" },
      ],
      matchedRules: ["hubei", "hazchem"],
    });
  });
});
