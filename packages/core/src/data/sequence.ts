import type { JsonValue } from '../estimator/contract';
import { ShapeError } from '../util/errors';

/**
 * One sequence of frames, stored row-major: frame `t` is `data.subarray(t * dim, (t + 1) * dim)`.
 * Binary piano rolls and real word-vector sequences use the same type.
 */
export interface SequenceData {
  /** Number of frames T. */
  readonly steps: number;
  /** Frame dimension D. */
  readonly dim: number;
  /** `T * D` values, row-major. */
  readonly data: Float32Array;
  /**
   * Optional per-step side features `[T, C]` for a model built with a `ConditioningSpec`. Row t
   * describes step t, the step whose frame is predicted (exogenous, known in advance: frame t's
   * metric position, a composer label); the encoder input at step t is concat(frame t-1, row t).
   */
  readonly conditioning?: Conditioning;
}

/**
 * Per-step side features of a sequence: `data` holds `steps * channels` values, row-major (row t
 * = step t). Build them with `buildConditioning` from a `ConditioningSpec`, or supply your own.
 *
 * @example
 * ```ts
 * const seq: SequenceData = { steps: 2, dim: 3, data: new Float32Array(6), conditioning: { channels: 1, data: new Float32Array([0, 1]) } };
 * ```
 */
export interface Conditioning {
  /** Number of channels C per step. */
  readonly channels: number;
  /** `T * C` values, row-major. */
  readonly data: Float32Array;
}

/** A corpus split into train / valid / test sequences. */
export interface DatasetSplits {
  /** Training sequences. */
  readonly train: SequenceData[];
  /** Validation sequences (early stopping, model selection). */
  readonly valid: SequenceData[];
  /** Test sequences (reported metrics). */
  readonly test: SequenceData[];
  /**
   * What the frames mean, when the loader knows it (grid, pitch range, corpus name). `train()`
   * copies it onto the model, and `SequenceModel.save` stores it as `metadata.data`, so a saved
   * model can be sampled at the right tempo and pitches.
   */
  readonly dataSpec?: DataSpec;
}

/**
 * The data description stored with a model as `metadata.data` (plain JSON). Piano-roll loaders
 * fill `stepsPerQuarter` (null when unknown), `low`, `high` and `dim`.
 *
 * @example
 * ```ts
 * const spec: DataSpec = { dataset: 'jsb', stepsPerQuarter: 1, low: 21, high: 108, dim: 88 };
 * ```
 */
export type DataSpec = {
  /** Corpus name. */
  readonly dataset?: string;
  /** Time steps per quarter note of the grid, or null when the source does not say. */
  readonly stepsPerQuarter?: number | null;
  /** MIDI pitch of column 0. */
  readonly low?: number;
  /** MIDI pitch of the last column (`low + dim - 1`). */
  readonly high?: number;
  /** Frame size D. */
  readonly dim?: number;
  /** Further plain-JSON fields. */
  readonly [key: string]: JsonValue | undefined;
};

/** Pitch range of a piano roll (inclusive MIDI numbers). Default: the 88 piano keys 21..108. */
export interface PitchRange {
  /** Lowest MIDI pitch, mapped to dimension 0 (default 21, A0). */
  readonly low?: number;
  /** Highest MIDI pitch, inclusive (default 108, C8). */
  readonly high?: number;
}

/**
 * Converts the corpora's "list of sounding MIDI pitches per step" form into a binary roll.
 * Pitches outside the range throw a {@link ShapeError} (use a wider range or filter first).
 *
 * @example
 * ```ts
 * const seq = pitchesToSequence([[60, 64, 67], [], [62]]); // 3 steps x 88 keys
 * ```
 */
export function pitchesToSequence(steps: readonly (readonly number[])[], range: PitchRange = {}): SequenceData {
  const low = range.low ?? 21;
  const high = range.high ?? 108;
  const dim = high - low + 1;
  const data = new Float32Array(steps.length * dim);
  steps.forEach((pitches, t) => {
    for (const raw of pitches) {
      const p = Math.round(raw);
      if (!(p >= low && p <= high)) {
        throw new ShapeError(`Pitch ${raw} at step ${t} is outside the range ${low}..${high}.`);
      }
      data[t * dim + (p - low)] = 1;
    }
  });
  return { steps: steps.length, dim, data };
}

/** The inverse of {@link pitchesToSequence}: active MIDI pitches per step (values > 0.5 count). */
export function sequenceToPitches(seq: SequenceData, range: PitchRange = {}): number[][] {
  const low = range.low ?? 21;
  const out: number[][] = [];
  for (let t = 0; t < seq.steps; t++) {
    const step: number[] = [];
    for (let d = 0; d < seq.dim; d++) if (seq.data[t * seq.dim + d]! > 0.5) step.push(low + d);
    out.push(step);
  }
  return out;
}
