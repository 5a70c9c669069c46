import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AdapterRegistry } from "@eix/adapters";
import type { Unit } from "@eix/schema";
import { readDeclaration } from "../cli/example-declaration.js";
import { findExamples } from "../cli/example-files.js";
import { satellitePasses } from "./demo-satellite.js";

/** A message the demo posts as a department would. */
export interface DemoPost {
  /** Shown name: "valid/incident-110-fire-initial.json", "cn12379/zhengzhou-….xml". */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** `?adapter=` for the post; canonical JSON when absent. */
  readonly adapter?: string;
  /** Content-Type of the post; by default XML with an adapter, JSON without. */
  readonly contentType?: string;
  /** The sending unit the message claims, when it can be read; its token is used for the post. */
  readonly sender?: Unit;
  readonly messageId?: string;
  readonly kind?: string;
  readonly sentAt?: string;
}

/** An invalid example and the error codes it declares (NAME.expected.json). */
export interface DemoInvalidPost extends DemoPost {
  readonly declaredCodes: readonly string[];
}

export interface DemoInputs {
  /** The valid examples, in the order they were sent (sentAt), as a day of reports would arrive. */
  readonly valid: readonly DemoPost[];
  readonly invalid: readonly DemoInvalidPost[];
  /** 12379 warning files posted as the weather bureau's system emits them; empty without the corpus. */
  readonly weather: readonly DemoPost[];
  readonly weatherDir?: string;
  /** Three passes of a hotspot bulletin over one forest fire (demo-satellite.ts). */
  readonly satellite: readonly DemoPost[];
}

interface EnvelopeHead {
  id?: unknown;
  kind?: unknown;
  sentAt?: unknown;
  sender?: unknown;
}

function isSender(value: unknown): value is Unit {
  if (typeof value !== "object" || value === null) return false;
  const sender = value as Record<string, unknown>;
  return ["unitId", "name", "department", "level", "regionCode"].every((key) => typeof sender[key] === "string");
}

/** What a canonical JSON message says about itself, read leniently: invalid examples are broken on purpose. */
function headOf(bytes: Uint8Array): Pick<DemoPost, "sender" | "messageId" | "kind" | "sentAt"> {
  let head: EnvelopeHead;
  try {
    head = JSON.parse(Buffer.from(bytes).toString("utf8")) as EnvelopeHead;
  } catch {
    return {};
  }
  if (typeof head !== "object" || head === null) return {};
  return {
    ...(isSender(head.sender) ? { sender: head.sender } : {}),
    ...(typeof head.id === "string" ? { messageId: head.id } : {}),
    ...(typeof head.kind === "string" ? { kind: head.kind } : {}),
    ...(typeof head.sentAt === "string" ? { sentAt: head.sentAt } : {}),
  };
}

const sentTime = (post: DemoPost) => (post.sentAt ? Date.parse(post.sentAt) : Number.POSITIVE_INFINITY);

/**
 * The repository's 12379 corpus (test/corpus/cn12379), found by walking up from this module;
 * absent from an installed package, where the demo goes on without it.
 */
export function findWeatherCorpus(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "test", "corpus", "cn12379");
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

async function weatherPosts(dir: string, registry: AdapterRegistry): Promise<DemoPost[]> {
  const adapter = registry.has("weather.cn12379") ? registry.get("weather.cn12379") : undefined;
  const files = (await readdir(dir)).filter((file) => file.endsWith(".xml")).sort();
  const posts: DemoPost[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(await readFile(join(dir, file)));
    // The sender is read from the message itself, as the hub will: it picks the unit whose token is used.
    const decoded = adapter?.decode(bytes);
    const first = decoded?.ok ? decoded.messages[0] : undefined;
    posts.push({
      name: `cn12379/${file}`,
      bytes,
      adapter: "weather.cn12379",
      ...(first ? { sender: first.sender, messageId: first.id, kind: first.kind, sentAt: first.sentAt } : {}),
    });
  }
  return posts;
}

/** The examples of `examplesDir` (valid/ and invalid/) and, when found, the 12379 corpus. */
export async function loadDemoInputs(
  examplesDir: string,
  registry: AdapterRegistry,
  weatherDir = findWeatherCorpus(),
): Promise<DemoInputs> {
  const valid: DemoPost[] = [];
  const invalid: DemoInvalidPost[] = [];
  for (const example of await findExamples(examplesDir)) {
    const bytes = new Uint8Array(await readFile(example.file));
    const post = { name: example.name, bytes, ...headOf(bytes) };
    if (example.expectValid) {
      valid.push(post);
      continue;
    }
    const declaration = await readDeclaration(example.file, false);
    invalid.push({ ...post, declaredCodes: declaration.ok ? declaration.declaration.codes : [] });
  }
  valid.sort((a, b) => sentTime(a) - sentTime(b) || a.name.localeCompare(b.name));
  const weather = weatherDir ? await weatherPosts(weatherDir, registry) : [];
  const satellite = satellitePasses();
  return weatherDir ? { valid, invalid, weather, weatherDir, satellite } : { valid, invalid, weather, satellite };
}
