import type { SequenceData } from '../data/sequence';
import type { JsonValue } from '../estimator/contract';
import { makeBatches } from '../model/batches';
import { ConfigError } from '../util/errors';
import type { EarlyStoppingOptions } from './early-stopping';
import { validateSchedule, type LearningRateSchedule } from './lr-schedule';
import { resolveOptimizerConfig, type AdamConfig, type SgdConfig } from './optimizer';
import type { ProgressMode } from './progress';
import type { Batcher, TrainOptions, TrainableModel } from './train-options';
import { checkSequenceConditioning } from '../conditioning/check';
import type { ConditioningSpec } from '../conditioning/spec';
import { withDerivedConditioning } from '../conditioning/lookback';

/** {@link TrainOptions} with defaults filled in and validated. @internal */
export interface ResolvedTrainOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly chunkSteps: number | undefined;
  readonly optimizer: Required<SgdConfig> | Required<AdamConfig>;
  readonly learningRate: number;
  readonly lrSchedule: LearningRateSchedule;
  readonly clipNorm: number | null;
  readonly earlyStopping: EarlyStoppingOptions | false;
  readonly validateEvery: number | undefined;
  readonly validBatchSize: number;
  readonly restoreBest: boolean;
  readonly seed: number;
  /** The model's conditioning spec (null when unconditioned): lookback channels are derived with it. */
  readonly conditioning: ConditioningSpec | null;
  readonly runDir: string | undefined;
  readonly resume: boolean;
  readonly progress: ProgressMode;
  readonly batcher: Batcher;
  /** What must not change across a resume. */
  readonly fingerprint: { [key: string]: JsonValue };
}

const isPosInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1;

/** Validates {@link TrainOptions} against the data and fills in the defaults. @internal */
export function resolveTrainOptions(
  model: TrainableModel,
  data: { train: SequenceData[]; valid: SequenceData[] },
  options: TrainOptions,
): ResolvedTrainOptions {
  if (!Number.isInteger(options.epochs) || options.epochs < 0) {
    throw new ConfigError(`epochs must be an integer >= 0, got ${options.epochs}.`);
  }
  const batchSize = options.batchSize ?? 16;
  if (!isPosInt(batchSize)) throw new ConfigError(`batchSize must be an integer >= 1, got ${batchSize}.`);
  if (options.chunkSteps !== undefined && !isPosInt(options.chunkSteps)) {
    throw new ConfigError(`chunkSteps must be an integer >= 1, got ${options.chunkSteps}.`);
  }
  const learningRate = options.learningRate ?? 1e-3;
  if (!(Number.isFinite(learningRate) && learningRate > 0)) throw new ConfigError(`learningRate must be > 0, got ${learningRate}.`);
  const clipNorm = options.clipNorm === undefined ? 5 : options.clipNorm;
  if (clipNorm !== null && !(clipNorm > 0)) throw new ConfigError(`clipNorm must be > 0 or null, got ${clipNorm}.`);
  if (options.validateEvery !== undefined && !isPosInt(options.validateEvery)) {
    throw new ConfigError(`validateEvery must be an integer >= 1 (updates), got ${options.validateEvery}.`);
  }
  const validBatchSize = options.validBatchSize ?? 64;
  if (!isPosInt(validBatchSize)) throw new ConfigError(`validBatchSize must be an integer >= 1, got ${validBatchSize}.`);
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) throw new ConfigError(`seed must be an integer, got ${seed}.`);
  if (options.resume && !options.runDir) throw new ConfigError('resume needs a runDir holding the checkpoint.');
  const lrSchedule = options.lrSchedule ?? { kind: 'constant' };
  validateSchedule(lrSchedule, { initial: learningRate });
  const optimizer = resolveOptimizerConfig(options.optimizer ?? { kind: 'adam' });
  const earlyStopping = options.earlyStopping === undefined ? { patience: 10 } : options.earlyStopping;
  if (earlyStopping && (!isPosInt(earlyStopping.patience) || !((earlyStopping.minDelta ?? 0) >= 0))) {
    throw new ConfigError(`earlyStopping.patience must be an integer >= 1 and minDelta >= 0, got ${JSON.stringify(earlyStopping)}.`);
  }
  if (!Array.isArray(data.train) || data.train.filter((s) => s.steps > 0).length === 0) {
    throw new ConfigError('No training sequences: data.train is empty.');
  }
  if (!Array.isArray(data.valid)) throw new ConfigError('data.valid must be an array (it may be empty).');
  if (lrSchedule.kind === 'plateau' && data.valid.filter((s) => s.steps > 0).length === 0) {
    throw new ConfigError('The plateau learning-rate schedule reduces the rate on the validation loss: data.valid must hold sequences.');
  }
  const dim = data.train[0]!.dim;
  for (const s of [...data.train, ...data.valid]) {
    if (s.dim !== dim) throw new ConfigError(`All sequences must have the same frame size: got ${s.dim} and ${dim}.`);
  }
  const spec = (model as { conditioning?: ConditioningSpec | null }).conditioning ?? null;
  const check = (s: SequenceData, where: string) => checkSequenceConditioning(spec, withDerivedConditioning(spec, s, where), where);
  for (const [i, s] of data.train.entries()) check(s, `training sequence ${i}`);
  for (const [i, s] of data.valid.entries()) check(s, `validation sequence ${i}`);
  const variables: { [key: string]: JsonValue } = {};
  for (const name of Object.keys(model.variables).sort()) variables[name] = [...model.variables[name]!.shape];
  const fingerprint: { [key: string]: JsonValue } = {
    seed,
    batchSize,
    chunkSteps: options.chunkSteps ?? null,
    optimizer: optimizerFingerprint(optimizer),
    learningRate,
    lrSchedule: { ...lrSchedule } as { [key: string]: JsonValue },
    clipNorm,
    earlyStopping: earlyStopping ? { patience: earlyStopping.patience, minDelta: earlyStopping.minDelta ?? 0 } : false,
    validateEvery: options.validateEvery ?? null,
    validBatchSize,
    restoreBest: options.restoreBest ?? true,
    augment: options.augment ? 'custom' : null,
    trainSequences: data.train.length,
    trainFrames: data.train.reduce((a, s) => a + s.steps, 0),
    validSequences: data.valid.length,
    variables,
  };
  return {
    epochs: options.epochs,
    batchSize,
    chunkSteps: options.chunkSteps,
    optimizer,
    learningRate,
    lrSchedule,
    clipNorm,
    earlyStopping,
    validateEvery: options.validateEvery,
    validBatchSize,
    restoreBest: options.restoreBest ?? true,
    seed,
    runDir: options.runDir,
    resume: options.resume ?? false,
    progress: options.progress ?? 'auto',
    batcher: options.batcher ?? makeBatches,
    fingerprint,
    conditioning: spec,
  };
}

/**
 * The optimizer part of a run's fingerprint. Adam's `weightDecay` is left out when 0, so that
 * checkpoints written before the option existed still resume (their fingerprint lacks it).
 */
function optimizerFingerprint(optimizer: Required<SgdConfig> | Required<AdamConfig>): { [key: string]: JsonValue } {
  if (optimizer.kind === 'adam' && optimizer.weightDecay === 0) {
    const { weightDecay: _, ...rest } = optimizer;
    return rest;
  }
  return { ...optimizer };
}
