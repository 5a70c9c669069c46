import { validate } from "@eix/schema";
import { describe, expect, test } from "vitest";

// Test documents are mutated freely, including into wrong shapes, so they are loosely typed.
// biome-ignore lint/suspicious/noExplicitAny: see above
type Doc = Record<string, any>;

// A minimal valid initial report (初报) from a county office, mutated by each test.
function incident(): Doc {
  return {
    id: "0193f1a2-7c4e-7b21-9a3d-5e2f1000aa01",
    schema: "eix/1",
    kind: "incident",
    sentAt: "2026-05-01T10:00:00+08:00",
    sender: {
      unitId: "330110-ZBS",
      name: "余杭区应急管理局",
      department: "emergency-office",
      level: "county",
      regionCode: "330110",
    },
    status: "actual",
    classification: "internal",
    payload: {
      incidentId: "330110-20260501-01",
      stage: "initial",
      sequence: 1,
      title: "仓库火灾",
      eventType: "12G00",
      severity: "IV",
      occurredAt: "2026-05-01T09:30:00+08:00",
      location: { regionCode: "330110" },
    },
  };
}

function directive(): Doc {
  return {
    id: "0193f1a2-7c4e-7b21-9a3d-5e2f1000dd01",
    schema: "eix/1",
    kind: "directive",
    sentAt: "2026-05-01T10:00:00+08:00",
    sender: {
      unitId: "330000-YJT",
      name: "浙江省应急管理厅",
      department: "emergency-office",
      level: "provincial",
      regionCode: "330000",
    },
    status: "actual",
    classification: "internal",
    payload: {
      grade: "command",
      title: "关于做好防汛工作的通知",
      body: "各市应急管理局：……",
      targets: [{ regionCode: "330100", department: "emergency-office" }],
      requires: { read: {}, feedback: { deadline: "2026-05-01T18:00:00+08:00" } },
    },
  };
}

const codes = (doc: unknown) => validate(doc).issues.map((issue) => issue.code);

describe("validate never throws", () => {
  test.each([null, 42, "text", [], [1, 2], { kind: 5 }, { kind: "incident", payload: [] }, { kind: "warning", payload: "x" }])(
    "%j gives issues, not an exception",
    (doc) => {
      const result = validate(doc);
      expect(result.valid).toBe(false);
      expect(result.issues.length).toBeGreaterThan(0);
    },
  );

  test("a wrongly typed payload still reports through the semantic rules without crashing", () => {
    const doc = incident();
    doc.payload.location = "330110";
    doc.payload.casualties = { deaths: "3" };
    doc.references = "x";
    const result = validate(doc);
    expect(result.valid).toBe(false);
    expect(result.issues.map((i) => i.code)).toContain("EIX_SCHEMA_CASUALTY_COUNT");
    expect(result.issues.map((i) => i.code)).not.toContain("EIX_SCHEMA_INVALID");
  });
});

describe("time order", () => {
  test("five minutes of clock skew are tolerated, not more", () => {
    const doc = incident();
    doc.payload.occurredAt = "2026-05-01T10:05:00+08:00";
    expect(validate(doc).valid).toBe(true);
    doc.payload.occurredAt = "2026-05-01T10:05:01+08:00";
    expect(codes(doc)).toEqual(["EIX_SCHEMA_OCCURRED_AFTER_SENT"]);
  });

  test("offsets are compared as instants", () => {
    const doc = incident();
    doc.payload.occurredAt = "2026-05-01T02:04:00Z"; // 10:04 in Beijing
    expect(validate(doc).valid).toBe(true);
  });

  test("discovery before occurrence is a warning", () => {
    const doc = incident();
    doc.payload.discoveredAt = "2026-05-01T09:00:00+08:00";
    const result = validate(doc);
    expect(result.valid).toBe(true);
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([["EIX_SCHEMA_DISCOVERED_BEFORE_OCCURRED", "warning"]]);
  });

  test("a time without an offset gets its own code and a path", () => {
    const doc = incident();
    doc.payload.occurredAt = "2026-05-01T09:30:00";
    const [issue] = validate(doc).issues;
    expect(issue).toMatchObject({ code: "EIX_SCHEMA_TIME_OFFSET", path: "/payload/occurredAt" });
    expect(issue?.message["zh-CN"]).toContain("事发时间");
  });
});

describe("report chain (初报/续报/终报)", () => {
  test("an update needs a sequence above 1 and a reference", () => {
    const doc = incident();
    doc.payload.stage = "update";
    expect(codes(doc).sort()).toEqual(["EIX_SCHEMA_STAGE_REFERENCE_MISSING", "EIX_SCHEMA_STAGE_SEQUENCE"]);
    doc.payload.sequence = 2;
    doc.references = [{ id: "0193f1a2-7c4e-7b21-9a3d-5e2f1000aa00", relation: "updates" }];
    expect(validate(doc).valid).toBe(true);
  });

  test("a message cannot reference itself, but may reference the same id of another unit", () => {
    const doc = incident();
    doc.payload.stage = "final";
    doc.payload.sequence = 3;
    doc.references = [{ id: doc.id }];
    expect(codes(doc)).toEqual(["EIX_SCHEMA_REFERENCE_SELF"]);
    doc.references = [{ id: doc.id, unitId: "330100-ZBS" }];
    expect(validate(doc).valid).toBe(true);
  });
});

describe("jurisdiction and sender", () => {
  test("a county reporting outside its county gets a warning; a province does not", () => {
    const doc = incident();
    doc.payload.location.regionCode = "330106";
    expect(validate(doc).issues.map((i) => [i.code, i.severity])).toEqual([["EIX_SCHEMA_OUTSIDE_JURISDICTION", "warning"]]);
    doc.sender = { ...doc.sender, level: "provincial", regionCode: "330000" };
    expect(validate(doc).issues).toEqual([]);
  });

  test("a township code inside the county is within", () => {
    const doc = incident();
    doc.payload.location.regionCode = "330110005000";
    expect(validate(doc).issues).toEqual([]);
  });

  test("tier and region code must agree", () => {
    const doc = incident();
    doc.sender.level = "provincial";
    expect(codes(doc)).toEqual(["EIX_SCHEMA_SENDER_LEVEL_REGION"]);
  });

  test("a national unit's region is the whole country, 100000; a province's code is not", () => {
    const national = incident();
    national.sender = { ...national.sender, unitId: "100000-YJB-ZBS", level: "national", regionCode: "100000" };
    expect(validate(national).issues).toEqual([]);
    const misplaced = incident();
    misplaced.sender = { ...misplaced.sender, level: "national", regionCode: "110000" };
    expect(codes(misplaced)).toContain("EIX_SCHEMA_SENDER_LEVEL_REGION");
  });

  test("a 14-character sender code must sit in the sender's region", () => {
    const doc = incident();
    doc.sender = { ...doc.sender, unitId: "41000041600000", level: "provincial", regionCode: "410000" };
    doc.payload.location.regionCode = "410102";
    expect(validate(doc).issues).toEqual([]);
    doc.sender.regionCode = "330000";
    doc.payload.location.regionCode = "330110";
    expect(codes(doc)).toEqual(["EIX_SCHEMA_SENDER_CODE_REGION"]);
  });

  test("a region under a known province but missing from the table is a warning; an unknown province an error", () => {
    const doc = incident();
    doc.sender = { ...doc.sender, level: "provincial", regionCode: "330000" };
    doc.payload.location.regionCode = "330199";
    expect(validate(doc).issues.map((i) => [i.code, i.severity])).toEqual([["EIX_SCHEMA_REGION_UNLISTED", "warning"]]);
    doc.payload.location.regionCode = "990101";
    expect(codes(doc)).toContain("EIX_SCHEMA_REGION_UNKNOWN");
  });
});

describe("handling", () => {
  test.each(["机密", "绝密", "秘密", "涉密", "Secret", "TOP SECRET", "confidential"])(
    "%s is refused with one issue",
    (marking) => {
      const doc = incident();
      doc.classification = marking;
      expect(codes(doc)).toEqual(["EIX_SCHEMA_CLASSIFIED_REFUSED"]);
    },
  );

  test("exercise and test status are valid and kept", () => {
    for (const status of ["exercise", "test"]) {
      const doc = incident();
      doc.status = status;
      expect(validate(doc).valid).toBe(true);
      expect(doc.status).toBe(status);
    }
  });
});

describe("directives", () => {
  test("feedback without a deadline is refused", () => {
    const doc = directive();
    expect(validate(doc).issues).toEqual([]);
    doc.payload.requires.feedback = {};
    expect(codes(doc)).toEqual(["EIX_SCHEMA_FEEDBACK_DEADLINE"]);
  });

  test("a deadline before sending is refused", () => {
    const doc = directive();
    doc.payload.requires.feedback.deadline = "2026-05-01T09:59:59+08:00";
    expect(codes(doc)).toEqual(["EIX_SCHEMA_DEADLINE_BEFORE_SENT"]);
  });
});
