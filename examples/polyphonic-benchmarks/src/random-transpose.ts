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

/**
 * A per-epoch augmentation for `train({ augment })` that moves every training sequence to one of
 * the 12 keys, uniformly among the keys it can reach on the roll: each pitch-class shift c in
 * −6..+5 is applied as the shift among c, c + 12, c − 12 that is closest to 0 and keeps every
 * note on the roll; keys that no octave variant reaches (a piece spanning more than 7 octaves)
 * are left out. Unlike {@link randomTransposition}(6) (13 shifts, the tritone twice, edge keys
 * dropped) every key is equally likely. Seeded through the trainer's `Rng`.
 *
 * @example
 * ```ts
 * await train(model, jsb, { epochs: 30, augment: randomKeyTransposition() });
 * ```
 */
export function randomKeyTransposition(): (train: SequenceData[], rng: Rng) => SequenceData[] {
  return (train, rng) =>
    train.map((seq) => {
      const [lo, hi] = activeRange(seq);
      if (lo > hi) return seq;
      const shifts = keyShifts(lo, hi, seq.dim);
      const shift = shifts[rng.int(shifts.length)]!;
      return shift === 0 ? seq : (transposeSequence(seq, shift) ?? seq);
    });
}

/**
 * The shifts {@link randomKeyTransposition} draws from for notes spanning columns `lo..hi` of a
 * `dim`-key roll: one per reachable pitch class (−6..+5), the octave variant closest to 0 that fits.
 */
export function keyShifts(lo: number, hi: number, dim: number): number[] {
  const fits = (s: number) => lo + s >= 0 && hi + s <= dim - 1;
  const out: number[] = [];
  for (let c = -6; c <= 5; c++) {
    const variants = [c, c + 12, c - 12].filter(fits).sort((a, b) => Math.abs(a) - Math.abs(b));
    if (variants.length > 0) out.push(variants[0]!);
  }
  return out;
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
