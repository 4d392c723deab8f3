import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError, UnknownConfigKeyError, type DistributionEstimator, type ParamSlice, type SampleOptions } from '@rnn-nade/core';
import { resolveRnadeTemperature } from './rnade-config';

/** The namespaced class name stored in model files. */
export const ANCHORED_MIXTURE_CLASS_NAME = '@rnn-nade/estimator-rnade>AnchoredMixture';

/** Configuration of an {@link AnchoredMixtureEstimator}: plain JSON, stored in model files. */
export type AnchoredMixtureConfig = {
  /** Frame dimension D. */
  dim: number;
  /** Number of anchors (mixture components) V, e.g. the vocabulary size. */
  anchors: number;
  /** Standard deviation σ of every (isotropic) component (default 0.1). */
  sigma?: number;
  /**
   * Size Q of the query q when the mixture logits use a learned output embedding E `[V, Q]`
   * (logits b + E q, E trained with the model) instead of the fixed anchors (b + A q, q of size D).
   * Absent = tied to the anchors.
   */
  queryDim?: number;
};

/** A resolved {@link AnchoredMixtureConfig}: σ filled in, `queryDim` present only when set. */
export type ResolvedAnchoredMixtureConfig = Required<Omit<AnchoredMixtureConfig, 'queryDim'>> & Pick<AnchoredMixtureConfig, 'queryDim'>;

/** The keys an {@link AnchoredMixtureConfig} may have. */
export const ANCHORED_MIXTURE_CONFIG_KEYS: readonly (keyof AnchoredMixtureConfig)[] = ['dim', 'anchors', 'sigma', 'queryDim'];

/** Validates a config (e.g. read from a model file) and fills in σ. @throws ConfigError naming the field. */
export function resolveAnchoredMixtureConfig(config: unknown): ResolvedAnchoredMixtureConfig {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new ConfigError(`AnchoredMixture config must be an object like { dim: 50, anchors: 5050 }, got ${JSON.stringify(config)}.`);
  }
  UnknownConfigKeyError.check('AnchoredMixture', config, ANCHORED_MIXTURE_CONFIG_KEYS);
  const c = config as Partial<Record<keyof AnchoredMixtureConfig, unknown>>;
  for (const key of ['dim', 'anchors', 'queryDim'] as const) {
    const v = c[key];
    if (key === 'queryDim' && v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
      throw new ConfigError(`AnchoredMixture config "${key}" must be a positive integer, got ${JSON.stringify(v)}.`);
  }
  const sigma = c.sigma ?? 0.1;
  if (typeof sigma !== 'number' || !Number.isFinite(sigma) || sigma <= 0) {
    throw new ConfigError(`AnchoredMixture config "sigma" must be a finite number > 0, got ${JSON.stringify(c.sigma)}.`);
  }
  const resolved = { dim: c.dim as number, anchors: c.anchors as number, sigma };
  return c.queryDim === undefined ? resolved : { ...resolved, queryDim: c.queryDim as number };
}

/** Construction options of an {@link AnchoredMixtureEstimator}. */
export interface AnchoredMixtureOptions {
  /** `[V·D]` row-major anchor points (zeros when absent, e.g. before a model file's weights are loaded). */
  readonly anchors?: Float32Array;
  /** Seed of the output embedding's N(0, 1/Q) init (with `queryDim`; default 1). */
  readonly seed?: number;
}

/**
 * A Gaussian mixture with one isotropic component at each of V fixed anchor points a_v (e.g. the
 * word vectors of a vocabulary), whose weights the model sets per step:
 *
 *   p(x | q) = Σ_v π_v N(x; a_v, σ² I),   π = softmax(b + A q),
 *
 * with q the step's params (D values, from the RNN's projection), A `[V, D]` the anchors and b
 * `[V]` a learned bias (the frequency of each anchor). The logits are bilinear in the anchors, so
 * anchors close together get similar weights. When σ is small against the distances between
 * anchors, the density at an anchor is ≈ π_v N(0; 0, σ² I): ranking anchors by density is ranking
 * them by π (for word vectors: a log-bilinear softmax language model whose output embeddings are the
 * frozen input vectors). The anchors are a non-trainable weight saved with the model; only b is
 * trained (q comes from the model). With `queryDim` Q the logits are b + E q instead, E `[V, Q]` a
 * learned output embedding (a full softmax language model over the anchors; the components stay at
 * the anchors, so the density is still over the vectors).
 *
 * Temperature T (sampling only): weights π^{1/T} renormalised and σ multiplied by √T, as RNADE's.
 *
 * @example
 * ```ts
 * const est = anchoredMixture({ dim: 50, anchors: glove.words.length, sigma: 0.1 }, { anchors: glove.matrix });
 * ```
 */
export class AnchoredMixtureEstimator implements DistributionEstimator<AnchoredMixtureConfig> {
  readonly specificationVersion = 'v1' as const;
  readonly className = ANCHORED_MIXTURE_CLASS_NAME;
  readonly domain = 'real' as const;
  readonly dim: number;
  readonly paramSize: number;
  readonly paramLayout: readonly ParamSlice[];
  /** `anchors` `[V, D]` (not trainable), `bias` `[V]`, and with `queryDim` the output embedding `output` `[V, Q]`. */
  readonly weights: {
    /** `[V, D]` anchor points (one Gaussian centred at each). */
    readonly anchors: tf.Variable<tf.Rank.R2>;
    /** `[V]` mixture-weight bias (log-prior of each anchor). */
    readonly bias: tf.Variable<tf.Rank.R1>;
    /** `[V, Q]` learned output embedding of the logits (only with `queryDim`). */
    readonly output?: tf.Variable<tf.Rank.R2>;
  };
  private readonly config: ResolvedAnchoredMixtureConfig;
  private neighbours: AnchorNeighbours | undefined;

  /** @param options The anchors and the output embedding's seed ({@link AnchoredMixtureOptions}). */
  constructor(config: AnchoredMixtureConfig, options: AnchoredMixtureOptions = {}) {
    this.config = resolveAnchoredMixtureConfig(config);
    const { dim: D, anchors: V } = this.config;
    if (options.anchors && options.anchors.length !== V * D)
      throw new ShapeError(`AnchoredMixture anchors must have ${V} × ${D} values, got ${options.anchors.length}.`);
    this.dim = D;
    const Q = this.config.queryDim;
    this.paramSize = Q ?? D;
    this.paramLayout = [{ name: 'q', size: this.paramSize, description: `query vector: component v has logit bias_v + ${Q ? 'output' : 'anchors'}_v · q` }];
    const anchors = options.anchors ?? new Float32Array(V * D);
    this.weights = tf.tidy(() => ({
      anchors: tf.variable(tf.tensor2d(anchors, [V, D]), false),
      bias: tf.variable(tf.zeros([V]), true) as tf.Variable<tf.Rank.R1>,
      ...(Q ? { output: tf.variable(tf.randomNormal([V, Q], 0, 1 / Math.sqrt(Q), 'float32', options.seed ?? 1), true) as tf.Variable<tf.Rank.R2> } : {}),
    }));
  }

  /** Normalised log mixture weights log π `[N, V]` of each row of params (not tidied). */
  logWeights(params: tf.Tensor2D): tf.Tensor2D {
    this.checkParams(params);
    return tf.logSoftmax(tf.add(tf.matMul(params, this.weights.output ?? this.weights.anchors, false, true), this.weights.bias)) as tf.Tensor2D;
  }

  /** Exact log p(x) (nats) per row, `[N,D] × [N,D] → [N]`. */
  logProb(params: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    if (x.rank !== 2 || x.shape[1] !== this.dim || x.shape[0] !== params.shape[0]) {
      throw new ShapeError(`AnchoredMixture frames must be [${params.shape[0]}, ${this.dim}] to match params, got [${x.shape}].`);
    }
    const { sigma, dim: D } = this.config;
    return tf.tidy(() => {
      const A = this.weights.anchors;
      const sq = tf.add(tf.sub(tf.sum(tf.square(x), 1, true), tf.mul(2, tf.matMul(x, A, false, true))), tf.reshape(tf.sum(tf.square(A), 1), [1, -1])); // ||x − a_v||² [N, V]
      const logNormal = tf.sub(tf.mul(-0.5 / (sigma * sigma), tf.relu(sq)), D * (Math.log(sigma) + 0.5 * Math.log(2 * Math.PI)));
      return tf.logSumExp(tf.add(this.logWeights(params), logNormal), 1) as tf.Tensor1D;
    });
  }

  /** −log p(x) per row (differentiable w.r.t. params and the bias). */
  loss(params: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => tf.neg(this.logProb(params, x)));
  }

  /**
   * One draw per row at `temperature` (default 1): a component from π^{1/T} (one `rng.next()`),
   * then the anchor plus σ√T Gaussian noise (D `rng.normal()` draws; none at T = 0, which returns
   * the anchor of the most probable component).
   */
  sample(params: tf.Tensor2D, options: SampleOptions): tf.Tensor2D {
    const T = resolveRnadeTemperature(options.temperature);
    const { dim: D, anchors: V, sigma } = this.config;
    const logPi = tf.tidy(() => this.logWeights(params));
    const lp = logPi.dataSync() as Float32Array;
    logPi.dispose();
    const A = this.weights.anchors.dataSync() as Float32Array;
    const n = params.shape[0];
    const out = new Float32Array(n * D);
    for (let r = 0; r < n; r++) {
      const row = lp.subarray(r * V, (r + 1) * V);
      const v = T === 0 ? argMax(row) : drawCategorical(row, T, options.rng.next());
      for (let d = 0; d < D; d++) out[r * D + d] = A[v * D + d]! + (T === 0 ? 0 : sigma * Math.sqrt(T) * options.rng.normal());
    }
    return tf.tensor2d(out, [n, D]);
  }

  /**
   * log p(a_w | q) at every anchor a_w for each row of params, `[N, V]` row-major, without the
   * `[V, V]` work per row of {@link logProb}: the weights come from one `[N, D] × [D, V]` product,
   * and the sum over components keeps, for anchor w, its own component and those of the anchors
   * within squared distance 2σ²·`ANCHOR_CUTOFF_NATS` (200) (found once and cached; the anchors are
   * fixed). Every omitted component is at most e^{R − cutoff} of the kept own one, R being the
   * row's spread of log-weights (max − min), which is checked: below e^{-30} per component.
   * @throws ConfigError when a row's log-weights spread so far that the bound would not hold.
   */
  logProbAtAnchors(params: tf.Tensor2D): Float32Array {
    const { dim: D, anchors: V, sigma } = this.config;
    const logPiT = tf.tidy(() => this.logWeights(params));
    const lp = logPiT.dataSync() as Float32Array;
    logPiT.dispose();
    this.neighbours ??= anchorNeighbours(this.weights.anchors.dataSync() as Float32Array, V, D, sigma);
    const { start, index, gap } = this.neighbours;
    const peak = -D * (Math.log(sigma) + 0.5 * Math.log(2 * Math.PI));
    const out = new Float32Array(lp.length);
    for (let r = 0; r < params.shape[0]; r++) {
      const row = lp.subarray(r * V, (r + 1) * V);
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of row) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      if (hi - lo > ANCHOR_CUTOFF_NATS - 30)
        throw new ConfigError(`Row ${r}: log-weights spread over ${(hi - lo).toFixed(1)} nats; logProbAtAnchors needs < ${ANCHOR_CUTOFF_NATS - 30}.`);
      for (let w = 0; w < V; w++) {
        const own = row[w]!;
        let sum = 1;
        for (let j = start[w]!; j < start[w + 1]!; j++) sum += Math.exp(row[index[j]!]! - own - gap[j]!);
        out[r * V + w] = own + Math.log(sum) + peak;
      }
    }
    return out;
  }

  /** The plain-JSON config (σ filled in). */
  getConfig(): AnchoredMixtureConfig {
    return { ...this.config };
  }

  /** Disposes the anchors, the bias and the output embedding. */
  dispose(): void {
    this.weights.anchors.dispose();
    this.weights.bias.dispose();
    this.weights.output?.dispose();
  }

  private checkParams(params: tf.Tensor): void {
    if (params.rank !== 2 || params.shape[1] !== this.paramSize)
      throw new ShapeError(`AnchoredMixture params must be [N, ${this.paramSize}], got [${params.shape}].`);
  }
}

/** Components farther than this many nats (‖a_w − a_u‖² / 2σ²) from an anchor are left out of its density by {@link AnchoredMixtureEstimator.logProbAtAnchors}. */
export const ANCHOR_CUTOFF_NATS = 200;

/** For each anchor w, the other anchors u within the cutoff (CSR: `index[start[w]..start[w+1])`) and their gaps ‖a_w − a_u‖² / 2σ². */
interface AnchorNeighbours {
  readonly start: Int32Array;
  readonly index: Int32Array;
  readonly gap: Float64Array;
}

function anchorNeighbours(A: Float32Array, V: number, D: number, sigma: number): AnchorNeighbours {
  const start = new Int32Array(V + 1);
  const index: number[] = [];
  const gap: number[] = [];
  const limit = ANCHOR_CUTOFF_NATS * 2 * sigma * sigma;
  for (let w = 0; w < V; w++) {
    start[w] = index.length;
    for (let u = 0; u < V; u++) {
      if (u === w) continue;
      let d2 = 0;
      for (let d = 0; d < D && d2 < limit; d++) d2 += (A[w * D + d]! - A[u * D + d]!) ** 2;
      if (d2 < limit) {
        index.push(u);
        gap.push(d2 / (2 * sigma * sigma));
      }
    }
  }
  start[V] = index.length;
  return { start, index: Int32Array.from(index), gap: Float64Array.from(gap) };
}

function argMax(row: Float32Array): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i]! > row[best]!) best = i;
  return best;
}

/** Index drawn from softmax(row / T) with the uniform draw u. */
function drawCategorical(row: Float32Array, T: number, u: number): number {
  let max = -Infinity;
  for (const v of row) max = Math.max(max, v / T);
  const w = Float64Array.from(row, (v) => Math.exp(v / T - max));
  let total = 0;
  for (const v of w) total += v;
  let acc = 0;
  for (let i = 0; i < w.length; i++) {
    acc += w[i]! / total;
    if (u < acc) return i;
  }
  return w.length - 1;
}

/**
 * Creates an {@link AnchoredMixtureEstimator}.
 *
 * @example
 * ```ts
 * const est = anchoredMixture({ dim: 2, anchors: 3 }, { anchors: Float32Array.from([0, 0, 1, 0, 0, 1]) });
 * ```
 */
export function anchoredMixture(config: AnchoredMixtureConfig, options: AnchoredMixtureOptions = {}): AnchoredMixtureEstimator {
  return new AnchoredMixtureEstimator(config, options);
}
