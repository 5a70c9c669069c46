import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRegistry, type DecodeContext, type DecodeResult, type Envelope, weatherCapAdapter } from "@eix/adapters";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));
const program = "examples/embed-weather-adapter/poll-cap-feed.ts";
const corpusDir = join(root, "test/corpus/cap");
const corpus = (name: string) => new Uint8Array(readFileSync(join(corpusDir, name)));

// The unit a department relaying a foreign feed would configure (CAP's <sender> is free text).
const sender = {
  unitId: "FOREIGN-CAP-FEED",
  name: "境外预警信息接收",
  department: "weather",
  level: "national",
  regionCode: "100000",
};
const ctx: DecodeContext = { sender: { ...sender, department: "weather", level: "national" } };
const senderFlags = ["--unit-id", sender.unitId, "--name", sender.name, "--level", sender.level, "--region", sender.regionCode];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

// Asynchronous on purpose: the loopback server below answers from this process while the
// program runs, which spawnSync would block.
function run(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["--conditions=@eix/source", program, ...args], { cwd: root });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The lines printed under one document: from the line naming it to the next unindented line. */
function blockOf(stdout: string, source: string): string[] {
  const lines = stdout.split("\n");
  const start = lines.indexOf(source);
  if (start < 0) expect.fail(`no output for ${source}:\n${stdout}`);
  const end = lines.findIndex((line, i) => i > start && !line.startsWith(" "));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The line the program must print for an envelope, built from an in-process decode. */
function expectedLine(message: Envelope): string {
  if (message.kind !== "warning") expect.fail(`expected a warning, got ${message.kind}`);
  const w = message.payload;
  const areas = w.areas?.length ?? 0;
  const headline = (w.headline ?? "-").replace(/\s+/g, " ").trim();
  return `  ✓ ${message.id}  ${w.msgType}  ${w.level ?? "-"}  ${w.eventType ?? "-"}  ${areas} area${areas === 1 ? "" : "s"}  ${headline}`;
}

function decodedOk(result: DecodeResult): Extract<DecodeResult, { ok: true }> {
  if (!result.ok) expect.fail(`${result.error.code}: ${result.error.message}`);
  return result;
}

function expectRejection(block: string[], result: DecodeResult): void {
  if (result.ok) expect.fail("expected the document to be refused");
  const { line, column } = result.error.position ?? {};
  const head = `  ✗ ${result.error.code}${line === undefined ? "" : `  ${line}:${column}`}`;
  expect(block[0]?.startsWith(head), `${head}\n${block.join("\n")}`).toBe(true);
  expect(block[0]).toContain(result.error.messages["zh-CN"]);
  expect(block[0]).toContain(result.error.messages.en);
}

// ---- the loopback publisher: a feed index, corpus CAP files, a broken one, a 404, a stall ----

const thunderstorm = corpus("google-thunderstorm.cap");
// A real document with one closing tag mistyped, as a hand-edited file might have.
const broken = new TextEncoder().encode(new TextDecoder().decode(thunderstorm).replace("</headline>", "</headlin>"));
const requested: string[] = [];
let base = "";

const atomFeed = () => `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Test alert hub</title>
  <id>${base}/feed.atom</id>
  <updated>2024-05-01T00:00:00Z</updated>
  <entry><id>urn:x:1</id><title>t</title><link rel="alternate" type="application/cap+xml" href="cap/google-thunderstorm.cap"/></entry>
  <entry><id>urn:x:2</id><title>t</title><link href="${base}/cap/google-australia.cap"/></entry>
  <entry><id>urn:x:3</id><title>t</title>
    <link rel="alternate" type="text/html" href="${base}/pages/canada.html"/>
    <link rel="related" type="application/cap+xml" href="/cap/google-canada.cap"/></entry>
  <entry><id>${base}/cap/oasiscap-ipaws-5e7e0fc5023f1930efcf3deb.xml</id><title>t</title></entry>
  <entry><id>urn:x:5</id><title>t</title><link type="application/cap+xml" href="/cap/kde-mo-cap_monsoon.xml"/></entry>
  <entry><id>urn:x:6</id><title>t</title><link type="application/cap+xml" href="/broken/thunderstorm-mismatched-tag.cap"/></entry>
  <entry><id>urn:x:7</id><title>t</title><link type="application/cap+xml" href="/missing.cap"/></entry>
  <entry><id>urn:x:8</id><title>t</title><link href="mailto:duty@example.org"/></entry>
</feed>`;

const rssFeed = () => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Limits</title><link>${base}/</link><description>d</description>
  <item><title>a</title><enclosure url="${base}/cap/google-weather.cap" length="2590" type="application/cap+xml"/></item>
  <item><title>b</title><link>${base}/cap/oasiscap-nws-5c2cf27b1f56885d61654dc47fa411d5.xml</link></item>
  <item><title>c</title><link>${base}/cap/google-canada.cap</link></item>
  <item><title>d</title><link>${base}/chunked/google-canada_signed.cap</link></item>
  <item><title>e</title><link>${base}/slow.cap</link></item>
</channel></rss>`;

const server = createServer((req, res) => {
  const path = new URL(req.url ?? "/", base).pathname;
  requested.push(path);
  const cap = { "content-type": "application/cap+xml" };
  const corpusName = /^\/(cap|chunked)\/([\w.-]+)$/.exec(path);
  if (path === "/feed.atom") res.writeHead(200, { "content-type": "application/atom+xml" }).end(atomFeed());
  else if (path === "/feed.rss") res.writeHead(200, { "content-type": "application/rss+xml" }).end(rssFeed());
  else if (path === "/broken/thunderstorm-mismatched-tag.cap") res.writeHead(200, cap).end(broken);
  else if (path === "/slow.cap")
    res.writeHead(200, cap).write("<?xml version='1.0'?>\n<alert"); // and then nothing
  else if (corpusName?.[1] === "cap" && corpusName[2]) {
    const bytes = corpus(corpusName[2]);
    res.writeHead(200, { ...cap, "content-length": bytes.byteLength }).end(bytes);
  } else if (corpusName?.[2]) {
    // Chunked, without Content-Length: only counting the body as it arrives can stop it.
    const bytes = corpus(corpusName[2]);
    res.writeHead(200, cap);
    for (let i = 0; i < bytes.byteLength; i += 1024) res.write(bytes.subarray(i, i + 1024));
    res.end();
  } else res.writeHead(404, { "content-type": "text/plain" }).end("not found");
});

let out = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  out = mkdtempSync(join(tmpdir(), "eix-embed-weather-"));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(out, { recursive: true, force: true });
});

describe("examples/embed-weather-adapter", () => {
  test("polls an Atom index over HTTP: every linked CAP document decodes as it does in process", async () => {
    const outDir = join(out, "atom");
    const result = await run(...senderFlags, "--out", outDir, `${base}/feed.atom`);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      `${base}/feed.atom  订阅源，7 个 CAP 链接，1 个条目无可用链接 / feed, 7 CAP links, 1 entries`,
    );
    // The CAP-typed link wins over the entry's HTML alternate; the mailto link is never fetched.
    expect(requested).not.toContain("/pages/canada.html");

    const good = [
      "google-thunderstorm.cap",
      "google-australia.cap",
      "google-canada.cap",
      "oasiscap-ipaws-5e7e0fc5023f1930efcf3deb.xml",
      "kde-mo-cap_monsoon.xml",
    ];
    const expected = new Map<string, Envelope>();
    const blobs = new Map<string, Uint8Array>();
    for (const file of good) {
      const decoded = decodedOk(weatherCapAdapter.decode(corpus(file), ctx));
      const printed = blockOf(result.stdout, `${base}/cap/${file}`).filter((line) => line.startsWith("  ✓"));
      expect(printed).toEqual(decoded.messages.map(expectedLine));
      for (const message of decoded.messages) expected.set(message.id, message);
      for (const [sha, content] of decoded.blobs) blobs.set(sha, content);
    }
    // Two hazards in one alert give two envelopes; each language of a hazard stays in its one.
    expect(expected.has("tag:www.rfs.nsw.gov.au2011-10-06:40184#2")).toBe(true);

    const written = new Map(
      readdirSync(outDir)
        .filter((name) => name.endsWith(".json"))
        .map((name) => {
          const message = JSON.parse(readFileSync(join(outDir, name), "utf8")) as Envelope;
          return [message.id, message] as const;
        }),
    );
    expect(written).toEqual(expected);
    expect(blobs.size).toBe(1);
    for (const [sha, content] of blobs) expect(new Uint8Array(readFileSync(join(outDir, "blobs", sha)))).toEqual(content);

    const refused = weatherCapAdapter.decode(broken, ctx);
    expect(refused.ok || refused.error.code).toBe("EIX_XML_MALFORMED");
    expect(refused.ok || refused.error.position?.line).toBeGreaterThan(1);
    expectRejection(blockOf(result.stdout, `${base}/broken/thunderstorm-mismatched-tag.cap`), refused);
    expect(blockOf(result.stdout, `${base}/missing.cap`)[0]).toMatch(/^ {2}✗ HTTP-404 {2}下载失败：.* \/ Download failed: .*404/);
    expect(result.stdout).toContain("7 documents: 6 canonical envelopes, 2 rejected");
  });

  test("reads a local directory: every CAP file is decoded or refused with the adapter's code and place", async () => {
    const unitFile = join(out, "unit.json");
    writeFileSync(unitFile, JSON.stringify(sender));
    const result = await run("--sender", unitFile, "test/corpus/cap");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    const files = readdirSync(corpusDir)
      .filter((name) => /\.(xml|cap)$/.test(name))
      .sort();
    let envelopes = 0;
    let rejected = 0;
    for (const file of files) {
      const decoded = weatherCapAdapter.decode(corpus(file), ctx);
      const block = blockOf(result.stdout, join("test/corpus/cap", file));
      if (decoded.ok) {
        envelopes += decoded.messages.length;
        expect(block.filter((line) => line.startsWith("  ✓"))).toEqual(decoded.messages.map(expectedLine));
      } else {
        rejected++;
        expectRejection(block, decoded);
      }
    }
    expect(rejected).toBeGreaterThan(0);
    expect(result.stdout).toContain(`${files.length} documents: ${envelopes} canonical envelopes, ${rejected} rejected`);
    // Not recursive: the 12379 sample in cap/cn/ is not among them.
    expect(result.stdout).not.toContain("marquisXuan");
  });

  test("bounds every download in time and size (RSS index, declared and streamed bodies)", async () => {
    const result = await run(...senderFlags, "--timeout", "1", "--max-bytes", "5000", `${base}/feed.rss`);
    expect(result.status).toBe(1);
    for (const file of ["google-weather.cap", "oasiscap-nws-5c2cf27b1f56885d61654dc47fa411d5.xml"]) {
      const decoded = decodedOk(weatherCapAdapter.decode(corpus(file), ctx));
      expect(blockOf(result.stdout, `${base}/cap/${file}`)).toEqual(decoded.messages.map(expectedLine));
    }
    expect(blockOf(result.stdout, `${base}/cap/google-canada.cap`)[0]).toMatch(/^ {2}✗ EIX_ADAPTER_TOO_LARGE .*9770 bytes/);
    expect(blockOf(result.stdout, `${base}/chunked/google-canada_signed.cap`)[0]).toMatch(
      /^ {2}✗ EIX_ADAPTER_TOO_LARGE .*the limit is 5000 bytes/,
    );
    expect(blockOf(result.stdout, `${base}/slow.cap`)[0]).toMatch(/^ {2}✗ TIMEOUT /);
  });

  test("exits 0 when every document decodes; --format auto picks the 12379 adapter for the profile", async () => {
    const result = await run(...senderFlags, "--format", "auto", "test/corpus/cap/cn", "test/corpus/cap/google-thunderstorm.cap");
    expect(result.status).toBe(0);
    const registry = createRegistry();
    for (const file of ["cn/marquisXuan-henan-cma-11B06-blue-2020.xml", "google-thunderstorm.cap"]) {
      const bytes = corpus(file);
      const decoded = decodedOk(registry.pick({ bytes }).decode(bytes, ctx));
      expect(blockOf(result.stdout, join("test/corpus/cap", file))).toEqual(decoded.messages.map(expectedLine));
    }
  });

  test("refuses a wrong command line with exit 2 and a bilingual reason, before reading anything", async () => {
    const [none, level, missing, adapter] = await Promise.all([
      run(),
      run("--unit-id", "X", "--name", "某局", "--level", "galactic", "--region", "410000", "test/corpus/cap"),
      run("test/corpus/cap/no-such-file.cap"),
      run("--format", "weather.nope", "test/corpus/cap"),
    ]);
    for (const result of [none, level, missing, adapter]) {
      expect(result.status).toBe(2);
      expect(result.stdout).toBe("");
    }
    expect(level.stderr).toContain("层级 “galactic” 无效");
    expect(level.stderr).toContain('Level "galactic" is not one of');
    expect(missing.stderr).toContain("No such file or directory: test/corpus/cap/no-such-file.cap");
    expect(adapter.stderr).toContain('Unknown adapter "weather.nope"');
  });

  test("without a configured unit, a CAP document with a free-text sender is refused, not guessed", async () => {
    const result = await run("test/corpus/cap/google-thunderstorm.cap");
    expect(result.status).toBe(1);
    expectRejection(
      blockOf(result.stdout, "test/corpus/cap/google-thunderstorm.cap"),
      weatherCapAdapter.decode(corpus("google-thunderstorm.cap")),
    );
  });
});
