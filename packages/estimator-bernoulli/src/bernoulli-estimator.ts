import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  ShapeError,
  UnknownConfigKeyError,
  type CpuSampler,
  type DistributionEstimator,
  type ParamSlice,
  type SampleOptions,
} from '@rnn-nade/core';

/** The namespaced class name stored in model files. */
export const BERNOULLI_CLASS_NAME = '@rnn-nade/estimator-bernoulli>Bernoulli';

/** Configuration of a {@link BernoulliEstimator} (plain JSON). */
export type BernoulliConfig = {
  /** Frame dimension D (88 for piano rolls). */
  dim: number;
};

/** The keys a {@link BernoulliConfig} may have; any other is an `UnknownConfigKeyError` (from `@rnn-nade/core`). */
export const BERNOULLI_CONFIG_KEYS: readonly (keyof BernoulliConfig)[] = ['dim'];

/**
 * Independent Bernoulli per dimension: `params` are D logits l (no weights of its own), and
 * p(x | l) = Π_d σ(l_d)^{x_d} (1 − σ(l_d))^{1 − x_d}. This is the "RNN" (RNN-Bernoulli) row of
 * ICML 2012. Sampling at temperature T draws x_d ~ Bernoulli(σ(l_d / T)): T divides the logits.
 *
 * @example
 * ```ts
 * import { bernoulli } from '@rnn-nade/estimator-bernoulli';
 * const model = SequenceModel.create({ encoder: { inputDim: 88 }, estimator: bernoulli({ dim: 88 }) });
 * ```
 */
export class BernoulliEstimator implements DistributionEstimator<BernoulliConfig> {
  /** Contract version implemented. */
  readonly specificationVersion = 'v1' as const;
  /** {@link BERNOULLI_CLASS_NAME}. */
  readonly className = BERNOULLI_CLASS_NAME;
  /** Frames are 0/1 vectors. */
  readonly domain = 'binary' as const;
  /** None: the logits come entirely from the model's projection. */
  readonly weights: Readonly<Record<string, tf.Variable>> = {};
  /** One slice, `logits`, of size D. */
  readonly paramLayout: readonly ParamSlice[];
  /** Frame dimension D. */
  readonly dim: number;

  /** @throws ConfigError when `dim` is not an integer >= 1; UnknownConfigKeyError for any other key. */
  constructor(config: BernoulliConfig) {
    if (typeof config === 'object' && config !== null) UnknownConfigKeyError.check('Bernoulli', config, BERNOULLI_CONFIG_KEYS);
    const dim = config?.dim;
    if (!Number.isInteger(dim) || dim < 1) throw new ConfigError(`Bernoulli "dim" must be an integer >= 1, got ${JSON.stringify(dim)}.`);
    this.dim = dim;
    this.paramLayout = [{ name: 'logits', size: dim, description: 'logit of p(x_d = 1) for each dimension d' }];
  }

  /** P = D: one logit per dimension. */
  get paramSize(): number {
    return this.dim;
  }

  /** -log p(x | logits) per row: Σ_d softplus(l_d) − x_d l_d. */
  loss(params: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    this.check(params, x);
    return tf.tidy(() => tf.sum(tf.sub(tf.softplus(params), tf.mul(x, params)), 1) as tf.Tensor1D);
  }

  /** log p(x | logits) per row (nats). */
  logProb(params: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    this.check(params, x);
    return tf.tidy(() => tf.sum(tf.sub(tf.mul(x, params), tf.softplus(params)), 1) as tf.Tensor1D);
  }

  /** One draw per row: x_d = [u_d < σ(l_d / T)] with u = `rng.uniform(N·D)` in row-major order. */
  sample(params: tf.Tensor2D, options: SampleOptions): tf.Tensor2D {
    this.check(params);
    const T = temperatureOf(options);
    const u = options.rng.uniform(params.size);
    return tf.tidy(() => {
      const p = tf.sigmoid(T === 1 ? params : tf.div(params, T));
      return tf.cast(tf.less(tf.tensor2d(u, params.shape), p), 'float32') as tf.Tensor2D;
    });
  }

  /** Plain-array sampler drawing exactly what {@link sample} draws for a one-row params tensor and the same rng. */
  createCpuSampler(): CpuSampler {
    const dim = this.dim;
    const probs = new Float32Array(dim);
    return {
      sample(params: Float32Array, out: Float32Array, options: SampleOptions): Float32Array {
        if (params.length !== dim || out.length !== dim) {
          throw new ShapeError(`Bernoulli CpuSampler: params and out must have length ${dim}, got ${params.length} and ${out.length}.`);
        }
        const T = temperatureOf(options);
        for (let d = 0; d < dim; d++) {
          // float32 rounding as the tensor path computes σ in float32
          const p = Math.fround(1 / (1 + Math.exp(-Math.fround(params[d]! / T))));
          probs[d] = p;
          out[d] = options.rng.next() < p ? 1 : 0;
        }
        return out;
      },
      lastConditionals: () => Float32Array.from(probs),
    };
  }

  /** `{ dim }`. */
  getConfig(): BernoulliConfig {
    return { dim: this.dim };
  }

  /** Nothing to release (no weights of its own). */
  dispose(): void {}

  private check(params: tf.Tensor, x?: tf.Tensor): void {
    if (params.rank !== 2 || params.shape[1] !== this.dim) {
      throw new ShapeError(`Bernoulli params must have shape [N, ${this.dim}], got [${params.shape}].`);
    }
    if (x && (x.rank !== 2 || x.shape[0] !== params.shape[0] || x.shape[1] !== this.dim)) {
      throw new ShapeError(`Bernoulli frames must have shape [${params.shape[0]}, ${this.dim}], got [${x.shape}].`);
    }
  }
}

function temperatureOf(options: SampleOptions): number {
  const T = options.temperature ?? 1;
  if (!(T > 0 && Number.isFinite(T))) throw new ConfigError(`temperature must be a finite number > 0, got ${T}.`);
  return T;
}

/**
 * Creates a {@link BernoulliEstimator}.
 * @example
 * ```ts
 * const est = bernoulli({ dim: 88 });
 * ```
 */
export function bernoulli(config: BernoulliConfig): BernoulliEstimator {
  return new BernoulliEstimator(config);
}
