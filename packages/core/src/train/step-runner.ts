import type * as tf from '@tensorflow/tfjs-core';
import type { PaddedBatch } from '../model/batches';
import type { Rng } from '../util/rng';
import type { Optimizer } from './optimizer';
import type { TrainableModel } from './train-options';
import { ConfigError } from '../util/errors';
import { trainStep, type StepOutcome } from './train-step';

/** Options of one {@link StepRunner.step}. */
export interface RunnerStepOptions {
  /** The trainer's Rng: dropout and stochastic losses on the single-thread path; the parallel path only reads its state. */
  readonly rng: Rng;
  /** Updates applied before this one (the parallel path derives the workers' seeds from it and the Rng state). */
  readonly step: number;
  /** State carried from the previous chunk (single-thread path; workers keep their own). */
  readonly state: tf.Tensor[] | undefined;
  /** Learning rate of this update. */
  readonly learningRate: number;
  /** Global-norm clipping threshold, or null. */
  readonly clipNorm: number | null;
}

/** Runs training steps on one thread or on a pool of worker threads. */
export interface StepRunner {
  /** Number of threads computing gradients (1 = the trainer's own thread). */
  readonly workers: number;
  /** One update on one chunk (see {@link trainStep}). */
  step(batch: PaddedBatch, options: RunnerStepOptions): Promise<StepOutcome>;
  /** Stops the worker threads, if any. */
  close(): Promise<void>;
}

/**
 * Starts a data-parallel step runner, or returns `null` when one thread is best (see
 * {@link registerParallelStepRunner}).
 */
export type ParallelStepRunnerFactory = (
  model: TrainableModel,
  optimizer: Optimizer,
  options: { workers: WorkerCount; batchSize: number; workerModules?: readonly string[]; log?: (message: string) => void },
) => Promise<StepRunner | null>;

let parallelFactory: ParallelStepRunnerFactory | null = null;

/**
 * Lets `train()` compute gradients on several threads. `@rnn-nade/core/node` registers the
 * worker-thread runner; the main entry has none (then `workers: 'auto'` means 1).
 */
export function registerParallelStepRunner(factory: ParallelStepRunnerFactory): void {
  parallelFactory = factory;
}

/** How many threads compute gradients: a count, or `'auto'` (see {@link createStepRunner}). */
export type WorkerCount = number | 'auto';

/**
 * The step runner `train()` uses. `workers: 1` is the single-thread {@link trainStep};
 * otherwise the data-parallel runner registered by `@rnn-nade/core/node` splits every chunk's sequences across worker threads. `'auto'` (the default)
 * resolves as described in `resolveWorkerCount`; where worker threads are not available it
 * means 1.
 */
export async function createStepRunner(
  model: TrainableModel,
  optimizer: Optimizer,
  options: { workers?: WorkerCount; batchSize: number; workerModules?: readonly string[]; log?: (message: string) => void },
): Promise<StepRunner> {
  const workers = options.workers ?? 'auto';
  if (workers !== 1) {
    if (!parallelFactory && workers !== 'auto') {
      throw new ConfigError(`workers: ${workers} needs worker threads: import '@rnn-nade/core/node' (Node only), or pass workers: 1.`);
    }
    const runner = parallelFactory ? await parallelFactory(model, optimizer, { ...options, workers }) : null;
    if (runner) return runner;
  }
  return {
    workers: 1,
    step: async (batch, o) => trainStep(model, optimizer, batch, o),
    close: async () => {},
  };
}
