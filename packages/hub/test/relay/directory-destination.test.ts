import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { DirectoryDestination } from "../../src/relay/directory-destination.js";
import { checkin } from "../store/store-fixtures.js";
import { claimedDelivery } from "./relay-fixtures.js";

const root = mkdtempSync(join(tmpdir(), "eix-relay-dir-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dirs = 0;
function freshDirectory(): string {
  const path = join(root, `drop-${++dirs}`);
  mkdirSync(path);
  return path;
}

const xml = (text: string) => ({ bytes: new TextEncoder().encode(text), contentType: "application/cap+xml", extension: "xml" });

describe("directory destination", () => {
  test("writes <messageId>-<deliveryId>.<ext> with exactly the encoded bytes, and nothing else", async () => {
    const directory = freshDirectory();
    const drop = new DirectoryDestination({ id: "forestry-drop", directory });
    const envelope = checkin({ id: "msg-001" });
    const result = await drop.send(claimedDelivery({ deliveryId: 12 }, envelope), xml("<alert>一</alert>"));
    expect(result).toEqual({ kind: "delivered", response: { body: "written: msg-001-12.xml" } });
    expect(readdirSync(directory)).toEqual(["msg-001-12.xml"]);
    expect(readFileSync(join(directory, "msg-001-12.xml"), "utf8")).toBe("<alert>一</alert>");
  });

  test("message ids cannot climb out of the directory or hide the file", async () => {
    const directory = freshDirectory();
    const drop = new DirectoryDestination({ id: "drop", directory });
    await drop.send(claimedDelivery({ deliveryId: 3 }, checkin({ id: "../../etc/passwd" })), xml("<a/>"));
    await drop.send(claimedDelivery({ deliveryId: 4 }, checkin({ id: ".hidden" })), { ...xml("<b/>"), extension: "x/ml" });
    expect(readdirSync(directory).sort()).toEqual(["__.._etc_passwd-3.xml", "_hidden-4.x_ml"]);
  });

  test("a resend of the same content counts as delivered and leaves the file as it was", async () => {
    const directory = freshDirectory();
    const drop = new DirectoryDestination({ id: "drop", directory });
    const delivery = claimedDelivery({ deliveryId: 9 }, checkin({ id: "msg-9" }));
    await drop.send(delivery, xml("<alert/>"));
    const first = statSync(join(directory, "msg-9-9.xml"));
    const again = await drop.send({ ...delivery, attempts: 2 }, xml("<alert/>"));
    expect(again).toEqual({ kind: "delivered", response: { body: "already present: msg-9-9.xml" } });
    expect(statSync(join(directory, "msg-9-9.xml")).ino).toBe(first.ino);
    expect(readdirSync(directory)).toHaveLength(1);
  });

  test("a different file of the same name is kept, and the delivery is refused", async () => {
    const directory = freshDirectory();
    writeFileSync(join(directory, "msg-5-5.xml"), "<someone-else/>");
    const drop = new DirectoryDestination({ id: "drop", directory });
    const result = await drop.send(claimedDelivery({ deliveryId: 5 }, checkin({ id: "msg-5" })), xml("<alert/>"));
    expect(result.kind === "permanent" && result.reason).toMatch(/^EIX_RELAY_FILE_CONFLICT: .*msg-5-5\.xml$/);
    expect(readFileSync(join(directory, "msg-5-5.xml"), "utf8")).toBe("<someone-else/>");
  });

  test("a missing directory is retryable and writing resumes once it is back", async () => {
    const directory = join(root, "not-mounted-yet");
    const drop = new DirectoryDestination({ id: "drop", directory });
    const delivery = claimedDelivery({ deliveryId: 1 }, checkin({ id: "msg-1" }));
    const result = await drop.send(delivery, xml("<alert/>"));
    expect(result.kind === "retryable" && result.reason).toMatch(/^EIX_RELAY_DIRECTORY_UNAVAILABLE: .*ENOENT/);
    mkdirSync(directory);
    expect((await drop.send(delivery, xml("<alert/>"))).kind).toBe("delivered");
    expect(readdirSync(directory)).toEqual(["msg-1-1.xml"]);
  });

  test("a reader never sees a partial file: files appear whole, under their final name", async () => {
    const directory = freshDirectory();
    const drop = new DirectoryDestination({ id: "drop", directory });
    const size = 4 * 1024 * 1024;
    const payload = { bytes: new Uint8Array(size).fill(0x41), contentType: "application/octet-stream", extension: "bin" };
    let writing = true;
    let looks = 0;
    let sawTemporary = false;
    const partial: string[] = [];
    const watcher = (async () => {
      while (writing) {
        for (const name of await readdir(directory)) {
          if (name.startsWith(".eix-")) {
            sawTemporary = true;
            continue;
          }
          const found = await stat(join(directory, name)).catch(() => undefined);
          if (found && found.size !== size) partial.push(`${name}:${found.size}`);
        }
        looks += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    for (let i = 1; i <= 12; i++) {
      expect((await drop.send(claimedDelivery({ deliveryId: i }, checkin({ id: `big-${i}` })), payload)).kind).toBe("delivered");
    }
    writing = false;
    await watcher;
    expect(partial).toEqual([]);
    // The watcher really looked while files were being written (else this test could not fail).
    expect(looks).toBeGreaterThan(12);
    expect(sawTemporary).toBe(true);
    expect(readdirSync(directory)).toHaveLength(12);
  });
});
