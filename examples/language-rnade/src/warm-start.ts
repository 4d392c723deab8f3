import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, type SequenceModel } from '@rnn-nade/core';
import type { IndependentRnade } from './independent-rnade';

/**
 * Pre-training for the RNN-RNADE (as ICML 2012 pre-trains its RBM/NADE on frames): copies a
 * trained frame-independent RNADE into a fresh sequence model — every RNADE weight, its constant
 * params into the projection bias (the hidden-bias slice `c`; mixture-bias offsets, when the model
 * has them, start at 0) — and scales the projection kernel by `kernelScale`. With
 * `kernelScale = 0` the model's density equals the baseline's exactly; with a small scale it starts
 * close to it and the LSTM can add the context.
 *
 * @example
 * ```ts
 * initFromIndependentRnade(model, baseline, { kernelScale: 0.1 });
 * ```
 */
export function initFromIndependentRnade(model: SequenceModel, base: IndependentRnade, options: { kernelScale: number }): void {
  const cfg = base.estimator.getConfig();
  const own = model.estimator.getConfig() as Record<string, unknown>;
  for (const key of ['dim', 'hidden', 'components', 'minSigma'] as const) {
    if (cfg[key] !== own[key]) throw new ConfigError(`Cannot initialise from the baseline: its ${key} is ${cfg[key]}, the model's ${String(own[key])}.`);
  }
  if (model.encoderConfig.projectionHidden > 0) throw new ConfigError('Initialising from a baseline needs a model without a projection hidden layer.');
  tf.tidy(() => {
    for (const [k, v] of Object.entries(base.estimator.weights)) model.variables[`estimator/${k}`]!.assign(v as tf.Variable);
    const bias = model.variables['projection/output/bias']!;
    const c = tf.reshape(base.params, [-1]);
    bias.assign(tf.concat([c, tf.zeros([bias.shape[0]! - c.shape[0]!])]));
    const kernel = model.variables['projection/output/kernel']!;
    kernel.assign(tf.mul(kernel, options.kernelScale));
  });
}
