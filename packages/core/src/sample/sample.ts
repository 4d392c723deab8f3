import type { Conditioning, SequenceData } from '../data/sequence';
import { buildConditioning } from '../conditioning/build';
import { derivedSlots, expandConditioning, suppliedSpec } from '../conditioning/lookback';
import { checkConditioningRows } from '../conditioning/check';
import { conditioningChannels, type ConditioningSpec, type UserFeature } from '../conditioning/spec';
import { generateFast } from '../fast/fast-path';
import type { SequenceModel } from '../model/sequence-model';
import { ConditioningError, ConfigError, ShapeError } from '../util/errors';
import { Rng } from '../util/rng';
import { checkBinaryFrames } from './binary-frames';
import { generateWithTensors, type GenerationRequest } from './tensor-path';
import { LSTM_SEQUENCE } from '../encoder/lstm-kernel';
import { fusedKernelAvailable } from '../fast/kernel-backend';

/** Options of {@link sampleModel} / `SequenceModel.sample`. */
export interface ModelSampleOptions {
  /** Number of new frames to generate (integer >= 0). */
  steps: number;
  /** Frames to continue; the encoder reads them first. Not included in the result. */
  primer?: SequenceData;
  /** Passed to the estimator's sampler (default 1; each estimator documents what it scales). */
  temperature?: number;
  /** Seed of the draws (default 0): equal seeds give equal samples. */
  seed?: number;
  /**
   * Step-wise consensus (binary estimators only): draw this many frames at every step and keep
   * the one with the highest mean frame accuracy against the others ({@link consensusFrame}),
   * then continue from it. A near-mode decoding that keeps the notes most draws agree on; it
   * suits completion measured by frame accuracy. Default 1 = plain sampling.
   */
  stepDraws?: number;
  /**
   * `'auto'` (default): the plain-array fast path when the backend is CPU-side (`cpu`, `wasm`)
   * and the estimator has `createCpuSampler`, else tensor ops. `'tensor'` / `'fast'` force one
   * (`'fast'` throws when the estimator has no `createCpuSampler`).
   */
  path?: 'auto' | 'tensor' | 'fast';
  /**
   * Conditioned models only: the conditioning rows `[steps, C]` of the generated steps (all C
   * channels, or those of the features other than `'lookback'`: lookback channels are always
   * filled from the frames as they are drawn). When absent they are built from the model's spec
   * with `startStep`, `labels` and `user`.
   */
  conditioning?: Conditioning;
  /**
   * Conditioned models only: metric position (grid steps from a bar line) of the first primer
   * step, or of the first generated step without a primer (default 0). Generated step s sits at
   * `startStep + primer.steps + s`.
   */
  startStep?: number;
  /** Conditioned models only: the value of every `'label'` feature (e.g. `{ composer: 'bach' }`), for primer and generated steps. */
  labels?: Readonly<Record<string, string>>;
  /** Conditioned models only: `[steps, channels]` arrays of the `'user'` features for the generated steps. */
  user?: Readonly<Record<string, Float32Array>>;
}

/**
 * Generates `steps` new frames from the model, continuing `primer` when given (the encoder
 * first reads a zero frame and the primer, so the first new frame is conditioned on the whole
 * primer). The result holds **only the new frames**; concatenate the primer yourself to get
 * the full piece.
 *
 * A conditioned model (see `SequenceModelOptions.conditioning`) reads conditioning rows for the
 * primer (`primer.conditioning`, else built from the spec: metric from `startStep`, `labels`) and
 * for the generated steps (`conditioning`, else built from the spec); the result carries the
 * generated steps' rows as its `conditioning`. A `'user'` feature has to be given explicitly.
 * @throws ConditioningError when rows are missing, have the wrong size, or a label is unknown.
 *
 * @example
 * ```ts
 * const cont = await sampleModel(model, { steps: 32, primer, temperature: 0.9, seed: 3 });
 * ```
 */
export async function sampleModel(model: SequenceModel, options: ModelSampleOptions): Promise<SequenceData> {
  const D = model.encoderConfig.inputDim;
  const { steps } = options;
  if (!Number.isInteger(steps) || steps < 0) throw new ConfigError(`steps must be an integer >= 0, got ${steps}.`);
  const temperature = options.temperature ?? 1;
  if (!(typeof temperature === 'number' && temperature > 0 && Number.isFinite(temperature))) {
    throw new ConfigError(`temperature must be a finite number > 0, got ${temperature}.`);
  }
  const primer = options.primer;
  if (primer && (primer.dim !== D || primer.data.length !== primer.steps * primer.dim)) {
    throw new ShapeError(`The primer has frame size ${primer.dim} (${primer.data.length} values for ${primer.steps} steps); the model expects ${D}.`);
  }
  const stepDraws = checkStepDraws(model, options.stepDraws);
  const path = options.path ?? 'auto';
  if (!['auto', 'tensor', 'fast'].includes(path)) throw new ConfigError(`Unknown sampling path "${path}".`);
  const hasFast = typeof model.estimator.createCpuSampler === 'function';
  if (path === 'fast' && !hasFast) {
    throw new ConfigError(`Estimator "${model.estimator.className}" has no createCpuSampler, so the fast path is unavailable.`);
  }
  // the fast path is the sampling side of the fused kernels: used wherever they are registered
  const useFast = path === 'fast' || (path === 'auto' && hasFast && fusedKernelAvailable(LSTM_SEQUENCE));
  if (steps === 0) return { steps: 0, dim: D, data: new Float32Array(0) };
  const req = {
    steps,
    primer: primer?.data ?? new Float32Array(0),
    primerSteps: primer?.steps ?? 0,
    temperature,
    stepDraws,
    rng: new Rng(options.seed ?? 0),
    ...samplingConditioning(model.conditioning, options, D),
  };
  const data = useFast ? generateFast(model, req) : generateWithTensors(model, req);
  if (!model.conditioning) return { steps, dim: D, data };
  const C = req.channels;
  return { steps, dim: D, data, conditioning: { channels: C, data: req.conditioning.slice(req.primerSteps * C) } };
}

/** `stepDraws` checked: an integer >= 1, above 1 only for a binary estimator. */
function checkStepDraws(model: SequenceModel, stepDraws: number | undefined): number {
  const k = stepDraws ?? 1;
  if (!Number.isInteger(k) || k < 1) throw new ConfigError(`stepDraws must be an integer >= 1, got ${k}.`);
  if (k > 1) checkBinaryFrames(model, 'stepDraws > 1');
  return k;
}

/**
 * The conditioning rows of primer + generated steps (`channels: 0` and no rows for an
 * unconditioned model). Derived (lookback) channels of the primer rows are computed from the
 * primer; those of the generated rows are left at zero for the generation loop to fill.
 */
function samplingConditioning(
  spec: ConditioningSpec | null,
  options: ModelSampleOptions,
  dim: number,
): Pick<GenerationRequest, 'channels' | 'conditioning' | 'derived' | 'history'> {
  const C = conditioningChannels(spec);
  if (!spec) return { channels: 0, conditioning: new Float32Array(0) };
  const primer = options.primer;
  const T = primer?.steps ?? 0;
  const startStep = options.startStep ?? 0;
  const user = spec.features.find((f): f is UserFeature => f.kind === 'user');
  if (T > 0 && !primer?.conditioning && user) {
    throw new ConditioningError(`The model has the user feature "${user.name}": give the primer its rows as primer.conditioning.`);
  }
  const given = suppliedSpec(spec);
  const build = (steps: number, at: number, user?: Readonly<Record<string, Float32Array>>) =>
    given ? buildConditioning(given, { steps, startStep: at, labels: options.labels, user }) : undefined;
  const primerRows = expandConditioning(spec, primer?.conditioning ?? build(T, startStep), T, primer?.data ?? new Float32Array(0), 'the primer');
  checkConditioningRows(spec, primerRows, T, 'the primer');
  const rows = expandConditioning(
    spec,
    options.conditioning ?? build(options.steps, startStep + T, options.user),
    options.steps,
    null,
    'the generated steps (options.conditioning)',
  );
  checkConditioningRows(spec, rows, options.steps, 'the generated steps (options.conditioning)');
  const all = new Float32Array((T + options.steps) * C);
  all.set(primerRows.data);
  all.set(rows.data, T * C);
  const derived = derivedSlots(spec);
  if (derived.length === 0) return { channels: C, conditioning: all };
  const history = new Float32Array((T + options.steps) * dim);
  if (primer) history.set(primer.data);
  return { channels: C, conditioning: all, derived, history };
}
