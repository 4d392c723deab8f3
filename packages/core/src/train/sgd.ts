import * as tf from '@tensorflow/tfjs-core';
import { SlotOptimizer, resolveOptimizerConfig, type SgdConfig } from './optimizer';

/**
 * Mini-batch SGD with momentum (PyTorch convention): `b ← μ·b + g`, then
 * `θ ← θ − lr·b` (or `θ ← θ − lr·(g + μ·b)` with Nesterov). With `momentum: 0` it is plain SGD.
 *
 * @example
 * ```ts
 * const opt = new SgdOptimizer({ kind: 'sgd', momentum: 0.9 });
 * opt.apply(model.variables, grads, 0.01);
 * ```
 */
export class SgdOptimizer extends SlotOptimizer {
  /** The configuration with defaults filled in. */
  readonly config: Required<SgdConfig>;

  constructor(config: SgdConfig = { kind: 'sgd' }) {
    super();
    this.config = resolveOptimizerConfig(config) as Required<SgdConfig>;
  }

  /** Applies one update (see {@link Optimizer.apply}). */
  apply(variables: Readonly<Record<string, tf.Variable>>, grads: Readonly<Record<string, tf.Tensor>>, learningRate: number): void {
    const { momentum, nesterov } = this.config;
    tf.tidy(() => {
      const lr = tf.scalar(learningRate);
      const mu = tf.scalar(momentum);
      for (const name of Object.keys(grads).sort()) {
        const variable = variables[name];
        const g = grads[name];
        if (!variable || !g) continue;
        if (momentum === 0) {
          variable.assign(tf.sub(variable, tf.mul(lr, g)));
          continue;
        }
        const buf = this.slot('momentum', name, variable);
        const next = tf.add(tf.mul(mu, buf), g);
        buf.assign(next);
        const direction = nesterov ? tf.add(g, tf.mul(mu, next)) : next;
        variable.assign(tf.sub(variable, tf.mul(lr, direction)));
      }
    });
    this.stepCount++;
  }
}
