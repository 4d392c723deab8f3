import type { GridNote } from './roll-notes';

/** A tempo change in ticks, for {@link encodeSmf}. */
export interface SmfTempoEvent {
  /** Tick of the change. */
  readonly tick: number;
  /** Quarter notes per minute. */
  readonly bpm: number;
}

/** A time signature in ticks, for {@link encodeSmf}. */
export interface SmfTimeSignatureEvent {
  /** Tick of the change. */
  readonly tick: number;
  /** Beats per bar. */
  readonly numerator: number;
  /** Beat unit; must be a power of two (others are not representable in MIDI and are skipped). */
  readonly denominator: number;
}

/** What {@link encodeSmf} writes: one tempo / meter track and one note track. */
export interface SmfWriteSpec {
  /** Ticks per quarter note (1..32767). */
  readonly ppq: number;
  /** Tempo map (sorted or not). */
  readonly tempos: readonly SmfTempoEvent[];
  /** Time signatures. */
  readonly timeSignatures: readonly SmfTimeSignatureEvent[];
  /** Name of the note track. */
  readonly name: string;
  /** MIDI channel 0..15 of the notes (9 = drums). */
  readonly channel: number;
  /** Program change written at tick 0 (omitted for drums when null). */
  readonly program: number | null;
  /** Note-on velocity 1..127. */
  readonly velocity: number;
  /** Notes in steps; `stepTicks` ticks per step. */
  readonly notes: readonly GridNote[];
  /** Ticks per grid step. */
  readonly stepTicks: number;
}

class ByteWriter {
  private buf = new Uint8Array(1024);
  length = 0;
  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  bytes(...bs: number[]): void {
    this.ensure(bs.length);
    for (const b of bs) this.buf[this.length++] = b & 0xff;
  }
  raw(bs: Uint8Array): void {
    this.ensure(bs.length);
    this.buf.set(bs, this.length);
    this.length += bs.length;
  }
  varint(v: number): void {
    const out = [v & 0x7f];
    v = Math.floor(v / 128);
    while (v > 0) {
      out.unshift((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.bytes(...out);
  }
  u32(v: number): void {
    this.bytes(v >>> 24, v >>> 16, v >>> 8, v);
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

type Ev = [tick: number, order: number, bytes: number[] | Uint8Array];

function writeTrack(w: ByteWriter, events: Ev[]): void {
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const t = new ByteWriter();
  let last = 0;
  let end = 0;
  for (const [tick, , bytes] of events) {
    t.varint(tick - last);
    last = tick;
    end = tick;
    if (bytes instanceof Uint8Array) t.raw(bytes);
    else t.bytes(...bytes);
  }
  t.varint(Math.max(0, end - last));
  t.bytes(0xff, 0x2f, 0);
  const body = t.result();
  w.bytes(0x4d, 0x54, 0x72, 0x6b);
  w.u32(body.length);
  w.raw(body);
}

function textMeta(type: number, text: string): Uint8Array {
  const data = new TextEncoder().encode(text);
  const w = new ByteWriter();
  w.bytes(0xff, type);
  w.varint(data.length);
  w.raw(data);
  return w.result();
}

/**
 * Encodes notes on a grid as a format-1 Standard MIDI File (tempo / meter track + one note
 * track), in time linear in the number of notes. At equal ticks, note-offs come before
 * note-ons, so a re-struck pitch reads back as two notes.
 */
export function encodeSmf(spec: SmfWriteSpec): Uint8Array {
  const w = new ByteWriter();
  w.bytes(0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, 0, 2, (spec.ppq >> 8) & 0x7f, spec.ppq & 0xff);
  const meta: Ev[] = [[0, 0, textMeta(0x03, '')]];
  for (const t of spec.tempos) {
    const us = Math.max(1, Math.min(0xffffff, Math.round(60_000_000 / t.bpm)));
    meta.push([t.tick, 1, [0xff, 0x51, 3, us >> 16, us >> 8, us]]);
  }
  for (const ts of spec.timeSignatures) {
    const dd = Math.log2(ts.denominator);
    if (Number.isInteger(dd) && dd >= 0 && dd < 16 && ts.numerator >= 1 && ts.numerator <= 255)
      meta.push([ts.tick, 2, [0xff, 0x58, 4, ts.numerator, dd, 24, 8]]);
  }
  writeTrack(w, meta);
  const ch = spec.channel & 0x0f;
  const events: Ev[] = [[0, 0, textMeta(0x03, spec.name)]];
  if (spec.program !== null) events.push([0, 1, [0xc0 | ch, spec.program]]);
  for (const n of spec.notes) {
    events.push([n.startStep * spec.stepTicks, 3, [0x90 | ch, n.pitch, spec.velocity]]);
    events.push([n.endStep * spec.stepTicks, 2, [0x80 | ch, n.pitch, 0]]);
  }
  writeTrack(w, events);
  return w.result();
}
