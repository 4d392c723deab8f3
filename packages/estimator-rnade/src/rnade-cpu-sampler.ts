import { ShapeError, type CpuSampler, type SampleOptions } from '@rnn-nade/core';
import { RNADE_MAX_LOG_SIGMA, resolveRnadeTemperature } from './rnade-config';

/** A plain-array snapshot of an RNADE's weights, laid out for row access. */
export interface RnadeKernelWeights {
  /** Frame dimension D. */
  readonly dim: number;
  /** Hidden units H. */
  readonly hidden: number;
  /** Mixture components K per dimension. */
  readonly components: number;
  /** Whether `params` also carry per-step mixture-bias offsets (see `RnadeConfig.conditionMixture`). */
  readonly conditionMixture: boolean;
  /** Scale floor σ_min. */
  readonly minSigma: number;
  /** Wᵀ, `[D, H]`: row d is the input weight column W[:, d]. */
  readonly Wt: Float32Array;
  /** ρ, `[D]`. */
  readonly rho: Float32Array;
  /**
   * Output weights `[D, 3K, H]`: for dimension d, the H weights of each output q (K logits, then
   * K means, then K log-scales) are contiguous.
   */
  readonly V: Float32Array;
  /** Output biases `[D, 3K]` in the same order. */
  readonly b: Float32Array;
}

/**
 * RNADE ancestral sampling on plain arrays, O(D·H·K) per frame, with a running hidden
 * pre-activation a = c + Σ_{j<d} x_j W[:, j].
 *
 * Dimension d is drawn with two random numbers taken in this order: `u = rng.next()` picks the
 * component k from the tempered weights π_k^{1/T} / Σ π^{1/T} (inverse CDF), then
 * `x_d = μ_k + σ_k √T · rng.normal()`. At T = 0 it is greedy: the most probable component's mean
 * (the two numbers are still drawn, so streams stay aligned). {@link RnadeEstimator.sample}'s tensor
 * path consumes its Rng identically, so equal seeds give equal frames on both paths.
 *
 * It holds a snapshot of the weights taken at creation.
 *
 * @example
 * ```ts
 * const sampler = rnade({ dim: 50, hidden: 100, components: 2 }).createCpuSampler();
 * const frame = sampler.sample(paramsRow, new Float32Array(50), { rng: new Rng(1), temperature: 0.8 });
 * ```
 */
export class RnadeCpuSampler implements CpuSampler {
  private readonly a: Float64Array;
  private readonly h: Float64Array;
  private readonly out: Float64Array;
  private readonly weightsK: Float64Array;
  private readonly paramSize: number;

  constructor(private readonly w: RnadeKernelWeights) {
    this.a = new Float64Array(w.hidden);
    this.h = new Float64Array(w.hidden);
    this.out = new Float64Array(3 * w.components);
    this.weightsK = new Float64Array(w.components);
    this.paramSize = w.hidden + (w.conditionMixture ? 3 * w.dim * w.components : 0);
  }

  /** Draws one frame; see the class description for the exact use of `options.rng`. */
  sample(params: Float32Array, out: Float32Array, options: SampleOptions): Float32Array {
    const { dim: D, hidden: H, components: K, Wt, rho, V, b, minSigma } = this.w;
    if (params.length !== this.paramSize || out.length !== D) {
      throw new ShapeError(`RNADE CPU sampler needs params of length ${this.paramSize} and out of length ${D}, got ${params.length} and ${out.length}.`);
    }
    const T = resolveRnadeTemperature(options.temperature);
    const sqrtT = Math.sqrt(T);
    const { a, h, out: o, weightsK: pw } = this;
    const rng = options.rng;
    for (let j = 0; j < H; j++) a[j] = params[j]!;
    const O = 3 * K;
    for (let d = 0; d < D; d++) {
      const r = rho[d]!;
      for (let j = 0; j < H; j++) {
        const v = r * a[j]!;
        h[j] = Math.max(v, 0);
      }
      for (let q = 0; q < O; q++) o[q] = b[d * O + q]!;
      if (this.w.conditionMixture) {
        for (let s = 0; s < 3; s++) for (let k = 0; k < K; k++) o[s * K + k]! += params[H + s * D * K + d * K + k]!;
      }
      for (let q = 0; q < O; q++) {
        const vo = (d * O + q) * H;
        let acc = 0;
        for (let j = 0; j < H; j++) acc += h[j]! * V[vo + j]!;
        o[q]! += acc;
      }
      const u = rng.next();
      const eps = rng.normal();
      const k = pickComponent(o, K, T, u, pw);
      const sigma = minSigma + Math.exp(Math.min(o[2 * K + k]!, RNADE_MAX_LOG_SIGMA));
      const x = o[K + k]! + sigma * sqrtT * eps;
      out[d] = x;
      const wo = d * H;
      for (let j = 0; j < H; j++) a[j]! += x * Wt[wo + j]!;
    }
    return out;
  }
}

/** Index of the component chosen by `u` from softmax(logits / T); argmax at T = 0. */
function pickComponent(logits: Float64Array, K: number, T: number, u: number, scratch: Float64Array): number {
  let best = 0;
  for (let k = 1; k < K; k++) if (logits[k]! > logits[best]!) best = k;
  if (T === 0 || K === 1) return best;
  const max = logits[best]!;
  let total = 0;
  for (let k = 0; k < K; k++) {
    scratch[k] = Math.exp((logits[k]! - max) / T);
    total += scratch[k]!;
  }
  let acc = 0;
  const target = u * total;
  for (let k = 0; k < K; k++) {
    acc += scratch[k]!;
    if (target < acc) return k;
  }
  return K - 1;
}
