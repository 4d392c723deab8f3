import { rollToGridNotes } from '@rnn-nade/data-midi';

/** One note to play: MIDI pitch, start and length in seconds. */
export interface PlayedNote {
  /** MIDI pitch. */
  readonly pitch: number;
  /** Start, seconds from the beginning. */
  readonly start: number;
  /** Length, seconds. */
  readonly duration: number;
}

/** Equal-tempered frequency of a MIDI pitch (A4 = 69 = 440 Hz). */
export function midiToHz(pitch: number): number {
  return 440 * 2 ** ((pitch - 69) / 12);
}

/** The notes of a roll in seconds at `bpm` quarter notes per minute (held notes merged). */
export function scheduleNotes(steps: readonly (readonly number[])[], stepsPerQuarter: number, bpm: number): PlayedNote[] {
  const stepSeconds = 60 / bpm / stepsPerQuarter;
  return rollToGridNotes(steps)
    .map((n) => ({ pitch: n.pitch, start: n.startStep * stepSeconds, duration: (n.endStep - n.startStep) * stepSeconds }))
    .sort((a, b) => a.start - b.start || a.pitch - b.pitch);
}
