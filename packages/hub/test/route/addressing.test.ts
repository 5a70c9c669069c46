// Addressing (接收对象 and the return path of 回执) on a realistic Henan unit list: which units a
// directive target names, who a directive or an acknowledgement is addressed to, and how the
// addressees' inboxes join rule routing under the destination policy.
import type { Envelope } from "@eix/schema";
import { describe, expect, test, vi } from "vitest";
import { addressingOf, unitsForTarget } from "../../src/route/addressing.js";
import { routeAddressed, routeMessage } from "../../src/route/route-message.js";
import type { DestinationPolicy, HubUnit, RouteRule } from "../../src/route/route-model.js";
import { example } from "./example-envelopes.js";

type Directive = Extract<Envelope, { kind: "directive" }>;
type Ack = Extract<Envelope, { kind: "ack" }>;
type Target = Directive["payload"]["targets"][number];

const PROVINCE = "410000-YJT-ZBS"; // 河南省应急管理厅（省防指办公室）, sends the directive
const ZHENGZHOU = "410100-YJJ-ZBS";
const XINXIANG = "410700-YJJ-ZBS";
const JIAOZUO = "410800-YJJ-ZBS";
const ZHONGMU = "410122-YJJ-ZBS"; // 中牟县, a county of 郑州市
const WATER = "410000-SLT-FXB"; // 河南省水利厅, provincial water department

const unit = (
  unitId: string,
  name: string,
  department: HubUnit["department"],
  level: HubUnit["level"],
  regionCode: string,
  inbox?: string,
): HubUnit => ({
  unitId,
  name,
  department,
  level,
  regionCode,
  tokenSha256: ["0".repeat(64)],
  ...(inbox === undefined ? {} : { inbox }),
});

const province = unit(PROVINCE, "河南省应急管理厅", "emergency-office", "provincial", "410000", "province-inbox");
const zhengzhou = unit(ZHENGZHOU, "郑州市应急管理局", "emergency-office", "municipal", "410100", "zhengzhou-inbox");
const xinxiang = unit(XINXIANG, "新乡市应急管理局", "emergency-office", "municipal", "410700", "xinxiang-inbox");
const jiaozuo = unit(JIAOZUO, "焦作市应急管理局", "emergency-office", "municipal", "410800", "jiaozuo-inbox");
const zhongmu = unit(ZHONGMU, "中牟县应急管理局", "emergency-office", "county", "410122", "zhongmu-inbox");
const water = unit(WATER, "河南省水利厅", "water", "provincial", "410000");

const HENAN: readonly HubUnit[] = [province, zhengzhou, xinxiang, jiaozuo, zhongmu, water];

const ids = (units: readonly HubUnit[]) => units.map((u) => u.unitId);
const named = (target: Target, units: readonly HubUnit[] = HENAN) => ids(unitsForTarget(target, units));

/** Every inbox, open to every status and marking, so routing tests see addressing alone. */
const open = (...destinationIds: string[]): Map<string, DestinationPolicy> =>
  new Map(
    destinationIds.map((id) => [id, { id, acceptsStatus: ["actual", "exercise", "test"], clearance: "restricted" } as const]),
  );
const INBOXES = open("province-inbox", "zhengzhou-inbox", "xinxiang-inbox", "jiaozuo-inbox", "zhongmu-inbox", "archive");

const directive = () => example("directive-flood-command-graded") as Directive;
const ack = (name: "received" | "read" | "done" | "rejected") => example(`ack-directive-${name}`) as Ack;

/** The directive with other targets. */
function directiveTo(...targets: Target[]): Directive {
  const doc = directive();
  return { ...doc, payload: { ...doc.payload, targets } };
}

/** A store lookup that must not be consulted. */
const noLookup = () => vi.fn(async (_id: string): Promise<string | undefined> => expect.fail("senderOf was consulted"));

describe("unitsForTarget: the units one target names", () => {
  test("the national platform (region 100000) names provinces by tier, and is named by the whole country", () => {
    const national = unit("100000-YJB-ZBS", "应急管理部指挥中心", "emergency-office", "national", "100000", "national-inbox");
    const hubei = unit("420000-YJT-ZBS", "湖北省应急管理厅", "emergency-office", "provincial", "420000", "hubei-inbox");
    const country = [national, hubei, ...HENAN];
    expect(named({ regionCode: "100000", level: "provincial", department: "emergency-office" }, country)).toEqual([
      "420000-YJT-ZBS",
      PROVINCE,
    ]);
    expect(named({ regionCode: "100000" }, country)).toEqual(["100000-YJB-ZBS"]);
    expect(named({ level: "national" }, country)).toEqual(["100000-YJB-ZBS"]);
  });

  test("unitId names exactly that unit, and nothing when no unit has it", () => {
    expect(named({ unitId: XINXIANG })).toEqual([XINXIANG]);
    expect(named({ unitId: "410700-YJJ" })).toEqual([]);
    expect(named({ unitId: "410700-yjj-zbs" })).toEqual([]);
  });

  test("regionCode without level names the unit governing exactly that region, not the units within it", () => {
    expect(named({ regionCode: "410100" })).toEqual([ZHENGZHOU]); // not 中牟县 410122
    expect(named({ regionCode: "410122" })).toEqual([ZHONGMU]);
    expect(named({ regionCode: "410000" })).toEqual([PROVINCE, WATER]); // both govern the province
    expect(named({ regionCode: "410900" })).toEqual([]); // 濮阳市: no unit configured
  });

  test("the example's targets: regionCode with department names the city's emergency office; with level, the tier", () => {
    const [zz, xx, jz, waterTarget] = directive().payload.targets as [Target, Target, Target, Target];
    expect(named(zz)).toEqual([ZHENGZHOU]);
    expect(named(xx)).toEqual([XINXIANG]);
    expect(named(jz)).toEqual([JIAOZUO]);
    expect(named(waterTarget)).toEqual([WATER]);
    expect(named({ regionCode: "410000", department: "emergency-office" })).toEqual([PROVINCE]);
  });

  test("regionCode with level names every unit of that tier within the region (GB/T 2260 hierarchy)", () => {
    expect(named({ regionCode: "410000", level: "municipal" })).toEqual([ZHENGZHOU, XINXIANG, JIAOZUO]);
    expect(named({ regionCode: "410000", level: "county" })).toEqual([ZHONGMU]);
    expect(named({ regionCode: "410100", level: "county" })).toEqual([ZHONGMU]);
    expect(named({ regionCode: "410700", level: "county" })).toEqual([]); // no county of 新乡 configured
    expect(named({ regionCode: "410100", level: "municipal" })).toEqual([ZHENGZHOU]); // the region itself counts
    expect(named({ regionCode: "410000", level: "provincial" })).toEqual([PROVINCE, WATER]);
    expect(named({ regionCode: "420000", level: "municipal" })).toEqual([]); // 湖北: another province
    // A unit's region lies above a township code: it is not "within" the township.
    expect(named({ regionCode: "410122100000", level: "county" })).toEqual([]);
  });

  test("department and level narrow; without a region they apply to every unit", () => {
    expect(named({ department: "water" })).toEqual([WATER]);
    expect(named({ level: "provincial" })).toEqual([PROVINCE, WATER]);
    expect(named({ level: "municipal", department: "emergency-office" })).toEqual([ZHENGZHOU, XINXIANG, JIAOZUO]);
    expect(named({ regionCode: "410000", level: "municipal", department: "water" })).toEqual([]);
    expect(named({ level: "township" })).toEqual([]);
  });

  test("every given property must hold, unitId included", () => {
    expect(named({ unitId: ZHENGZHOU, department: "emergency-office", level: "municipal", regionCode: "410100" })).toEqual([
      ZHENGZHOU,
    ]);
    expect(named({ unitId: ZHENGZHOU, department: "water" })).toEqual([]);
    expect(named({ unitId: ZHENGZHOU, level: "county" })).toEqual([]);
    expect(named({ unitId: ZHENGZHOU, regionCode: "410700" })).toEqual([]);
    expect(named({ unitId: ZHONGMU, regionCode: "410100" })).toEqual([]); // exact region without level
    expect(named({ unitId: ZHONGMU, regionCode: "410100", level: "county" })).toEqual([ZHONGMU]);
  });

  test("units come back in configuration order, and an empty unit list names nobody", () => {
    const reversed = [...HENAN].reverse();
    expect(named({ regionCode: "410000", level: "municipal" }, reversed)).toEqual([JIAOZUO, XINXIANG, ZHENGZHOU]);
    expect(named({ regionCode: "410100" }, [])).toEqual([]);
  });
});

describe("addressingOf: who a message is addressed to", () => {
  test("the flood directive: its four targets' units, in target order; the store is not consulted", async () => {
    const senderOf = noLookup();
    expect(await addressingOf(directive(), HENAN, senderOf)).toEqual({
      units: [ZHENGZHOU, XINXIANG, JIAOZUO, WATER],
      unreached: [],
    });
    expect(senderOf).not.toHaveBeenCalled();
  });

  test("a target no configured unit answers to is listed as unreached, described by its properties", async () => {
    const withoutWater = HENAN.filter((u) => u.unitId !== WATER);
    expect(await addressingOf(directive(), withoutWater, noLookup())).toEqual({
      units: [ZHENGZHOU, XINXIANG, JIAOZUO],
      unreached: ["regionCode=410000,department=water,level=provincial"],
    });
  });

  test("a unit several targets name is addressed once, at its first target", async () => {
    const doc = directiveTo(
      { regionCode: "410000", level: "municipal" },
      { unitId: XINXIANG },
      { regionCode: "410100", department: "emergency-office" },
      { regionCode: "410100", level: "county" },
    );
    expect(await addressingOf(doc, HENAN, noLookup())).toEqual({
      units: [ZHENGZHOU, XINXIANG, JIAOZUO, ZHONGMU],
      unreached: [],
    });
  });

  test("the sender is never addressed, even when a target names it", async () => {
    const doc = directiveTo({ regionCode: "410000", level: "provincial" }, { regionCode: "410100" });
    expect(await addressingOf(doc, HENAN, noLookup())).toEqual({ units: [WATER, ZHENGZHOU], unreached: [] });
  });

  test("a target naming only the sender is not reported as unreached", async () => {
    const doc = directiveTo({ unitId: PROVINCE }, { regionCode: "410100" });
    expect(await addressingOf(doc, HENAN, noLookup())).toEqual({ units: [ZHENGZHOU], unreached: [] });
  });

  test("an acknowledgement goes back to ofUnitId without consulting the store", async () => {
    for (const name of ["received", "read", "done", "rejected"] as const) {
      const senderOf = noLookup();
      expect(await addressingOf(ack(name), HENAN, senderOf)).toEqual({ units: [PROVINCE], unreached: [] });
      expect(senderOf).not.toHaveBeenCalled();
    }
  });

  test("an acknowledgement without ofUnitId goes back to the sender the store knows for `of`", async () => {
    const doc = ack("received");
    delete doc.payload.ofUnitId;
    const senderOf = vi.fn(async (_id: string): Promise<string | undefined> => PROVINCE);
    expect(await addressingOf(doc, HENAN, senderOf)).toEqual({ units: [PROVINCE], unreached: [] });
    expect(senderOf).toHaveBeenCalledExactlyOnceWith("019f79b6-05c0-71e3-8f71-23abeccc3841");
  });

  test("an acknowledgement of a message the store does not know, without ofUnitId, is addressed to nobody", async () => {
    const doc = ack("read");
    delete doc.payload.ofUnitId;
    expect(await addressingOf(doc, HENAN, async () => undefined)).toEqual({ units: [], unreached: [] });
  });

  test("an acknowledgement never goes back to its own sender", async () => {
    const own = ack("done"); // sent by 郑州
    own.payload.ofUnitId = ZHENGZHOU;
    expect(await addressingOf(own, HENAN, noLookup())).toEqual({ units: [], unreached: [] });
    delete own.payload.ofUnitId;
    expect(await addressingOf(own, HENAN, async () => ZHENGZHOU)).toEqual({ units: [], unreached: [] });
  });

  test("an acknowledgement to a unit that is not configured is unreached", async () => {
    const doc = ack("received");
    doc.payload.ofUnitId = "420000-YJT-ZBS";
    expect(await addressingOf(doc, HENAN, noLookup())).toEqual({ units: [], unreached: ["unitId=420000-YJT-ZBS"] });
  });

  test("incidents, warnings and check-ins are addressed to nobody", async () => {
    for (const name of ["incident-110-fire-initial", "warning-12379-gale-blue-henan", "checkin-nothing-to-report"]) {
      const senderOf = noLookup();
      expect(await addressingOf(example(name), HENAN, senderOf)).toEqual({ units: [], unreached: [] });
      expect(senderOf).not.toHaveBeenCalled();
    }
  });
});

describe("routeAddressed: rules plus the addressees' inboxes", () => {
  const archiveDirectives: RouteRule = { name: "directives-to-archive", match: { kind: ["directive"] }, to: ["archive"] };

  async function route(
    envelope: Envelope,
    options: { rules?: RouteRule[]; destinations?: Map<string, DestinationPolicy>; units?: readonly HubUnit[] } = {},
  ) {
    const units = options.units ?? HENAN;
    const addressing = await addressingOf(envelope, units, async () => PROVINCE);
    return routeAddressed(envelope, options.rules ?? [], options.destinations ?? INBOXES, units, addressing);
  }

  test("the flood directive reaches the three cities' inboxes; the water department has none and is withheld", async () => {
    expect(await route(directive())).toEqual({
      destinations: ["zhengzhou-inbox", "xinxiang-inbox", "jiaozuo-inbox"],
      withheld: [{ destination: `unit:${WATER}`, reason: "EIX_ROUTE_NO_INBOX" }],
      matchedRules: [`unit:${ZHENGZHOU}`, `unit:${XINXIANG}`, `unit:${JIAOZUO}`, `unit:${WATER}`],
      addressedTo: [ZHENGZHOU, XINXIANG, JIAOZUO, WATER],
    });
  });

  test("an unconfigured target is withheld as unit:<its description>, and is not addressed", async () => {
    const decision = await route(directive(), { units: HENAN.filter((u) => u.unitId !== WATER) });
    expect(decision.destinations).toEqual(["zhengzhou-inbox", "xinxiang-inbox", "jiaozuo-inbox"]);
    expect(decision.withheld).toEqual([
      { destination: "unit:regionCode=410000,department=water,level=provincial", reason: "EIX_ROUTE_NO_INBOX" },
    ]);
    expect(decision.addressedTo).toEqual([ZHENGZHOU, XINXIANG, JIAOZUO]);
    expect(decision.matchedRules).toEqual([`unit:${ZHENGZHOU}`, `unit:${XINXIANG}`, `unit:${JIAOZUO}`]);
  });

  test("rule destinations come first; an inbox a rule already chose is delivered once", async () => {
    const alsoZhengzhou: RouteRule = { name: "zz-copy", match: { kind: ["directive"] }, to: ["zhengzhou-inbox"] };
    const decision = await route(directive(), { rules: [archiveDirectives, alsoZhengzhou] });
    expect(decision.destinations).toEqual(["archive", "zhengzhou-inbox", "xinxiang-inbox", "jiaozuo-inbox"]);
    expect(decision.matchedRules).toEqual([
      "directives-to-archive",
      "zz-copy",
      `unit:${ZHENGZHOU}`,
      `unit:${XINXIANG}`,
      `unit:${JIAOZUO}`,
      `unit:${WATER}`,
    ]);
  });

  test("two addressees sharing one inbox get one delivery there", async () => {
    const shared = HENAN.map((u) => (u.unitId === JIAOZUO ? { ...u, inbox: "xinxiang-inbox" } : u));
    const decision = await route(directive(), { units: shared });
    expect(decision.destinations).toEqual(["zhengzhou-inbox", "xinxiang-inbox"]);
    expect(decision.addressedTo).toEqual([ZHENGZHOU, XINXIANG, JIAOZUO, WATER]);
  });

  test("the destination policy applies to inboxes: status and clearance withhold them with their own reasons", async () => {
    const destinations = new Map<string, DestinationPolicy>([
      ["zhengzhou-inbox", { id: "zhengzhou-inbox", acceptsStatus: ["actual"], clearance: "restricted" }],
      ["xinxiang-inbox", { id: "xinxiang-inbox", acceptsStatus: ["actual", "exercise"], clearance: "internal" }],
      ["jiaozuo-inbox", { id: "jiaozuo-inbox", acceptsStatus: ["actual", "exercise"], clearance: "restricted" }],
    ]);
    const exercise: Directive = { ...directive(), status: "exercise" };
    expect((await route(exercise, { destinations })).withheld).toEqual([
      { destination: "zhengzhou-inbox", reason: "EIX_ROUTE_STATUS_NOT_ACCEPTED" },
      { destination: `unit:${WATER}`, reason: "EIX_ROUTE_NO_INBOX" },
    ]);
    const restricted: Directive = { ...directive(), classification: "restricted" };
    const decision = await route(restricted, { destinations });
    expect(decision.destinations).toEqual(["zhengzhou-inbox", "jiaozuo-inbox"]);
    expect(decision.withheld).toEqual([
      { destination: "xinxiang-inbox", reason: "EIX_ROUTE_ABOVE_CLEARANCE" },
      { destination: `unit:${WATER}`, reason: "EIX_ROUTE_NO_INBOX" },
    ]);
  });

  test("an inbox that is no known destination is withheld as EIX_ROUTE_UNKNOWN_DESTINATION", async () => {
    const units = HENAN.map((u) => (u.unitId === XINXIANG ? { ...u, inbox: "no-such-destination" } : u));
    const decision = await route(directive(), { units });
    expect(decision.destinations).toEqual(["zhengzhou-inbox", "jiaozuo-inbox"]);
    expect(decision.withheld).toContainEqual({ destination: "no-such-destination", reason: "EIX_ROUTE_UNKNOWN_DESTINATION" });
  });

  test("an inbox a rule already had withheld is not withheld twice", async () => {
    const destinations = new Map(INBOXES);
    destinations.set("xinxiang-inbox", { id: "xinxiang-inbox", acceptsStatus: ["actual"], clearance: "public" });
    const toXinxiang: RouteRule = { name: "xx-copy", match: { kind: ["directive"] }, to: ["xinxiang-inbox"] };
    const decision = await route(directive(), { rules: [toXinxiang], destinations });
    expect(decision.withheld.filter((w) => w.destination === "xinxiang-inbox")).toEqual([
      { destination: "xinxiang-inbox", reason: "EIX_ROUTE_ABOVE_CLEARANCE" },
    ]);
    expect(decision.destinations).toEqual(["zhengzhou-inbox", "jiaozuo-inbox"]);
  });

  test("every acknowledgement of the directive goes back to the province's inbox", async () => {
    for (const name of ["received", "read", "done", "rejected"] as const) {
      expect(await route(ack(name), { rules: [archiveDirectives] })).toEqual({
        destinations: ["province-inbox"],
        withheld: [],
        matchedRules: [`unit:${PROVINCE}`],
        addressedTo: [PROVINCE],
      });
    }
  });

  test("an acknowledgement to a unit without an inbox is withheld as unit:<id>", async () => {
    const { inbox: _, ...withoutInbox } = province;
    const units = HENAN.map((u) => (u.unitId === PROVINCE ? withoutInbox : u));
    expect(await route(ack("read"), { units })).toEqual({
      destinations: [],
      withheld: [{ destination: `unit:${PROVINCE}`, reason: "EIX_ROUTE_NO_INBOX" }],
      matchedRules: [`unit:${PROVINCE}`],
      addressedTo: [PROVINCE],
    });
  });

  test("a message addressed to nobody is routed by the rules alone, with no addressedTo", async () => {
    const fire = example("incident-110-fire-initial");
    const rules: RouteRule[] = [{ name: "all", match: {}, to: ["archive"] }];
    const decision = await route(fire, { rules });
    expect(decision).toEqual(routeMessage(fire, rules, INBOXES));
    expect(decision).not.toHaveProperty("addressedTo");
  });
});
