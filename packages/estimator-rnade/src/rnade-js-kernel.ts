/**
 * RNADE forward and backward on plain arrays, one row at a time, O(D·H·K), arithmetic in
 * float64. Used on CPU-side backends (wasm, cpu), where it is several times faster than the
 * `[N,H,D]` tensor formulation and its autodiff.
 *
 * Layout (shared with {@link RnadeCpuSampler}): `Wt` `[D,H]` (row d = column d of W), `rho`
 * `[D]`, `V` `[D,3K,H]` and `b` `[D,3K]` with, per dimension, K logits, K means, K log-scales.
 * `params` rows are `[c (H) | alpha (D·K) | mu (D·K) | logSigma (D·K)]` (the last three only
 * with `conditionMixture`).
 */
import { RNADE_MAX_LOG_SIGMA } from './rnade-config';
import type { RnadeKernelWeights } from './rnade-cpu-sampler';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Scratch buffers for one row. */
interface Scratch {
  a: Float64Array; // running pre-activation, H
  h: Float64Array; // hidden state relu(rho_d a), H
  o: Float64Array; // outputs of one dimension, 3K
  comp: Float64Array; // per-component log terms, K
  A?: Float64Array; // stored a_d, D·H (backward only)
  Os?: Float64Array; // stored outputs, D·3K (backward only)
}

function scratch(w: RnadeKernelWeights, withStore: boolean): Scratch {
  const { dim: D, hidden: H, components: K } = w;
  return {
    a: new Float64Array(H),
    h: new Float64Array(H),
    o: new Float64Array(3 * K),
    comp: new Float64Array(K),
    ...(withStore ? { A: new Float64Array(D * H), Os: new Float64Array(D * 3 * K) } : {}),
  };
}

/** Outputs o (3K) of dimension d from the pre-activation a (fills h = relu(ρ_d a)). */
function outputs(w: RnadeKernelWeights, d: number, a: Float64Array, h: Float64Array, params: Float32Array, pOff: number, o: Float64Array): void {
  const { dim: D, hidden: H, components: K, rho, V, b } = w;
  const O = 3 * K;
  const r = rho[d]!;
  for (let j = 0; j < H; j++) {
    const v = r * a[j]!;
    h[j] = Math.max(v, 0);
  }
  for (let q = 0; q < O; q++) {
    const vo = (d * O + q) * H;
    let acc = b[d * O + q]!;
    for (let j = 0; j < H; j++) acc += h[j]! * V[vo + j]!;
    o[q] = acc;
  }
  if (w.conditionMixture) {
    for (let s = 0; s < 3; s++) for (let k = 0; k < K; k++) o[s * K + k]! += params[pOff + H + s * D * K + d * K + k]!;
  }
}

/** log p(x_d | x_<d) from the outputs o; fills comp with the per-component log terms. */
function mixtureLogProb(o: Float64Array, K: number, x: number, minSigma: number, comp: Float64Array): number {
  let maxL = -Infinity;
  for (let k = 0; k < K; k++) if (o[k]! > maxL) maxL = o[k]!;
  let sumL = 0;
  for (let k = 0; k < K; k++) sumL += Math.exp(o[k]! - maxL);
  const lse = maxL + Math.log(sumL);
  let maxC = -Infinity;
  for (let k = 0; k < K; k++) {
    const sigma = minSigma + Math.exp(Math.min(o[2 * K + k]!, RNADE_MAX_LOG_SIGMA));
    const z = (x - o[K + k]!) / sigma;
    const c = o[k]! - lse - 0.5 * z * z - Math.log(sigma) - HALF_LOG_2PI;
    comp[k] = c;
    if (c > maxC) maxC = c;
  }
  let s = 0;
  for (let k = 0; k < K; k++) s += Math.exp(comp[k]! - maxC);
  return maxC + Math.log(s);
}

function forwardRow(w: RnadeKernelWeights, params: Float32Array, pOff: number, x: Float32Array, xOff: number, sc: Scratch): number {
  const { dim: D, hidden: H, components: K, Wt, minSigma } = w;
  const { a, h, o, comp, A, Os } = sc;
  for (let j = 0; j < H; j++) a[j] = params[pOff + j]!;
  let logp = 0;
  for (let d = 0; d < D; d++) {
    outputs(w, d, a, h, params, pOff, o);
    if (A) A.set(a, d * H);
    if (Os) Os.set(o, d * 3 * K);
    const xd = x[xOff + d]!;
    logp += mixtureLogProb(o, K, xd, minSigma, comp);
    if (xd !== 0) for (let j = 0; j < H; j++) a[j]! += xd * Wt[d * H + j]!;
  }
  return logp;
}

/** log p(x) for `n` rows. */
export function rnadeLogProbRows(w: RnadeKernelWeights, params: Float32Array, x: Float32Array, n: number): Float64Array {
  const P = params.length / n;
  const sc = scratch(w, false);
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) out[r] = forwardRow(w, params, r * P, x, r * w.dim, sc);
  return out;
}

/** Gradients of Σ_r dy_r · (−log p(x_r)), in the kernel layout. */
export interface RnadeKernelGrads {
  dParams: Float32Array;
  dWt: Float64Array;
  dRho: Float64Array;
  dV: Float64Array;
  dB: Float64Array;
}

/** Backward of `loss = −log p` for `n` rows with upstream gradient `dy` (recomputes each row's forward). */
export function rnadeLossGradRows(w: RnadeKernelWeights, params: Float32Array, x: Float32Array, dy: Float32Array, n: number): RnadeKernelGrads {
  const { dim: D, hidden: H, components: K, rho, V, minSigma } = w;
  const O = 3 * K;
  const P = params.length / n;
  const sc = scratch(w, true);
  const A = sc.A!;
  const Os = sc.Os!;
  const g = {
    dParams: new Float32Array(params.length),
    dWt: new Float64Array(D * H),
    dRho: new Float64Array(D),
    dV: new Float64Array(D * H * O),
    dB: new Float64Array(D * O),
  };
  const G = new Float64Array(H);
  const comp = sc.comp;
  const dOut = new Float64Array(O);
  const dh = new Float64Array(H);
  const dParamsRow = new Float64Array(P);
  for (let r = 0; r < n; r++) {
    const coef = -dy[r]!; // dL/d(log p_d) for every d
    if (coef === 0) continue;
    const pOff = r * P;
    const xOff = r * D;
    forwardRow(w, params, pOff, x, xOff, sc);
    G.fill(0);
    dParamsRow.fill(0);
    for (let d = D - 1; d >= 0; d--) {
      const xd = x[xOff + d]!;
      if (xd !== 0) for (let j = 0; j < H; j++) g.dWt[d * H + j]! += xd * G[j]!;
      const o = Os.subarray(d * O, (d + 1) * O);
      const lp = mixtureLogProb(o, K, xd, minSigma, comp);
      let maxL = -Infinity;
      for (let k = 0; k < K; k++) if (o[k]! > maxL) maxL = o[k]!;
      let sumL = 0;
      for (let k = 0; k < K; k++) sumL += Math.exp(o[k]! - maxL);
      for (let k = 0; k < K; k++) {
        const resp = Math.exp(comp[k]! - lp);
        const pi = Math.exp(o[k]! - maxL) / sumL;
        const s = o[2 * K + k]!;
        const es = s < RNADE_MAX_LOG_SIGMA ? Math.exp(s) : 0;
        const sigma = minSigma + Math.exp(Math.min(s, RNADE_MAX_LOG_SIGMA));
        const z = (xd - o[K + k]!) / sigma;
        dOut[k] = coef * (resp - pi);
        dOut[K + k] = (coef * resp * z) / sigma;
        dOut[2 * K + k] = ((coef * resp * (z * z - 1)) / sigma) * es;
      }
      for (let q = 0; q < O; q++) g.dB[d * O + q]! += dOut[q]!;
      if (w.conditionMixture) {
        for (let s = 0; s < 3; s++) for (let k = 0; k < K; k++) dParamsRow[H + s * D * K + d * K + k]! += dOut[s * K + k]!;
      }
      const rd = rho[d]!;
      const h = sc.h;
      for (let j = 0; j < H; j++) {
        const v = rd * A[d * H + j]!;
        h[j] = Math.max(v, 0);
      }
      dh.fill(0);
      for (let q = 0; q < O; q++) {
        const dq = dOut[q]!;
        const vo = (d * O + q) * H;
        for (let j = 0; j < H; j++) {
          g.dV[vo + j]! += h[j]! * dq;
          dh[j]! += V[vo + j]! * dq;
        }
      }
      let dRho = 0;
      for (let j = 0; j < H; j++) {
        if (h[j]! <= 0) continue;
        const aj = A[d * H + j]!;
        dRho += dh[j]! * aj;
        G[j]! += dh[j]! * rd;
      }
      g.dRho[d]! += dRho;
    }
    for (let j = 0; j < H; j++) dParamsRow[j] = G[j]!;
    for (let i = 0; i < P; i++) g.dParams[pOff + i] = dParamsRow[i]!;
  }
  return g;
}
