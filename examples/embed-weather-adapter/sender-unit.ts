// The sending unit (发送单位) the canonical envelopes name. CAP's <sender> is free text (an
// address, a URL, a name), so it cannot be a unit id; only a 14-digit 12379 sender code names a
// unit, and the adapter reads that one by itself. Every other feed needs the unit configured:
// a JSON file, command-line flags, or both (the flags win, field by field).
import { readFileSync } from "node:fs";
import type { DecodeContext } from "@eix/adapters";
import type { Bilingual } from "./problem.js";

export type Unit = NonNullable<DecodeContext["sender"]>;

/** The flags, each optional; `file` is the path given to --sender. */
export interface SenderFlags {
  readonly file?: string | undefined;
  readonly unitId?: string | undefined;
  readonly name?: string | undefined;
  readonly department?: string | undefined;
  readonly level?: string | undefined;
  readonly region?: string | undefined;
}

// Spelled out here so that the example depends on @eix/adapters alone; `satisfies` makes the
// compiler fail when the model gains or loses a department or level.
const departments = {
  "emergency-office": true,
  "public-security": true,
  fire: true,
  health: true,
  forestry: true,
  weather: true,
  "natural-resources": true,
  "work-safety": true,
  environment: true,
  transport: true,
  water: true,
  other: true,
} satisfies Record<Unit["department"], true>;
const levels = { national: true, provincial: true, municipal: true, county: true, township: true } satisfies Record<
  Unit["level"],
  true
>;

export type SenderReading =
  | { readonly ok: true; readonly unit: Unit | undefined }
  | { readonly ok: false; readonly problem: Bilingual };

/** The configured unit; undefined when nothing is configured (12379 sender codes only then). */
export function readSenderUnit(flags: SenderFlags): SenderReading {
  let fromFile: Record<string, unknown> = {};
  if (flags.file !== undefined) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(flags.file, "utf8"));
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not a JSON object");
      fromFile = parsed as Record<string, unknown>;
    } catch (error) {
      const reason = (error as Error).message;
      return refuse(`无法读取发送单位文件 ${flags.file}：${reason}`, `Cannot read the sender file ${flags.file}: ${reason}`);
    }
  }
  const field = (flag: string | undefined, key: keyof Unit): string | undefined =>
    flag ?? (typeof fromFile[key] === "string" ? fromFile[key] : undefined);
  const given = {
    unitId: field(flags.unitId, "unitId")?.trim(),
    name: field(flags.name, "name")?.trim(),
    level: field(flags.level, "level")?.trim(),
    regionCode: field(flags.region, "regionCode")?.trim(),
  };
  const department = field(flags.department, "department")?.trim();
  if (department === undefined && Object.values(given).every((value) => value === undefined))
    return { ok: true, unit: undefined };
  const { unitId, name, level, regionCode } = given;
  if (!unitId || !name || !level || !regionCode) {
    const missing = Object.keys(given).filter((key) => !given[key as keyof typeof given]);
    return refuse(`发送单位缺少 ${missing.join("、")}`, `The sending unit lacks ${missing.join(", ")}`);
  }
  if (department !== undefined && !Object.hasOwn(departments, department))
    return refuse(
      `部门 “${department}” 无效，应为 ${Object.keys(departments).join("、")} 之一`,
      `Department "${department}" is not one of ${Object.keys(departments).join(", ")}`,
    );
  if (!Object.hasOwn(levels, level))
    return refuse(
      `层级 “${level}” 无效，应为 ${Object.keys(levels).join("、")} 之一`,
      `Level "${level}" is not one of ${Object.keys(levels).join(", ")}`,
    );
  // Whether it is a real GB/T 2260 region is the validator's check, when each document decodes.
  if (!/^\d{6}$/.test(regionCode))
    return refuse(`行政区划代码 “${regionCode}” 应为 6 位数字`, `Region code "${regionCode}" must be 6 digits (GB/T 2260)`);
  return {
    ok: true,
    unit: {
      unitId,
      name,
      // A weather bureau is the usual embedder of the CAP adapter: its department is the default.
      department: (department ?? "weather") as Unit["department"],
      level: level as Unit["level"],
      regionCode,
    },
  };
}

function refuse(zh: string, en: string): SenderReading {
  return { ok: false, problem: { "zh-CN": zh, en } };
}
