import { type Envelope, validate } from "@eix/schema";
import { describe, expect, test } from "vitest";
import { authorizeSender } from "../../src/route/authorize-sender.js";
import type { HubUnit } from "../../src/route/route-model.js";
import { example, exampleNames, unitOf, withSender } from "./example-envelopes.js";

const codes = (issues: readonly { code: string }[]) => issues.map((issue) => issue.code);
const where = (issues: readonly { code: string; path: string }[]) => issues.map(({ code, path }) => ({ code, path }));

/** The fire report from 余杭区 (330110), placed at `regionCode` and sent by a unit of `level` for `senderRegion`. */
function yuhangFire(options: { regionCode?: string; level?: HubUnit["level"]; senderRegion?: string } = {}): Envelope {
  const envelope = example("incident-110-fire-initial");
  if (envelope.kind !== "incident") throw new Error("expected an incident");
  envelope.payload.location.regionCode = options.regionCode ?? "330110";
  return withSender(envelope, {
    ...(options.level ? { level: options.level } : {}),
    ...(options.senderRegion ? { regionCode: options.senderRegion } : {}),
  });
}

describe("a unit sending its own messages", () => {
  // The cross-border forest fire is the one shipped example reported from outside its place.
  const ownGround = exampleNames.filter((name) => name !== "incident-forest-fire-cross-border-report");

  test.each(ownGround)("%s is authorised for the unit that sent it", (name) => {
    const envelope = example(name);
    expect(authorizeSender(unitOf(envelope), envelope)).toEqual([]);
  });

  test("a county reporting a fire whose origin lies in the neighbouring city is allowed with a warning naming both places", () => {
    const envelope = example("incident-forest-fire-cross-border-report");
    const issues = authorizeSender(unitOf(envelope), envelope);
    expect(where(issues)).toEqual([{ code: "EIX_AUTH_OUTSIDE_JURISDICTION", path: "/payload/location/regionCode" }]);
    expect(issues[0]?.severity).toBe("warning");
    expect(issues[0]?.message["zh-CN"]).toContain("“532901”（大理市）");
    expect(issues[0]?.message["zh-CN"]).toContain("“532922”（漾濞彝族自治县）");
    expect(issues[0]?.message.en).toContain('"532901"');
    expect(issues[0]?.message.en).toContain('"532922"');
  });
});

describe("the sender's identity", () => {
  test("another unit's id is refused with the offending id", () => {
    const envelope = example("incident-110-fire-initial");
    const unit = unitOf(envelope, { unitId: "330106-YJJ-ZBS" });
    const issues = authorizeSender(unit, envelope);
    expect(where(issues)).toEqual([{ code: "EIX_AUTH_UNIT_MISMATCH", path: "/sender/unitId" }]);
    expect(issues[0]?.message.en).toContain('"330110-YJJ-ZBS"');
    expect(issues[0]?.message.en).toContain('"330106-YJJ-ZBS"');
  });

  test("a county unit cannot send as the province: level and region are both refused", () => {
    const envelope = withSender(example("incident-landslide-relayed-provenance"), { level: "provincial", regionCode: "510000" });
    const county: HubUnit = { ...unitOf(example("incident-landslide-relayed-provenance")) };
    const issues = authorizeSender(county, envelope);
    expect(where(issues)).toEqual([
      { code: "EIX_AUTH_SENDER_LEVEL", path: "/sender/level" },
      { code: "EIX_AUTH_SENDER_REGION", path: "/sender/regionCode" },
    ]);
    expect(issues[0]?.message.en).toContain('"provincial"');
    expect(issues[0]?.message.en).toContain('"county"');
    expect(issues[1]?.message["zh-CN"]).toContain("“510000”（四川省）");
  });

  test("the right level with the province's region is refused for the region alone", () => {
    const envelope = withSender(example("incident-landslide-relayed-provenance"), { regionCode: "510000" });
    const county = unitOf(example("incident-landslide-relayed-provenance"));
    expect(where(authorizeSender(county, envelope))).toEqual([{ code: "EIX_AUTH_SENDER_REGION", path: "/sender/regionCode" }]);
  });

  test("a sender region within the unit's own region is accepted", () => {
    const envelope = yuhangFire({ level: "municipal", senderRegion: "330110" });
    const city = unitOf(envelope, { regionCode: "330100" });
    expect(authorizeSender(city, envelope)).toEqual([]);
  });

  test("a unit of another level than configured is refused even on its own ground", () => {
    const envelope = yuhangFire({ level: "municipal" });
    expect(codes(authorizeSender(unitOf(envelope, { level: "county" }), envelope))).toEqual(["EIX_AUTH_SENDER_LEVEL"]);
  });
});

describe("jurisdiction over the GB/T 2260 hierarchy", () => {
  test.each([
    ["county", "330110"],
    ["municipal", "330100"],
    ["provincial", "330000"],
  ] as const)("a county place (余杭区 330110) lies within the %s unit %s", (level, region) => {
    const envelope = yuhangFire({ level, senderRegion: region });
    expect(authorizeSender(unitOf(envelope), envelope)).toEqual([]);
  });

  test.each([
    ["county", "330106", "a sibling county"],
    ["municipal", "330200", "another city of the province"],
    ["provincial", "320000", "another province"],
  ] as const)("a place in 330110 is refused for the %s unit %s (%s)", (level, region, _why) => {
    const envelope = yuhangFire({ level, senderRegion: region });
    expect(where(authorizeSender(unitOf(envelope), envelope))).toEqual([
      { code: "EIX_AUTH_OUTSIDE_JURISDICTION", path: "/payload/location/regionCode" },
    ]);
  });

  test("a 12-digit township code lies within its county, not within a neighbouring one", () => {
    const envelope = example("incident-flash-flood-township-code");
    expect(authorizeSender(unitOf(envelope), envelope)).toEqual([]);
    if (envelope.kind !== "incident") throw new Error("expected an incident");
    envelope.payload.location.regionCode = "330106001000";
    expect(codes(authorizeSender(unitOf(envelope), envelope))).toEqual(["EIX_AUTH_OUTSIDE_JURISDICTION"]);
  });

  test("every warning area code outside the jurisdiction is refused at its own pointer", () => {
    const envelope = example("warning-rainstorm-red-polygon-bilingual");
    if (envelope.kind !== "warning") throw new Error("expected a warning");
    const area = envelope.payload.areas?.[0];
    if (!area?.regionCodes) throw new Error("expected area codes");
    area.regionCodes.push("440300", "440113");
    const issues = authorizeSender(unitOf(envelope), envelope);
    expect(where(issues)).toEqual([{ code: "EIX_AUTH_OUTSIDE_JURISDICTION", path: "/payload/areas/0/regionCodes/3" }]);
    expect(issues[0]?.message["zh-CN"]).toContain("预警区域");
    expect(issues[0]?.message["zh-CN"]).toContain("深圳市");
  });

  test("a provincial warning naming a city of another province is refused", () => {
    const envelope = example("warning-12379-gale-blue-henan");
    if (envelope.kind !== "warning") throw new Error("expected a warning");
    envelope.payload.areas?.push({ description: "石家庄", regionCodes: ["130100"] });
    expect(where(authorizeSender(unitOf(envelope), envelope))).toEqual([
      { code: "EIX_AUTH_OUTSIDE_JURISDICTION", path: "/payload/areas/1/regionCodes/0" },
    ]);
  });

  test("a directive target given by region must lie within the issuer's jurisdiction; one given by unit id is not checked", () => {
    const envelope = example("directive-flood-command-graded");
    if (envelope.kind !== "directive") throw new Error("expected a directive");
    const target = envelope.payload.targets[1];
    if (!target) throw new Error("expected a second target");
    target.regionCode = "420100";
    envelope.payload.targets.push({ unitId: "420100-YJJ-ZBS" });
    const issues = authorizeSender(unitOf(envelope), envelope);
    expect(where(issues)).toEqual([{ code: "EIX_AUTH_OUTSIDE_JURISDICTION", path: "/payload/targets/1/regionCode" }]);
    expect(issues[0]?.message.en).toContain("directive target");
  });

  test("a national unit may send about any place, but still only at its own level", () => {
    const envelope = withSender(example("warning-12379-gale-blue-henan"), {
      unitId: "100000-YJB-ZBS",
      name: "应急管理部",
      department: "emergency-office",
      level: "national",
      // The country has no GB/T 2260 code of its own; a national unit's region is never compared.
      regionCode: "100000",
    });
    if (envelope.kind !== "warning") throw new Error("expected a warning");
    envelope.payload.areas?.push({ regionCodes: ["130100", "440300", "650000"] });
    expect(authorizeSender(unitOf(envelope), envelope)).toEqual([]);
    const province = unitOf(envelope, { level: "provincial", regionCode: "410000" });
    expect(codes(authorizeSender(province, envelope))).toEqual([
      "EIX_AUTH_SENDER_LEVEL",
      "EIX_AUTH_SENDER_REGION",
      "EIX_AUTH_OUTSIDE_JURISDICTION",
      "EIX_AUTH_OUTSIDE_JURISDICTION",
      "EIX_AUTH_OUTSIDE_JURISDICTION",
    ]);
  });
});

describe("a hub forwarding for lower-level units (mayRelayFor)", () => {
  // The landslide report from 天全县 came up through the 雅安 and 四川 hubs.
  const yaanHub: HubUnit = {
    unitId: "511800-YJJ-EIX",
    name: "雅安市应急信息交互枢纽",
    department: "emergency-office",
    level: "municipal",
    regionCode: "511800",
    tokenSha256: ["1".repeat(64)],
    mayRelayFor: ["511825-ZRZYJ-DZZH", "511826-YJJ-ZBS"],
  };

  test("a listed county's report forwarded by its city hub is authorised", () => {
    expect(authorizeSender(yaanHub, example("incident-landslide-relayed-provenance"))).toEqual([]);
  });

  test("a unit the hub is not listed for is refused", () => {
    const unlisted = { ...yaanHub, mayRelayFor: ["511826-YJJ-ZBS"] };
    expect(where(authorizeSender(unlisted, example("incident-landslide-relayed-provenance")))).toEqual([
      { code: "EIX_AUTH_UNIT_MISMATCH", path: "/sender/unitId" },
    ]);
    const { mayRelayFor: _, ...plainUnit } = yaanHub;
    expect(codes(authorizeSender(plainUnit, example("incident-landslide-relayed-provenance")))).toEqual([
      "EIX_AUTH_UNIT_MISMATCH",
    ]);
  });

  test("a hub forwarding for a unit outside its own jurisdiction is refused for the sender and the place", () => {
    const other = { ...yaanHub, unitId: "511700-YJJ-EIX", regionCode: "511700" };
    expect(where(authorizeSender(other, example("incident-landslide-relayed-provenance")))).toEqual([
      { code: "EIX_AUTH_SENDER_REGION", path: "/sender/regionCode" },
      { code: "EIX_AUTH_OUTSIDE_JURISDICTION", path: "/payload/location/regionCode" },
    ]);
  });

  test("a city hub cannot forward a message that claims to come from the province", () => {
    const provincial = example("incident-earthquake-lushan-initial");
    const hub = { ...yaanHub, mayRelayFor: [provincial.sender.unitId] };
    const issues = authorizeSender(hub, provincial);
    expect(where(issues)).toEqual([
      { code: "EIX_AUTH_RELAY_LEVEL", path: "/sender/level" },
      { code: "EIX_AUTH_SENDER_REGION", path: "/sender/regionCode" },
    ]);
    expect(issues[0]?.message.en).toContain('"provincial"');
  });

  test("a provincial hub may forward a unit of its own level within its province", () => {
    const weather = example("warning-12379-gale-blue-henan");
    const henanHub: HubUnit = { ...yaanHub, unitId: "410000-YJT-EIX", level: "provincial", regionCode: "410000" };
    expect(codes(authorizeSender(henanHub, weather))).toEqual(["EIX_AUTH_UNIT_MISMATCH"]);
    expect(authorizeSender({ ...henanHub, mayRelayFor: [weather.sender.unitId] }, weather)).toEqual([]);
  });
});

describe("classified markings (涉密)", () => {
  test.each(["机密", "secret", "Top Secret"])("a message marked %s is refused here as it is by validation", (marking) => {
    const envelope = { ...example("incident-110-fire-initial"), classification: marking } as unknown as Envelope;
    expect(codes(validate(envelope).issues)).toContain("EIX_SCHEMA_CLASSIFIED_REFUSED");
    const issues = authorizeSender(unitOf(envelope), envelope);
    expect(where(issues)).toEqual([{ code: "EIX_AUTH_CLASSIFIED", path: "/classification" }]);
    expect(issues[0]?.message["zh-CN"]).toContain(marking);
  });

  test("an unknown marking is refused rather than guessed", () => {
    const envelope = { ...example("incident-110-fire-initial"), classification: "sensitive" } as unknown as Envelope;
    expect(codes(authorizeSender(unitOf(envelope), envelope))).toEqual(["EIX_AUTH_CLASSIFICATION_UNKNOWN"]);
  });

  test.each(["public", "internal", "restricted"] as const)("the handling marking %s passes", (classification) => {
    const envelope = { ...example("incident-110-fire-initial"), classification };
    expect(authorizeSender(unitOf(envelope), envelope)).toEqual([]);
  });
});
