import * as tf from '@tensorflow/tfjs-core';
import type { JsonValue } from '../../estimator/contract';
import { countFrames, type PaddedBatch } from '../../model/batches';
import { buildModelJson } from '../../model/model-file';
import type { SequenceModel } from '../../model/sequence-model';
import { ConfigError } from '../../util/errors';
import type { Optimizer } from '../optimizer';
import type { RunnerStepOptions, StepRunner, WorkerCount } from '../step-runner';
import type { TrainableModel } from '../train-options';
import { applyGradients, type StepOutcome } from '../train-step';
import { weightLayout } from './weight-layout';
import { resolveWorkerCount } from './worker-count';
import { WorkerPool } from './worker-pool';

/** Options of {@link startParallelRunner}. */
export interface ParallelRunnerOptions {
  /** Requested worker count. */
  readonly workers: WorkerCount;
  /** The trainer's batch size (caps `'auto'`). */
  readonly batchSize: number;
  /** Modules every worker imports before building its replica (plugins). */
  readonly workerModules?: readonly string[];
  /** Where a note goes when `'auto'` falls back to one thread because the workers could not start. */
  readonly log?: (message: string) => void;
}

/**
 * Starts the data-parallel step runner (Node only): `n` worker threads each hold a replica of
 * `model`; every chunk's sequences are split into n contiguous row ranges, each worker computes
 * the gradient of (its summed loss) / (real frames of the whole chunk), so that the worker
 * gradients add up to the full-chunk gradient; the main thread sums them (in worker order, so a
 * run repeats bit for bit), clips, applies one optimizer update and broadcasts the weights.
 * Returns null when the count resolves to 1, or when `'auto'` workers cannot build their replicas
 * (e.g. an estimator registered by code the workers cannot import): then training continues on
 * one thread and `log` says why.
 * @throws ConfigError when more than one worker is requested for a model that cannot be
 * replicated (only models with an encoder config and a registered estimator, i.e. SequenceModel, can).
 */
export async function startParallelRunner(model: TrainableModel, optimizer: Optimizer, options: ParallelRunnerOptions): Promise<StepRunner | null> {
  const layout = weightLayout(model.variables);
  const n = resolveWorkerCount(options.workers, { batchSize: options.batchSize, weights: layout.total, backend: tf.getBackend() });
  if (n === 1) return null;
  const modelJson = replicaJson(model);
  if (!modelJson) {
    if (options.workers === 'auto') return null;
    throw new ConfigError(`workers ${n}: only a SequenceModel (encoder + registered estimator) can be trained on several threads.`);
  }
  let pool: WorkerPool;
  try {
    pool = await WorkerPool.start({
      size: n,
      backend: tf.getBackend(),
      modules: options.workerModules ?? [],
      modelJson,
      weights: model.getWeights(),
      layout,
    });
  } catch (error) {
    if (options.workers !== 'auto') throw error;
    options.log?.(`training on one thread: the ${n} workers could not start (${(error as Error).message}); pass workerModules to fix`);
    return null;
  }
  pool.broadcast(model.variables);
  return {
    workers: n,
    step: (batch, o) => parallelStep(pool, model, optimizer, batch, o),
    close: () => pool.close(),
  };
}

/** model.json content of a SequenceModel-like model, or null when it is something else. */
function replicaJson(model: TrainableModel): Record<string, JsonValue> | null {
  const m = model as Partial<SequenceModel>;
  if (!m.encoderConfig || !m.estimator || typeof m.estimator.getConfig !== 'function') return null;
  return buildModelJson(m.encoderConfig, m.estimator, {}, m.conditioning ?? null);
}

/** Rows [start, end) of a batch-major chunk, as a new chunk with its own arrays. */
export function sliceRows(batch: PaddedBatch, start: number, end: number): PaddedBatch {
  const { steps: L, dim: D } = batch;
  return {
    batchSize: end - start,
    steps: L,
    dim: D,
    inputs: batch.inputs.slice(start * L * D, end * L * D),
    targets: batch.targets.slice(start * L * D, end * L * D),
    mask: batch.mask.slice(start * L, end * L),
    reset: batch.reset,
    ...(batch.channels && batch.conditioning
      ? { channels: batch.channels, conditioning: batch.conditioning.slice(start * L * batch.channels, end * L * batch.channels) }
      : {}),
  };
}

/** Contiguous row ranges of `rows` split over `n` workers (empty ranges when rows < n). */
export function splitRows(rows: number, n: number): [number, number][] {
  return Array.from({ length: n }, (_, k) => [Math.floor((k * rows) / n), Math.floor(((k + 1) * rows) / n)] as [number, number]);
}

/**
 * The seed of worker k at update `step`: a hash of the trainer Rng's state, the step and k. The
 * trainer's Rng is not advanced, so shuffling (and thus the batches) is the same as with one
 * worker, and a resumed run (which restores the Rng state and the step count) repeats exactly.
 */
export function workerSeed(rngState: readonly number[], step: number, k: number): number {
  let h = 0x811c9dc5;
  for (const v of [...rngState, step, k]) h = Math.imul(h ^ (v >>> 0), 0x01000193) >>> 0;
  return h;
}

async function parallelStep(
  pool: WorkerPool,
  model: TrainableModel,
  optimizer: Optimizer,
  batch: PaddedBatch,
  options: RunnerStepOptions,
): Promise<StepOutcome> {
  const ranges = splitRows(batch.batchSize, pool.size);
  const seeds = ranges.map((_, k) => workerSeed(options.rng.getState(), options.step, k));
  const batches = ranges.map(([a, b]) => (b > a ? sliceRows(batch, a, b) : null));
  const results = await pool.step(batches, { totalFrames: countFrames(batch), seeds });
  let loss = 0;
  let frames = 0;
  const sum = new Float32Array(pool.layout.total);
  results.forEach((r, k) => {
    if (!r) return;
    loss += r.loss;
    frames += r.frames;
    const g = pool.gradient(k);
    for (let i = 0; i < sum.length; i++) sum[i] = sum[i]! + g[i]!;
  });
  const grads: Record<string, tf.Tensor> = {};
  for (const e of pool.layout.entries) grads[e.name] = tf.tensor(sum.subarray(e.offset, e.offset + e.size), e.shape as number[], 'float32');
  const out = applyGradients(model, optimizer, grads, loss, options);
  if (out.applied) pool.broadcast(model.variables);
  return { ...out, frames, finalState: [] };
}
