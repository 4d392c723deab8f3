import * as tf from '@tensorflow/tfjs-core';
import { SlotOptimizer, resolveOptimizerConfig, type AdamConfig } from './optimizer';

/**
 * Adam with bias correction, PyTorch form: `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`,
 * `θ ← θ − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)`. With `weightDecay` λ > 0 it is AdamW
 * (PyTorch's form): `θ ← θ · (1 − lr·λ)` first, then the Adam step.
 *
 * @example
 * ```ts
 * const opt = new AdamOptimizer({ kind: 'adam' }); // or { kind: 'adam', weightDecay: 0.01 } for AdamW
 * opt.apply(model.variables, grads, 1e-3);
 * const saved = opt.getState(); // plain arrays, for a checkpoint
 * ```
 */
export class AdamOptimizer extends SlotOptimizer {
  /** The configuration with defaults filled in. */
  readonly config: Required<AdamConfig>;

  constructor(config: AdamConfig = { kind: 'adam' }) {
    super();
    this.config = resolveOptimizerConfig(config) as Required<AdamConfig>;
  }

  /** Applies one update (see {@link Optimizer.apply}). */
  apply(variables: Readonly<Record<string, tf.Variable>>, grads: Readonly<Record<string, tf.Tensor>>, learningRate: number): void {
    const { beta1, beta2, epsilon, weightDecay } = this.config;
    const t = this.stepCount + 1;
    const c1 = 1 - beta1 ** t;
    const c2 = 1 - beta2 ** t;
    tf.tidy(() => {
      const b1 = tf.scalar(beta1);
      const b2 = tf.scalar(beta2);
      const ob1 = tf.scalar(1 - beta1);
      const ob2 = tf.scalar(1 - beta2);
      const stepSize = tf.scalar(learningRate / c1);
      const invC2 = tf.scalar(1 / c2);
      const eps = tf.scalar(epsilon);
      const keep = weightDecay > 0 ? tf.scalar(1 - learningRate * weightDecay) : null;
      for (const name of Object.keys(grads).sort()) {
        const variable = variables[name];
        const g = grads[name];
        if (!variable || !g) continue;
        const m = this.slot('m', name, variable);
        const v = this.slot('v', name, variable);
        const mNext = tf.add(tf.mul(b1, m), tf.mul(ob1, g));
        const vNext = tf.add(tf.mul(b2, v), tf.mul(ob2, tf.square(g)));
        m.assign(mNext);
        v.assign(vNext);
        const denom = tf.add(tf.sqrt(tf.mul(vNext, invC2)), eps);
        const decayed = keep ? tf.mul(variable, keep) : variable;
        variable.assign(tf.sub(decayed, tf.mul(stepSize, tf.div(mNext, denom))));
      }
    });
    this.stepCount = t;
  }
}
