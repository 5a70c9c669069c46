import type { Envelope } from "@eix/schema";
import { describe, expect, test } from "vitest";
import { routeMessage } from "../../src/route/route-message.js";
import type { DestinationPolicy, RouteRule } from "../../src/route/route-model.js";
import { example, withSender } from "./example-envelopes.js";

// Destinations that accept everything, so these tests see the rules alone; policies have their own file.
const open = (...ids: string[]): ReadonlyMap<string, DestinationPolicy> =>
  new Map(ids.map((id) => [id, { id, acceptsStatus: ["actual", "exercise", "test"], clearance: "restricted" }]));

const everywhere = open("a", "b", "c", "d", "e");

/** Whether a single rule with these matchers sends the message to its destination. */
function matches(envelope: Envelope, match: RouteRule["match"]): boolean {
  const decision = routeMessage(envelope, [{ name: "r", match, to: ["a"] }], everywhere);
  expect(decision.withheld).toEqual([]);
  expect(decision.matchedRules).toEqual(decision.destinations.length > 0 ? ["r"] : []);
  return decision.destinations.includes("a");
}

const fire = () => example("incident-110-fire-initial"); // incident 12G00, IV, 330110 余杭区, county emergency office
const gale = () => example("warning-12379-gale-blue-henan"); // warning 11B06, blue, Henan cities, provincial weather
const checkin = () => example("checkin-nothing-to-report"); // 330110 county emergency office
const ack = () => example("ack-directive-rejected"); // 410611 county emergency office
const directive = () => example("directive-flood-command-graded"); // 410000 provincial emergency office

describe("matchers", () => {
  test("kind: one of the listed kinds", () => {
    expect(matches(fire(), { kind: ["incident"] })).toBe(true);
    expect(matches(fire(), { kind: ["warning", "incident"] })).toBe(true);
    expect(matches(gale(), { kind: ["incident"] })).toBe(false);
  });

  test("eventTypePrefix: a code prefix of the incident's or warning's event type", () => {
    expect(matches(gale(), { eventTypePrefix: ["11B"] })).toBe(true);
    expect(matches(gale(), { eventTypePrefix: ["11B06"] })).toBe(true);
    expect(matches(gale(), { eventTypePrefix: ["11A", "1"] })).toBe(true);
    expect(matches(gale(), { eventTypePrefix: ["11B07", "12"] })).toBe(false);
    expect(matches(fire(), { eventTypePrefix: ["12G"] })).toBe(true);
    expect(matches(fire(), { eventTypePrefix: ["11"] })).toBe(false);
  });

  test("eventTypePrefix never matches a kind without an event type, nor a warning that gives none", () => {
    for (const envelope of [checkin(), ack(), directive()]) expect(matches(envelope, { eventTypePrefix: ["1"] })).toBe(false);
    const cancel = example("warning-rainstorm-red-cancel");
    if (cancel.kind !== "warning") throw new Error("expected a warning");
    expect(matches(cancel, { eventTypePrefix: ["11B"] })).toBe(true);
    delete cancel.payload.eventType;
    expect(matches(cancel, { eventTypePrefix: ["11B"] })).toBe(false);
  });

  test("severity: an incident's grade or a warning's colour", () => {
    expect(matches(fire(), { severity: ["IV"] })).toBe(true);
    expect(matches(fire(), { severity: ["I", "II", "III"] })).toBe(false);
    expect(matches(example("incident-coal-mine-flooding-xiangyuan"), { severity: ["unknown"] })).toBe(true);
    expect(matches(gale(), { severity: ["blue"] })).toBe(true);
    expect(matches(gale(), { severity: ["red", "orange", "IV"] })).toBe(false);
    expect(matches(example("warning-rainstorm-red-cancel"), { severity: ["red"] })).toBe(true);
    expect(matches(checkin(), { severity: ["IV", "blue", "unknown"] })).toBe(false);
  });

  test("regionWithin: a county place lies within its city and its province, not within another province", () => {
    expect(matches(fire(), { regionWithin: ["330110"] })).toBe(true);
    expect(matches(fire(), { regionWithin: ["330100"] })).toBe(true);
    expect(matches(fire(), { regionWithin: ["330000"] })).toBe(true);
    expect(matches(fire(), { regionWithin: ["320000", "330106", "330200"] })).toBe(false);
    expect(matches(fire(), { regionWithin: ["320000", "330000"] })).toBe(true);
  });

  test("regionWithin follows the incident's place, not its sender's region", () => {
    // 四川省应急管理厅 (510000) reports the 芦山 earthquake (511826 in 雅安 511800).
    const quake = example("incident-earthquake-lushan-initial");
    expect(matches(quake, { regionWithin: ["511800"] })).toBe(true);
    expect(matches(quake, { regionWithin: ["511700"] })).toBe(false);
  });

  test("regionWithin: a 12-digit township code lies within its county and province", () => {
    const flood = example("incident-flash-flood-township-code");
    expect(matches(flood, { regionWithin: ["330182"] })).toBe(true);
    expect(matches(flood, { regionWithin: ["330000"] })).toBe(true);
    expect(matches(flood, { regionWithin: ["330110"] })).toBe(false);
  });

  test("regionWithin: any of a warning's area codes", () => {
    expect(matches(gale(), { regionWithin: ["410900"] })).toBe(true);
    expect(matches(gale(), { regionWithin: ["410100"] })).toBe(false);
    expect(matches(example("warning-12379-gale-blue-henan-update"), { regionWithin: ["410100"] })).toBe(true);
  });

  test("regionWithin: a warning given by shapes alone falls back to its sender's region", () => {
    const rain = example("warning-rainstorm-red-polygon-bilingual"); // 广州市气象台 440100, areas 440106…
    if (rain.kind !== "warning") throw new Error("expected a warning");
    expect(matches(rain, { regionWithin: ["440106"] })).toBe(true);
    const area = rain.payload.areas?.[0];
    if (!area) throw new Error("expected an area");
    delete area.regionCodes;
    expect(matches(rain, { regionWithin: ["440106"] })).toBe(false);
    expect(matches(rain, { regionWithin: ["440100"] })).toBe(true);
  });

  test("regionWithin: ack, check-in and directive fall back to the sender's region", () => {
    expect(matches(checkin(), { regionWithin: ["330100"] })).toBe(true);
    expect(matches(checkin(), { regionWithin: ["410000"] })).toBe(false);
    expect(matches(ack(), { regionWithin: ["410600"] })).toBe(true);
    expect(matches(ack(), { regionWithin: ["410700"] })).toBe(false);
    // The directive's targets lie in 郑州 (410100); routing looks at the issuing province only.
    expect(matches(directive(), { regionWithin: ["410000"] })).toBe(true);
    expect(matches(directive(), { regionWithin: ["410100"] })).toBe(false);
  });

  test("senderDepartment and senderLevel", () => {
    expect(matches(gale(), { senderDepartment: ["weather"] })).toBe(true);
    expect(matches(gale(), { senderDepartment: ["emergency-office", "forestry"] })).toBe(false);
    expect(matches(fire(), { senderLevel: ["county", "township"] })).toBe(true);
    expect(matches(fire(), { senderLevel: ["provincial"] })).toBe(false);
  });

  test("status and classification", () => {
    const exercise = example("incident-exercise-chlorine-leak");
    expect(matches(exercise, { status: ["exercise"] })).toBe(true);
    expect(matches(exercise, { status: ["actual"] })).toBe(false);
    expect(matches(gale(), { classification: ["public"] })).toBe(true);
    expect(matches(fire(), { classification: ["public", "restricted"] })).toBe(false);
  });

  test("every present matcher must match (AND); one failing matcher fails the rule", () => {
    const all = {
      kind: ["incident"],
      eventTypePrefix: ["12G"],
      severity: ["IV"],
      regionWithin: ["330000"],
      senderDepartment: ["emergency-office"],
      senderLevel: ["county"],
      status: ["actual"],
      classification: ["internal"],
    } satisfies RouteRule["match"];
    expect(matches(fire(), all)).toBe(true);
    for (const name of Object.keys(all) as (keyof typeof all)[]) {
      expect(matches(fire(), { ...all, [name]: ["none-of-these"] }), name).toBe(false);
    }
  });

  test("a rule without matchers matches every message; an empty matcher list matches none", () => {
    for (const envelope of [fire(), gale(), checkin(), ack(), directive()]) {
      expect(matches(envelope, {})).toBe(true);
      expect(matches(envelope, { kind: [] })).toBe(false);
    }
  });
});

describe("the decision", () => {
  test("destinations of matching rules are joined in rule order, each once, with the rules that matched", () => {
    const rules: RouteRule[] = [
      { name: "zhejiang", match: { regionWithin: ["330000"] }, to: ["b", "a"] },
      { name: "warnings", match: { kind: ["warning"] }, to: ["e"] },
      { name: "fires", match: { eventTypePrefix: ["12G"] }, to: ["a", "c", "b"] },
      { name: "county", match: { senderLevel: ["county"] }, to: ["d", "c"] },
    ];
    expect(routeMessage(fire(), rules, everywhere)).toEqual({
      destinations: ["b", "a", "c", "d"],
      withheld: [],
      matchedRules: ["zhejiang", "fires", "county"],
    });
    expect(routeMessage(gale(), rules, everywhere)).toEqual({ destinations: ["e"], withheld: [], matchedRules: ["warnings"] });
  });

  test("no matching rule: no delivery and nothing withheld", () => {
    const rules: RouteRule[] = [{ name: "hunan", match: { regionWithin: ["430000"] }, to: ["a"] }];
    expect(routeMessage(fire(), rules, everywhere)).toEqual({ destinations: [], withheld: [], matchedRules: [] });
  });

  test("a destination the configuration lacks is withheld, once, whichever rules name it", () => {
    const rules: RouteRule[] = [
      { name: "one", match: {}, to: ["a", "ghost"] },
      { name: "two", match: {}, to: ["ghost", "b"] },
    ];
    expect(routeMessage(fire(), rules, everywhere)).toEqual({
      destinations: ["a", "b"],
      withheld: [{ destination: "ghost", reason: "EIX_ROUTE_UNKNOWN_DESTINATION" }],
      matchedRules: ["one", "two"],
    });
  });

  test("the sender's own fields are read from the envelope, not assumed", () => {
    const moved = withSender(checkin(), { regionCode: "330106" });
    expect(matches(moved, { regionWithin: ["330110"] })).toBe(false);
    expect(matches(moved, { regionWithin: ["330106"] })).toBe(true);
  });
});
