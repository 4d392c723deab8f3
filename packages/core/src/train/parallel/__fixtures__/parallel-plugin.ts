/**
 * A plugin module for the parallel-training tests: registers the reference Bernoulli estimator
 * under its own class name, and a variant that kills its worker thread (process.exit inside a
 * worker ends that thread only) on its `crashAfter`-th loss call. Workers import this file
 * through `workerModules`, as they would a `--plugin` module.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { isMainThread } from 'node:worker_threads';
import { registerEstimator, type LossOptions } from '@rnn-nade/core';
import { ReferenceBernoulli } from '../../../testing/__fixtures__/reference-bernoulli';

export const PARALLEL_BERNOULLI = '@rnn-nade/core-test-fixtures>ParallelBernoulli';
export const CRASHING_BERNOULLI = '@rnn-nade/core-test-fixtures>CrashingBernoulli';

/** The reference Bernoulli under a plugin class name. */
export class ParallelBernoulli extends ReferenceBernoulli {
  override className = PARALLEL_BERNOULLI;
}

type CrashConfig = { dim: number; seed: number; crashAfter: number };
let calls = 0;

/** Kills the worker thread running it on the `crashAfter`-th loss call (never on the main thread). */
export class CrashingBernoulli extends ReferenceBernoulli {
  override className = CRASHING_BERNOULLI;
  constructor(readonly crash: CrashConfig) {
    super(crash);
  }
  override loss(params: tf.Tensor2D, x: tf.Tensor2D, options?: LossOptions): tf.Tensor1D {
    if (!isMainThread && ++calls >= this.crash.crashAfter) process.exit(7);
    return super.loss(params, x, options);
  }
  // the ReferenceBernoulli config type is narrower; the crash setting travels with it
  override getConfig(): CrashConfig {
    return { ...super.getConfig(), crashAfter: this.crash.crashAfter };
  }
}

registerEstimator({ className: PARALLEL_BERNOULLI, fromConfig: (c: { dim: number; seed: number }) => new ParallelBernoulli(c) });
registerEstimator({ className: CRASHING_BERNOULLI, fromConfig: (c: CrashConfig) => new CrashingBernoulli(c) });
