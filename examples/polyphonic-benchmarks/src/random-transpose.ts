import type { Rng, SequenceData } from '@rnn-nade/core';
import { transposeSequence } from '@rnn-nade/data-midi/node';

/**
 * A per-epoch augmentation for `train({ augment })`: every training sequence is moved by a
 * shift drawn uniformly from `-maxShift..maxShift` semitones among the shifts that keep all its
 * notes inside the roll (0 is always allowed), so each epoch sees the corpus in random keys at
 * the cost of one pass (no copies are added). Seeded through the trainer's `Rng`.
 *
 * @example
 * ```ts
 * await train(model, jsb, { epochs: 30, augment: randomTransposition(6) });
 * ```
 */
export function randomTransposition(maxShift: number): (train: SequenceData[], rng: Rng) => SequenceData[] {
  if (!Number.isInteger(maxShift) || maxShift < 0) throw new RangeError(`maxShift must be an integer >= 0, got ${maxShift}.`);
  return (train, rng) =>
    train.map((seq) => {
      if (maxShift === 0) return seq;
      const [lo, hi] = activeRange(seq);
      if (lo > hi) return seq;
      const down = Math.min(maxShift, lo);
      const up = Math.min(maxShift, seq.dim - 1 - hi);
      const shift = rng.int(down + up + 1) - down;
      return shift === 0 ? seq : (transposeSequence(seq, shift) ?? seq);
    });
}

/** Lowest and highest active column of a sequence ([dim, -1] when it is silent). */
export function activeRange(seq: SequenceData): [number, number] {
  let lo = seq.dim;
  let hi = -1;
  for (let t = 0; t < seq.steps; t++) {
    const row = t * seq.dim;
    for (let d = 0; d < seq.dim; d++) {
      if (seq.data[row + d] !== 0) {
        if (d < lo) lo = d;
        if (d > hi) hi = d;
      }
    }
  }
  return [lo, hi];
}
