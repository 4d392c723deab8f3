import { ConfigError, buildConditioning, candidateSeeds, completeSequence, type SequenceData, type SequenceModel } from '@rnn-nade/core';
import type { GrooveType } from './groove-info';

/** How drums are decoded from the model (documented on the results page and the model card). */
export interface GrooveDecoding {
  /** Sampling temperature (1 = the model's distribution). */
  readonly temperature: number;
  /**
   * Draw this many candidates and keep the one the model itself finds most likely (log-likelihood
   * of the continuation given the primer: the same ranking as that of primer + continuation); 1 =
   * plain sampling.
   */
  readonly bestOf: number;
}

/** A decoding in a few characters, e.g. `T=0.9, best of 8`. */
export function describeDecodingShort(d: GrooveDecoding): string {
  return `T=${d.temperature}${d.bestOf > 1 ? `, best of ${d.bestOf}` : ''}`;
}

/**
 * The metadata block `sampling` a drum model stores for `rnn-nade sample` (which reads it as its
 * default decoding): `{ temperature, candidates }` of a {@link GrooveDecoding}.
 *
 * @example
 * ```ts
 * samplingMetadata({ temperature: 1, bestOf: 4 }); // { temperature: 1, candidates: 4 }
 * ```
 */
export function samplingMetadata(d: GrooveDecoding): { temperature: number; candidates: number } {
  return { temperature: d.temperature, candidates: d.bestOf };
}

/** Plain sampling at temperature 1. */
export const PLAIN_DECODING: GrooveDecoding = { temperature: 1, bestOf: 1 };

/** Options of {@link sampleGroove}. */
export interface SampleGrooveOptions {
  /** New steps to generate. */
  readonly steps: number;
  /** Real bars to continue (step 0 on a bar line); none = from the initial state on a downbeat. */
  readonly primer?: SequenceData;
  /** Beat or fill: the label a conditioned model plays (ignored by models without a label). */
  readonly type?: GrooveType;
  /** Seed of the first candidate; candidate k uses `seed + k · 7919` (core's `candidateSeeds`). */
  readonly seed: number;
  /** Temperature and best-of-N (default {@link PLAIN_DECODING}). */
  readonly decoding?: GrooveDecoding;
}

/** The model's labels for a groove type: `{ type }` when the model is conditioned on that label. */
export function grooveLabels(model: SequenceModel, type: GrooveType | undefined): Record<string, string> | undefined {
  const spec = model.conditioning;
  if (!spec || !type) return undefined;
  return spec.features.some((f) => f.kind === 'label' && f.name === 'type') ? { type } : undefined;
}

/** `seq` with the model's conditioning rows for its steps (metric position from step 0, the label), or `seq` itself for an unconditioned model. */
export function withGrooveConditioning(model: SequenceModel, seq: SequenceData, type: GrooveType | undefined): SequenceData {
  const spec = model.conditioning;
  if (!spec) return seq;
  return { ...seq, conditioning: buildConditioning(spec, { steps: seq.steps, labels: grooveLabels(model, type) }) };
}

/**
 * Generates drums from a drum model with a {@link GrooveDecoding}: `bestOf` candidates sampled at
 * `temperature` (seeds from core's `candidateSeeds`: `seed + k · 7919`), the one with the highest
 * model log-likelihood of the continuation given the primer (with the metric position and label
 * rows the model was trained with) is returned. This is core's `completeSequence`, the code path
 * of `rnn-nade sample --candidates N` / a stored `sampling` decoding, so the CLI with `--seed S`
 * draws the same groove. Only the new steps are returned.
 *
 * @example
 * ```ts
 * const groove = await sampleGroove(model, { steps: 64, type: 'beat', seed: 1, decoding: { temperature: 1, bestOf: 4 } });
 * ```
 */
export async function sampleGroove(model: SequenceModel, options: SampleGrooveOptions): Promise<SequenceData> {
  const { temperature, bestOf } = options.decoding ?? PLAIN_DECODING;
  if (!Number.isInteger(bestOf) || bestOf < 1) throw new ConfigError(`bestOf must be an integer >= 1, got ${bestOf}.`);
  const { sequence } = await completeSequence(model, {
    steps: options.steps,
    primer: options.primer,
    temperature,
    seeds: candidateSeeds(options.seed, bestOf),
    labels: grooveLabels(model, options.type),
  });
  return sequence;
}

/** Frames of `a` followed by frames of `b` (same dim; conditioning dropped). */
export function concatSteps(a: SequenceData, b: SequenceData): SequenceData {
  const data = new Float32Array((a.steps + b.steps) * a.dim);
  data.set(a.data.subarray(0, a.steps * a.dim));
  data.set(b.data.subarray(0, b.steps * b.dim), a.steps * a.dim);
  return { steps: a.steps + b.steps, dim: a.dim, data };
}
