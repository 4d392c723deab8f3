import { ConfigError } from '@rnn-nade/core';
import type { RollTempo } from './piano-roll';

/** A note on the grid of a roll (end exclusive). */
export interface GridNote {
  /** MIDI pitch. */
  readonly pitch: number;
  /** First step. */
  readonly startStep: number;
  /** Step after the last (exclusive). */
  readonly endStep: number;
}

/**
 * The notes of a roll: consecutive active steps of a pitch merged into one held note, or one
 * note per active step with `restrike`. Sorted by pitch, then start. Pitches must be MIDI
 * note numbers (0..127; values like `74.0` are accepted).
 */
export function rollToGridNotes(steps: readonly (readonly number[])[], options: { restrike?: boolean } = {}): GridNote[] {
  const byPitch = new Map<number, number[]>();
  steps.forEach((step, t) => {
    for (const raw of step) {
      const p = Math.round(raw);
      if (!(p >= 0 && p <= 127)) throw new ConfigError(`Pitch ${raw} at step ${t} is not a MIDI note number (0..127).`);
      const list = byPitch.get(p);
      if (!list) byPitch.set(p, [t]);
      else if (list[list.length - 1] !== t) list.push(t);
    }
  });
  const notes: GridNote[] = [];
  for (const p of [...byPitch.keys()].sort((a, b) => a - b)) {
    const ts = byPitch.get(p)!;
    let i = 0;
    while (i < ts.length) {
      let j = i + 1;
      if (!options.restrike) while (j < ts.length && ts[j] === ts[j - 1]! + 1) j++;
      notes.push({ pitch: p, startStep: ts[i]!, endStep: ts[j - 1]! + 1 });
      i = j;
    }
  }
  return notes;
}

/**
 * Seconds at a (possibly fractional) step under a tempo map given in steps.
 * Returns a function; the tempo map must be sorted by step (a default of 120 bpm applies
 * before its first entry).
 */
export function stepToSeconds(tempos: readonly RollTempo[], stepsPerQuarter: number): (step: number) => number {
  const map = tempos.length && tempos[0]!.step === 0 ? tempos : [{ step: 0, bpm: 120 }, ...tempos];
  const starts: number[] = [0];
  for (let i = 1; i < map.length; i++) {
    starts.push(starts[i - 1]! + ((map[i]!.step - map[i - 1]!.step) * 60) / (map[i - 1]!.bpm * stepsPerQuarter));
  }
  return (step: number) => {
    let i = map.length - 1;
    while (i > 0 && map[i]!.step > step) i--;
    return starts[i]! + ((step - map[i]!.step) * 60) / (map[i]!.bpm * stepsPerQuarter);
  };
}
