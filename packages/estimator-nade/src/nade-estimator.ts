import * as tf from '@tensorflow/tfjs-core';
import { Rng, ShapeError, ConfigError, type DistributionEstimator, type LossOptions, type ParamSlice, type SampleOptions } from '@rnn-nade/core';
import { resolveNadeConfig, type NadeConfig, type ResolvedNadeConfig } from './nade-config';
import { NadeCpuSampler, resolveTemperature } from './nade-cpu-sampler';
import { transpose } from './nade-js-kernel';
import { nadeKernelAvailable, nadeLogProbKernel, nadeLossKernel } from './nade-kernels';
import { nadeLogits, nadeLogProbAutodiff, nadeLossFusedTf } from './nade-tensor-ops';
import { nadeSampleTensorLoop } from './nade-tensor-sample';

/** The namespaced class name stored in model files. */
export const NADE_CLASS_NAME = '@rnn-nade/estimator-nade>NADE';

/**
 * Which implementation computes `loss`/`logProb`/`sample`:
 * - `'js'`: the fused kernels `RnnNadeNadeLoss` / `RnnNadeNadeLossGrad`, registered with
 *   `tf.registerKernel` for the cpu and wasm backends (forward + analytic backward on plain
 *   arrays), and the {@link NadeCpuSampler}; fastest on those backends;
 * - `'tensor'`: tensor ops (`[N,H,D]` pre-activations, hand-written gradient in
 *   `tf.customGrad`, per-dimension sampling loop); any backend, meant for GPU backends;
 * - `'auto'` (default): `'js'` wherever the kernels are registered for the active backend,
 *   `'tensor'` elsewhere.
 */
export type NadeKernel = 'auto' | 'js' | 'tensor';

/** The trainable variables a {@link NadeEstimator} owns. */
export interface NadeWeights {
  /** `[H, D]`: column j is added to the hidden pre-activation when x_j = 1. */
  readonly W: tf.Variable<tf.Rank.R2>;
  /** `[H, D]`: column i maps h_i to the logit of x_i. */
  readonly V: tf.Variable<tf.Rank.R2>;
}

/** Runtime options of a {@link NadeEstimator} (not saved in model files). */
export interface NadeRuntimeOptions {
  /** Implementation choice, default `'auto'`. */
  readonly kernel?: NadeKernel;
}

/** Options of {@link NadeEstimator.sample}: the contract's options plus the implementation. */
export interface NadeSampleOptions extends SampleOptions {
  /** Overrides the estimator's kernel choice for this call. */
  readonly kernel?: NadeKernel;
}

/**
 * NADE (Larochelle & Murray 2011) over binary frames of dimension D, as the rnn-nade estimator
 * of RNN-NADE (Boulanger-Lewandowski et al., ICML 2012): the model's projection supplies, per
 * frame, the visible bias b (D) and hidden bias c (H); the estimator owns W and V (both H×D).
 *
 * p(x) = Π_i p(x_i | x_<i), p(x_i = 1 | x_<i) = sigmoid(b_i + V[:,i] · h_i),
 * h_i = sigmoid(c + W[:,<i] x_<i). `logProb` and `loss` are exact and cost O(D·H) per frame.
 * Temperature T divides every conditional's logit: p_T(x_i = 1 | x_<i) = sigmoid(logit_i / T).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { Rng, initBackend } from '@rnn-nade/core';
 * import { nade } from '@rnn-nade/estimator-nade';
 *
 * await initBackend();
 * const est = nade({ dim: 88, hidden: 100, seed: 1 });
 * const params = tf.zeros([4, est.paramSize]) as tf.Tensor2D; // from the model's projection
 * const x = est.sample(params, { rng: new Rng(7), temperature: 1 }); // [4, 88]
 * const logp = est.logProb(params, x); // [4], nats
 * ```
 */
export class NadeEstimator implements DistributionEstimator<NadeConfig> {
  /** Implements the estimator contract v1. */
  readonly specificationVersion = 'v1' as const;
  /** `'@rnn-nade/estimator-nade>NADE'`, stored in model files. */
  readonly className = NADE_CLASS_NAME;
  /** Frames are 0/1 vectors. */
  readonly domain = 'binary' as const;
  /** Frame dimension D. */
  readonly dim: number;
  /** Number of hidden units H. */
  readonly hidden: number;
  /** D + H: the visible bias b followed by the hidden bias c. */
  readonly paramSize: number;
  /** `[{ name: 'b', size: D }, { name: 'c', size: H }]`. */
  readonly paramLayout: readonly ParamSlice[];
  /** W (hidden pre-activation weights) and V (output weights), both `[H, D]`. */
  readonly weights: Readonly<NadeWeights>;
  private readonly config: ResolvedNadeConfig;
  private readonly kernel: NadeKernel;

  /**
   * @param config validated with {@link resolveNadeConfig}; W and V start as
   *   N(0, initScale²) draws from `Rng(seed)`.
   */
  constructor(config: NadeConfig, options: NadeRuntimeOptions = {}) {
    this.config = resolveNadeConfig(config);
    this.kernel = resolveKernel(options.kernel);
    const { dim, hidden, seed, initScale } = this.config;
    this.dim = dim;
    this.hidden = hidden;
    this.paramSize = dim + hidden;
    this.paramLayout = [
      { name: 'b', size: dim, description: 'NADE visible bias b (one logit offset per dimension)' },
      { name: 'c', size: hidden, description: 'NADE hidden bias c (initial hidden pre-activation)' },
    ];
    const rng = new Rng(seed);
    const init = (): tf.Variable<tf.Rank.R2> =>
      tf.tidy(() =>
        tf.variable(
          tf.tensor2d(
            rng.normals(hidden * dim).map((v) => v * initScale),
            [hidden, dim],
          ),
        ),
      );
    const W = init();
    const V = init();
    this.weights = { W, V };
  }

  /** -log p(x) per row, `[N,P] × [N,D] → [N]`, differentiable w.r.t. params, W and V. */
  loss(params: tf.Tensor2D, x: tf.Tensor2D, _options?: LossOptions): tf.Tensor1D {
    this.checkShapes(params, x);
    const { W, V } = this.weights;
    if (x.shape[0] === 0) return tf.zeros([0]);
    return this.useJs(this.kernel) ? nadeLossKernel(params, x, W, V) : nadeLossFusedTf(params, x, W, V);
  }

  /** Exact log p(x) (nats) per row, `[N,P] × [N,D] → [N]`. */
  logProb(params: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    this.checkShapes(params, x);
    const { W, V } = this.weights;
    if (x.shape[0] === 0) return tf.zeros([0]);
    return this.useJs(this.kernel) ? nadeLogProbKernel(params, x, W, V) : nadeLogProbAutodiff(params, x, W, V);
  }

  /**
   * The conditionals p_T(x_i = 1 | x_<i) `[N,D]` of the frames `x` under `params`, computed with
   * tensor ops (the reference the CPU sampler is checked against).
   */
  conditionals(params: tf.Tensor2D, x: tf.Tensor2D, options: { temperature?: number } = {}): tf.Tensor2D {
    this.checkShapes(params, x);
    const invT = 1 / resolveTemperature(options.temperature);
    if (x.shape[0] === 0) return tf.zeros([0, this.dim]);
    return tf.tidy(() => tf.sigmoid(tf.mul(nadeLogits(params, x, this.weights.W, this.weights.V), invT)) as tf.Tensor2D);
  }

  /**
   * One ancestral draw per row, `[N,P] → [N,D]`, dimension by dimension, each conditional's
   * logit divided by `temperature` (default 1, must be > 0). Consumes exactly N·D `rng.next()`
   * values in row-major order, on either implementation.
   */
  sample(params: tf.Tensor2D, options: NadeSampleOptions): tf.Tensor2D {
    this.checkParams(params);
    const temperature = resolveTemperature(options.temperature);
    const { W, V } = this.weights;
    if (!this.useJs(options.kernel, params.shape[0])) return nadeSampleTensorLoop(params, W, V, { temperature, rng: options.rng });
    const n = params.shape[0];
    const sampler = this.createCpuSampler();
    const p = params.dataSync() as Float32Array;
    const out = new Float32Array(n * this.dim);
    for (let r = 0; r < n; r++) {
      sampler.sample(p.subarray(r * this.paramSize, (r + 1) * this.paramSize), out.subarray(r * this.dim, (r + 1) * this.dim), {
        temperature,
        rng: options.rng,
      });
    }
    return tf.tensor2d(out, [n, this.dim]);
  }

  /** A {@link NadeCpuSampler} holding a snapshot of the current W and V. */
  createCpuSampler(): NadeCpuSampler {
    const { dim, hidden } = this;
    return new NadeCpuSampler({
      dim,
      hidden,
      Wt: transpose(this.weights.W.dataSync() as Float32Array, hidden, dim),
      Vt: transpose(this.weights.V.dataSync() as Float32Array, hidden, dim),
    });
  }

  /** The plain-JSON config (defaults filled in). */
  getConfig(): NadeConfig {
    return { ...this.config };
  }

  /** Disposes W and V. */
  dispose(): void {
    this.weights.W.dispose();
    this.weights.V.dispose();
  }

  /**
   * Whether to use the fused kernels and the plain-array sampler (always for zero rows: wasm ops
   * reject empty tensors).
   * @throws ConfigError when `'js'` is forced on a backend the kernels are not registered for.
   */
  private useJs(kernel: NadeKernel = this.kernel, rows = 1): boolean {
    const k = resolveKernel(kernel);
    if (rows === 0) return true;
    const available = nadeKernelAvailable();
    if (k === 'js' && !available) {
      throw new ConfigError(`NADE kernel 'js': the fused kernels are not registered for backend "${tf.getBackend()}" (only cpu and wasm).`);
    }
    return k === 'auto' ? available : k === 'js';
  }

  private checkParams(params: tf.Tensor): void {
    if (params.rank !== 2 || params.shape[1] !== this.paramSize) {
      throw new ShapeError(`NADE params must be [N, ${this.paramSize}] (b: ${this.dim}, c: ${this.hidden}), got [${params.shape}].`);
    }
  }

  private checkShapes(params: tf.Tensor, x: tf.Tensor): void {
    this.checkParams(params);
    if (x.rank !== 2 || x.shape[1] !== this.dim || x.shape[0] !== params.shape[0]) {
      throw new ShapeError(`NADE frames must be [${params.shape[0]}, ${this.dim}] to match params, got [${x.shape}].`);
    }
  }
}

function resolveKernel(kernel: unknown): NadeKernel {
  if (kernel === undefined) return 'auto';
  if (kernel === 'auto' || kernel === 'js' || kernel === 'tensor') return kernel;
  throw new ConfigError(`NADE kernel must be 'auto', 'js' or 'tensor', got ${JSON.stringify(kernel)}.`);
}

/**
 * Creates a {@link NadeEstimator}.
 *
 * @example
 * ```ts
 * const est = nade({ dim: 88, hidden: 100, seed: 42 });
 * est.paramSize; // 188 = b (88) + c (100)
 * ```
 */
export function nade(config: NadeConfig, options: NadeRuntimeOptions = {}): NadeEstimator {
  return new NadeEstimator(config, options);
}
