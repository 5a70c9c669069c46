// A weather bureau's (or an integrator's) own Node program that turns its CAP warnings into EIX
// canonical `warning` envelopes with @eix/adapters alone: no hub, no database, no server.
//
//   pnpm exec tsx --conditions=@eix/source examples/embed-weather-adapter/poll-cap-feed.ts \
//     --sender unit.json --out out/ https://alerts.example.org/cap/feed.atom
//
// It reads an Atom/RSS index of CAP documents (or CAP files and directories), decodes each
// document with the weather.cap adapter, prints one line per envelope (or the coded reason a
// document was refused) and can write each envelope as canonical JSON. The adapter does no I/O,
// so everything around it — downloading, reading files, writing results — is this program's.
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { type Adapter, AdapterError, createRegistry, type DecodeContext, readXmlBytes } from "@eix/adapters";
import { feedLinks, isFeed } from "./cap-feed.js";
import { type Fetched, fetchCapped } from "./capped-fetch.js";
import { type PollOptions, readCommandLine, usage } from "./command-line.js";
import { writeBlobs, writeEnvelope } from "./envelope-files.js";
import { adapterProblem, bothLanguages, type Problem } from "./problem.js";
import { envelopeLine, issueLine, problemLines, summaryLine, type Tally } from "./report-lines.js";

const commandLine = readCommandLine(process.argv.slice(2));
if (!commandLine.ok) {
  console.error(`poll-cap-feed: ${bothLanguages(commandLine.problem)}\n用法见 / see: poll-cap-feed.ts --help`);
  process.exitCode = 2;
} else if ("help" in commandLine) {
  console.log(usage);
} else {
  process.exitCode = await poll(commandLine.options);
}

/** Reads every input in order; 0 when every document became envelopes, 1 when any did not. */
async function poll(options: PollOptions): Promise<number> {
  const registry = createRegistry();
  // The same limit for the download and the decoder, so neither accepts what the other refuses.
  const ctx: DecodeContext = {
    ...(options.sender ? { sender: options.sender } : {}),
    limits: { maxBytes: options.limits.maxBytes },
  };
  const tally: Tally = { documents: 0, envelopes: 0, rejected: 0 };
  if (options.out !== undefined) mkdirSync(options.out, { recursive: true });

  // weather.cap unless --format says otherwise; `auto` asks each document's bytes (so a feed
  // mixing namespaced CAP and the namespace-less 12379 profile decodes with the right adapter).
  const decode = (bytes: Uint8Array) => {
    let adapter: Adapter;
    try {
      adapter = options.format === "auto" ? registry.pick({ bytes }) : registry.get(options.format);
    } catch (error) {
      if (!AdapterError.is(error)) throw error;
      return { ok: false as const, problem: adapterProblem(error) };
    }
    const result = adapter.decode(bytes, ctx);
    return result.ok
      ? { ok: true as const, result }
      : { ok: false as const, problem: adapterProblem(result.error, result.issues) };
  };

  const take = (source: string, document: Fetched) => {
    tally.documents++;
    console.log(source);
    const outcome = document.ok ? decode(document.bytes) : document;
    if (!outcome.ok) {
      tally.rejected++;
      for (const line of problemLines(outcome.problem)) console.log(line);
      return;
    }
    const { result } = outcome;
    tally.envelopes += result.messages.length;
    for (const message of result.messages) {
      console.log(envelopeLine(message));
      if (options.out !== undefined) writeEnvelope(options.out, message);
    }
    if (options.out !== undefined) writeBlobs(options.out, result.blobs);
    for (const issue of result.issues) console.log(issueLine(issue));
  };

  for (const input of options.inputs) {
    if (input.kind === "file") {
      take(input.path, readLocalFile(input.path, options.limits.maxBytes));
      continue;
    }
    const fetched = await fetchCapped(input.url, options.limits);
    const feed = fetched.ok ? asFeed(fetched.bytes, input.url, options.limits.maxBytes) : undefined;
    // Not a feed (or not even XML): the URL is one CAP document, and the adapter says what is wrong.
    if (feed === undefined) {
      take(input.url, fetched);
      continue;
    }
    console.log(feedLine(input.url, feed.links.length, feed.skipped));
    // One document after another: a publisher's feed is a few dozen documents, and polling
    // it politely matters more than a second saved.
    for (const link of feed.links) take(link, await fetchCapped(link, options.limits));
  }
  console.log(summaryLine(tally));
  return tally.rejected > 0 ? 1 : 0;
}

function asFeed(bytes: Uint8Array, url: string, maxBytes: number) {
  const xml = readXmlBytes(bytes, { maxBytes });
  return xml.ok && isFeed(xml.root) ? feedLinks(xml.root, url) : undefined;
}

function feedLine(url: string, links: number, skipped: number): string {
  const zh = `订阅源，${links} 个 CAP 链接${skipped > 0 ? `，${skipped} 个条目无可用链接` : ""}`;
  const en = `feed, ${links} CAP links${skipped > 0 ? `, ${skipped} entries without a usable link` : ""}`;
  return `${url}  ${bothLanguages({ "zh-CN": zh, en })}`;
}

// A local file is bounded by the same limit as a download, checked before it is read.
function readLocalFile(path: string, maxBytes: number): Fetched {
  try {
    const size = statSync(path).size;
    if (size > maxBytes)
      return {
        ok: false,
        problem: adapterProblem(new AdapterError("EIX_ADAPTER_TOO_LARGE", { value: String(size), limit: String(maxBytes) })),
      };
    return { ok: true, bytes: new Uint8Array(readFileSync(path)) };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    const problem: Problem = {
      code: "UNREADABLE",
      message: { "zh-CN": `无法读取文件：${reason}`, en: `Cannot read the file: ${reason}` },
    };
    return { ok: false, problem };
  }
}
