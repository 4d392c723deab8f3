import { MidiParseError } from '../errors';
import { resolveMidiLimits, type MidiLimits } from './limits';
import type { MidiNote, MidiTempo, MidiTimeSignature, ParsedMidi, UnterminatedNote } from './smf-types';

/** Hard limits that keep a hostile file from costing unbounded time or memory. */
const MAX_TRACKS = 65535;

interface Open {
  readonly startTick: number;
  readonly velocity: number;
  readonly program: number;
}

function ascii(b: Uint8Array, at: number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(b[at + i]!);
  return s;
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
}

/** The chunk layout of a Standard MIDI File, from {@link validateSmfChunks}. */
export interface SmfChunks {
  /** SMF format 0, 1 or 2. */
  readonly format: number;
  /** The raw time-division word of the header. */
  readonly division: number;
  /** `[start, end)` byte ranges of the `MTrk` chunk bodies. */
  readonly tracks: Array<[number, number]>;
}

/**
 * Checks the chunk structure of a Standard MIDI File without decoding events: an `MThd`
 * header of length >= 6 with format 0..2, `MTrk` chunks whose declared lengths stay inside
 * the file, as many tracks as the header declares. Returns the track chunks' byte ranges.
 * Throws {@link MidiParseError} naming `label` otherwise. O(number of chunks).
 */
export function validateSmfChunks(bytes: Uint8Array, label: string): SmfChunks {
  const fail = (why: string): never => {
    throw new MidiParseError(label, why);
  };
  if (bytes.length === 0) fail('the file is empty (0 bytes)');
  if (bytes.length < 14 || ascii(bytes, 0, 4) !== 'MThd') {
    const head = ascii(bytes, 0, Math.min(4, bytes.length)).replace(/[^\x20-\x7e]/g, '?');
    fail(`not a Standard MIDI File (expected "MThd" at byte 0, found "${head}")`);
  }
  const headerLen = u32(bytes, 4);
  if (headerLen < 6 || 8 + headerLen > bytes.length) fail(`bad MThd header length ${headerLen} (expected 6)`);
  const format = (bytes[8]! << 8) | bytes[9]!;
  const ntracks = (bytes[10]! << 8) | bytes[11]!;
  const division = (bytes[12]! << 8) | bytes[13]!;
  if (format > 2) fail(`unsupported SMF format ${format}`);
  if (ntracks === 0 || ntracks > MAX_TRACKS) fail(`header declares ${ntracks} tracks`);
  if (division === 0) fail('time division is 0');
  const tracks: Array<[number, number]> = [];
  let off = 8 + headerLen;
  while (off + 8 <= bytes.length && tracks.length < ntracks) {
    const id = ascii(bytes, off, 4);
    const len = u32(bytes, off + 4);
    const start = off + 8;
    if (start + len > bytes.length) {
      fail(`chunk "${id.replace(/[^\x20-\x7e]/g, '?')}" at byte ${off} declares ${len} bytes but only ${bytes.length - start} remain (truncated or corrupt)`);
    }
    if (id === 'MTrk') tracks.push([start, start + len]);
    off = start + len;
  }
  if (tracks.length < ntracks) fail(`header declares ${ntracks} tracks but only ${tracks.length} MTrk chunks were found (truncated?)`);
  return { format, division, tracks };
}

/** Options of {@link parseSmf}. */
export type ParseSmfOptions = Pick<MidiLimits, 'maxEvents'>;

/**
 * Parses a Standard MIDI File into notes (paired note-on/note-off, per track and channel),
 * tempo and time-signature maps. Pairing follows pretty_midi: a note-off (or note-on with
 * velocity 0) closes every open note of that pitch and channel in the track, except notes
 * begun on the same tick when older ones are also open. Note-ons never closed are closed at
 * the end of their track and listed in `unterminated`. Every corrupt input throws
 * {@link MidiParseError}; the work is linear in the file size, so it cannot hang, and the
 * memory is bounded by `maxEvents` (see {@link MidiLimits}): a file storing more note-ons,
 * tempo and meter changes than that is refused before they are all held.
 *
 * @example
 * ```ts
 * const midi = parseSmf(new Uint8Array(fs.readFileSync('song.mid')), 'song.mid');
 * midi.notes.length; midi.ppq; midi.tempos[0].bpm;
 * ```
 */
export function parseSmf(bytes: Uint8Array, label = '<bytes>', options: ParseSmfOptions = {}): ParsedMidi {
  const { maxEvents } = resolveMidiLimits(options);
  const { format, division, tracks } = validateSmfChunks(bytes, label);
  let events = 0;
  const smpte = (division & 0x8000) !== 0;
  let ppq = division;
  if (smpte) {
    const fps = 256 - (division >> 8);
    const tpf = division & 0xff;
    ppq = Math.max(1, (fps === 29 ? 29.97 : fps) * tpf) / 2;
  }
  const notes: MidiNote[] = [];
  const tempos: MidiTempo[] = [];
  const timeSignatures: MidiTimeSignature[] = [];
  const unterminated: UnterminatedNote[] = [];
  const trackNames: string[] = [];
  let endTick = 0;

  tracks.forEach(([start, end], track) => {
    const fail = (at: number, why: string): never => {
      throw new MidiParseError(label, `${why} in track ${track} at byte ${at}`);
    };
    const open = new Map<number, Open[]>();
    const program = new Uint8Array(16);
    let name = '';
    let tick = 0;
    let pos = start;
    let running = 0;
    const varint = (): number => {
      let v = 0;
      for (let i = 0; i < 4; i++) {
        if (pos >= end) fail(pos, 'variable-length number runs past the end of the track');
        const b = bytes[pos++]!;
        v = v * 128 + (b & 0x7f);
        if ((b & 0x80) === 0) return v;
      }
      return fail(pos, 'variable-length number longer than 4 bytes');
    };
    const count = (): void => {
      if (++events > maxEvents) fail(pos, `more than maxEvents = ${maxEvents} note-on / tempo / meter events (raise maxEvents to read it)`);
    };
    const data = (): number => {
      if (pos >= end) fail(pos, 'event runs past the end of the track');
      const b = bytes[pos++]!;
      if (b & 0x80) fail(pos - 1, `data byte 0x${b.toString(16)} has its high bit set`);
      return b;
    };
    while (pos < end) {
      tick += varint();
      if (pos >= end) fail(pos, 'delta time without an event');
      let status = bytes[pos]!;
      if (status & 0x80) {
        pos++;
      } else {
        if (!running) fail(pos, 'running status without a previous status byte');
        status = running;
      }
      if (status === 0xff) {
        if (pos >= end) fail(pos, 'truncated meta event');
        const type = bytes[pos++]!;
        const len = varint();
        if (pos + len > end) fail(pos, `meta event length ${len} runs past the end of the track`);
        if (type === 0x2f) {
          pos = end;
          break;
        }
        if ((type === 0x51 && len === 3) || (type === 0x58 && len >= 2)) count();
        if (type === 0x51 && len === 3) {
          const us = (bytes[pos]! << 16) | (bytes[pos + 1]! << 8) | bytes[pos + 2]!;
          if (us > 0) tempos.push({ tick, bpm: 60_000_000 / us });
        } else if (type === 0x58 && len >= 2) {
          const dd = bytes[pos + 1]!;
          if (dd < 16) timeSignatures.push({ tick, numerator: bytes[pos]!, denominator: 2 ** dd });
        } else if (type === 0x03 && !name) {
          name = String.fromCharCode(...bytes.subarray(pos, pos + Math.min(len, 1024))); // latin1; browser-safe (no Buffer)
        }
        pos += len;
        continue;
      }
      if (status === 0xf0 || status === 0xf7) {
        const len = varint();
        if (pos + len > end) fail(pos, `sysex length ${len} runs past the end of the track`);
        pos += len;
        continue;
      }
      if (status >= 0xf0) fail(pos - 1, `unexpected status byte 0x${status.toString(16)}`);
      running = status;
      const kind = status & 0xf0;
      const channel = status & 0x0f;
      if (kind === 0xc0) {
        program[channel] = data();
        continue;
      }
      if (kind === 0xd0) {
        data();
        continue;
      }
      const a = data();
      const b = data();
      if (kind === 0x90 && b > 0) {
        const key = channel * 128 + a;
        let list = open.get(key);
        if (!list) {
          list = [];
          open.set(key, list);
        }
        count();
        list.push({ startTick: tick, velocity: b, program: program[channel]! });
      } else if (kind === 0x80 || kind === 0x90) {
        const key = channel * 128 + a;
        const list = open.get(key);
        if (!list || list.length === 0) continue;
        const older = list.filter((n) => n.startTick !== tick);
        const same = list.filter((n) => n.startTick === tick);
        const close = older.length > 0 && same.length > 0 ? older : list;
        for (const n of close) notes.push({ pitch: a, velocity: n.velocity, startTick: n.startTick, endTick: tick, channel, track, program: n.program });
        open.set(key, close === list ? [] : same);
      }
    }
    for (const [key, list] of open) {
      for (const n of list) {
        const closed = tick > n.startTick ? tick : null;
        const pitch = key % 128;
        const channel = (key - pitch) / 128;
        unterminated.push({ pitch, channel, track, startTick: n.startTick, closedAtTick: closed });
        if (closed !== null) notes.push({ pitch, velocity: n.velocity, startTick: n.startTick, endTick: closed, channel, track, program: n.program });
      }
    }
    trackNames.push(name);
    if (tick > endTick) endTick = tick;
  });

  notes.sort((x, y) => x.startTick - y.startTick || x.pitch - y.pitch || x.track - y.track || x.channel - y.channel);
  tempos.sort((x, y) => x.tick - y.tick);
  timeSignatures.sort((x, y) => x.tick - y.tick);
  if (smpte) tempos.length = 0;
  if (tempos.length === 0 || tempos[0]!.tick > 0) tempos.unshift({ tick: 0, bpm: 120 });
  return { format, ppq, smpte, trackNames, notes, tempos, timeSignatures, unterminated, endTick };
}

/**
 * Converts ticks to seconds under a tempo map (as returned by {@link parseSmf}).
 * Returns a function; each call is O(log #tempos).
 */
export function tickToSeconds(tempos: readonly MidiTempo[], ppq: number): (tick: number) => number {
  const ticks = tempos.map((t) => t.tick);
  const secs: number[] = [];
  let acc = 0;
  for (let i = 0; i < tempos.length; i++) {
    if (i > 0) acc += ((tempos[i]!.tick - tempos[i - 1]!.tick) * 60) / (tempos[i - 1]!.bpm * ppq);
    secs.push(acc);
  }
  return (tick: number) => {
    let lo = 0;
    let hi = ticks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ticks[mid]! <= tick) lo = mid;
      else hi = mid - 1;
    }
    return secs[lo]! + ((tick - ticks[lo]!) * 60) / (tempos[lo]!.bpm * ppq);
  };
}
