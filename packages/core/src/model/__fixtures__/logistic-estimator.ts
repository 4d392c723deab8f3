import * as tf from '@tensorflow/tfjs-core';
import { registerEstimator, type CpuSampler, type DistributionEstimator, type SampleOptions } from '@rnn-nade/core';

/**
 * Test estimator for core's own tests (core must not depend on estimator packages): independent
 * Bernoulli per dimension with logits = params, plus an optional trainable per-dimension bias
 * `b` (to exercise estimator weights in save/load). Sampling draws u = rng.uniform(N·D) row-major.
 */
export class LogisticEstimator implements DistributionEstimator<{ dim: number; withBias: boolean }> {
  readonly specificationVersion = 'v1' as const;
  readonly className = '@rnn-nade/core-test>Logistic';
  readonly domain = 'binary' as const;
  readonly weights: Record<string, tf.Variable>;
  readonly paramLayout;
  readonly dim: number;
  constructor(readonly config: { dim: number; withBias: boolean }) {
    this.dim = config.dim;
    this.paramLayout = [{ name: 'logits', size: config.dim }];
    this.weights = config.withBias ? { b: tf.tidy(() => tf.variable(tf.zeros([config.dim]))) } : {};
  }
  get paramSize(): number {
    return this.dim;
  }
  private logits(params: tf.Tensor2D): tf.Tensor2D {
    return this.weights.b ? tf.add(params, this.weights.b) : params;
  }
  loss(params: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => {
      const l = this.logits(params);
      return tf.sum(tf.sub(tf.softplus(l), tf.mul(x, l)), 1) as tf.Tensor1D;
    });
  }
  logProb(params: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => tf.neg(this.loss(params, x)));
  }
  sample(params: tf.Tensor2D, options: SampleOptions): tf.Tensor2D {
    const u = options.rng.uniform(params.size);
    const T = options.temperature ?? 1;
    return tf.tidy(() => tf.cast(tf.less(tf.tensor2d(u, params.shape), tf.sigmoid(tf.div(this.logits(params), T))), 'float32') as tf.Tensor2D);
  }
  createCpuSampler(): CpuSampler {
    const b = this.weights.b ? (this.weights.b.dataSync() as Float32Array).slice() : new Float32Array(this.dim);
    return {
      sample: (params, out, options) => {
        const T = options.temperature ?? 1;
        for (let d = 0; d < this.dim; d++) out[d] = options.rng.next() < 1 / (1 + Math.exp(-(params[d]! + b[d]!) / T)) ? 1 : 0;
        return out;
      },
    };
  }
  getConfig() {
    return { ...this.config };
  }
  dispose(): void {
    for (const v of Object.values(this.weights)) v.dispose();
  }
}

/** An estimator without logProb (like an RBM), for the evaluate error path. */
export function noLogProbEstimator(config: { dim: number; withBias: boolean }): DistributionEstimator {
  const est = new LogisticEstimator(config);
  Object.defineProperty(est, 'logProb', { value: undefined });
  return est;
}

/** Registers {@link LogisticEstimator} so that models using it can be loaded. */
export function registerLogisticEstimator(): void {
  registerEstimator({ className: '@rnn-nade/core-test>Logistic', fromConfig: (c) => new LogisticEstimator(c as { dim: number; withBias: boolean }) });
}
