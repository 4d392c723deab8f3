import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../util/rng';
import { encoderInputWidth, featureSize, preActivationSize, recurrentLayerPrefix, type EncoderConfig } from './config';

/**
 * Shapes of every encoder and projection weight by its stable name, for a given params size P:
 *
 * - `encoder/lstm<l>/kernel` `[in, 4H]` (in = D + C for layer 0, C the conditioning channels, H above), `encoder/lstm<l>/recurrentKernel`
 *   `[H, 4H]`, `encoder/lstm<l>/bias` `[4H]`, gate blocks in the order of {@link LSTM_GATE_ORDER};
 *   with `cell: 'rnn'` instead `encoder/rnn<l>/kernel` `[in, H]`, `encoder/rnn<l>/recurrentKernel` `[H, H]`,
 *   `encoder/rnn<l>/bias` `[H]` (see {@link RNN_FORMULA});
 * - `encoder/attention/query` `[H, H]` when `attentionWindow > 0`
 *   (score of memory state m: (h_t·query)·m / sqrt(H));
 * - `projection/hidden/kernel` `[F, Ph]` + `projection/hidden/bias` `[Ph]` when `projectionHidden` = Ph > 0;
 * - `projection/output/kernel` `[F or Ph, P]` + `projection/output/bias` `[P]`
 *   (F = {@link featureSize}: h_t, then the attention context when present);
 * - `projection/skip/kernel` `[D + C, P]` when `inputSkip` (the layer-0 input straight to the params);
 * - `projection/skipGate/kernel` `[F, D + C]` + `projection/skipGate/bias` `[D + C]` when `inputSkipGate`.
 *
 * @example
 * ```ts
 * encoderWeightShapes(resolveEncoderConfig({ inputDim: 88 }), 88)['encoder/lstm0/kernel']; // [88, 600]
 * ```
 */
export function encoderWeightShapes(cfg: EncoderConfig, paramSize: number): Record<string, number[]> {
  const H = cfg.hidden;
  const Z = preActivationSize(cfg);
  const shapes: Record<string, number[]> = {};
  for (let l = 0; l < cfg.layers; l++) {
    const prefix = recurrentLayerPrefix(cfg, l);
    shapes[`${prefix}/kernel`] = [l === 0 ? encoderInputWidth(cfg) : H, Z];
    shapes[`${prefix}/recurrentKernel`] = [H, Z];
    shapes[`${prefix}/bias`] = [Z];
  }
  if (cfg.attentionWindow > 0) shapes['encoder/attention/query'] = [H, H];
  let inSize = featureSize(cfg);
  if (cfg.projectionHidden > 0) {
    shapes['projection/hidden/kernel'] = [inSize, cfg.projectionHidden];
    shapes['projection/hidden/bias'] = [cfg.projectionHidden];
    inSize = cfg.projectionHidden;
  }
  shapes['projection/output/kernel'] = [inSize, paramSize];
  shapes['projection/output/bias'] = [paramSize];
  if (cfg.inputSkip) shapes['projection/skip/kernel'] = [encoderInputWidth(cfg), paramSize];
  if (cfg.inputSkipGate) {
    shapes['projection/skipGate/kernel'] = [featureSize(cfg), encoderInputWidth(cfg)];
    shapes['projection/skipGate/bias'] = [encoderInputWidth(cfg)];
  }
  return shapes;
}

/**
 * Seeded initial values: LSTM and RNN weights uniform in ±1/sqrt(H) (as PyTorch), with
 * forget-gate bias +1 for an LSTM; attention query and projection kernels Glorot-uniform; projection biases and
 * the input skip 0 (a new model starts as the one without the skip).
 */
export function initEncoderWeights(cfg: EncoderConfig, paramSize: number, rng: Rng): Record<string, Float32Array> {
  const shapes = encoderWeightShapes(cfg, paramSize);
  const H = cfg.hidden;
  const out: Record<string, Float32Array> = {};
  for (const [name, shape] of Object.entries(shapes)) {
    const n = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(n);
    if (name.startsWith('encoder/lstm') || name.startsWith('encoder/rnn')) {
      const lim = 1 / Math.sqrt(H);
      for (let i = 0; i < n; i++) data[i] = (2 * rng.next() - 1) * lim;
      if (cfg.cell === 'lstm' && name.endsWith('/bias')) for (let j = H; j < 2 * H; j++) data[j] = data[j]! + 1;
    } else if (shape.length === 2 && name !== 'projection/skip/kernel') {
      const lim = Math.sqrt(6 / (shape[0]! + shape[1]!));
      for (let i = 0; i < n; i++) data[i] = (2 * rng.next() - 1) * lim;
    }
    out[name] = data;
  }
  return out;
}

/** Creates trainable tf variables from named values (auto-named in the tfjs engine, so models never clash). */
export function createVariables(values: Record<string, Float32Array>, shapes: Record<string, number[]>): Record<string, tf.Variable> {
  const vars: Record<string, tf.Variable> = {};
  for (const [name, shape] of Object.entries(shapes)) {
    vars[name] = tf.tidy(() => tf.variable(tf.tensor(values[name]!, shape, 'float32'), true));
  }
  return vars;
}
