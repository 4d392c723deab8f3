import type * as tf from '@tensorflow/tfjs-core';
import type { SequenceData } from '../data/sequence';
import type { JsonValue } from '../estimator/contract';
import type { TensorData } from '../io/model-dir';
import type { PaddedBatch } from '../model/batches';
import type { Rng } from '../util/rng';
import type { EarlyStoppingOptions } from './early-stopping';
import type { EpochRecord, TrainHistory } from './history';
import type { DivergenceOptions } from './divergence';
import type { LearningRateSchedule } from './lr-schedule';
import type { OptimizerConfig } from './optimizer';
import type { ProgressMode, ProgressStream } from './progress';
import type { RunLock } from '../io/folder-lock';

/** Splits sequences into (shuffled, when `rng` is given) padded chunks; the model's `makeBatches`. */
export type Batcher = (seqs: SequenceData[], options: { batchSize: number; chunkSteps?: number; rng?: Rng }) => PaddedBatch[];

/**
 * What the trainer needs from a model (`SequenceModel` satisfies it): named trainable variables,
 * a differentiable summed loss per chunk with carried state, and weight snapshots.
 */
export interface TrainableModel {
  /** Every trainable variable by a stable name (optimizer slots and checkpoints use the names). */
  readonly variables: Readonly<Record<string, tf.Variable>>;
  /** Summed loss of one chunk (differentiable), its frame count, and the state to carry on. */
  batchLoss(batch: PaddedBatch, options: { training: boolean; rng: Rng; state?: tf.Tensor[] }): BatchLossOutput;
  /** A copy of every weight. */
  getWeights(): Record<string, TensorData>;
  /** Replaces weights by name. */
  setWeights(weights: Record<string, TensorData>): void;
}

/** What {@link TrainableModel.batchLoss} returns. */
export interface BatchLossOutput {
  /** Sum of the per-frame loss over the real frames (a scalar usable in `tf.variableGrads`). */
  loss: tf.Scalar;
  /** Number of real frames. */
  frames: number;
  /** State after the chunk (kept, detached); the caller disposes it. */
  finalState: tf.Tensor[];
}

/** Sent to `onBatchEnd` after every update. */
export interface BatchEndInfo {
  /** 0-based epoch. */
  readonly epoch: number;
  /** Chunk index within the epoch. */
  readonly batch: number;
  /** Number of chunks in the epoch. */
  readonly batches: number;
  /** Updates applied so far (including this one). */
  readonly step: number;
  /** Mean loss per frame of this chunk (before the update). */
  readonly loss: number;
  /** Real frames in the chunk. */
  readonly frames: number;
  /** Global gradient norm before clipping. */
  readonly gradNorm: number;
  /** Learning rate of this update. */
  readonly learningRate: number;
}

/** Sent to `onEpochEnd`; `bestValidLoss` is the best so far. */
export interface EpochEndInfo extends EpochRecord {
  /** Best validation loss per frame so far (null without validation data). */
  readonly bestValidLoss: number | null;
}

/** Return `'stop'` from a callback to end training after this point (the run stays resumable). */
// biome-ignore lint/suspicious/noConfusingVoidType: callbacks written as `(info) => { ... }` return void, and must stay assignable
export type CallbackResult = void | 'stop' | Promise<void | 'stop'>;

/** Options of {@link train}. Only `epochs` is required. */
export interface TrainOptions {
  /** Total number of epochs (a resumed run continues up to this count). */
  readonly epochs: number;
  /** Sequences per batch. Default 16. */
  readonly batchSize?: number;
  /** Truncated-BPTT chunk length; default: whole sequences. */
  readonly chunkSteps?: number;
  /** Default `{ kind: 'adam' }`. */
  readonly optimizer?: OptimizerConfig;
  /** Initial learning rate. Default 1e-3. */
  readonly learningRate?: number;
  /**
   * How the learning rate changes (default `{ kind: 'constant' }`): `exponential`, `step`,
   * `plateau` (reduce by `factor` after `patience` validation checks without a new best, with
   * `cooldown` and a floor; its state is checkpointed, so a resume continues the same rates) or
   * `cosine` (SGDR warm restarts every `periodEpochs`, each period `periodMultiplier` times
   * longer). A `minLearningRate` above `learningRate` is a ConfigError.
   *
   * @example
   * ```ts
   * await train(model, data, {
   *   epochs: 200, learningRate: 1e-3, earlyStopping: { patience: 12 },
   *   lrSchedule: { kind: 'plateau', factor: 0.5, patience: 4, cooldown: 1, minLearningRate: 1e-5 },
   * });
   * await train(model, data, { epochs: 70, lrSchedule: { kind: 'cosine', periodEpochs: 10, periodMultiplier: 2, minLearningRate: 1e-5 } });
   * ```
   */
  readonly lrSchedule?: LearningRateSchedule;
  /** Global-norm gradient clipping threshold; `null` disables it. Default 5. */
  readonly clipNorm?: number | null;
  /** Early stopping on the validation loss; `false` disables it. Default `{ patience: 10 }`. */
  readonly earlyStopping?: EarlyStoppingOptions | false;
  /** Validate every this many updates (patience then counts checks); default once per epoch. */
  readonly validateEvery?: number;
  /** Sequences per validation batch. Default 64. */
  readonly validBatchSize?: number;
  /** Restore the best validation weights at the end. Default true. */
  readonly restoreBest?: boolean;
  /** Seed of the trainer's Rng (shuffling, dropout, augmentation). Default 0. */
  readonly seed?: number;
  /** Directory for `checkpoint.ckpt`, `train-log.jsonl` and `loss-curve.svg`; none when absent. */
  readonly runDir?: string;
  /** Continue from `runDir`'s checkpoint when there is one (the learning rate may differ from the checkpoint's). */
  readonly resume?: boolean;
  /** A lock on `runDir` the caller already holds (see `acquireRunLock`); otherwise train() takes and releases its own. */
  readonly runLock?: RunLock;
  /**
   * When a finite loss counts as divergence (default `{ factor: 10, margin: 100 }`: a batch or
   * validation loss above first-batch loss + max(10 × |it|, 100) nats/frame); `false` stops only
   * on NaN / Infinity.
   */
  readonly divergence?: DivergenceOptions | false;
  /** Progress output. Default `'auto'` (bar on a TTY, lines otherwise) on `process.stderr`. */
  readonly progress?: ProgressMode;
  /** Where progress goes (default `process.stderr`). */
  readonly progressStream?: ProgressStream;
  /** Title of the loss-curve picture. */
  readonly title?: string;
  /** Free JSON stored in the log's `start` record (e.g. the CLI's flags). */
  readonly logInfo?: { [key: string]: JsonValue };
  /** Per-epoch augmentation of the training sequences (e.g. random transposition), seeded. */
  readonly augment?: (train: SequenceData[], rng: Rng) => SequenceData[];
  /** Batching; defaults to the model package's `makeBatches`. */
  readonly batcher?: Batcher;
  /**
   * Threads computing gradients (data-parallel, Node only): `1` = this thread; `n` = n worker
   * threads, each with a replica of the model, summing their gradients in shared memory;
   * `'auto'` (default) = the available cores (at most 8, at most batchSize / 2; 1 for models under
   * 50k weights and on the tensorflow backend; `RNN_NADE_WORKERS` overrides). Results equal the 1-worker run up to float
   * rounding; with dropout the masks are drawn per worker, so they differ from a 1-worker run.
   */
  readonly workers?: number | 'auto';
  /** Modules (paths as file URLs, or package names) every worker imports first: the plugins that register custom estimators. */
  readonly workerModules?: readonly string[];
  /** Called after every update; return `'stop'` to end training (the partial epoch is not checkpointed). */
  readonly onBatchEnd?: (info: BatchEndInfo) => CallbackResult;
  /** Called after every epoch (after its checkpoint); return `'stop'` to end training. */
  readonly onEpochEnd?: (info: EpochEndInfo) => CallbackResult;
}

/** What {@link train} returns. The model holds the best (or last) weights afterwards. */
export interface TrainResult {
  /** Learning curves (all epochs, including those before a resume). */
  readonly history: TrainHistory;
  /** Epochs finished in total (including those before a resume). */
  readonly epochsCompleted: number;
  /** Updates applied in total. */
  readonly steps: number;
  /** Best validation loss per frame; null without validation. */
  readonly bestValidLoss: number | null;
  /** The (0-based) epoch of the best validation loss; null without validation. */
  readonly bestEpoch: number | null;
  /** Stopped by early stopping (patience ran out). */
  readonly stoppedEarly: boolean;
  /** Epoch the run resumed from (number of epochs already done), or null for a fresh run. */
  readonly resumedFromEpoch: number | null;
  /** Wall time of this call, seconds. */
  readonly seconds: number;
  /** Wall time of every completed epoch, those before a resume included (training + validation), seconds. */
  readonly totalSeconds: number;
  /** Files written in `runDir`, when given. */
  readonly files: RunFiles | null;
}

/** Paths of the files of a run directory. */
export interface RunFiles {
  /** The checkpoint (`checkpoint.ckpt`). */
  readonly checkpoint: string;
  /** The JSON-lines log (`train-log.jsonl`). */
  readonly log: string;
  /** The loss-curve SVG (`loss-curve.svg`). */
  readonly lossCurve: string;
}
