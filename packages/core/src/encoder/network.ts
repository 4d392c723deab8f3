import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's entry point registers no gradients; training needs them. This registers exactly
// the gradients the @tensorflow/tfjs union package registers (same tfjs-core version), so it
// changes nothing for code that also imports @tensorflow/tfjs (see vendor/build-tfjs-gradients.mjs).
import './vendor/tfjs-gradients.js';
import { ShapeError } from '../util/errors';
import type { Rng } from '../util/rng';
import { windowedAttention } from './attention';
import { encoderInputWidth, featureSize, recurrentLayerPrefix, stateTensorsPerLayer, type EncoderConfig } from './config';
import { dropoutMask } from './dropout';
import { lstmLayer } from './lstm';
import { matMulFastGrad } from './mat-mul';
import { rnnLayer } from './rnn';

/**
 * The recurrent state carried between chunks (truncated BPTT) or generation steps. Opaque to
 * callers; dispose its tensors when done. Layout: `[h_0, c_0, h_1, c_1, …]` (`[B, H]` each, one
 * pair per LSTM layer; `[h_0, h_1, …]`, one per layer, for a plain RNN) followed, when `attentionWindow` W > 1, by the W-1 most recent top-layer
 * states `[W-1, B, H]` and their validity `[W-1, B]`.
 */
export type EncoderState = tf.Tensor[];

/** Options of {@link EncoderNetwork.forward}. */
export interface EncoderForwardOptions {
  /** Dropout is applied only when true. */
  readonly training: boolean;
  /** Source of the dropout masks (used only when training with dropout > 0). */
  readonly rng?: Rng;
}

/** Output of {@link EncoderNetwork.forward}. */
export interface EncoderForwardOutput {
  /** Conditioning vectors, time-major rows: row `t·B + b` is step t of sequence b, `[L·B, P]`. */
  readonly params: tf.Tensor2D;
  /** The state after the last step: detached, kept (outside every tidy); the caller disposes it. */
  readonly state: EncoderState;
}

/**
 * Encoder (stacked LSTM or plain RNN layers, attention, dropout) + projection to the estimator's params, as pure
 * tensor functions over named variables. {@link SequenceModel} wraps it.
 */
export class EncoderNetwork {
  /**
   * @param config the resolved encoder configuration
   * @param paramSize length P of the params the projection produces
   * @param vars every encoder and projection variable by its stable name (see {@link encoderWeightShapes})
   */
  constructor(
    /** The resolved encoder configuration. */
    readonly config: EncoderConfig,
    /** Length P of the params the projection produces. */
    readonly paramSize: number,
    private readonly vars: Readonly<Record<string, tf.Variable>>,
  ) {}

  /** Number of tensors in an {@link EncoderState}. */
  get stateSize(): number {
    return this.recurrentStateSize + (this.config.attentionWindow > 1 ? 2 : 0);
  }

  /** Number of leading state tensors that belong to the recurrent layers. */
  private get recurrentStateSize(): number {
    return stateTensorsPerLayer(this.config) * this.config.layers;
  }

  /** The initial state for `batchSize` sequences: zeros, no attention memory. Kept tensors. */
  initialState(batchSize: number): EncoderState {
    const { hidden: H, layers, attentionWindow: W } = this.config;
    const state: EncoderState = [];
    for (let k = 0; k < stateTensorsPerLayer(this.config) * layers; k++) state.push(tf.keep(tf.zeros([batchSize, H])));
    if (W > 1) state.push(tf.keep(tf.zeros([W - 1, batchSize, H])), tf.keep(tf.zeros([W - 1, batchSize])));
    return state;
  }

  /** @throws ShapeError when `state` does not fit this network and batch size. */
  checkState(state: EncoderState, batchSize: number): void {
    const { hidden: H, attentionWindow: W } = this.config;
    if (!Array.isArray(state) || state.length !== this.stateSize) {
      throw new ShapeError(`Encoder state must have ${this.stateSize} tensors, got ${Array.isArray(state) ? state.length : typeof state}.`);
    }
    state.forEach((t, k) => {
      const expected = k < this.recurrentStateSize ? [batchSize, H] : k === state.length - 2 ? [W - 1, batchSize, H] : [W - 1, batchSize];
      if (t.isDisposed || t.shape.length !== expected.length || t.shape.some((d, i) => d !== expected[i])) {
        throw new ShapeError(
          `Encoder state tensor ${k} has shape [${t.shape}]${t.isDisposed ? ' (disposed)' : ''}, expected [${expected}] for batch size ${batchSize}.`,
        );
      }
    });
  }

  /**
   * Runs the network over a time-major chunk `inputs` `[L, B, D]` (input at step t = frame t-1)
   * from `state`, returning the params of every step and the state after the last step.
   */
  forward(inputs: tf.Tensor3D, state: EncoderState, options: EncoderForwardOptions): EncoderForwardOutput {
    const cfg = this.config;
    const [L, B, D] = inputs.shape;
    if (D !== encoderInputWidth(cfg)) {
      const what = cfg.conditioningChannels ? ` (${cfg.inputDim} frame values + ${cfg.conditioningChannels} conditioning channels)` : '';
      throw new ShapeError(`Inputs have ${D} values per step, the encoder expects ${encoderInputWidth(cfg)}${what}.`);
    }
    if (L < 1) throw new ShapeError('A chunk must have at least one step.');
    this.checkState(state, B);
    const dropout = options.training && cfg.dropout > 0;
    if (dropout && !options.rng) throw new ShapeError('Training with dropout needs an rng.');
    const v = this.vars;
    const newState: EncoderState = [];
    let x = inputs;
    for (let l = 0; l < cfg.layers; l++) {
      if (l > 0 && dropout) x = tf.mul(x, dropoutMask([L, B, cfg.hidden], cfg.dropout, options.rng!));
      const out = this.recurrentLayer(l, x, state);
      newState.push(...out.state);
      x = out.hs;
    }
    let features: tf.Tensor3D = x;
    if (cfg.attentionWindow > 0) {
      const hasMemory = cfg.attentionWindow > 1;
      const att = windowedAttention(
        x,
        v['encoder/attention/query'] as tf.Tensor2D,
        cfg.attentionWindow,
        hasMemory ? (state[this.recurrentStateSize] as tf.Tensor3D) : null,
        hasMemory ? (state[this.recurrentStateSize + 1] as tf.Tensor2D) : null,
      );
      features = tf.concat([x, att.context], 2);
      if (att.memory && att.memoryValid) newState.push(att.memory, att.memoryValid);
    }
    const F = featureSize(cfg);
    if (dropout) features = tf.mul(features, dropoutMask([L, B, F], cfg.dropout, options.rng!));
    const features2d = tf.reshape(features, [L * B, F]) as tf.Tensor2D;
    let h = features2d;
    if (cfg.projectionHidden > 0) {
      h = tf.relu(tf.add(matMulFastGrad(h, v['projection/hidden/kernel'] as tf.Tensor2D), v['projection/hidden/bias']!)) as tf.Tensor2D;
    }
    let params = tf.add(matMulFastGrad(h, v['projection/output/kernel'] as tf.Tensor2D), v['projection/output/bias']!) as tf.Tensor2D;
    if (cfg.inputSkip) {
      let x0 = tf.reshape(inputs, [L * B, D]) as tf.Tensor2D;
      if (cfg.inputSkipGate) {
        const gate = tf.sigmoid(tf.add(matMulFastGrad(features2d, v['projection/skipGate/kernel'] as tf.Tensor2D), v['projection/skipGate/bias']!));
        x0 = tf.mul(x0, gate) as tf.Tensor2D;
      }
      params = tf.add(params, matMulFastGrad(x0, v['projection/skip/kernel'] as tf.Tensor2D)) as tf.Tensor2D;
    }
    return { params, state: newState };
  }

  /** Layer `l` (LSTM or plain RNN) over `x` from its slice of `state`; returns its outputs and new state tensors. */
  private recurrentLayer(l: number, x: tf.Tensor3D, state: EncoderState): { hs: tf.Tensor3D; state: tf.Tensor[] } {
    const prefix = recurrentLayerPrefix(this.config, l);
    const w = {
      kernel: this.vars[`${prefix}/kernel`] as tf.Tensor2D,
      recurrentKernel: this.vars[`${prefix}/recurrentKernel`] as tf.Tensor2D,
      bias: this.vars[`${prefix}/bias`] as tf.Tensor1D,
    };
    const options = { inputGradient: l > 0 };
    if (this.config.cell === 'rnn') {
      const out = rnnLayer(x, w, state[l] as tf.Tensor2D, options);
      return { hs: out.hs, state: [out.hLast] };
    }
    const out = lstmLayer(x, w, state[2 * l] as tf.Tensor2D, state[2 * l + 1] as tf.Tensor2D, options);
    return { hs: out.hs, state: [out.hLast, out.cLast] };
  }
}

/** Disposes every tensor of a state (no-op for undefined). */
export function disposeState(state: EncoderState | undefined): void {
  if (state) for (const t of state) t.dispose();
}
