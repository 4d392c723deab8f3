import type { DatasetSplits, PitchRange, SequenceData } from '@rnn-nade/core';
import { ConfigError } from '@rnn-nade/core';

/** Which transpositions to add (in semitones; 0 is always the original and never added twice). */
export interface TransposeOptions {
  /** Explicit shifts, e.g. `[-2, -1, 1, 2]`. */
  readonly shifts?: readonly number[];
  /** Or every shift in `min..max` (e.g. -6..5, all twelve keys). */
  readonly min?: number;
  /** Highest shift of a `min..max` range. */
  readonly max?: number;
}

function shiftsOf(options: TransposeOptions): number[] {
  const list =
    options.shifts ??
    (options.min !== undefined || options.max !== undefined
      ? Array.from({ length: (options.max ?? 0) - (options.min ?? 0) + 1 }, (_, i) => (options.min ?? 0) + i)
      : []);
  for (const k of list) if (!Number.isInteger(k)) throw new ConfigError(`Transposition ${k} is not a whole number of semitones.`);
  return [...new Set(list)].filter((k) => k !== 0).sort((a, b) => a - b);
}

/** Steps with every pitch moved by `semitones`. */
export function transposeSteps(steps: readonly (readonly number[])[], semitones: number): number[][] {
  return steps.map((s) => s.map((p) => p + semitones));
}

/**
 * The requested shifts that keep every note of `steps` inside `range` (default 21..108);
 * shifts that would push a note out are left out, never clipped.
 */
export function transpositionsInRange(steps: readonly (readonly number[])[], range: PitchRange, options: TransposeOptions): number[] {
  const low = range.low ?? 21;
  const high = range.high ?? 108;
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of steps)
    for (const p of s) {
      if (p < lo) lo = p;
      if (p > hi) hi = p;
    }
  if (lo === Infinity) return [];
  return shiftsOf(options).filter((k) => lo + k >= low && hi + k <= high);
}

/**
 * A sequence moved by `semitones` columns, or `null` if an active note would leave the roll
 * (each column of a pitched roll is one semitone).
 */
export function transposeSequence(seq: SequenceData, semitones: number): SequenceData | null {
  const { steps, dim, data } = seq;
  const out = new Float32Array(data.length);
  for (let t = 0; t < steps; t++) {
    for (let d = 0; d < dim; d++) {
      const v = data[t * dim + d]!;
      if (v === 0) continue;
      const to = d + semitones;
      if (to < 0 || to >= dim) return null;
      out[t * dim + to] = v;
    }
  }
  return { steps, dim, data: out };
}

/**
 * Transposition augmentation of a loaded corpus: the train split gains one copy of each
 * sequence per shift that keeps all its notes in the roll; valid and test are unchanged.
 *
 * @example
 * ```ts
 * const jsb = await loadCorpus('jsb');
 * const aug = augmentTranspositions(jsb, { min: -3, max: 3 }); // up to 7x the train sequences
 * ```
 */
export function augmentTranspositions<T extends DatasetSplits>(splits: T, options: TransposeOptions): T {
  const shifts = shiftsOf(options);
  const train: SequenceData[] = [];
  for (const seq of splits.train) {
    train.push(seq);
    for (const k of shifts) {
      const moved = transposeSequence(seq, k);
      if (moved) train.push(moved);
    }
  }
  return { ...splits, train };
}
