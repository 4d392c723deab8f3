import * as tf from '@tensorflow/tfjs-core';
import { type CpuSampler, type DistributionEstimator, type LossOptions, type ParamSlice, Rng, type SampleOptions, ShapeError } from '@rnn-nade/core';

/** Config of the reference estimator. */
export type ReferenceBernoulliConfig = { dim: number; seed: number };

/** Class name it registers under in the kit's tests. */
export const REFERENCE_BERNOULLI = '@rnn-nade/core-test-fixtures>ReferenceBernoulli';

/**
 * A private, obviously-correct estimator for the kit's own tests: independent Bernoulli per
 * dimension with logits = params + b, where b is its one weight. Written independently of the
 * estimator packages so the kit is tested against something it does not share code with.
 */
export class ReferenceBernoulli implements DistributionEstimator<ReferenceBernoulliConfig> {
  readonly specificationVersion = 'v1' as const;
  className = REFERENCE_BERNOULLI;
  readonly domain = 'binary' as const;
  readonly paramLayout: ParamSlice[];
  readonly weights: Record<string, tf.Variable>;
  readonly config: ReferenceBernoulliConfig;

  constructor(config: ReferenceBernoulliConfig) {
    this.config = { dim: config.dim, seed: config.seed };
    this.paramLayout = [{ name: 'logits', size: config.dim, description: 'per-dimension logit offsets' }];
    const init = new Rng(config.seed).normals(config.dim).map((v) => 0.3 * v);
    this.weights = { b: tf.tidy(() => tf.variable(tf.tensor1d(init), true)) };
  }

  get dim(): number {
    return this.config.dim;
  }

  get paramSize(): number {
    return this.config.dim;
  }

  protected check(params: tf.Tensor2D, x?: tf.Tensor2D): void {
    const [n, p] = params.shape;
    if (p !== this.paramSize) throw new ShapeError(`params must be [N, ${this.paramSize}], got [${params.shape}]`);
    if (x && (x.shape[0] !== n || x.shape[1] !== this.dim)) {
      throw new ShapeError(`x must be [${n}, ${this.dim}], got [${x.shape}]`);
    }
  }

  /** logits = params + b. */
  logits(params: tf.Tensor2D): tf.Tensor2D {
    return tf.add(params, this.weights.b!);
  }

  loss(params: tf.Tensor2D, x: tf.Tensor2D, _options?: LossOptions): tf.Tensor1D {
    this.check(params, x);
    return tf.tidy(() => tf.neg(this.logProb(params, x)));
  }

  logProb(params: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    this.check(params, x);
    return tf.tidy(() => {
      const z = this.logits(params);
      // log p = x z - softplus(z)
      return tf.sum(tf.sub(tf.mul(x, z), tf.softplus(z)), 1) as tf.Tensor1D;
    });
  }

  sample(params: tf.Tensor2D, { rng, temperature = 1 }: SampleOptions): tf.Tensor2D {
    this.check(params);
    return tf.tidy(() => {
      const p = tf.sigmoid(tf.div(this.logits(params), temperature));
      const u = tf.tensor2d(rng.uniform(params.shape[0] * this.dim), params.shape);
      return tf.cast(tf.less(u, p), 'float32') as tf.Tensor2D;
    });
  }

  createCpuSampler(): CpuSampler {
    const b = Float32Array.from(this.weights.b!.dataSync());
    return {
      sample: (params, out, { rng, temperature = 1 }) => {
        for (let d = 0; d < b.length; d++) {
          const p = 1 / (1 + Math.exp(-(params[d]! + b[d]!) / temperature));
          out[d] = rng.next() < p ? 1 : 0;
        }
        return out;
      },
    };
  }

  getConfig(): ReferenceBernoulliConfig {
    return { ...this.config };
  }

  dispose(): void {
    for (const v of Object.values(this.weights)) v.dispose();
  }
}
