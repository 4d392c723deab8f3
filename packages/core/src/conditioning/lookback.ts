import type { Conditioning, SequenceData } from '../data/sequence';
import { ConditioningError } from '../util/errors';
import {
  conditioningChannels,
  conditioningLayout,
  describeConditioning,
  type ConditioningSlot,
  type ConditioningSpec,
  type LookbackFeature,
  lookbackDim,
} from './spec';

/**
 * Writes the lookback channels of row t into `out` at `offset`: frame t - lag for every lag
 * (zeros when t - lag < 0), then with `repeats` one bit per lag, 1 when frame t-1 equals frame
 * t-1-lag. Reads only frames 0 .. t-1 of `frames` (row-major, `feature.dim` values per frame), so
 * a row never depends on the frame it helps to predict.
 *
 * @example
 * ```ts
 * const f = { kind: 'lookback', lags: [2], dim: 1 } as const;
 * const out = new Float32Array(1);
 * writeLookbackChannels(f, new Float32Array([7, 8, 9]), 2, out, 0); // out = [7]
 * ```
 */
export function writeLookbackChannels(feature: LookbackFeature, frames: Float32Array, t: number, out: Float32Array, offset: number): void {
  const D = lookbackDim(feature);
  const lags = feature.lags;
  for (let i = 0; i < lags.length; i++) {
    const src = t - lags[i]!;
    const at = offset + i * D;
    if (src >= 0) out.set(frames.subarray(src * D, (src + 1) * D), at);
    else out.fill(0, at, at + D);
  }
  if (!feature.repeats) return;
  for (let i = 0; i < lags.length; i++) {
    const a = t - 1;
    const b = t - 1 - lags[i]!;
    let same = b >= 0;
    for (let d = 0; same && d < D; d++) same = frames[a * D + d] === frames[b * D + d];
    out[offset + lags.length * D + i] = same ? 1 : 0;
  }
}

/** Where a lookback feature sits in a conditioning row. */
export type LookbackSlot = ConditioningSlot & {
  /** The lookback feature at this slot. */
  readonly feature: LookbackFeature;
};

/**
 * The slots of the features computed from the frames themselves (`'lookback'`).
 *
 * @example
 * ```ts
 * derivedSlots({ features: [{ kind: 'metric', stepsPerBeat: 4, beatsPerBar: 4 }, { kind: 'lookback', lags: [16], dim: 9 }] }); // [{ feature, offset: 8, channels: 9 }]
 * ```
 */
export function derivedSlots(spec: ConditioningSpec | null): LookbackSlot[] {
  return spec ? conditioningLayout(spec).filter((s): s is LookbackSlot => s.feature.kind === 'lookback') : [];
}

/**
 * The part of a spec the user supplies rows for: every feature except those derived from the
 * frames (`'lookback'`), or null when nothing is left.
 *
 * @example
 * ```ts
 * suppliedSpec({ features: [{ kind: 'lookback', lags: [16], dim: 88 }, { kind: 'metric', stepsPerBeat: 4, beatsPerBar: 4 }] }); // { features: [metric] }
 * ```
 */
export function suppliedSpec(spec: ConditioningSpec | null): ConditioningSpec | null {
  const features = spec?.features.filter((f) => f.kind !== 'lookback') ?? [];
  return features.length > 0 ? { features } : null;
}

/**
 * Full conditioning rows `[T, C]` from supplied rows: `rows` holds either all C channels (then it
 * is copied as is) or only the supplied features' channels (see {@link suppliedSpec}; absent when
 * there are none), into which the derived channels are inserted. The derived channels are
 * computed from `frames` when given, else left at zero (the sampler fills them step by step).
 * @throws ConditioningError when `rows` has neither channel count.
 *
 * @example
 * ```ts
 * const spec = { features: [{ kind: 'label', name: 'style', classes: ['a', 'b'] }, { kind: 'lookback', lags: [1], dim: 2 }] } as const;
 * expandConditioning(spec, { channels: 2, data: new Float32Array([1, 0, 0, 1]) }, 2, new Float32Array([5, 6, 7, 8]), 'x').data; // [1, 0, 0, 0, 0, 1, 5, 6]
 * ```
 */
export function expandConditioning(
  spec: ConditioningSpec,
  rows: Conditioning | undefined,
  steps: number,
  frames: Float32Array | null,
  where: string,
): Conditioning {
  const C = conditioningChannels(spec);
  if (rows && rows.channels === C) return { channels: C, data: rows.data.slice() };
  const S = conditioningChannels(suppliedSpec(spec));
  const given = rows?.channels ?? 0;
  if (given !== S || (rows && rows.data.length !== steps * S)) {
    throw new ConditioningError(
      `The model is conditioned on ${C} channels (${describeConditioning(spec)}), ${C - S} of them derived from the frames (lookback): ${where} must carry ${S} channels (the other features) or all ${C}, but it has ${given}${rows ? ` (${rows.data.length} values for ${steps} steps)` : ''}.`,
    );
  }
  const data = new Float32Array(steps * C);
  let read = 0;
  for (const { feature, offset, channels } of conditioningLayout(spec)) {
    if (feature.kind === 'lookback') {
      if (frames) for (let t = 0; t < steps; t++) writeLookbackChannels(feature, frames, t, data, t * C + offset);
      continue;
    }
    for (let t = 0; t < steps; t++) data.set(rows!.data.subarray(t * S + read, t * S + read + channels), t * C + offset);
    read += channels;
  }
  return { channels: C, data };
}

/**
 * The sequence with its full conditioning rows for a model whose spec has derived (`'lookback'`)
 * features: the lookback channels are computed from the sequence's own frames and inserted
 * among the supplied ones. A sequence that already carries all C channels (e.g. the output of
 * `model.sample`, or a crop of a derived sequence) is returned as is, and so is every sequence
 * for a spec without derived features. Training and evaluation apply it to every sequence.
 * @throws ConditioningError when the sequence's rows have neither the supplied nor the full channel count.
 *
 * @example
 * ```ts
 * const spec = { features: [{ kind: 'lookback', lags: [16, 32], dim: 88 }] } as const;
 * const full = withDerivedConditioning(spec, { steps: 64, dim: 88, data }); // full.conditioning.channels = 176
 * ```
 */
export function withDerivedConditioning(spec: ConditioningSpec | null, seq: SequenceData, where = 'the sequence'): SequenceData {
  if (!spec || derivedSlots(spec).length === 0 || seq.conditioning?.channels === conditioningChannels(spec)) return seq;
  return { ...seq, conditioning: expandConditioning(spec, seq.conditioning, seq.steps, seq.data, where) };
}
