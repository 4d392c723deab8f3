import * as tf from '@tensorflow/tfjs-core';
import { type CpuSampler, type LossOptions, Rng, type SampleOptions } from '@rnn-nade/core';
import { ReferenceBernoulli, type ReferenceBernoulliConfig } from './reference-bernoulli';

/**
 * Deliberately broken estimators: each breaks exactly one property, so the kit's tests can
 * assert that the matching check — and only it, where possible — fails.
 */

/** log p is 0.1 nats too high everywhere (loss stays consistent with it): Σ p = e^0.1. */
export class UnnormalisedBernoulli extends ReferenceBernoulli {
  override logProb(params: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => tf.add(super.logProb(params, x), 0.1));
  }
}

/** logProb keeps one intermediate tensor alive on every call. */
export class LeakyBernoulli extends ReferenceBernoulli {
  leaked: tf.Tensor[] = [];
  override logProb(params: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    this.leaked.push(tf.sigmoid(params)); // never disposed
    return super.logProb(params, x);
  }
}

/** dispose() forgets its variable. */
export class UndisposedBernoulli extends ReferenceBernoulli {
  override dispose(): void {}
}

/** The loss value is right but its gradient is scaled by 0.7 (a bug in a custom gradient). */
export class WrongGradientBernoulli extends ReferenceBernoulli {
  override loss(params: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [zz, xs, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
      save([zz, xs]);
      return {
        value: tf.neg(tf.sum(tf.sub(tf.mul(xs, zz), tf.softplus(zz)), 1)),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [zs, xv] = saved as [tf.Tensor2D, tf.Tensor2D];
          const g = tf.mul(tf.expandDims(dy, 1), tf.sub(tf.sigmoid(zs), xv));
          return [tf.mul(g, 0.7), tf.zerosLike(xv)];
        },
      };
    });
    return tf.tidy(() => f(this.logits(params), x) as tf.Tensor1D);
  }
}

/** Samples fair coin flips whatever the probabilities are. */
export class CoinFlipSamplerBernoulli extends ReferenceBernoulli {
  override sample(params: tf.Tensor2D, { rng }: SampleOptions): tf.Tensor2D {
    const u = rng.uniform(params.shape[0] * this.dim).map((v) => (v < 0.5 ? 1 : 0));
    return tf.tensor2d(u, [params.shape[0], this.dim]);
  }
}

/** Samples the right distribution but ignores `temperature` (the same draws at every T). */
export class TemperatureBlindBernoulli extends ReferenceBernoulli {
  override sample(params: tf.Tensor2D, options: SampleOptions): tf.Tensor2D {
    return super.sample(params, { rng: options.rng });
  }
  override createCpuSampler(): CpuSampler {
    const inner = super.createCpuSampler();
    return { sample: (params, out, { rng }) => inner.sample(params, out, { rng }) };
  }
}

/** The tensor sampler is right but the CpuSampler ignores the weight b. */
export class WrongCpuSamplerBernoulli extends ReferenceBernoulli {
  override createCpuSampler(): CpuSampler {
    return {
      sample: (params, out, { rng }) => {
        for (let d = 0; d < this.dim; d++) out[d] = rng.next() < 1 / (1 + Math.exp(-params[d]! * 2)) ? 1 : 0;
        return out;
      },
    };
  }
}

/** Uses Math.random instead of options.rng: not reproducible. */
export class UnseededSamplerBernoulli extends ReferenceBernoulli {
  override sample(params: tf.Tensor2D, options: SampleOptions): tf.Tensor2D {
    return super.sample(params, { ...options, rng: new Rng(Math.floor(Math.random() * 2 ** 31)) });
  }
}

/** Its factory drops `seed`, so fromConfig(getConfig()) gives a different config. */
export class ForgetfulConfigBernoulli extends ReferenceBernoulli {
  constructor(config: Partial<ReferenceBernoulliConfig> & { dim: number }) {
    super({ dim: config.dim, seed: config.seed ?? 0 });
  }
}

let counter = 0;
/** Keeps a per-instance offset outside `weights`: saved weights do not reproduce the model. */
export class HiddenStateBernoulli extends ReferenceBernoulli {
  private readonly hidden: tf.Tensor1D = tf.keep(tf.fill([this.dim], 0.5 * (++counter % 3) - 0.5) as tf.Tensor1D);
  override logits(params: tf.Tensor2D): tf.Tensor2D {
    return tf.add(super.logits(params), this.hidden);
  }
  override dispose(): void {
    super.dispose();
    this.hidden.dispose();
  }
}

/** paramLayout says 1 entry more than paramSize. */
export class BadLayoutBernoulli extends ReferenceBernoulli {
  override readonly paramLayout = [{ name: 'logits', size: this.dim + 1 }];
}

/** className without the "<package>>" namespace. */
export class UnnamespacedBernoulli extends ReferenceBernoulli {
  override className = 'Bernoulli';
}

/** loss returns [N, 1] instead of [N]. */
export class WrongShapeLossBernoulli extends ReferenceBernoulli {
  override loss(params: tf.Tensor2D, x: tf.Tensor2D, options?: LossOptions): tf.Tensor1D {
    return tf.tidy(() => tf.expandDims(super.loss(params, x, options), 1)) as unknown as tf.Tensor1D;
  }
}

/** Silently ignores extra columns of params and x instead of rejecting them. */
export class LaxShapesBernoulli extends ReferenceBernoulli {
  protected override check(): void {}
  override logits(params: tf.Tensor2D): tf.Tensor2D {
    return tf.add(tf.slice(params, [0, 0], [-1, this.dim]), this.weights.b!);
  }
  override logProb(params: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => super.logProb(params, tf.slice(x, [0, 0], [params.shape[0], this.dim])));
  }
}

/** An RBM-like estimator: no logProb (intractable), loss is the exact NLL here for simplicity. */
export class NoLogProbBernoulli extends ReferenceBernoulli {
  constructor(config: ReferenceBernoulliConfig) {
    super(config);
    (this as { logProb?: unknown }).logProb = undefined;
  }
  override loss(params: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => tf.neg(ReferenceBernoulli.prototype.logProb.call(this, params, x)));
  }
}

/** loss throws every time. */
export class ThrowingLossBernoulli extends ReferenceBernoulli {
  override loss(): tf.Tensor1D {
    throw new Error('boom: loss is not implemented');
  }
}
