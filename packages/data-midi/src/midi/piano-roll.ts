import { pitchesToSequence, type SequenceData } from '@rnn-nade/core';
import type { UnterminatedNote } from './smf-types';
import { drumClassOf } from '../drums/drum-map';

/** A tempo change on the roll's grid. */
export interface RollTempo {
  /** Step index (may be fractional when the file changes tempo between grid lines). */
  readonly step: number;
  /** Quarter notes per minute. */
  readonly bpm: number;
}

/** A time-signature change on the roll's grid. */
export interface RollTimeSignature {
  /** Step index (may be fractional). */
  readonly step: number;
  /** Beats per bar. */
  readonly numerator: number;
  /** Beat unit (4 = quarter note). */
  readonly denominator: number;
}

/** A note the reader left out of the roll because its pitch (or drum note) is out of range. */
export interface SkippedNote {
  /** MIDI pitch of the note. */
  readonly pitch: number;
  /** Onset tick. */
  readonly startTick: number;
  /** MIDI channel (0-based). */
  readonly channel: number;
  /** Track chunk index. */
  readonly track: number;
}

/** What happened while reading a MIDI file into a roll (nothing is dropped silently). */
export interface RollReport {
  /** Notes in the selected tracks / channels. */
  readonly notesRead: number;
  /** Notes that made it into the roll. */
  readonly notesUsed: number;
  /** Notes outside the pitch range (or, for drums, not in any drum class). */
  readonly outOfRange: readonly SkippedNote[];
  /** Note-ons without note-off (closed at the end of their track, or dropped if zero-length). */
  readonly unterminated: readonly UnterminatedNote[];
}

/**
 * A quantised piano roll: the MIDI pitches sounding at each step of a grid of
 * `stepsPerQuarter` steps per quarter note, plus the tempo and meter of the source.
 * For drum rolls (`drums: true`), pitches are the General MIDI notes of the nine drum classes.
 * Its `{stepsPerQuarter, steps}` part is the JSON roll format of the CLI.
 */
export interface PianoRoll {
  /** Grid resolution (steps per quarter note). */
  readonly stepsPerQuarter: number;
  /** Sorted MIDI pitches per step (`[]` = silence). */
  readonly steps: number[][];
  /** Lowest pitch of the range (for drum rolls: 0, unused). */
  readonly low: number;
  /** Highest pitch of the range. */
  readonly high: number;
  /** True for a drum roll (channel 10, onset-only, nine classes). */
  readonly drums: boolean;
  /** Tempo map; at least one entry at step 0. */
  readonly tempos: readonly RollTempo[];
  /** Time signatures (empty when the source had none). */
  readonly timeSignatures: readonly RollTimeSignature[];
  /** What was skipped or repaired while reading (absent for rolls built from scratch). */
  readonly report?: RollReport;
}

/**
 * The binary frames of a roll: 88 (or `high - low + 1`) columns for pitched rolls; 9 columns
 * (one per drum class, {@link DRUM_CLASSES}) for drum rolls.
 *
 * @example
 * ```ts
 * const roll = await readMidiFile('song.mid');
 * const seq = rollToSequence(roll); // SequenceData [T, 88]
 * ```
 */
export function rollToSequence(roll: Pick<PianoRoll, 'steps' | 'low' | 'high' | 'drums'>): SequenceData {
  if (!roll.drums) return pitchesToSequence(roll.steps, { low: roll.low, high: roll.high });
  const dim = 9;
  const data = new Float32Array(roll.steps.length * dim);
  roll.steps.forEach((pitches, t) => {
    for (const p of pitches) {
      const c = drumClassOf(p);
      if (c >= 0) data[t * dim + c] = 1;
    }
  });
  return { steps: roll.steps.length, dim, data };
}
