import type * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../util/rng';

/**
 * The domain of one frame: `'binary'` frames are 0/1 vectors (piano rolls), `'real'` frames are
 * real vectors (word embeddings).
 */
export type EstimatorDomain = 'binary' | 'real';

/** Plain-JSON value, the only thing an estimator config may contain. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** An estimator's configuration: plain JSON, enough for its factory to rebuild it (minus weights). */
export type EstimatorConfig = { [key: string]: JsonValue };

/**
 * One named slice of the conditioning vector `params`. The slices are laid out in order and
 * their sizes add up to `paramSize`; model files record them so other tools can tell which
 * part of the projection output feeds which estimator bias.
 */
export interface ParamSlice {
  /** Name of the slice, e.g. `'b'` (visible bias) or `'c'` (hidden bias) for NADE. */
  readonly name: string;
  /** Number of entries. */
  readonly size: number;
  /** One line saying what the slice means. */
  readonly description?: string;
}

/** Options of {@link DistributionEstimator.loss}. */
export interface LossOptions {
  /** Randomness for stochastic surrogates (e.g. the Gibbs chain of CD-k). */
  readonly rng?: Rng;
  /** True during training; false when the loss is used for validation. */
  readonly training?: boolean;
}

/** Options of {@link DistributionEstimator.sample}. */
export interface SampleOptions {
  /**
   * Sharpens (< 1) or flattens (> 1) the distribution. 1 samples the model as trained.
   * Each estimator documents exactly what it scales.
   */
  readonly temperature?: number;
  /** The only source of randomness: equal rng states give equal samples. */
  readonly rng: Rng;
}

/** Options of {@link DistributionEstimator.logProb}. */
export interface LogProbOptions {
  /** Randomness for estimated (not exact) log-probabilities, e.g. AIS for an RBM. */
  readonly rng?: Rng;
}

/**
 * A sampler that runs on plain `Float32Array`s, with no tensor op per dimension: the fast path
 * for generation on CPU-side backends. It holds a snapshot of the estimator's weights taken when
 * it was created; create a new one after the weights change.
 */
export interface CpuSampler {
  /**
   * Draws one frame given one row of conditioning parameters.
   * @param params length `paramSize`
   * @param out length `dim`, overwritten with the sample
   * @returns `out`
   */
  sample(params: Float32Array, out: Float32Array, options: SampleOptions): Float32Array;
  /** Optional exact per-dimension conditionals of the last `sample` call, for testing. */
  lastConditionals?(): Float32Array;
}

/**
 * **The estimator contract, version 1** — the plugin point of rnn-nade.
 *
 * A sequence model owns an encoder (LSTM, attention, ...) and a projection from the encoder
 * state `h_t` to a conditioning vector `params_t` (length {@link paramSize}); the estimator owns
 * everything else: how `params_t` and its own weights define a distribution over the next frame
 * `x_{t+1}` (length {@link dim}).
 *
 * Shapes: `N` rows are independent frames (batch × time flattened). Every method is pure with
 * respect to tensors: it disposes whatever it creates except the tensor it returns, and never
 * disposes its inputs.
 *
 * Implement it as a class, give it a namespaced {@link className}, and register a factory with
 * {@link registerEstimator} so model files can rebuild it.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { registerEstimator, type DistributionEstimator } from '@rnn-nade/core';
 *
 * class Independent implements DistributionEstimator<{ dim: number }> {
 *   readonly specificationVersion = 'v1';
 *   readonly className = 'my-estimators>Independent';
 *   readonly domain = 'binary';
 *   readonly weights = {};
 *   readonly paramLayout;
 *   constructor(readonly config: { dim: number }) { this.paramLayout = [{ name: 'logits', size: config.dim }]; }
 *   get dim() { return this.config.dim; }
 *   get paramSize() { return this.config.dim; }
 *   loss(params: tf.Tensor2D, x: tf.Tensor2D) { return tf.tidy(() => tf.neg(this.logProb(params, x))); }
 *   logProb(params: tf.Tensor2D, x: tf.Tensor2D) {
 *     return tf.tidy(() => tf.sum(tf.sub(tf.mul(x, params), tf.softplus(params)), 1) as tf.Tensor1D);
 *   }
 *   sample(params: tf.Tensor2D, { rng }: SampleOptions) {
 *     return tf.tidy(() => tf.cast(tf.less(tf.tensor(rng.uniform(params.size), params.shape), tf.sigmoid(params)), 'float32') as tf.Tensor2D);
 *   }
 *   getConfig() { return { ...this.config }; }
 *   dispose() {}
 * }
 * registerEstimator({ className: 'my-estimators>Independent', fromConfig: (c) => new Independent(c as { dim: number }) });
 * ```
 */
export interface DistributionEstimator<C extends EstimatorConfig = EstimatorConfig> {
  /** Version of this contract the estimator implements. */
  readonly specificationVersion: 'v1';
  /**
   * Namespaced, stable identifier `"<npm package>><Class>"`, e.g. `"@rnn-nade/estimator-nade>NADE"`.
   * Model files store it; never derived from `constructor.name` (minifiers rename classes).
   */
  readonly className: string;
  /** Frame dimension D. */
  readonly dim: number;
  /** Whether frames are binary or real. */
  readonly domain: EstimatorDomain;
  /** Length P of the conditioning vector the model's projection must produce per frame. */
  readonly paramSize: number;
  /** How `params` is split into named slices (sizes add up to {@link paramSize}). */
  readonly paramLayout: readonly ParamSlice[];
  /**
   * The estimator's own trainable variables by local name (e.g. NADE's `W` and `V`; not the
   * model's projection). Model files save them as `estimator/<name>`.
   */
  readonly weights: Readonly<Record<string, tf.Variable>>;
  /**
   * Differentiable training objective per frame, `[N,P] × [N,D] → [N]`: `-log p(x | params)`
   * for exact estimators, a surrogate (e.g. CD-k free-energy difference) otherwise.
   */
  loss(params: tf.Tensor2D, x: tf.Tensor2D, options?: LossOptions): tf.Tensor1D;
  /**
   * Log-probability (nats) per frame, `[N,P] × [N,D] → [N]`: exact, or an estimate for models
   * whose normaliser is intractable. Absent when the estimator cannot provide one.
   */
  logProb?(params: tf.Tensor2D, x: tf.Tensor2D, options?: LogProbOptions): tf.Tensor1D;
  /** One draw per row, `[N,P] → [N,D]`, reproducible from `options.rng`. */
  sample(params: tf.Tensor2D, options: SampleOptions): tf.Tensor2D;
  /** Optional fast path: a sampler on plain arrays (see {@link CpuSampler}). */
  createCpuSampler?(): CpuSampler;
  /** Plain-JSON configuration; its factory's `fromConfig` rebuilds an equivalent estimator. */
  getConfig(): C;
  /** Releases the estimator's variables. */
  dispose(): void;
}
