import type { JsonValue } from '../../estimator/contract';
import type { TensorData } from '../../io/model-dir';
import type { PaddedBatch } from '../../model/batches';

/** Sent once to a new worker: how to build its replica and where the shared buffers are. */
export interface WorkerInit {
  readonly kind: 'init';
  /** This worker's index (0-based): selects its gradient region. */
  readonly index: number;
  /** tfjs backend to use (the main thread's). */
  readonly backend: string;
  /** Modules to import before building the replica (estimator packages, plugins). */
  readonly modules: readonly string[];
  /** model.json content (minus manifest) of the model to replicate. */
  readonly modelJson: Record<string, JsonValue>;
  /** Every weight of the model (trainable or not) at the start. */
  readonly weights: Record<string, TensorData>;
  /** Trainable weights, flat (see `weightLayout`), written by the main thread after every update. */
  readonly weightBuffer: SharedArrayBuffer;
  /** One gradient region of `layout.total` floats per worker. */
  readonly gradBuffer: SharedArrayBuffer;
  /** `[0]`: weight version (Atomics), incremented by the main thread after each broadcast. */
  readonly control: SharedArrayBuffer;
}

/** One gradient computation on this worker's rows of a chunk. */
export interface WorkerStep {
  readonly kind: 'step';
  /** The rows of the chunk this worker handles (its own arrays, transferred). */
  readonly batch: PaddedBatch;
  /** Real frames of the whole chunk: the loss is divided by it so that the worker gradients sum to the full one. */
  readonly totalFrames: number;
  /** Seed of this worker's Rng for this step (dropout, stochastic losses). */
  readonly seed: number;
}

/** Messages the main thread sends. */
export type ToWorker = WorkerInit | WorkerStep | { readonly kind: 'close' };

/** Messages a worker sends back. */
export type FromWorker =
  | { readonly kind: 'ready' }
  /** `loss`: this worker's share of the chunk's mean loss per frame (the shares sum to it). */
  | { readonly kind: 'done'; readonly loss: number; readonly frames: number }
  | { readonly kind: 'failed'; readonly message: string; readonly stack?: string };
