import { readFile } from "node:fs/promises";
import { type LocalizedText, parseJsonInput, type Unit, validate } from "@eix/schema";
import { CliError, ioReason } from "../errors.js";
import { displayPointer } from "./issue-lines.js";

// A check-in that is valid apart from its sender. The schema package validates whole envelopes
// only; putting the unit in one and keeping the issues under /sender checks it with the model's
// own rules and messages (department and level words, GB/T 2260 region codes).
const PROBE = {
  id: "019cf3f5-d3e0-7bc5-85c1-16ee70ed895c",
  schema: "eix/1",
  kind: "checkin",
  sentAt: "2026-03-16T08:05:00+08:00",
  status: "test",
  classification: "internal",
  payload: { date: "2026-03-15", status: "nothing-to-report", dutyOfficer: { name: "值班员" } },
} as const;

const notAnObject = { "zh-CN": "内容应为 JSON 对象", en: "the content must be a JSON object" } as const;

function senderProblem(value: unknown): LocalizedText | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return notAnObject;
  const first = validate({ ...PROBE, sender: value }).issues.find(
    (issue) => issue.severity === "error" && (issue.path === "/sender" || issue.path.startsWith("/sender/")),
  );
  if (!first) return undefined;
  const at = displayPointer(first.path.slice("/sender".length));
  return { "zh-CN": `${at}：${first.message["zh-CN"]}`, en: `${at}: ${first.message.en}` };
}

/**
 * `--sender FILE`: a JSON object `{ unitId, name, department, level, regionCode }`, the
 * sending unit given to adapters whose format does not name one (CAP). A missing, unreadable
 * or invalid file stops the command (exit 2).
 */
export async function readSenderFile(file: string): Promise<Unit> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new CliError("EIX_CLI_FILE_NOT_FOUND", { file });
    throw new CliError("EIX_CLI_FILE_UNREADABLE", { file, reason: ioReason(error) });
  }
  const parsed = parseJsonInput(bytes);
  if (!parsed.ok) throw new CliError("EIX_CLI_BAD_SENDER", { file, reason: parsed.issue.message });
  const problem = senderProblem(parsed.value);
  if (problem) throw new CliError("EIX_CLI_BAD_SENDER", { file, reason: problem });
  return parsed.value as Unit;
}
