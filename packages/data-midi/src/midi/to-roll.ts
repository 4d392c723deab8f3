import type { PitchRange } from '@rnn-nade/core';
import { ConfigError } from '@rnn-nade/core';
import { canonicalDrumPitch } from '../drums/drum-map';
import { MidiParseError } from '../errors';
import type { PianoRoll, RollTempo, RollTimeSignature, SkippedNote } from './piano-roll';
import type { ParsedMidi } from './smf-types';

/** Options of {@link midiToRoll} / `readMidi`. */
export interface MidiToRollOptions {
  /** Grid resolution (default 4 = sixteenth notes). */
  readonly stepsPerQuarter?: number;
  /** Pitch range kept in the roll (default 21..108); ignored for drum rolls. */
  readonly range?: PitchRange;
  /** Read only these track (MTrk chunk) indices (default: all). */
  readonly tracks?: readonly number[];
  /** Read only these 0-based MIDI channels (default: all, except 9 unless `includeDrums`). */
  readonly channels?: readonly number[];
  /** Keep channel-10 (index 9) notes in a pitched roll (default false). */
  readonly includeDrums?: boolean;
  /**
   * Drum roll: only channel-10 notes (or `channels`), each hit marks its onset step only,
   * pitches reduced to the nine drum classes (written as their GM notes).
   */
  readonly drums?: boolean;
  /**
   * Refuse rolls longer than this many steps (default 500 000, about 17 hours at 4 steps per
   * quarter and 120 bpm), so a corrupt delta time cannot allocate gigabytes.
   */
  readonly maxSteps?: number;
  /** Name used in errors (default `'<bytes>'`). */
  readonly label?: string;
}

function checkSpq(spq: number): number {
  if (!(Number.isInteger(spq) && spq >= 1 && spq <= 960)) {
    throw new ConfigError(`stepsPerQuarter must be an integer in 1..960, got ${spq}.`);
  }
  return spq;
}

/**
 * Quantises parsed MIDI to a piano roll. The grid is in ticks (`ppq / stepsPerQuarter` ticks
 * per step), so tempo changes do not bend it; they are carried in `tempos` (in steps) so
 * the roll can be written back at the same speed. A note's onset and offset are snapped to the
 * nearest grid line and it sounds in every step from its onset step up to its offset step
 * (at least one step). Out-of-range notes and unterminated notes are listed in `report`.
 *
 * @example
 * ```ts
 * const roll = midiToRoll(parseSmf(bytes), { stepsPerQuarter: 4, channels: [0, 1] });
 * ```
 */
export function midiToRoll(midi: ParsedMidi, options: MidiToRollOptions = {}): PianoRoll {
  const spq = checkSpq(options.stepsPerQuarter ?? 4);
  const drums = options.drums ?? false;
  const low = drums ? 0 : (options.range?.low ?? 21);
  const high = drums ? 127 : (options.range?.high ?? 108);
  if (!(Number.isInteger(low) && Number.isInteger(high) && low >= 0 && high <= 127 && low <= high)) {
    throw new ConfigError(`Invalid pitch range ${low}..${high} (need integers 0 <= low <= high <= 127).`);
  }
  const trackSet = options.tracks ? new Set(options.tracks) : null;
  const channelSet = options.channels ? new Set(options.channels) : null;
  const wantChannel = (ch: number) =>
    channelSet ? channelSet.has(ch) : drums ? ch === 9 : ch !== 9 || options.includeDrums === true;
  const stepTicks = midi.ppq / spq;
  const toStep = (tick: number) => tick / stepTicks;

  const outOfRange: SkippedNote[] = [];
  const spans: Array<[number, number, number]> = []; // start step, end step, pitch
  let notesRead = 0;
  let length = 0;
  for (const n of midi.notes) {
    if ((trackSet && !trackSet.has(n.track)) || !wantChannel(n.channel)) continue;
    notesRead++;
    const pitch = drums ? canonicalDrumPitch(n.pitch) : n.pitch;
    if (pitch < low || pitch > high) {
      outOfRange.push({ pitch: n.pitch, startTick: n.startTick, channel: n.channel, track: n.track });
      continue;
    }
    const start = Math.round(toStep(n.startTick));
    const end = drums ? start + 1 : Math.max(start + 1, Math.round(toStep(n.endTick)));
    spans.push([start, end, pitch]);
    if (end > length) length = end;
  }
  const maxSteps = options.maxSteps ?? 500_000;
  if (length > maxSteps) {
    throw new MidiParseError(options.label ?? '<bytes>', `the roll would have ${length} steps, more than maxSteps = ${maxSteps} (corrupt timing?)`);
  }
  const sets: Array<Set<number> | undefined> = new Array(length);
  for (const [start, end, pitch] of spans) {
    for (let t = start; t < end; t++) (sets[t] ??= new Set()).add(pitch);
  }
  const steps: number[][] = new Array(length);
  for (let t = 0; t < length; t++) {
    const s = sets[t];
    steps[t] = s ? [...s].sort((a, b) => a - b) : [];
  }
  const tempos: RollTempo[] = [];
  for (const t of midi.tempos) {
    const step = toStep(t.tick);
    const last = tempos[tempos.length - 1];
    if (last && last.step === step) tempos[tempos.length - 1] = { step, bpm: t.bpm };
    else tempos.push({ step, bpm: t.bpm });
  }
  const timeSignatures: RollTimeSignature[] = midi.timeSignatures.map((ts) => ({
    step: toStep(ts.tick),
    numerator: ts.numerator,
    denominator: ts.denominator,
  }));
  const unterminated = midi.unterminated.filter((u) => (!trackSet || trackSet.has(u.track)) && wantChannel(u.channel));
  return {
    stepsPerQuarter: spq,
    steps,
    low: drums ? 0 : low,
    high: drums ? 127 : high,
    drums,
    tempos,
    timeSignatures,
    report: { notesRead, notesUsed: spans.length, outOfRange, unterminated },
  };
}
