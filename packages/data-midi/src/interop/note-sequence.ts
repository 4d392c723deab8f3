import { ConfigError } from '@rnn-nade/core';
import { canonicalDrumPitch } from '../drums/drum-map';
import { resolveMidiLimits, type MidiLimits } from '../midi/limits';
import type { PianoRoll, RollTempo } from '../midi/piano-roll';
import { rollToGridNotes, stepToSeconds } from '../midi/roll-notes';
import type { RollLike } from '../midi/roll-to-midi';
import { RollSpans } from '../midi/roll-spans';

/** A note, with the field names of `@magenta/music`'s `INoteSequence.INote`. */
export interface NoteSequenceNote {
  /** MIDI pitch. */
  pitch: number;
  /** Velocity 1..127. */
  velocity?: number;
  /** Onset in seconds. */
  startTime?: number;
  /** Offset in seconds. */
  endTime?: number;
  /** Onset step on the quantization grid. */
  quantizedStartStep?: number;
  /** Offset step (exclusive). */
  quantizedEndStep?: number;
  /** GM program. */
  program?: number;
  /** True for percussion (channel 10). */
  isDrum?: boolean;
  /** Instrument (track) number. */
  instrument?: number;
}

/** `INoteSequence.IQuantizationInfo`. */
export interface NoteSequenceQuantizationInfo {
  /** Grid steps per quarter note (metrical quantization). */
  stepsPerQuarter?: number;
  /** Grid steps per second (absolute quantization). */
  stepsPerSecond?: number;
}

/** `INoteSequence.ITempo`. */
export interface NoteSequenceTempo {
  /** Seconds. */
  time?: number;
  /** Quarter notes per minute. */
  qpm?: number;
}

/** `INoteSequence.ITimeSignature`. */
export interface NoteSequenceTimeSignature {
  /** Seconds. */
  time?: number;
  /** Beats per bar. */
  numerator?: number;
  /** Beat unit. */
  denominator?: number;
}

/**
 * A plain object shaped like `@magenta/music`'s `INoteSequence` (same field names), so it can
 * be handed to magenta's `Player` or `sequences.*` helpers without this package depending on
 * magenta.
 */
export interface NoteSequence {
  /** The notes. */
  notes: NoteSequenceNote[];
  /** Length in seconds. */
  totalTime?: number;
  /** Length in grid steps (quantized sequences). */
  totalQuantizedSteps?: number;
  /** Grid of a quantized sequence. */
  quantizationInfo?: NoteSequenceQuantizationInfo;
  /** Tempo changes (`qpm` = quarter notes per minute) at `time` seconds. */
  tempos?: NoteSequenceTempo[];
  /** Time signatures at `time` seconds. */
  timeSignatures?: NoteSequenceTimeSignature[];
  /** MIDI resolution (magenta default 220). */
  ticksPerQuarter?: number;
}

/** Options of {@link rollToNoteSequence}. */
export interface RollToNoteSequenceOptions {
  /** Constant tempo (default: the roll's tempo map, else 120 qpm). */
  readonly qpm?: number;
  /** Velocity of every note (default 80). */
  readonly velocity?: number;
  /** GM program of pitched notes (default 0). */
  readonly program?: number;
  /** One note per active step instead of held notes (default false; always for drums). */
  readonly restrike?: boolean;
}

/**
 * Converts a roll to a quantized NoteSequence (both `quantizedStartStep`/`quantizedEndStep`
 * and `startTime`/`endTime` are filled, so it plays in magenta's `Player`).
 *
 * @example
 * ```ts
 * const ns = rollToNoteSequence({ stepsPerQuarter: 4, steps: [[60], [60], [64]] });
 * // new mm.Player().start(ns)
 * ```
 */
export function rollToNoteSequence(roll: RollLike, options: RollToNoteSequenceOptions = {}): NoteSequence {
  const spq = roll.stepsPerQuarter ?? 4;
  const drums = roll.drums ?? false;
  const tempos: readonly RollTempo[] =
    options.qpm !== undefined ? [{ step: 0, bpm: options.qpm }] : roll.tempos?.length ? roll.tempos : [{ step: 0, bpm: 120 }];
  const sec = stepToSeconds(tempos, spq);
  const notes = rollToGridNotes(roll.steps, { restrike: drums || options.restrike === true })
    .map((n) => ({
      pitch: n.pitch,
      velocity: options.velocity ?? 80,
      startTime: sec(n.startStep),
      endTime: sec(n.endStep),
      quantizedStartStep: n.startStep,
      quantizedEndStep: n.endStep,
      program: drums ? 0 : (options.program ?? 0),
      isDrum: drums,
      instrument: drums ? 9 : 0,
    }))
    .sort((a, b) => a.quantizedStartStep - b.quantizedStartStep || a.pitch - b.pitch);
  return {
    notes,
    totalTime: sec(roll.steps.length),
    totalQuantizedSteps: roll.steps.length,
    quantizationInfo: { stepsPerQuarter: spq },
    tempos: tempos.map((t) => ({ time: sec(t.step), qpm: t.bpm })),
    timeSignatures: (roll.timeSignatures ?? []).map((ts) => ({ time: sec(ts.step), numerator: ts.numerator, denominator: ts.denominator })),
    ticksPerQuarter: 220,
  };
}

/** Options of {@link noteSequenceToRoll}. */
export interface NoteSequenceToRollOptions extends MidiLimits {
  /** Grid (default: the sequence's `quantizationInfo.stepsPerQuarter`, else 4). */
  readonly stepsPerQuarter?: number;
  /** Pitch range (default 21..108); notes outside are left out. */
  readonly low?: number;
  /** Highest pitch kept (default 108). */
  readonly high?: number;
  /** Make a drum roll from the `isDrum` notes (default: true when every note is a drum). */
  readonly drums?: boolean;
}

/**
 * Converts a NoteSequence (quantized or not) to a roll. Quantized sequences with the same
 * `stepsPerQuarter` keep their steps exactly; otherwise times are snapped to the grid through
 * the sequence's tempo map (first `qpm`, default 120). The work is bounded by the
 * {@link MidiLimits} in `options` (roll length, note length, filled cells): a sequence over one
 * throws `ConfigError` before the roll is allocated.
 *
 * @example
 * ```ts
 * const roll = noteSequenceToRoll(ns, { stepsPerQuarter: 4 });
 * ```
 */
export function noteSequenceToRoll(ns: NoteSequence, options: NoteSequenceToRollOptions = {}): PianoRoll {
  const notes = ns.notes ?? [];
  const drums = options.drums ?? (notes.length > 0 && notes.every((n) => n.isDrum));
  const nsSpq = ns.quantizationInfo?.stepsPerQuarter;
  const spq = options.stepsPerQuarter ?? nsSpq ?? 4;
  const low = drums ? 0 : (options.low ?? 21);
  const high = drums ? 127 : (options.high ?? 108);
  const tempos = (ns.tempos?.length ? ns.tempos : [{ time: 0, qpm: 120 }])
    .map((t) => ({ time: t.time ?? 0, qpm: t.qpm ?? 120 }))
    .sort((a, b) => a.time - b.time);
  if (tempos[0]!.time > 0) tempos.unshift({ time: 0, qpm: 120 });
  // seconds -> quarters, piecewise over the tempo map
  const qStart: number[] = [0];
  for (let i = 1; i < tempos.length; i++) qStart.push(qStart[i - 1]! + ((tempos[i]!.time - tempos[i - 1]!.time) * tempos[i - 1]!.qpm) / 60);
  const toStep = (time: number) => {
    let lo = 0;
    let hi = tempos.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (tempos[mid]!.time <= time) lo = mid;
      else hi = mid - 1;
    }
    return (qStart[lo]! + ((time - tempos[lo]!.time) * tempos[lo]!.qpm) / 60) * spq;
  };
  const exact = nsSpq !== undefined && nsSpq === spq;
  const spans = new RollSpans(resolveMidiLimits(options), (why) => new ConfigError(`NoteSequence: ${why}.`));
  if (exact) spans.extendTo(Math.max(0, Math.ceil(ns.totalQuantizedSteps ?? 0)), 'totalQuantizedSteps');
  for (const n of notes) {
    if (drums !== (n.isDrum === true)) continue;
    const pitch = drums ? canonicalDrumPitch(n.pitch) : n.pitch;
    if (pitch < low || pitch > high) continue;
    let s: number;
    let e: number;
    if (exact && n.quantizedStartStep !== undefined && n.quantizedEndStep !== undefined) {
      s = n.quantizedStartStep;
      e = n.quantizedEndStep;
    } else if (n.startTime !== undefined && n.endTime !== undefined) {
      s = Math.round(toStep(n.startTime));
      e = Math.round(toStep(n.endTime));
    } else throw new ConfigError(`NoteSequence note (pitch ${n.pitch}) has neither quantized steps nor times.`);
    if (!Number.isFinite(s) || !Number.isFinite(e)) throw new ConfigError(`NoteSequence note (pitch ${n.pitch}) has non-finite times.`);
    s = Math.max(0, Math.round(s));
    e = drums ? s + 1 : Math.max(s + 1, Math.round(e));
    spans.add(s, e, pitch, () => `pitch ${n.pitch} at step ${s}`);
  }
  const tempoOut = tempos.map((t) => ({ step: toStep(t.time), bpm: t.qpm }));
  return {
    stepsPerQuarter: spq,
    steps: spans.fill(),
    low,
    high,
    drums,
    tempos: tempoOut,
    timeSignatures: (ns.timeSignatures ?? []).map((ts) => ({ step: toStep(ts.time ?? 0), numerator: ts.numerator ?? 4, denominator: ts.denominator ?? 4 })),
  };
}
