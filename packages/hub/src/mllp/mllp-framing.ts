// MLLP framing (HL7 v2 Minimal Lower Layer Protocol): <VT> message bytes <FS><CR>.

/** Start block, VT. */
export const MLLP_START = 0x0b;
/** First byte of the end block, FS. */
export const MLLP_END = 0x1c;
/** Second byte of the end block, CR. */
export const MLLP_END_CR = 0x0d;

export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
/** How many leading bytes of skipped data a garbage event keeps, for one log line. */
export const GARBAGE_SAMPLE_BYTES = 16;
/** How much of an oversize frame's start is kept: enough for its MSH segment, so the AR can name MSH-10. */
export const FRAME_HEAD_BYTES = 4096;

/** Wraps one message in a frame. */
export function encodeMllpFrame(message: Uint8Array): Uint8Array {
  const frame = new Uint8Array(message.byteLength + 3);
  frame[0] = MLLP_START;
  frame.set(message, 1);
  frame[frame.length - 2] = MLLP_END;
  frame[frame.length - 1] = MLLP_END_CR;
  return frame;
}

/** What the decoder found, in stream order. */
export type MllpFrameEvent =
  /** A complete frame: the bytes between the markers (empty for `<VT><FS><CR>`). */
  | { readonly kind: "frame"; readonly bytes: Uint8Array }
  /**
   * Bytes before a start marker that belong to no frame, reported once the run ends (at the
   * next start marker or at `end()`). A run of line breaks only is not reported: senders that end
   * frames with FS CR LF are common.
   */
  | { readonly kind: "garbage"; readonly byteCount: number; readonly sample: Uint8Array }
  /**
   * A frame that grew past `maxFrameBytes`, reported when its end marker arrives; only `head`
   * (its first bytes, for MSH-10) was kept, the rest was skipped as it came.
   */
  | { readonly kind: "oversize"; readonly byteCount: number; readonly limit: number; readonly head: Uint8Array }
  /**
   * A frame without its end: a new start marker came first (the sender gave up on it), or the
   * stream ended (`end()`). Not answered: the sender no longer waits for it.
   */
  | {
      readonly kind: "unterminated";
      readonly byteCount: number;
      readonly head: Uint8Array;
      readonly cause: "restarted" | "stream-ended";
    };

export interface MllpFrameDecoderOptions {
  /** Largest message (bytes between the markers) kept. Default 1 MiB. */
  readonly maxFrameBytes?: number;
}

type State = "outside" | "inside" | "discarding";

/**
 * A streaming frame decoder: `push` each chunk as it arrives, take the events. Frames may be cut
 * anywhere (even between FS and CR), several may share a chunk. An FS not followed by CR is
 * message data. A start marker inside a frame restarts the frame (HL7 data never holds VT); inside
 * an oversize frame it is skipped like the rest, which ends only at FS CR. Memory held is at
 * most `maxFrameBytes` plus one chunk.
 */
export class MllpFrameDecoder {
  readonly maxFrameBytes: number;
  #state: State = "outside";
  /** Parts of the frame being read; `#size` bytes in all. */
  #parts: Uint8Array[] = [];
  #size = 0;
  /** An FS ended the last chunk: the frame ends if the next byte is CR. */
  #pendingEnd = false;
  #head: Uint8Array = new Uint8Array(0);
  #garbageCount = 0;
  #garbageBreaksOnly = true;
  #garbageSample: number[] = [];

  constructor(options: MllpFrameDecoderOptions = {}) {
    const max = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    if (!(Number.isSafeInteger(max) && max > 0)) throw new RangeError("maxFrameBytes must be a positive integer");
    this.maxFrameBytes = max;
  }

  /** Bytes held for the frame being read (0 between frames and while an oversize frame is skipped). */
  get buffered(): number {
    return this.#state === "inside" ? this.#size : 0;
  }

  /** Whether a frame has started and not yet ended. */
  get inFrame(): boolean {
    return this.#state !== "outside";
  }

  push(chunk: Uint8Array): MllpFrameEvent[] {
    const events: MllpFrameEvent[] = [];
    let at = 0;
    while (at < chunk.length) {
      if (this.#state === "outside") at = this.#outside(chunk, at, events);
      else if (this.#pendingEnd) at = this.#afterEnd(chunk, at, events);
      else at = this.#inside(chunk, at, events);
    }
    return events;
  }

  /** The stream ended: reports skipped bytes and a frame left open, and starts afresh. */
  end(): MllpFrameEvent[] {
    const events: MllpFrameEvent[] = [];
    this.#flushGarbage(events);
    if (this.#state !== "outside") {
      if (this.#pendingEnd) this.#append(Uint8Array.of(MLLP_END));
      events.push({ kind: "unterminated", byteCount: this.#size, head: this.#headOf(), cause: "stream-ended" });
    }
    this.#reset("outside");
    return events;
  }

  #outside(chunk: Uint8Array, at: number, events: MllpFrameEvent[]): number {
    const start = chunk.indexOf(MLLP_START, at);
    const stop = start < 0 ? chunk.length : start;
    for (let i = at; i < stop; i++) this.#skip(chunk[i] as number);
    if (start < 0) return chunk.length;
    this.#flushGarbage(events);
    this.#reset("inside");
    return start + 1;
  }

  #inside(chunk: Uint8Array, at: number, events: MllpFrameEvent[]): number {
    const fs = chunk.indexOf(MLLP_END, at);
    const stop = fs < 0 ? chunk.length : fs;
    if (this.#state === "inside") {
      const restart = chunk.subarray(at, stop).indexOf(MLLP_START);
      // A start byte past the limit belongs to an oversize frame, which only FS CR ends.
      if (restart >= 0 && this.#size + restart <= this.maxFrameBytes) {
        this.#append(chunk.subarray(at, at + restart));
        events.push({ kind: "unterminated", byteCount: this.#size, head: this.#headOf(), cause: "restarted" });
        this.#reset("inside");
        return at + restart + 1;
      }
    }
    this.#append(chunk.subarray(at, stop));
    if (fs < 0) return chunk.length;
    this.#pendingEnd = true;
    return fs + 1;
  }

  /** The byte after an FS: CR ends the frame, anything else makes the FS message data. */
  #afterEnd(chunk: Uint8Array, at: number, events: MllpFrameEvent[]): number {
    this.#pendingEnd = false;
    if (chunk[at] !== MLLP_END_CR) {
      this.#append(Uint8Array.of(MLLP_END));
      return at;
    }
    if (this.#state === "discarding") {
      events.push({ kind: "oversize", byteCount: this.#size, limit: this.maxFrameBytes, head: this.#head });
    } else {
      const bytes = this.#parts.length === 1 ? (this.#parts[0] as Uint8Array) : concat(this.#parts, this.#size);
      events.push({ kind: "frame", bytes });
    }
    this.#reset("outside");
    return at + 1;
  }

  /** Adds bytes to the frame, or only counts them once it is oversize. */
  #append(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.#size += bytes.length;
    if (this.#state === "discarding") return;
    if (this.#size > this.maxFrameBytes) {
      // Refused as soon as it is too large: only the head is kept, the rest is only counted.
      this.#head = this.#headOf(bytes);
      this.#state = "discarding";
      this.#parts = [];
      return;
    }
    // A chunk's buffer may be reused by its producer: keep a copy, not a view (a Buffer's
    // slice() is a view, hence the constructor).
    this.#parts.push(new Uint8Array(bytes));
  }

  /** The first bytes of the frame read so far (and of `more`, not yet in `#parts`). */
  #headOf(more?: Uint8Array): Uint8Array {
    if (this.#state === "discarding") return this.#head;
    const parts = more ? [...this.#parts, more] : this.#parts;
    const limit = Math.min(FRAME_HEAD_BYTES, this.maxFrameBytes);
    const taken: Uint8Array[] = [];
    let size = 0;
    for (const part of parts) {
      if (size >= limit) break;
      const piece = part.subarray(0, limit - size);
      taken.push(piece);
      size += piece.length;
    }
    return concat(taken, size);
  }

  #skip(byte: number): void {
    this.#garbageCount++;
    if (byte !== 0x0a && byte !== 0x0d) this.#garbageBreaksOnly = false;
    if (this.#garbageSample.length < GARBAGE_SAMPLE_BYTES) this.#garbageSample.push(byte);
  }

  #flushGarbage(events: MllpFrameEvent[]): void {
    if (this.#garbageCount > 0 && !this.#garbageBreaksOnly) {
      events.push({ kind: "garbage", byteCount: this.#garbageCount, sample: Uint8Array.from(this.#garbageSample) });
    }
    this.#garbageCount = 0;
    this.#garbageBreaksOnly = true;
    this.#garbageSample = [];
  }

  #reset(state: State): void {
    this.#state = state;
    this.#parts = [];
    this.#size = 0;
    this.#pendingEnd = false;
    this.#head = new Uint8Array(0);
  }
}

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Skipped bytes for a log line: printable ASCII as is, anything else as \xHH (never a whole message). */
export function describeSample(sample: Uint8Array): string {
  let text = "";
  for (const byte of sample)
    text += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, "0")}`;
  return text;
}
