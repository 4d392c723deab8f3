import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  Rng,
  ShapeError,
  type DistributionEstimator,
  type LogProbOptions,
  type LossOptions,
  type ParamSlice,
  type SampleOptions,
} from '@rnn-nade/core';
import { resolveAisSettings, resolveRbmConfig, type AisSettings, type RbmConfig, type ResolvedRbmConfig } from './rbm-config';
import { bernoulliFromLogits, detachedGibbsChain, freeEnergy, gibbsChain, negLogPseudoLikelihood } from './rbm-ops';
import { aisLogPartition, exactLogPartition } from './rbm-partition';

/** The namespaced class name stored in model files. */
export const RBM_CLASS_NAME = '@rnn-nade-examples/custom-estimator-rbm>RBM';

/** How {@link RbmEstimator.logPartition} computes log Z. */
export type LogPartitionMethod = 'auto' | 'exact' | 'ais';

/** Options of {@link RbmEstimator.logProb}: the contract's options plus how to get log Z. */
export interface RbmLogProbOptions extends LogProbOptions {
  /** `'auto'` (default): exact when min(D, H) ≤ `exactMaxUnits`, else AIS. */
  readonly method?: LogPartitionMethod;
  /** Overrides the config's AIS settings for this call. */
  readonly ais?: AisSettings;
}

/** Options of {@link RbmEstimator.sample}: the contract's options plus the chain length. */
export interface RbmSampleOptions extends SampleOptions {
  /** Overrides the config's `gibbsSteps` for this call. */
  readonly gibbsSteps?: number;
}

/**
 * A binary restricted Boltzmann machine as an rnn-nade estimator — the RBM of the RNN-RBM
 * (Boulanger-Lewandowski, Bengio & Vincent, ICML 2012). The model's projection supplies, per
 * frame, the visible bias b (D) and the hidden bias c (H) as `params = [b, c]`; the estimator
 * owns the weights W (`[H, D]`). Energy `E(v, h) = −b·v − c·h − hᵀ W v`.
 *
 * - `loss`: CD-k surrogate `F(x) − F(x̃)` (free energies; x̃ = end of a k-step Gibbs chain from
 *   x, not differentiated), whose gradient is the CD-k estimate of `−∇ log p(x)`; with
 *   `training: false` the negative log pseudo-likelihood (config `validationLoss`).
 * - `sample`: block Gibbs, `gibbsSteps` steps from v ~ Bernoulli(sigmoid(b)); temperature T
 *   samples `exp(−E/T)` (all pre-activations divided by T).
 * - `logProb`: `−F(x) − log Z`, with log Z exact (enumerating the smaller layer) when
 *   min(D, H) ≤ `exactMaxUnits`, else estimated by AIS (costly; settings per config or call).
 *
 * @example
 * ```ts
 * const rbm = new RbmEstimator({ dim: 88, hidden: 150, cdSteps: 10 });
 * const model = SequenceModel.create({ encoder: { inputDim: 88, hidden: 100 }, estimator: rbm });
 * ```
 */
export class RbmEstimator implements DistributionEstimator<ResolvedRbmConfig> {
  readonly specificationVersion = 'v1';
  readonly className = RBM_CLASS_NAME;
  readonly domain = 'binary';
  readonly dim: number;
  readonly paramSize: number;
  readonly paramLayout: readonly ParamSlice[];
  readonly weights: { readonly W: tf.Variable<tf.Rank.R2> };
  private readonly config: ResolvedRbmConfig;
  /**
   * Runtime defaults of {@link logProb} / {@link logPartition} (not saved in model files): e.g.
   * cheaper AIS settings for a whole `model.evaluate(...)`, which calls `logProb` without them.
   * Options passed to a call take precedence.
   */
  logProbDefaults: RbmLogProbOptions = {};
  /** Randomness when a caller passes no `rng` (deterministic from the config's seed). */
  private readonly fallbackRng: Rng;

  constructor(config: RbmConfig) {
    this.config = resolveRbmConfig(config);
    const { dim: D, hidden: H, initScale, seed } = this.config;
    this.dim = D;
    this.paramSize = D + H;
    this.paramLayout = [
      { name: 'b', size: D, description: 'visible bias of the RBM for this frame' },
      { name: 'c', size: H, description: 'hidden bias of the RBM for this frame' },
    ];
    const init = new Rng(seed).normals(H * D);
    for (let i = 0; i < init.length; i++) init[i]! *= initScale;
    this.weights = { W: tf.tidy(() => tf.variable(tf.tensor2d(init, [H, D]), true)) };
    this.fallbackRng = new Rng(seed ^ 0x5bd1e995);
  }

  /** Number of hidden units H. */
  get hidden(): number {
    return this.config.hidden;
  }

  /** Splits `params [N, D+H]` into `b [N, D]` and `c [N, H]`, checking shapes. */
  private split(params: tf.Tensor2D, x?: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
    const { dim: D, paramSize: P } = this;
    if (params.rank !== 2 || params.shape[1] !== P) throw new ShapeError(`RBM params must be [N, ${P}] (b: ${D}, c: ${P - D}), got [${params.shape}].`);
    if (x && (x.rank !== 2 || x.shape[1] !== D || x.shape[0] !== params.shape[0])) {
      throw new ShapeError(`RBM x must be [${params.shape[0]}, ${D}] to match params [${params.shape}], got [${x.shape}].`);
    }
    const N = params.shape[0];
    return [tf.slice(params, [0, 0], [N, D]), tf.slice(params, [0, D], [N, P - D])];
  }

  loss(params: tf.Tensor2D, x: tf.Tensor2D, options: LossOptions = {}): tf.Tensor1D {
    return tf.tidy(() => {
      const [b, c] = this.split(params, x);
      const W = this.weights.W;
      if (options.training === false && this.config.validationLoss === 'pseudo-likelihood') return negLogPseudoLikelihood(b, c, W, x);
      const rng = options.rng ?? this.fallbackRng;
      const xTilde = detachedGibbsChain(b, c, W, x, { steps: this.config.cdSteps, rng });
      return tf.sub(freeEnergy(b, c, W, x), freeEnergy(b, c, W, xTilde)) as tf.Tensor1D;
    });
  }

  /**
   * log Z per row `[N]` for `params [N, D+H]`: exact or AIS (see {@link RbmLogProbOptions}).
   * @throws ConfigError when `method: 'exact'` is asked for a model too large to enumerate (min(D,H) > 20).
   */
  logPartition(params: tf.Tensor2D, callOptions: RbmLogProbOptions = {}): tf.Tensor1D {
    const options = { ...this.logProbDefaults, ...stripUndefined(callOptions) };
    const method = options.method ?? 'auto';
    const small = Math.min(this.dim, this.hidden);
    const exact = method === 'exact' || (method === 'auto' && small <= this.config.exactMaxUnits);
    if (method === 'exact' && small > 20) throw new ConfigError(`Exact log Z enumerates 2^${small} states; use method 'ais' (min(D, H) must be <= 20).`);
    if (method !== 'auto' && method !== 'exact' && method !== 'ais') throw new ConfigError(`Unknown log Z method "${String(method)}" (auto, exact, ais).`);
    const settings = options.ais ? resolveAisSettings(options.ais) : this.config.ais;
    const rng = options.rng ?? this.fallbackRng;
    return tf.tidy(() => {
      const [b, c] = this.split(params);
      if (exact) return exactLogPartition(b, c, this.weights.W);
      const { logZ, logWeightStd } = aisLogPartition(b, c, this.weights.W, settings, rng);
      logWeightStd.dispose();
      return logZ;
    });
  }

  logProb(params: tf.Tensor2D, x: tf.Tensor2D, options: RbmLogProbOptions = {}): tf.Tensor1D {
    return tf.tidy(() => {
      const [b, c] = this.split(params, x);
      return tf.sub(tf.neg(freeEnergy(b, c, this.weights.W, x)), this.logPartition(params, options)) as tf.Tensor1D;
    });
  }

  sample(params: tf.Tensor2D, options: RbmSampleOptions): tf.Tensor2D {
    const temperature = options.temperature ?? 1;
    if (!(temperature > 0) || !Number.isFinite(temperature)) throw new ConfigError(`temperature must be a finite number > 0, got ${temperature}.`);
    const steps = options.gibbsSteps ?? this.config.gibbsSteps;
    if (!Number.isInteger(steps) || steps < 1) throw new ConfigError(`gibbsSteps must be a positive integer, got ${steps}.`);
    return tf.tidy(() => {
      const [b, c] = this.split(params);
      const v0 = bernoulliFromLogits(tf.div(b, temperature), options.rng);
      return gibbsChain(b, c, this.weights.W, v0, { steps, temperature, rng: options.rng });
    });
  }

  getConfig(): ResolvedRbmConfig {
    return { ...this.config, ais: { ...this.config.ais } };
  }

  dispose(): void {
    this.weights.W.dispose();
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
