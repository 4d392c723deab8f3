import { ConfigError, ShapeError, type CpuSampler, type SampleOptions } from '@rnn-nade/core';
import type { NadeKernelWeights } from './nade-js-kernel';

/**
 * Checks a sampling temperature: a finite number > 0 (default 1).
 * @throws ConfigError otherwise.
 */
export function resolveTemperature(temperature: number | undefined): number {
  const t = temperature ?? 1;
  if (typeof t !== 'number' || !Number.isFinite(t) || t <= 0) {
    throw new ConfigError(`Sampling temperature must be a finite number > 0, got ${String(temperature)}.`);
  }
  return t;
}

/**
 * NADE ancestral sampling on plain arrays: one frame in O(D·H) with a running hidden
 * pre-activation a = c + Σ_{j<i} W[:,j] x_j, and sigmoid(a) recomputed only after a dimension
 * switched on (a piano-roll frame has a handful of active keys, so ~5 H-vector sigmoids instead
 * of D). Dimension i is drawn as `x_i = u_i < sigmoid(logit_i / T)` with `u_i = rng.next()`,
 * one draw per dimension in order, exactly as {@link NadeEstimator.sample}'s tensor path
 * consumes its Rng, so equal seeds give equal frames on both paths.
 *
 * It holds a snapshot of W and V taken at creation.
 *
 * @example
 * ```ts
 * const sampler = nade({ dim: 88, hidden: 100 }).createCpuSampler();
 * const frame = sampler.sample(paramsRow, new Float32Array(88), { rng: new Rng(1), temperature: 0.9 });
 * ```
 */
export class NadeCpuSampler implements CpuSampler {
  private readonly a: Float64Array;
  private readonly hid: Float64Array;
  private readonly probs: Float32Array;

  /** @param weights transposed W and V (see {@link NadeKernelWeights}). */
  constructor(private readonly weights: NadeKernelWeights) {
    this.a = new Float64Array(weights.hidden);
    this.hid = new Float64Array(weights.hidden);
    this.probs = new Float32Array(weights.dim);
  }

  /** Frame dimension D. */
  get dim(): number {
    return this.weights.dim;
  }

  /** Length of a params row, D + H. */
  get paramSize(): number {
    return this.weights.dim + this.weights.hidden;
  }

  /**
   * Draws one frame.
   * @param params `[b (D) | c (H)]`
   * @param out length D, overwritten with 0/1
   * @returns `out`
   */
  sample(params: Float32Array, out: Float32Array, options: SampleOptions): Float32Array {
    const { dim: D, hidden: H, Wt, Vt } = this.weights;
    if (params.length !== D + H) throw new ShapeError(`NADE params row must have length ${D + H}, got ${params.length}.`);
    if (out.length !== D) throw new ShapeError(`NADE output frame must have length ${D}, got ${out.length}.`);
    const invT = 1 / resolveTemperature(options.temperature);
    const { rng } = options;
    const { a, hid, probs } = this;
    for (let k = 0; k < H; k++) a[k] = params[D + k]!;
    let dirty = true;
    for (let i = 0; i < D; i++) {
      if (dirty) {
        for (let k = 0; k < H; k++) hid[k] = 1 / (1 + Math.exp(-a[k]!));
        dirty = false;
      }
      const off = i * H;
      let l = params[i]!;
      for (let k = 0; k < H; k++) l += Vt[off + k]! * hid[k]!;
      const p = 1 / (1 + Math.exp(-l * invT));
      probs[i] = p;
      const on = rng.next() < p;
      out[i] = on ? 1 : 0;
      if (on) {
        for (let k = 0; k < H; k++) a[k] = a[k]! + Wt[off + k]!;
        dirty = true;
      }
    }
    return out;
  }

  /** p(x_i = 1 | x_<i) (temperature applied) used by the last {@link sample} call, a copy. */
  lastConditionals(): Float32Array {
    return this.probs.slice();
  }
}
