// The command line of poll-cap-feed.ts: what to read, as whom, and where to write. Anything
// wrong here is a usage error (exit 2), found before a single document is fetched or decoded.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createRegistry, DEFAULT_MAX_XML_BYTES } from "@eix/adapters";
import type { FetchLimits } from "./capped-fetch.js";
import type { Bilingual } from "./problem.js";
import { readSenderUnit, type Unit } from "./sender-unit.js";

export const usage = `poll-cap-feed — CAP 预警转换为 EIX 规范消息 / CAP warnings to EIX canonical envelopes

用法 / usage:
  poll-cap-feed.ts [options] (FEED-URL | CAP-URL | FILE | DIR)...

  FEED-URL   Atom or RSS index whose entries link to CAP documents / 链接 CAP 文档的 Atom/RSS 索引
  CAP-URL    one CAP document / 单个 CAP 文档
  FILE, DIR  local CAP files; a directory's *.xml and *.cap files / 本地 CAP 文件或目录

options / 选项:
  --sender FILE        sending unit as JSON {unitId,name,department,level,regionCode} / 发送单位 JSON 文件
  --unit-id ID --name NAME --department DEPT --level LEVEL --region CODE
                       the same as flags (they win over the file; department defaults to weather)
  --out DIR            write each envelope as DIR/<id>.json, attachments as DIR/blobs/<sha256>
  --format ID|auto     adapter id (default weather.cap); auto sniffs each document (e.g. weather.cn12379)
  --timeout SECONDS    per download, body included (default 10)
  --max-bytes N        largest feed or document accepted (default ${DEFAULT_MAX_XML_BYTES})
  -h, --help

exit: 0 all decoded, 1 some document rejected or not downloaded, 2 usage error`;

export type Input = { readonly kind: "url"; readonly url: string } | { readonly kind: "file"; readonly path: string };

export interface PollOptions {
  readonly inputs: readonly Input[];
  readonly sender: Unit | undefined;
  readonly out: string | undefined;
  /** An adapter id, or "auto" to sniff each document. */
  readonly format: string;
  readonly limits: FetchLimits;
}

export type CommandLine =
  | { readonly ok: true; readonly options: PollOptions }
  | { readonly ok: true; readonly help: true }
  | { readonly ok: false; readonly problem: Bilingual };

export function readCommandLine(args: readonly string[]): CommandLine {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    // parseArgs names the unknown option or the missing value in its message.
    const reason = (error as Error).message;
    return refuse(`命令行有误：${reason}`, `Invalid command line: ${reason}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: true, help: true };
  if (positionals.length === 0) return refuse("未指定订阅源、CAP 文件或目录", "No feed, CAP file or directory given");
  const timeout = Number(values.timeout);
  if (!(timeout > 0))
    return refuse(`--timeout 应为正数：${values.timeout}`, `--timeout must be a positive number: ${values.timeout}`);
  const maxBytes = Number(values["max-bytes"]);
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0)
    return refuse(
      `--max-bytes 应为正整数：${values["max-bytes"]}`,
      `--max-bytes must be a positive integer: ${values["max-bytes"]}`,
    );
  const format = values.format;
  if (format !== "auto" && !createRegistry().has(format))
    return refuse(`未知的适配器 “${format}”`, `Unknown adapter "${format}"`);
  const sender = readSenderUnit({
    file: values.sender,
    unitId: values["unit-id"],
    name: values.name,
    department: values.department,
    level: values.level,
    region: values.region,
  });
  if (!sender.ok) return { ok: false, problem: sender.problem };
  const inputs: Input[] = [];
  for (const arg of positionals) {
    const input = readInput(arg);
    if ("problem" in input) return { ok: false, problem: input.problem };
    inputs.push(...input.inputs);
  }
  return {
    ok: true,
    options: { inputs, sender: sender.unit, out: values.out, format, limits: { timeoutMs: timeout * 1000, maxBytes } },
  };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      sender: { type: "string" },
      "unit-id": { type: "string" },
      name: { type: "string" },
      department: { type: "string" },
      level: { type: "string" },
      region: { type: "string" },
      out: { type: "string" },
      format: { type: "string", default: "weather.cap" },
      timeout: { type: "string", default: "10" },
      "max-bytes": { type: "string", default: String(DEFAULT_MAX_XML_BYTES) },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}

const capFileName = /\.(xml|cap)$/i;

/** A URL as given; a file as given; a directory as its CAP files, sorted (not recursive). */
function readInput(arg: string): { inputs: Input[] } | { problem: Bilingual } {
  if (/^https?:\/\//i.test(arg)) {
    if (!URL.canParse(arg)) return { problem: bilingual(`URL 无效：${arg}`, `Invalid URL: ${arg}`) };
    return { inputs: [{ kind: "url", url: arg }] };
  }
  const info = statSync(arg, { throwIfNoEntry: false });
  if (!info) return { problem: bilingual(`文件或目录不存在：${arg}`, `No such file or directory: ${arg}`) };
  if (!info.isDirectory()) return { inputs: [{ kind: "file", path: arg }] };
  const files = readdirSync(arg, { withFileTypes: true })
    .filter((entry) => !entry.isDirectory() && capFileName.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((name): Input => ({ kind: "file", path: join(arg, name) }));
  if (files.length === 0)
    return { problem: bilingual(`目录中没有 .xml 或 .cap 文件：${arg}`, `No .xml or .cap files in ${arg}`) };
  return { inputs: files };
}

function bilingual(zh: string, en: string): Bilingual {
  return { "zh-CN": zh, en };
}

function refuse(zh: string, en: string): CommandLine {
  return { ok: false, problem: bilingual(zh, en) };
}
