import type * as tf from '@tensorflow/tfjs-core';
import type { SequenceData } from '../data/sequence';
import type { JsonValue } from '../estimator/contract';
import type { TensorData } from '../io/model-dir';
import type { PaddedBatch } from '../model/batches';
import type { Rng } from '../util/rng';
import type { EarlyStoppingOptions } from './early-stopping';
import type { EpochRecord, TrainHistory } from './history';
import type { LearningRateSchedule } from './lr-schedule';
import type { OptimizerConfig } from './optimizer';
import type { ProgressMode, ProgressStream } from './progress';

/** Splits sequences into (shuffled, when `rng` is given) padded chunks; the model's `makeBatches`. */
export type Batcher = (seqs: SequenceData[], options: { batchSize: number; chunkSteps?: number; rng?: Rng }) => PaddedBatch[];

/**
 * What the trainer needs from a model (`SequenceModel` satisfies it): named trainable variables,
 * a differentiable summed loss per chunk with carried state, and weight snapshots.
 */
export interface TrainableModel {
  readonly variables: Readonly<Record<string, tf.Variable>>;
  batchLoss(
    batch: PaddedBatch,
    options: { training: boolean; rng: Rng; state?: tf.Tensor[] },
  ): { loss: tf.Scalar; frames: number; finalState: tf.Tensor[] };
  getWeights(): Record<string, TensorData>;
  setWeights(weights: Record<string, TensorData>): void;
}

/** Sent to `onBatchEnd` after every update. */
export interface BatchEndInfo {
  readonly epoch: number;
  /** Chunk index within the epoch, and the number of chunks. */
  readonly batch: number;
  readonly batches: number;
  /** Updates applied so far (including this one). */
  readonly step: number;
  /** Mean loss per frame of this chunk (before the update). */
  readonly loss: number;
  readonly frames: number;
  /** Global gradient norm before clipping. */
  readonly gradNorm: number;
  readonly learningRate: number;
}

/** Sent to `onEpochEnd`; `bestValidLoss` is the best so far. */
export interface EpochEndInfo extends EpochRecord {
  readonly bestValidLoss: number | null;
}

/** Return `'stop'` from a callback to end training after this point (the run stays resumable). */
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
  /** Default `{ kind: 'constant' }`. */
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
  /** Continue from `runDir`'s checkpoint when there is one. */
  readonly resume?: boolean;
  /** Progress output. Default `'auto'` (bar on a TTY, lines otherwise) on `process.stderr`. */
  readonly progress?: ProgressMode;
  readonly progressStream?: ProgressStream;
  /** Title of the loss-curve picture. */
  readonly title?: string;
  /** Free JSON stored in the log's `start` record (e.g. the CLI's flags). */
  readonly logInfo?: { [key: string]: JsonValue };
  /** Per-epoch augmentation of the training sequences (e.g. random transposition), seeded. */
  readonly augment?: (train: SequenceData[], rng: Rng) => SequenceData[];
  /** Batching; defaults to the model package's `makeBatches`. */
  readonly batcher?: Batcher;
  readonly onBatchEnd?: (info: BatchEndInfo) => CallbackResult;
  readonly onEpochEnd?: (info: EpochEndInfo) => CallbackResult;
}

/** What {@link train} returns. The model holds the best (or last) weights afterwards. */
export interface TrainResult {
  readonly history: TrainHistory;
  /** Epochs finished in total (including those before a resume). */
  readonly epochsCompleted: number;
  /** Updates applied in total. */
  readonly steps: number;
  /** Best validation loss per frame and the (0-based) epoch it came from; null without validation. */
  readonly bestValidLoss: number | null;
  readonly bestEpoch: number | null;
  /** Stopped by early stopping (patience ran out). */
  readonly stoppedEarly: boolean;
  /** Epoch the run resumed from (number of epochs already done), or null for a fresh run. */
  readonly resumedFromEpoch: number | null;
  /** Wall time of this call, seconds. */
  readonly seconds: number;
  /** Files written in `runDir`, when given. */
  readonly files: { readonly checkpoint: string; readonly log: string; readonly lossCurve: string } | null;
}
