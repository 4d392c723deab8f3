/**
 * A user-written estimator module, as `--plugin` loads it: importing it registers a
 * frame-independent Bernoulli under its own namespaced class name and the alias `toy-plugin`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { registerEstimator, type DistributionEstimator, type SampleOptions } from '@rnn-nade/core/node';

type ToyConfig = { dim: number };

class ToyPluginEstimator implements DistributionEstimator<ToyConfig> {
  readonly specificationVersion = 'v1';
  readonly className = 'toy-plugin-package>Toy';
  readonly domain = 'binary';
  readonly weights = {};
  readonly paramLayout;
  constructor(readonly config: ToyConfig) {
    this.paramLayout = [{ name: 'logits', size: config.dim }];
  }
  get dim() {
    return this.config.dim;
  }
  get paramSize() {
    return this.config.dim;
  }
  loss(params: tf.Tensor2D, x: tf.Tensor2D) {
    return tf.tidy(() => tf.neg(this.logProb(params, x)));
  }
  logProb(params: tf.Tensor2D, x: tf.Tensor2D) {
    return tf.tidy(() => tf.sum(tf.sub(tf.mul(x, params), tf.softplus(params)), 1) as tf.Tensor1D);
  }
  sample(params: tf.Tensor2D, { rng }: SampleOptions) {
    return tf.tidy(() => tf.cast(tf.less(tf.tensor(rng.uniform(params.size), params.shape), tf.sigmoid(params)), 'float32') as tf.Tensor2D);
  }
  getConfig() {
    return { ...this.config };
  }
  dispose() {}
}

const fromConfig = (c: ToyConfig) => new ToyPluginEstimator(c);
registerEstimator<ToyConfig>({ className: 'toy-plugin-package>Toy', alias: 'toy-plugin', fromConfig, defaultConfig: (dim) => ({ dim }) });
