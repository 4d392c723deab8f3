import type { EncoderConfig } from '@rnn-nade/core';

/** Weights as float64 arrays by name. */
export type RefWeights = Record<string, Float64Array>;

const sig = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Independent float64 re-implementation of the encoder + projection + logistic loss, written
 * from the documented forward pass (model.json's `forwardPass`), one sequence at a time.
 * Returns params per step `[T][P]` and the summed logistic loss (logits = params + bias).
 */
export function referenceForward(
  cfg: EncoderConfig,
  paramSize: number,
  w: RefWeights,
  frames: Float32Array,
  steps: number,
  estimatorBias?: Float64Array,
): { params: number[][]; loss: number } {
  const H = cfg.hidden;
  const D = cfg.inputDim;
  const h = Array.from({ length: cfg.layers }, () => new Float64Array(H));
  const c = Array.from({ length: cfg.layers }, () => new Float64Array(H));
  const tops: Float64Array[] = [];
  const params: number[][] = [];
  let loss = 0;
  for (let t = 0; t < steps; t++) {
    let x: Float64Array = new Float64Array(D);
    if (t > 0) for (let d = 0; d < D; d++) x[d] = frames[(t - 1) * D + d]!;
    const x0 = x;
    for (let l = 0; l < cfg.layers; l++) {
      if (cfg.cell === 'rnn') {
        const hn = rnnStep(x, h[l]!, w[`encoder/rnn${l}/kernel`]!, w[`encoder/rnn${l}/recurrentKernel`]!, w[`encoder/rnn${l}/bias`]!);
        h[l] = hn;
        x = hn;
        continue;
      }
      const K = w[`encoder/lstm${l}/kernel`]!;
      const U = w[`encoder/lstm${l}/recurrentKernel`]!;
      const b = w[`encoder/lstm${l}/bias`]!;
      const z = new Float64Array(4 * H);
      for (let j = 0; j < 4 * H; j++) {
        let s = b[j]!;
        for (let i = 0; i < x.length; i++) s += x[i]! * K[i * 4 * H + j]!;
        for (let i = 0; i < H; i++) s += h[l]![i]! * U[i * 4 * H + j]!;
        z[j] = s;
      }
      const hn = new Float64Array(H);
      for (let j = 0; j < H; j++) {
        const ig = sig(z[j]!);
        const fg = sig(z[H + j]!);
        const g = Math.tanh(z[2 * H + j]!);
        const og = sig(z[3 * H + j]!);
        c[l]![j] = fg * c[l]![j]! + ig * g;
        hn[j] = og * Math.tanh(c[l]![j]!);
      }
      h[l] = hn;
      x = hn;
    }
    let feats: Float64Array = x;
    if (cfg.attentionWindow > 0) {
      tops.push(x);
      const Q = w['encoder/attention/query']!;
      const q = new Float64Array(H);
      for (let j = 0; j < H; j++) for (let i = 0; i < H; i++) q[j] = q[j]! + x[i]! * Q[i * H + j]!;
      const window = tops.slice(Math.max(0, tops.length - cfg.attentionWindow));
      const s = window.map((m) => m.reduce((acc, v, j) => acc + v * q[j]!, 0) / Math.sqrt(H));
      const mx = Math.max(...s);
      const e = s.map((v) => Math.exp(v - mx));
      const sum = e.reduce((a, b) => a + b, 0);
      const ctx = new Float64Array(H);
      window.forEach((m, k) => {
        for (let j = 0; j < H; j++) ctx[j] = ctx[j]! + (e[k]! / sum) * m[j]!;
      });
      feats = new Float64Array(2 * H);
      feats.set(x, 0);
      feats.set(ctx, H);
    }
    let u: Float64Array = feats;
    if (cfg.projectionHidden > 0) u = affine(u, w['projection/hidden/kernel']!, w['projection/hidden/bias']!).map((v) => Math.max(v, 0));
    let p = affine(u, w['projection/output/kernel']!, w['projection/output/bias']!);
    if (cfg.inputSkip) {
      const gate = cfg.inputSkipGate ? affine(feats, w['projection/skipGate/kernel']!, w['projection/skipGate/bias']!).map(sig) : null;
      p = affine(gate ? x0.map((v, i) => v * gate[i]!) : x0, w['projection/skip/kernel']!, p);
    }
    params.push(Array.from(p));
    for (let d = 0; d < paramSize; d++) {
      const logit = p[d]! + (estimatorBias ? estimatorBias[d]! : 0);
      const y = frames[t * D + d]!;
      loss += Math.max(logit, 0) + Math.log1p(Math.exp(-Math.abs(logit))) - y * logit;
    }
  }
  return { params, loss };
}

/** Plain RNN step written from the documented formula: tanh(x·K + h·U + b). */
function rnnStep(x: Float64Array, h: Float64Array, K: Float64Array, U: Float64Array, b: Float64Array): Float64Array<ArrayBuffer> {
  const H = b.length;
  const out = new Float64Array(H);
  for (let j = 0; j < H; j++) {
    let s = b[j]!;
    for (let i = 0; i < x.length; i++) s += x[i]! * K[i * H + j]!;
    for (let i = 0; i < H; i++) s += h[i]! * U[i * H + j]!;
    out[j] = Math.tanh(s);
  }
  return out;
}

function affine(v: Float64Array, M: Float64Array, bias: Float64Array): Float64Array {
  const n = bias.length;
  const out = Float64Array.from(bias);
  for (let i = 0; i < v.length; i++) for (let j = 0; j < n; j++) out[j] = out[j]! + v[i]! * M[i * n + j]!;
  return out;
}
