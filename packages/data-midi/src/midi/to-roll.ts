import type { PitchRange } from '@rnn-nade/core';
import { ConfigError } from '@rnn-nade/core';
import { canonicalDrumPitch } from '../drums/drum-map';
import { MidiParseError } from '../errors';
import { resolveMidiLimits, type MidiLimits } from './limits';
import { RollSpans } from './roll-spans';
import type { PianoRoll, RollTempo, RollTimeSignature, SkippedNote } from './piano-roll';
import type { MidiNote, ParsedMidi } from './smf-types';

/** Options of {@link midiToRoll} / `readMidi`. */
export interface MidiToRollOptions extends MidiLimits {
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
  /** Name used in errors (default `'<bytes>'`). */
  readonly label?: string;
}

function checkSpq(spq: number): number {
  if (!(Number.isInteger(spq) && spq >= 1 && spq <= 960)) {
    throw new ConfigError(`stepsPerQuarter must be an integer in 1..960, got ${spq}.`);
  }
  return spq;
}

interface SpanContext {
  readonly wanted: (n: MidiNote) => boolean;
  readonly drums: boolean;
  readonly low: number;
  readonly high: number;
  readonly toStep: (tick: number) => number;
  readonly limits: Required<MidiLimits>;
  readonly label: string;
}

/** The selected notes snapped to the grid (refusing, before any allocation, what exceeds the limits). */
function gridSpans(notes: readonly MidiNote[], c: SpanContext): { spans: RollSpans; notesRead: number; outOfRange: SkippedNote[] } {
  const spans = new RollSpans(c.limits, (why) => new MidiParseError(c.label, why));
  const outOfRange: SkippedNote[] = [];
  let notesRead = 0;
  for (const n of notes) {
    if (!c.wanted(n)) continue;
    notesRead++;
    const pitch = c.drums ? canonicalDrumPitch(n.pitch) : n.pitch;
    if (pitch < c.low || pitch > c.high) {
      outOfRange.push({ pitch: n.pitch, startTick: n.startTick, channel: n.channel, track: n.track });
      continue;
    }
    const start = Math.round(c.toStep(n.startTick));
    const end = c.drums ? start + 1 : Math.max(start + 1, Math.round(c.toStep(n.endTick)));
    spans.add(start, end, pitch, () => `pitch ${n.pitch} at tick ${n.startTick} (track ${n.track}, channel ${n.channel})`);
  }
  return { spans, notesRead, outOfRange };
}

/**
 * Quantises parsed MIDI to a piano roll. The grid is in ticks (`ppq / stepsPerQuarter` ticks
 * per step), so tempo changes do not bend it; they are carried in `tempos` (in steps) so
 * the roll can be written back at the same speed. A note's onset and offset are snapped to the
 * nearest grid line and it sounds in every step from its onset step up to its offset step
 * (at least one step). Out-of-range notes and unterminated notes are listed in `report`.
 * Time and memory are bounded by the {@link MidiLimits} (roll length, note length, filled
 * cells): a file over one of them throws {@link MidiParseError} before the roll is allocated.
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
  const wantChannel = (ch: number) => (channelSet ? channelSet.has(ch) : drums ? ch === 9 : ch !== 9 || options.includeDrums === true);
  const stepTicks = midi.ppq / spq;
  const toStep = (tick: number) => tick / stepTicks;

  const wanted = (n: MidiNote) => (!trackSet || trackSet.has(n.track)) && wantChannel(n.channel);
  const grid = gridSpans(midi.notes, { wanted, drums, low, high, toStep, limits: resolveMidiLimits(options), label: options.label ?? '<bytes>' });
  const steps = grid.spans.fill();
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
    report: { notesRead: grid.notesRead, notesUsed: grid.spans.count, outOfRange: grid.outOfRange, unterminated },
  };
}
