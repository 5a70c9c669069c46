// A unit's inbox (收件目的地, `units[].inbox`): the destination that reaches the unit's own system,
// where directives that target it and acknowledgements of what it sent are delivered. It must
// name a configured destination; a valid one is carried into HubUnit.inbox.
import { describe, expect, it } from "vitest";
import { BASE_YAML, issuesOf, load, only, placeOf, where } from "./config-test-kit.js";

const SECOND_UNIT = `  - unitId: zz-emergency-office
    name: 株洲市应急管理局
    department: emergency-office
    level: municipal
    regionCode: "430200"
    tokenSha256: ${"ab".repeat(32)}
`;

/** The base config with a second unit and a third destination, `zz-inbox`. */
const TWO_UNITS = BASE_YAML.replace("destinations:\n", `${SECOND_UNIT}destinations:\n`).replace(
  "routes:\n",
  `  - id: zz-inbox
    kind: http
    url: http://127.0.0.1:9411/eix/inbox
routes:
`,
);

/** Adds `inbox: <value>` to the unit whose `unitId: <unitId>` line is given. */
const withInbox = (text: string, unitId: string, value: string) =>
  text.replace(`  - unitId: ${unitId}\n`, `  - unitId: ${unitId}\n    inbox: ${value}\n`);

describe("units[].inbox", () => {
  it("a valid inbox loads into HubUnit.inbox; a unit without one has no inbox property", async () => {
    const config = await load(withInbox(TWO_UNITS, "zz-emergency-office", "zz-inbox"));
    const [cs, zz] = config.units;
    expect(zz).toMatchObject({ unitId: "zz-emergency-office", inbox: "zz-inbox" });
    expect(cs?.unitId).toBe("cs-emergency-office");
    expect(cs).not.toHaveProperty("inbox");
  });

  it("an inbox may be any kind of destination, and several units may share one", async () => {
    const text = withInbox(withInbox(TWO_UNITS, "zz-emergency-office", "archive"), "cs-emergency-office", "archive");
    const config = await load(text);
    expect(config.units.map((unit) => unit.inbox)).toEqual(["archive", "archive"]);
    expect(config.destinations.find((d) => d.id === "archive")?.kind).toBe("directory");
  });

  it("an inbox naming an unknown destination is EIX_CONFIG_DESTINATION_UNKNOWN at /units/N/inbox, at the value", async () => {
    const text = withInbox(TWO_UNITS, "zz-emergency-office", "zz-inbx");
    const issue = only(await issuesOf(text), "EIX_CONFIG_DESTINATION_UNKNOWN", "/units/1/inbox");
    expect(placeOf(issue)).toEqual(where(text, "zz-inbx"));
    expect(issue.message.en).toContain('"zz-inbx"');
    expect(issue.message.en).toContain("configured: national, archive, zz-inbox");
    expect(issue.message["zh-CN"]).toContain("“zz-inbx”");
  });

  it("each unit's inbox is checked: both unknown inboxes are reported, each at its own unit", async () => {
    const text = withInbox(withInbox(TWO_UNITS, "cs-emergency-office", "cs-inbox"), "zz-emergency-office", "zz-inbox-2");
    const issues = await issuesOf(text);
    expect(issues.filter((i) => i.code === "EIX_CONFIG_DESTINATION_UNKNOWN").map((i) => i.path)).toEqual([
      "/units/0/inbox",
      "/units/1/inbox",
    ]);
    expect(placeOf(only(issues, "EIX_CONFIG_DESTINATION_UNKNOWN", "/units/0/inbox"))).toEqual(where(text, "cs-inbox"));
  });

  it("an unknown inbox is reported beside a route's unknown destination, in file order", async () => {
    const text = withInbox(TWO_UNITS, "zz-emergency-office", "nowhere").replace("to: [national, archive]", "to: [nationl]");
    const issues = await issuesOf(text);
    expect(issues.filter((i) => i.code === "EIX_CONFIG_DESTINATION_UNKNOWN").map((i) => i.path)).toEqual([
      "/units/1/inbox",
      "/routes/0/to/0",
    ]);
  });

  it("an inbox that is not an identifier is refused by the schema (and, like a route's, also as unknown)", async () => {
    const spaced = await issuesOf(withInbox(TWO_UNITS, "zz-emergency-office", '"zz inbox"'));
    expect(spaced.map((i) => [i.code, i.path])).toEqual([
      ["EIX_CONFIG_PATTERN", "/units/1/inbox"],
      ["EIX_CONFIG_DESTINATION_UNKNOWN", "/units/1/inbox"],
    ]);
  });

  it("an inbox that is not a string is a schema error only", async () => {
    const listed = await issuesOf(withInbox(TWO_UNITS, "zz-emergency-office", "[zz-inbox]"));
    expect(listed.map((i) => i.path)).toContain("/units/1/inbox");
    expect(listed.map((i) => i.code)).not.toContain("EIX_CONFIG_DESTINATION_UNKNOWN");
  });

  it("the check is the same in a JSON configuration file", async () => {
    const json = {
      hubId: "test-hub",
      units: [
        {
          unitId: "cs-emergency-office",
          name: "长沙市应急管理局",
          department: "emergency-office",
          level: "municipal",
          regionCode: "430100",
          tokenSha256: "cd".repeat(32),
          inbox: "cs-inbox",
        },
      ],
      destinations: [{ id: "cs-inbox", kind: "http", url: "http://127.0.0.1:9412/eix" }],
    };
    expect((await load(JSON.stringify(json), {}, "hub.json")).units[0]?.inbox).toBe("cs-inbox");
    const broken = JSON.stringify({ ...json, units: [{ ...json.units[0], inbox: "cs-inbx" }] });
    only(await issuesOf(broken, {}, "hub.json"), "EIX_CONFIG_DESTINATION_UNKNOWN", "/units/0/inbox");
  });

  it("the message for an unknown inbox speaks of the inbox, not of a route", async () => {
    const text = withInbox(TWO_UNITS, "zz-emergency-office", "zz-inbx");
    const issue = only(await issuesOf(text), "EIX_CONFIG_DESTINATION_UNKNOWN", "/units/1/inbox");
    expect(issue.message.en).not.toMatch(/route/i);
    expect(issue.message["zh-CN"]).not.toContain("路由");
  });
});
