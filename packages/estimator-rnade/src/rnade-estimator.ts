import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, Rng, ShapeError, type DistributionEstimator, type LossOptions, type ParamSlice, type SampleOptions } from '@rnn-nade/core';
import { resolveRnadeConfig, resolveRnadeTemperature, type ResolvedRnadeConfig, type RnadeConfig } from './rnade-config';
import { RnadeCpuSampler } from './rnade-cpu-sampler';
import { initRnadeWeights, type RnadeWeights } from './rnade-init';
import { rnadeKernelStatus, rnadeKernelWeights, rnadeLossKernel } from './rnade-kernels';
import { rnadeLogProbTensor, rnadeMixture } from './rnade-tensor-ops';
import { rnadeSampleTensorLoop } from './rnade-tensor-sample';

/** The namespaced class name stored in model files. */
export const RNADE_CLASS_NAME = '@rnn-nade/estimator-rnade>RNADE';

/**
 * Which implementation computes `loss`, `logProb` and `sample`:
 * - `'js'`: plain-array arithmetic in float64: `loss` is the fused kernel `RnnNadeRnadeLoss`
 *   (registered with `tf.registerKernel` for cpu and wasm, analytic backward kernel, gradient via
 *   `tf.registerGradient`); sampling by the {@link RnadeCpuSampler};
 * - `'tensor'`: tensor ops with autodiff (`[N,H,D]` pre-activations, a per-dimension sampling
 *   loop);
 * - `'auto'` (default): measured choice (`bench/bench-loss.ts`), recorded when the kernel is
 *   registered (`preferredOn`): `loss`/`logProb` use `'js'` on the `cpu` backend and `'tensor'` elsewhere (on wasm the two cost about the same CPU time at
 *   K = 2 and the tensor ops win at larger K); `sample` uses `'js'` on `wasm`/`cpu` (about 50×
 *   faster per frame than the tensor loop) and `'tensor'` on GPU backends.
 * Both agree to float32 precision and give the same samples for the same Rng.
 */
export type RnadeKernel = 'auto' | 'js' | 'tensor';

/** Runtime options of an {@link RnadeEstimator} (not saved in model files). */
export interface RnadeRuntimeOptions {
  /** Implementation choice, default `'auto'`. */
  readonly kernel?: RnadeKernel;
}

/** Options of {@link RnadeEstimator.sample}: the contract's options plus the implementation. */
export interface RnadeSampleOptions extends SampleOptions {
  /** Overrides the estimator's kernel choice for this call. */
  readonly kernel?: RnadeKernel;
}

/** Mixture parameters of every dimension, each `[N, D, K]` (see {@link RnadeEstimator.mixture}). */
export interface RnadeMixtureParams {
  /** Normalised log mixture weights log π. */
  readonly logWeights: tf.Tensor3D;
  /** Component means μ. */
  readonly means: tf.Tensor3D;
  /** Component standard deviations σ (≥ σ_min). */
  readonly scales: tf.Tensor3D;
}

/**
 * RNADE (Uria, Murray & Larochelle 2013) over real frames of dimension D, as the estimator of
 * RNN-RNADE: each dimension's conditional is a mixture of K Gaussians whose log-weights, means and
 * log-scales are linear in a NADE hidden state,
 *
 *   a_d = c + Σ_{j<d} W[:, j] x_j,   h_d = relu(ρ_d · a_d),
 *   p(x_d | x_<d) = Σ_k π_dk N(x_d; μ_dk, σ_dk²),
 *   π_d = softmax(b^α_d + h_d V^α_d),  μ_d = b^μ_d + h_d V^μ_d,  σ_d = σ_min + exp(b^σ_d + h_d V^σ_d).
 *
 * The model's projection sets the hidden bias c (H) per step (`paramLayout` `c`), and with
 * `conditionMixture` also offsets of the three mixture biases (`alpha`, `mu`, `logSigma`, each
 * D·K). The estimator owns `W` `[H,D]`, `rho` `[D]`, `Valpha`/`Vmu`/`Vsigma` `[D,H,K]` and
 * `balpha`/`bmu`/`bsigma` `[D,K]`.
 *
 * `logProb` is exact (log-softmax weights, log-sum-exp over components), `loss = −logProb`.
 * Numerics: σ ≥ σ_min (default 1e-3) so the density is bounded; the log-scale is clipped at 15.
 *
 * Temperature T (sampling only): the mixture weights are sharpened, π_k^{1/T} / Σ_j π_j^{1/T},
 * and every σ is multiplied by √T (the variance by T); T = 1 samples the model, T → 0 tends to
 * the mean of the most probable component, and T = 0 is exactly that (greedy decoding).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { Rng, initBackend } from '@rnn-nade/core';
 * import { rnade } from '@rnn-nade/estimator-rnade';
 *
 * await initBackend();
 * const est = rnade({ dim: 50, hidden: 100, components: 2, seed: 1 });
 * const params = tf.zeros([4, est.paramSize]) as tf.Tensor2D; // from the model's projection
 * const x = est.sample(params, { rng: new Rng(7), temperature: 0.8 }); // [4, 50]
 * const logp = est.logProb(params, x); // [4], nats
 * ```
 */
export class RnadeEstimator implements DistributionEstimator<RnadeConfig> {
  readonly specificationVersion = 'v1' as const;
  readonly className = RNADE_CLASS_NAME;
  readonly domain = 'real' as const;
  readonly dim: number;
  /** Number of hidden units H. */
  readonly hidden: number;
  /** Mixture components K per dimension. */
  readonly components: number;
  readonly paramSize: number;
  readonly paramLayout: readonly ParamSlice[];
  readonly weights: RnadeWeights;
  private readonly config: ResolvedRnadeConfig;
  private readonly kernel: RnadeKernel;

  /** @param config validated with {@link resolveRnadeConfig}; weights drawn from `Rng(seed)`. */
  constructor(config: RnadeConfig, options: RnadeRuntimeOptions = {}) {
    this.config = resolveRnadeConfig(config);
    this.kernel = resolveKernel(options.kernel);
    const { dim, hidden, components, conditionMixture } = this.config;
    this.dim = dim;
    this.hidden = hidden;
    this.components = components;
    const mixture = dim * components;
    this.paramLayout = [
      { name: 'c', size: hidden, description: 'RNADE hidden bias c (initial hidden pre-activation a_1)' },
      ...(conditionMixture
        ? [
            { name: 'alpha', size: mixture, description: 'offset of the mixture logits, index d*K + k' },
            { name: 'mu', size: mixture, description: 'offset of the component means, index d*K + k' },
            { name: 'logSigma', size: mixture, description: 'offset of the component log-scales, index d*K + k' },
          ]
        : []),
    ];
    this.paramSize = this.paramLayout.reduce((s, p) => s + p.size, 0);
    this.weights = initRnadeWeights(this.config, new Rng(this.config.seed));
  }

  /** −log p(x) per row, `[N,P] × [N,D] → [N]`, differentiable w.r.t. params and every weight. */
  loss(params: tf.Tensor2D, x: tf.Tensor2D, _options?: LossOptions): tf.Tensor1D {
    this.checkShapes(params, x);
    if (this.useJs('loss')) return rnadeLossKernel(params, x, this.weights, this.config);
    return tf.tidy(() => tf.neg(rnadeLogProbTensor(params, x, this.weights, this.config)));
  }

  /** Exact log-density log p(x) (nats) per row, `[N,P] × [N,D] → [N]`. */
  logProb(params: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    this.checkShapes(params, x);
    if (this.useJs('loss')) return tf.tidy(() => tf.neg(rnadeLossKernel(params, x, this.weights, this.config)));
    return tf.tidy(() => rnadeLogProbTensor(params, x, this.weights, this.config));
  }

  /**
   * The mixture of every dimension given the frames' earlier dimensions (`[N,P] × [N,D]`), each
   * `[N, D, K]`, at temperature 1. For analysis and tests; the caller disposes the tensors.
   */
  mixture(params: tf.Tensor2D, x: tf.Tensor2D): RnadeMixtureParams {
    this.checkShapes(params, x);
    return tf.tidy(() => {
      const { logits, mu, sigma } = rnadeMixture(params, x, this.weights, this.config);
      const nd = (t: tf.Tensor3D) => tf.transpose(t, [1, 0, 2]) as tf.Tensor3D;
      return { logWeights: nd(tf.logSoftmax(logits)), means: nd(mu), scales: nd(sigma) };
    });
  }

  /**
   * One ancestral draw per row, `[N,P] → [N,D]`, at `temperature` (default 1, ≥ 0; see the class
   * description). Consumes exactly two Rng draws per dimension (`next()` then `normal()`), rows in
   * order, on either implementation.
   */
  sample(params: tf.Tensor2D, options: RnadeSampleOptions): tf.Tensor2D {
    this.checkParams(params);
    const temperature = resolveRnadeTemperature(options.temperature);
    if (!this.useJs('sample', options.kernel)) {
      return rnadeSampleTensorLoop(params, this.weights, this.config, { temperature, rng: options.rng });
    }
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

  /** A {@link RnadeCpuSampler} holding a snapshot of the current weights. */
  createCpuSampler(): RnadeCpuSampler {
    return new RnadeCpuSampler(rnadeKernelWeights(this.weights, this.config));
  }

  /** The plain-JSON config (defaults filled in). */
  getConfig(): RnadeConfig {
    return { ...this.config };
  }

  /** Disposes every weight. */
  dispose(): void {
    for (const v of Object.values(this.weights)) v.dispose();
  }

  /**
   * Whether to use the fused kernels (loss) or the plain-array sampler (sample): `'auto'` follows
   * the kernel registry (the loss kernel is preferred where it was registered as the faster path;
   * the sampler wherever the kernels exist, i.e. on the CPU-side backends).
   * @throws ConfigError when `'js'` is forced on a backend the kernels are not registered for.
   */
  private useJs(purpose: 'loss' | 'sample', kernel: RnadeKernel = this.kernel): boolean {
    const k = resolveKernel(kernel);
    const status = rnadeKernelStatus();
    if (k === 'js' && !status.available) {
      throw new ConfigError(`RNADE kernel 'js': the fused kernels are not registered for backend "${tf.getBackend()}" (only cpu and wasm).`);
    }
    if (k !== 'auto') return k === 'js';
    return purpose === 'sample' ? status.available : status.preferred;
  }

  private checkParams(params: tf.Tensor): void {
    if (params.rank !== 2 || params.shape[1] !== this.paramSize) {
      throw new ShapeError(
        `RNADE params must be [N, ${this.paramSize}] (${this.paramLayout.map((s) => `${s.name}: ${s.size}`).join(', ')}), got [${params.shape}].`,
      );
    }
  }

  private checkShapes(params: tf.Tensor, x: tf.Tensor): void {
    this.checkParams(params);
    if (x.rank !== 2 || x.shape[1] !== this.dim || x.shape[0] !== params.shape[0]) {
      throw new ShapeError(`RNADE frames must be [${params.shape[0]}, ${this.dim}] to match params, got [${x.shape}].`);
    }
  }
}

function resolveKernel(kernel: unknown): RnadeKernel {
  if (kernel === undefined) return 'auto';
  if (kernel === 'auto' || kernel === 'js' || kernel === 'tensor') return kernel;
  throw new ConfigError(`RNADE kernel must be 'auto', 'js' or 'tensor', got ${JSON.stringify(kernel)}.`);
}

/**
 * Creates an {@link RnadeEstimator}.
 *
 * @example
 * ```ts
 * const est = rnade({ dim: 50, hidden: 100, components: 2, seed: 3 });
 * ```
 */
export function rnade(config: RnadeConfig, options: RnadeRuntimeOptions = {}): RnadeEstimator {
  return new RnadeEstimator(config, options);
}
