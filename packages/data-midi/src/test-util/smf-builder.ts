/** Test helper: builds Standard MIDI File bytes by hand (no library), event by event. */
export type RawEvent = [delta: number, ...bytes: number[]];

function varint(v: number): number[] {
  const out = [v & 0x7f];
  v = Math.floor(v / 128);
  while (v > 0) {
    out.unshift((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  return out;
}

/** One `MTrk` chunk from `[delta, ...eventBytes]` rows; appends end-of-track unless `eot: false`. */
export function track(events: RawEvent[], options: { eot?: boolean } = {}): number[] {
  const body: number[] = [];
  for (const [delta, ...bytes] of events) body.push(...varint(delta), ...bytes);
  if (options.eot !== false) body.push(0, 0xff, 0x2f, 0);
  return [0x4d, 0x54, 0x72, 0x6b, ...u32(body.length), ...body];
}

function u32(n: number): number[] {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

/** A whole file: header + tracks. */
export function smf(format: number, ppq: number, tracks: number[][]): Uint8Array {
  return new Uint8Array([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, format, 0, tracks.length, (ppq >> 8) & 255, ppq & 255, ...tracks.flat()]);
}

/** Tempo meta event bytes for `bpm`. */
export function tempo(bpm: number): number[] {
  const us = Math.round(60_000_000 / bpm);
  return [0xff, 0x51, 3, (us >> 16) & 255, (us >> 8) & 255, us & 255];
}

/** Time-signature meta event bytes. */
export function timeSig(num: number, den: number): number[] {
  return [0xff, 0x58, 4, num, Math.log2(den), 24, 8];
}
