import { describe, expect, test } from "vitest";
import {
  describeSample,
  encodeMllpFrame,
  FRAME_HEAD_BYTES,
  MllpFrameDecoder,
  type MllpFrameEvent,
} from "../../src/mllp/mllp-framing.js";
import { adt, text, utf8 } from "./mllp-fixtures.js";

const VT = "\x0b";
const END = "\x1c\r";
const bytes = (s: string) => Buffer.from(s, "latin1");

/** Feeds `chunks` one by one and returns every event, frames as text. */
function decode(chunks: readonly (string | Uint8Array)[], maxFrameBytes?: number, end = false) {
  const decoder = new MllpFrameDecoder(maxFrameBytes === undefined ? {} : { maxFrameBytes });
  const events: MllpFrameEvent[] = [];
  for (const chunk of chunks) events.push(...decoder.push(typeof chunk === "string" ? bytes(chunk) : chunk));
  if (end) events.push(...decoder.end());
  return events.map(show);
}

function show(event: MllpFrameEvent): string {
  switch (event.kind) {
    case "frame":
      return `frame ${Buffer.from(event.bytes).toString("latin1")}`;
    case "garbage":
      return `garbage ${event.byteCount} ${describeSample(event.sample)}`;
    case "oversize":
      return `oversize ${event.byteCount}/${event.limit}`;
    case "unterminated":
      return `unterminated ${event.byteCount} ${event.cause}`;
  }
}

describe("MLLP frame encoder", () => {
  test("wraps the bytes in VT … FS CR", () => {
    expect([...encodeMllpFrame(utf8("MSH|"))]).toEqual([0x0b, 0x4d, 0x53, 0x48, 0x7c, 0x1c, 0x0d]);
    expect([...encodeMllpFrame(new Uint8Array(0))]).toEqual([0x0b, 0x1c, 0x0d]);
  });

  test("what it encodes, the decoder gives back unchanged (UTF-8 and all)", () => {
    const message = utf8(adt("CTRL-1"));
    const [event] = new MllpFrameDecoder().push(encodeMllpFrame(message));
    expect(event?.kind === "frame" && text(event.bytes)).toBe(adt("CTRL-1"));
  });
});

describe("MLLP frame decoder", () => {
  test("one frame in one chunk", () => {
    expect(decode([`${VT}MSH|a${END}`])).toEqual(["frame MSH|a"]);
  });

  test("several frames in one chunk, in order", () => {
    expect(decode([`${VT}one${END}${VT}two${END}${VT}three${END}`])).toEqual(["frame one", "frame two", "frame three"]);
  });

  test("a frame cut at every possible place gives the same frame", () => {
    const whole = bytes(`${VT}MSH|^~\\&|x${END}`);
    for (let cut = 1; cut < whole.length; cut++) {
      expect(decode([whole.subarray(0, cut), whole.subarray(cut)]), `cut at ${cut}`).toEqual(["frame MSH|^~\\&|x"]);
    }
  });

  test("the end marker split between FS and CR", () => {
    expect(decode([`${VT}abc\x1c`, `\r${VT}def${END}`])).toEqual(["frame abc", "frame def"]);
  });

  test("byte-by-byte delivery of frames, garbage and line breaks", () => {
    const stream = bytes(`${VT}one${END}\r\nxy${VT}two\x1cz${END}`);
    const chunks = [...stream].map((byte) => Uint8Array.of(byte));
    expect(decode(chunks)).toEqual(["frame one", "garbage 4 \\x0d\\x0axy", "frame two\x1cz"]);
  });

  test("an FS not followed by CR is message data", () => {
    expect(decode([`${VT}a\x1cb\x1c`, `\x1c\r`])).toEqual(["frame a\x1cb\x1c"]);
  });

  test("a frame that ends one chunk and a frame that begins the next", () => {
    expect(decode([`${VT}one${END}${VT}tw`, `o${END}`])).toEqual(["frame one", "frame two"]);
  });

  test("an empty frame is a frame of no bytes", () => {
    expect(decode([`${VT}${END}`])).toEqual(["frame "]);
  });

  test("garbage between frames is skipped and reported once per run, with its count and first bytes", () => {
    expect(decode([`${VT}one${END}GET / HTTP/1.1\r\nHost: x\r\n\r\n`, `more${VT}two${END}`])).toEqual([
      "frame one",
      "garbage 31 GET / HTTP/1.1\\x0d\\x0a",
      "frame two",
    ]);
  });

  test("garbage before the first frame, and at the end of the stream", () => {
    expect(decode(["\x00\xff", `${VT}one${END}tail`], undefined, true)).toEqual([
      "garbage 2 \\x00\\xff",
      "frame one",
      "garbage 4 tail",
    ]);
  });

  test("line breaks between frames are not garbage", () => {
    expect(decode([`${VT}one${END}\n`, `\r\n${VT}two${END}\r\n`], undefined, true)).toEqual(["frame one", "frame two"]);
  });

  test("a start byte inside garbage starts a frame", () => {
    expect(decode([`noise${VT}MSH|1${END}`])).toEqual(["garbage 5 noise", "frame MSH|1"]);
  });

  test("a start byte inside a frame restarts it: the cut-off frame is reported, not answered", () => {
    expect(decode([`${VT}MSH|lost`, `${VT}MSH|kept${END}`])).toEqual(["unterminated 8 restarted", "frame MSH|kept"]);
  });

  test("a frame left open when the stream ends is reported by end()", () => {
    expect(decode([`${VT}one${END}${VT}half\x1c`], undefined, true)).toEqual(["frame one", "unterminated 5 stream-ended"]);
  });

  test("a frame of exactly maxFrameBytes is taken", () => {
    expect(decode([`${VT}${"x".repeat(10)}${END}`], 10)).toEqual([`frame ${"x".repeat(10)}`]);
  });

  test("an oversize frame is dropped at its end marker and the next frame on the stream works", () => {
    expect(decode([`${VT}${"x".repeat(11)}${END}${VT}ok${END}`], 10)).toEqual(["oversize 11/10", "frame ok"]);
  });

  test("an oversize frame is let go as soon as it is too large, not buffered to its end", () => {
    const decoder = new MllpFrameDecoder({ maxFrameBytes: 1000 });
    decoder.push(bytes(`${VT}${"x".repeat(900)}`));
    expect(decoder.buffered).toBe(900);
    for (let i = 0; i < 100; i++) expect(decoder.push(new Uint8Array(10_000).fill(0x41))).toEqual([]);
    expect(decoder.buffered).toBe(0);
    expect(decoder.inFrame).toBe(true);
    const events = decoder.push(bytes(`tail\x1c`)).concat(decoder.push(bytes(`\r${VT}next${END}`)));
    expect(events.map(show)).toEqual(["oversize 1000904/1000", "frame next"]);
  });

  test("inside an oversize frame a start byte is skipped like the rest: only FS CR ends it", () => {
    expect(decode([`${VT}${"x".repeat(12)}${VT}yy${END}${VT}ok${END}`], 10)).toEqual(["oversize 15/10", "frame ok"]);
  });

  test("an oversize frame keeps its head, so the AR can name its MSH-10", () => {
    const message = bytes(adt("CTRL-BIG", "x".repeat(10_000)));
    const [event] = new MllpFrameDecoder({ maxFrameBytes: 5000 }).push(encodeMllpFrame(message));
    expect(event?.kind).toBe("oversize");
    if (event?.kind !== "oversize") return;
    expect(event.head.length).toBe(FRAME_HEAD_BYTES);
    expect(Buffer.from(event.head).toString("latin1")).toBe(message.subarray(0, FRAME_HEAD_BYTES).toString("latin1"));
  });

  test("byte-by-byte oversize frame followed by a normal one", () => {
    const stream = bytes(`${VT}${"x".repeat(20)}\x1c\r${VT}ok\x1c\r`);
    expect(
      decode(
        [...stream].map((byte) => Uint8Array.of(byte)),
        8,
      ),
    ).toEqual(["oversize 20/8", "frame ok"]);
  });

  test("the garbage sample is capped, the count is not", () => {
    expect(decode([`${"z".repeat(5000)}${VT}a${END}`])).toEqual([`garbage 5000 ${"z".repeat(16)}`, "frame a"]);
  });

  test("frames do not share memory with the chunks they came in", () => {
    const chunk = bytes(`${VT}abc${END}`);
    const [event] = new MllpFrameDecoder().push(chunk);
    chunk.fill(0);
    expect(event?.kind === "frame" && text(event.bytes)).toBe("abc");
  });

  test("maxFrameBytes must be a positive integer", () => {
    expect(() => new MllpFrameDecoder({ maxFrameBytes: 0 })).toThrow(RangeError);
  });
});
