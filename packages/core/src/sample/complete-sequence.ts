import { buildConditioning } from '../conditioning/build';
import { suppliedSpec, withDerivedConditioning } from '../conditioning/lookback';
import type { SequenceData } from '../data/sequence';
import type { SequenceModel } from '../model/sequence-model';
import { train } from '../train/trainer';
import { ConfigError } from '../util/errors';
import { Rng } from '../util/rng';
import { checkBinaryFrames } from './binary-frames';
import { consensusChoice } from './consensus';
import type { ModelSampleOptions } from './sample';

/**
 * How {@link completeSequence} picks one of several candidates: `'likelihood'`, the one the model
 * finds most likely given the primer; `'consensus'` (binary frames only), the one with the
 * highest mean frame accuracy against the other candidates (minimum Bayes risk for frame
 * accuracy; see {@link consensusChoice}).
 */
export type CandidateSelection = 'likelihood' | 'consensus';

/** Options of {@link completeSequence}: those of `model.sample` plus the decoding choices. */
export interface CompleteSequenceOptions extends ModelSampleOptions {
  /** Continuations drawn (integer >= 1, default 1, or the length of `seeds`); the one the model finds most likely given the primer is returned. */
  candidates?: number;
  /**
   * The candidates' sampling seeds (integers), in draw order: one candidate per seed. Default:
   * `candidates` seeds derived from `seed`. {@link candidateSeeds} gives seeds whose first
   * candidate is plain `model.sample({ seed })`.
   */
  seeds?: readonly number[];
  /**
   * Adapt to the primer before continuing it (dynamic evaluation): this many Adam updates on
   * the primer alone (default 0 = off). The model's weights are restored afterwards.
   */
  adaptSteps?: number;
  /** Learning rate of the adaptation updates (default 1e-3). */
  adaptLearningRate?: number;
  /** How one of several candidates is kept (default `'likelihood'`; `'consensus'` needs a binary estimator). */
  select?: CandidateSelection;
}

/** What {@link completeSequence} returns. */
export interface CompleteSequenceResult {
  /** The chosen continuation (new frames only, like `model.sample`). */
  readonly sequence: SequenceData;
  /** log p(chosen continuation | primer) under the (adapted) model, in nats (sum over its frames); NaN with one candidate (not computed). */
  readonly logLikelihood: number;
  /** Every candidate's sampling seed and log-likelihood given the primer (NaN with one candidate), in draw order. */
  readonly candidates: readonly {
    /** Seed the candidate was drawn with. */
    readonly seed: number;
    /** log p(continuation | primer) under the model (nats). */
    readonly logLikelihood: number;
    /** With `select: 'consensus'`: mean frame accuracy against the other candidates; else absent. */
    readonly agreement?: number;
  }[];
}

function concat(a: SequenceData | undefined, b: SequenceData): SequenceData {
  if (!a || a.steps === 0) return b;
  const data = new Float32Array(a.data.length + b.data.length);
  data.set(a.data);
  data.set(b.data, a.data.length);
  if (!a.conditioning || !b.conditioning) return { steps: a.steps + b.steps, dim: b.dim, data };
  // a conditioned model: the primer's rows, then the rows the sampler used for the new steps
  const rows = new Float32Array(a.conditioning.data.length + b.conditioning.data.length);
  rows.set(a.conditioning.data);
  rows.set(b.conditioning.data, a.conditioning.data.length);
  return { steps: a.steps + b.steps, dim: b.dim, data, conditioning: { channels: b.conditioning.channels, data: rows } };
}

/**
 * The primer with its full conditioning rows for a conditioned model: the given rows, else built
 * from the spec, `startStep` and `labels` as `model.sample` does, with the lookback channels
 * derived from the primer's frames.
 */
function withPrimerRows(model: SequenceModel, options: ModelSampleOptions): SequenceData | undefined {
  const primer = options.primer;
  const spec = model.conditioning;
  if (!primer || !spec || primer.steps === 0) return primer;
  const given = suppliedSpec(spec);
  const rows =
    primer.conditioning ?? (given ? buildConditioning(given, { steps: primer.steps, startStep: options.startStep ?? 0, labels: options.labels }) : undefined);
  return withDerivedConditioning(spec, rows ? { ...primer, conditioning: rows } : primer, 'the primer');
}

/** Σ log p over the frames of one sequence (the model scores every frame given the ones before). */
async function totalLogLikelihood(model: SequenceModel, seq: SequenceData): Promise<number> {
  if (seq.steps === 0) return 0;
  const r = await model.evaluate([seq]);
  return r.logLikelihoodPerStep * r.frames;
}

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${name} must be an integer >= ${min}, got ${value}.`);
}

/** Distance between consecutive {@link candidateSeeds} (a prime, so the streams of nearby user seeds do not overlap). */
const CANDIDATE_SEED_STRIDE = 7919;

/**
 * Seeds for best-of-`count` sampling from one user seed: `seed + k · 7919` for candidate k, so
 * candidate 0 is plain `model.sample({ seed })` and best of 1 equals plain sampling. Pass them
 * as {@link CompleteSequenceOptions.seeds}.
 *
 * @example
 * ```ts
 * candidateSeeds(3, 3); // [3, 7922, 15841]
 * const { sequence } = await completeSequence(model, { steps: 64, seeds: candidateSeeds(3, 4) });
 * ```
 */
export function candidateSeeds(seed: number, count: number): number[] {
  if (!Number.isSafeInteger(seed)) throw new ConfigError(`seed must be an integer, got ${seed}.`);
  checkCount('count', count, 1);
  return Array.from({ length: count }, (_, k) => seed + k * CANDIDATE_SEED_STRIDE);
}

/** One seed per candidate: the given `seeds` (checked against `candidates`), else `candidates` seeds derived from `seed`. */
function seedsOf(options: CompleteSequenceOptions): readonly number[] {
  const { seeds, candidates } = options;
  if (seeds === undefined) {
    const n = candidates ?? 1;
    checkCount('candidates', n, 1);
    const rng = new Rng(options.seed ?? 0);
    return Array.from({ length: n }, () => rng.int(0x7fffffff));
  }
  if (seeds.length === 0) throw new ConfigError('seeds must hold at least one seed (one per candidate), got an empty list.');
  const bad = seeds.find((s) => !Number.isSafeInteger(s));
  if (bad !== undefined) throw new ConfigError(`seeds must be integers, got ${bad}.`);
  if (candidates !== undefined && candidates !== seeds.length) {
    throw new ConfigError(`candidates is ${candidates} but seeds holds ${seeds.length} seeds; give one seed per candidate (or leave candidates out).`);
  }
  return seeds;
}

/**
 * Continues a primer with a decoding choice:
 * - `adaptSteps` > 0: first fits the model to the primer itself (that many Adam updates on the
 *   primer, dynamic evaluation), so the continuation leans on the primer's own material;
 * - `candidates` = N > 1: draws N continuations (seeds derived from `seed`, or the given `seeds`)
 *   and keeps the one with the highest log p(continuation | primer) = log p(primer + continuation)
 *   - log p(primer); without a primer (or an empty one), the highest log p(continuation);
 * - `select: 'consensus'` (binary frames): keeps instead the candidate closest, in frame
 *   accuracy, to the other candidates ({@link consensusChoice}), the choice that maximises the
 *   expected frame accuracy when the candidates are the model's own draws;
 * - `temperature` as in `model.sample`.
 * With the defaults it is `model.sample` with the first derived seed. The weights are the
 * same before and after the call. Needs an estimator with an exact `logProb` (for N > 1).
 *
 * @example
 * ```ts
 * const { sequence } = await completeSequence(model, { steps: 32, primer, temperature: 0.8, candidates: 8, adaptSteps: 20, seed: 1 });
 * ```
 */
export async function completeSequence(model: SequenceModel, options: CompleteSequenceOptions): Promise<CompleteSequenceResult> {
  const { candidates: _n, seeds: _s, adaptSteps = 0, adaptLearningRate = 1e-3, select = 'likelihood', ...sampleOptions } = options;
  const seeds = seedsOf(options);
  const n = seeds.length;
  checkCount('adaptSteps', adaptSteps, 0);
  checkSelection(model, select);
  if (adaptSteps > 0 && !options.primer?.steps) throw new ConfigError('adaptSteps > 0 needs a primer to adapt to.');
  const primer = withPrimerRows(model, options);
  const base: ModelSampleOptions = primer ? { ...sampleOptions, primer } : sampleOptions;
  const restore = adaptSteps > 0 ? await adaptToPrimer(model, primer!, { steps: adaptSteps, learningRate: adaptLearningRate, seed: options.seed ?? 0 }) : null;
  try {
    const primerLogLikelihood = n > 1 && primer ? await totalLogLikelihood(model, primer) : 0;
    const drawn: { seed: number; sequence: SequenceData; logLikelihood: number }[] = [];
    for (const seed of seeds) {
      const sequence = await model.sample({ ...base, seed });
      const logLikelihood = n > 1 ? (await totalLogLikelihood(model, concat(primer, sequence))) - primerLogLikelihood : Number.NaN;
      drawn.push({ seed, sequence, logLikelihood });
    }
    if (select === 'consensus') {
      const { index, agreement } = consensusChoice(drawn.map((d) => d.sequence));
      const candidates = drawn.map((d, i) => ({ seed: d.seed, logLikelihood: d.logLikelihood, agreement: agreement[i]! }));
      return { sequence: drawn[index]!.sequence, logLikelihood: drawn[index]!.logLikelihood, candidates };
    }
    let best = drawn[0]!;
    for (const d of drawn) if (d.logLikelihood > best.logLikelihood) best = d;
    return { sequence: best.sequence, logLikelihood: best.logLikelihood, candidates: drawn.map((d) => ({ seed: d.seed, logLikelihood: d.logLikelihood })) };
  } finally {
    restore?.();
  }
}

function checkSelection(model: SequenceModel, select: string): void {
  if (select !== 'likelihood' && select !== 'consensus') throw new ConfigError(`select must be 'likelihood' or 'consensus', got ${JSON.stringify(select)}.`);
  if (select === 'consensus') checkBinaryFrames(model, "select 'consensus'");
}

/**
 * Dynamic evaluation: fits the model to one primer with `steps` Adam updates (batch of one, no
 * validation, one worker) and returns a function that puts the original weights back. Call it
 * once, draw as many continuations as needed, then restore.
 *
 * @example
 * ```ts
 * const restore = await adaptToPrimer(model, primer, { steps: 60, learningRate: 0.01 });
 * try { await model.sample({ steps: 32, primer }); } finally { restore(); }
 * ```
 */
export async function adaptToPrimer(
  model: SequenceModel,
  primer: SequenceData,
  options: { steps: number; learningRate?: number; seed?: number },
): Promise<() => void> {
  checkCount('steps', options.steps, 1);
  if (primer.steps === 0) throw new ConfigError('adaptToPrimer needs a primer with at least one step.');
  const saved = model.getWeights();
  try {
    await train(
      model,
      { train: [primer], valid: [] },
      {
        epochs: options.steps,
        batchSize: 1,
        learningRate: options.learningRate ?? 1e-3,
        earlyStopping: false,
        progress: 'none',
        workers: 1,
        seed: options.seed ?? 0,
      },
    );
  } catch (e) {
    model.setWeights(saved);
    throw e;
  }
  return () => model.setWeights(saved);
}
