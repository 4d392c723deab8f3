import * as tf from '@tensorflow/tfjs-core';
import { useCpuImplementation } from './implementation';
import { LSTM_SEQUENCE, registerLstmKernels } from './lstm-kernel';
import { unstackRows } from './unstack-rows';

registerLstmKernels();

/** Weights of one LSTM layer (gate blocks i, f, g, o along the last axis). */
export interface LstmWeights {
  /** `[in, 4H]` */
  readonly kernel: tf.Tensor2D;
  /** `[H, 4H]` */
  readonly recurrentKernel: tf.Tensor2D;
  /** `[4H]` */
  readonly bias: tf.Tensor1D;
}

/** Output of {@link lstmLayer}. */
export interface LstmLayerOutput {
  /** Hidden states of every step, time-major `[L, B, H]` (differentiable). */
  readonly hs: tf.Tensor3D;
  /** Final hidden state `[B, H]`, detached and kept (outside every tidy): the caller disposes it. */
  readonly hLast: tf.Tensor2D;
  /** Final cell state `[B, H]`, detached and kept: the caller disposes it. */
  readonly cLast: tf.Tensor2D;
}

/** Per-step tensors the backward pass needs (each `[B, H]`). */
interface StepRecord {
  i: tf.Tensor2D[];
  f: tf.Tensor2D[];
  g: tf.Tensor2D[];
  o: tf.Tensor2D[];
  c: tf.Tensor2D[];
  tc: tf.Tensor2D[];
}

type Side = { h?: tf.Tensor2D; c?: tf.Tensor2D };

/**
 * Runs one LSTM layer over a time-major sequence `x` `[L, B, in]` from state (h0, c0).
 *
 * On the cpu and wasm backends this is one fused kernel (`RnnNadeLstmSequence`, registered with
 * `tf.registerKernel`, gradient with `tf.registerGradient`): the input projection of all L steps
 * is one matMul, each step one matMul with the recurrent kernel plus one loop over the gate
 * arithmetic; its backward kernel does 1 matMul per step and the weight gradients as matMuls
 * over all steps. On other backends (or with `setEncoderImplementation('tensor')`) the same
 * function is computed with tfjs ops: 13 small ops per step forward and, under a gradient tape,
 * a `tf.customGrad` node with a hand-written backward pass (7 small ops per step, no transposed
 * matMul). The final state is returned detached, as truncated BPTT wants.
 * `inputGradient: false` (the first layer, whose input is data) returns zeros as the gradient
 * of `x` instead of computing it.
 */
export function lstmLayer(x: tf.Tensor3D, w: LstmWeights, h0: tf.Tensor2D, c0: tf.Tensor2D, options: { inputGradient?: boolean } = {}): LstmLayerOutput {
  const inputGradient = options.inputGradient ?? true;
  if (useCpuImplementation()) {
    const record = tf.engine().isTapeOn();
    const inputs = { x, kernel: w.kernel, recurrent: w.recurrentKernel, bias: w.bias, h0, c0 };
    const [hs, hLast, cLast, rec] = tf.engine().runKernel(LSTM_SEQUENCE, inputs, { inputGradient, record }) as tf.Tensor[];
    if (!record) rec!.dispose();
    return { hs: hs as tf.Tensor3D, hLast: tf.keep(hLast as tf.Tensor2D), cLast: tf.keep(cLast as tf.Tensor2D) };
  }
  const side: Side = {};
  let hs: tf.Tensor3D;
  if (tf.engine().isTapeOn()) {
    hs = lstmWithGrad(side, inputGradient)(x, w.kernel, w.recurrentKernel, w.bias, h0, c0) as tf.Tensor3D;
  } else {
    hs = tf.tidy(() => forward(x, w.kernel, w.recurrentKernel, w.bias, h0, c0, side, null));
  }
  return { hs, hLast: side.h!, cLast: side.c! };
}

function forward(
  x: tf.Tensor3D,
  kernel: tf.Tensor2D,
  recurrent: tf.Tensor2D,
  bias: tf.Tensor1D,
  h0: tf.Tensor2D,
  c0: tf.Tensor2D,
  side: Side,
  record: StepRecord | null,
): tf.Tensor3D {
  const [L, B, inDim] = x.shape;
  const H = recurrent.shape[0];
  const xz = tf.reshape(tf.add(tf.matMul(tf.reshape(x, [L * B, inDim]), kernel), bias), [L, B, 4 * H]);
  const xzs = unstackRows<tf.Rank.R2>(xz);
  let h = h0;
  let c = c0;
  const hs: tf.Tensor2D[] = [];
  for (let t = 0; t < L; t++) {
    const z = tf.add(xzs[t]!, tf.matMul(h, recurrent));
    const s = tf.sigmoid(z);
    const i = tf.slice(s, [0, 0], [B, H]) as tf.Tensor2D;
    const f = tf.slice(s, [0, H], [B, H]) as tf.Tensor2D;
    const o = tf.slice(s, [0, 3 * H], [B, H]) as tf.Tensor2D;
    const g = tf.tanh(tf.slice(z, [0, 2 * H], [B, H])) as tf.Tensor2D;
    c = tf.add(tf.mul(f, c), tf.mul(i, g)) as tf.Tensor2D;
    const tc = tf.tanh(c) as tf.Tensor2D;
    h = tf.mul(o, tc) as tf.Tensor2D;
    hs.push(h);
    if (record) {
      record.i.push(i);
      record.f.push(f);
      record.g.push(g);
      record.o.push(o);
      record.c.push(c);
      record.tc.push(tc);
    }
  }
  side.h = tf.keep(tf.clone(h));
  side.c = tf.keep(tf.clone(c));
  return tf.stack(hs, 0) as tf.Tensor3D;
}

function lstmWithGrad(side: Side, inputGradient: boolean) {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, kernel, recurrent, bias, h0, c0] = args as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor2D];
    const save = args[6] as tf.GradSaveFunc;
    const rec: StepRecord = { i: [], f: [], g: [], o: [], c: [], tc: [] };
    const value = forward(x, kernel, recurrent, bias, h0, c0, side, rec);
    const L = x.shape[0];
    const st = (a: tf.Tensor2D[]) => tf.stack(a, 0) as tf.Tensor3D;
    // h_{t-1} and c_{t-1} for every step
    const Hprev = L > 1 ? st([h0, ...unstackPrefix(value, L - 1)]) : tf.expandDims(h0, 0);
    const Cprev = st([c0, ...rec.c.slice(0, L - 1)]);
    save([x, kernel, recurrent, Hprev, st(rec.i), st(rec.f), st(rec.g), st(rec.o), st(rec.tc), Cprev]);
    return { value, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => backward(dy as tf.Tensor3D, saved, inputGradient) };
  });
}

/** The first n rows of a stacked `[L, B, H]` as a list (used only to build h_{t-1}). */
function unstackPrefix(stacked: tf.Tensor3D, n: number): tf.Tensor2D[] {
  return unstackRows<tf.Rank.R2>(tf.slice(stacked, [0, 0, 0], [n, -1, -1]));
}

function backward(dH: tf.Tensor3D, saved: tf.Tensor[], inputGradient: boolean): tf.Tensor[] {
  const [x, kernel, recurrent, Hprev, I, F, G, O, TC, Cprev] = saved as [
    tf.Tensor3D,
    tf.Tensor2D,
    tf.Tensor2D,
    tf.Tensor3D,
    tf.Tensor3D,
    tf.Tensor3D,
    tf.Tensor3D,
    tf.Tensor3D,
    tf.Tensor3D,
    tf.Tensor3D,
  ];
  const [L, B, inDim] = x.shape;
  const H = recurrent.shape[0];
  const one = tf.scalar(1);
  // Per step: dh_t = dH_t + dh_next; dc_t = dc_next + dh_t * K1_t; dz_t = [dc,dc,dc,dh] * Gall_t;
  // dc_next = dc_t * f_t; dh_next = dz_t @ U^T. K1 and Gall are computed for all steps at once.
  const K1 = tf.mul(O, tf.sub(one, tf.square(TC)));
  const Gi = tf.mul(G, tf.mul(I, tf.sub(one, I)));
  const Gf = tf.mul(Cprev, tf.mul(F, tf.sub(one, F)));
  const Gg = tf.mul(I, tf.sub(one, tf.square(G)));
  const Go = tf.mul(TC, tf.mul(O, tf.sub(one, O)));
  const Gall = unstackRows<tf.Rank.R2>(tf.concat([Gi, Gf, Gg, Go], 2));
  const K1s = unstackRows<tf.Rank.R2>(K1);
  const Fs = unstackRows<tf.Rank.R2>(F);
  const dHs = unstackRows<tf.Rank.R2>(dH);
  const recurrentT = tf.transpose(recurrent); // [4H, H]: no transposed matMul per step
  const dzs: tf.Tensor2D[] = new Array(L);
  let dhn: tf.Tensor2D | null = null;
  let dcn: tf.Tensor2D | null = null;
  for (let t = L - 1; t >= 0; t--) {
    const dh: tf.Tensor2D = dhn ? (tf.add(dHs[t]!, dhn) as tf.Tensor2D) : dHs[t]!;
    const dcLocal = tf.mul(dh, K1s[t]!) as tf.Tensor2D;
    const dc: tf.Tensor2D = dcn ? (tf.add(dcn, dcLocal) as tf.Tensor2D) : dcLocal;
    const dz = tf.mul(tf.concat([dc, dc, dc, dh], 1), Gall[t]!) as tf.Tensor2D;
    dzs[t] = dz;
    dcn = tf.mul(dc, Fs[t]!) as tf.Tensor2D;
    dhn = tf.matMul(dz, recurrentT) as tf.Tensor2D;
  }
  const dZ = tf.reshape(tf.stack(dzs, 0), [L * B, 4 * H]) as tf.Tensor2D;
  const x2 = tf.reshape(x, [L * B, inDim]) as tf.Tensor2D;
  const dKernel = tf.matMul(tf.transpose(x2), dZ);
  const dRecurrent = tf.matMul(tf.transpose(tf.reshape(Hprev, [L * B, H])), dZ);
  const dBias = tf.sum(dZ, 0);
  const dx = inputGradient ? tf.reshape(tf.matMul(dZ, tf.transpose(kernel)), [L, B, inDim]) : tf.zerosLike(x);
  return [dx, dKernel, dRecurrent, dBias, dhn!, dcn!];
}
