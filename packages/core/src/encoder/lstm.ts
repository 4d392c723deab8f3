import * as tf from '@tensorflow/tfjs-core';

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

interface StepRecord {
  i: tf.Tensor2D[];
  f: tf.Tensor2D[];
  g: tf.Tensor2D[];
  o: tf.Tensor2D[];
  c: tf.Tensor2D[];
}

/**
 * Runs one LSTM layer over a time-major sequence `x` `[L, B, in]` from state (h0, c0).
 *
 * The input projection of all L steps is one matMul; each step then costs one matMul with the
 * recurrent kernel plus the gate arithmetic. When a gradient tape is recording, the layer is one
 * `tf.customGrad` node with a hand-written backward pass (per step: 7 ops, the weight gradients
 * as three matMuls over all steps at once), much cheaper than differentiating the unrolled loop.
 * The final state is returned detached (no gradient flows into it), as truncated BPTT wants.
 */
export function lstmLayer(x: tf.Tensor3D, w: LstmWeights, h0: tf.Tensor2D, c0: tf.Tensor2D): LstmLayerOutput {
  const side: { h?: tf.Tensor2D; c?: tf.Tensor2D } = {};
  let hs: tf.Tensor3D;
  if (tf.engine().isTapeOn()) {
    hs = lstmWithGrad(side)(x, w.kernel, w.recurrentKernel, w.bias, h0, c0) as tf.Tensor3D;
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
  side: { h?: tf.Tensor2D; c?: tf.Tensor2D },
  record: StepRecord | null,
): tf.Tensor3D {
  const [L, B, inDim] = x.shape;
  const H = recurrent.shape[0];
  const xz = tf.reshape(tf.add(tf.matMul(tf.reshape(x, [L * B, inDim]), kernel), bias), [L, B, 4 * H]);
  const xzs = tf.unstack(xz, 0) as tf.Tensor2D[];
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
    h = tf.mul(o, tf.tanh(c)) as tf.Tensor2D;
    hs.push(h);
    if (record) {
      record.i.push(i);
      record.f.push(f);
      record.g.push(g);
      record.o.push(o);
      record.c.push(c);
    }
  }
  side.h = tf.keep(tf.clone(h));
  side.c = tf.keep(tf.clone(c));
  return tf.stack(hs, 0) as tf.Tensor3D;
}

function lstmWithGrad(side: { h?: tf.Tensor2D; c?: tf.Tensor2D }) {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, kernel, recurrent, bias, h0, c0] = args as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor2D];
    const save = args[6] as tf.GradSaveFunc;
    const rec: StepRecord = { i: [], f: [], g: [], o: [], c: [] };
    const value = forward(x, kernel, recurrent, bias, h0, c0, side, rec);
    const L = x.shape[0];
    const stackAll = (a: tf.Tensor2D[]) => tf.stack(a, 0) as tf.Tensor3D;
    const C = stackAll(rec.c);
    const Cprev = L > 1 ? tf.concat([tf.expandDims(c0, 0), tf.slice(C, [0, 0, 0], [L - 1, -1, -1])], 0) : tf.expandDims(c0, 0);
    const Hprev = L > 1 ? tf.concat([tf.expandDims(h0, 0), tf.slice(value, [0, 0, 0], [L - 1, -1, -1])], 0) : tf.expandDims(h0, 0);
    save([x, kernel, recurrent, Hprev, stackAll(rec.i), stackAll(rec.f), stackAll(rec.g), stackAll(rec.o), C, Cprev]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => backward(dy as tf.Tensor3D, saved as tf.Tensor3D[]),
    };
  });
}

function backward(dH: tf.Tensor3D, saved: tf.Tensor[]): tf.Tensor[] {
  const [x, kernel, recurrent, Hprev, I, F, G, O, C, Cprev] = saved as [
    tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor3D,
  ];
  const [L, B, inDim] = x.shape;
  const H = recurrent.shape[0];
  const one = tf.scalar(1);
  const TC = tf.tanh(C);
  // dc_t += dh_t * K1_t ; dz_t = [dc,dc,dc,dh] * Gall_t
  const K1 = tf.mul(O, tf.sub(one, tf.square(TC)));
  const Gi = tf.mul(G, tf.mul(I, tf.sub(one, I)));
  const Gf = tf.mul(Cprev, tf.mul(F, tf.sub(one, F)));
  const Gg = tf.mul(I, tf.sub(one, tf.square(G)));
  const Go = tf.mul(TC, tf.mul(O, tf.sub(one, O)));
  const Gall = tf.unstack(tf.concat([Gi, Gf, Gg, Go], 2), 0) as tf.Tensor2D[];
  const K1s = tf.unstack(K1, 0) as tf.Tensor2D[];
  const Fs = tf.unstack(F, 0) as tf.Tensor2D[];
  const dHs = tf.unstack(dH, 0) as tf.Tensor2D[];
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
    dhn = tf.matMul(dz, recurrent, false, true) as tf.Tensor2D;
  }
  const dZ = tf.reshape(tf.stack(dzs, 0), [L * B, 4 * H]) as tf.Tensor2D;
  const x2 = tf.reshape(x, [L * B, inDim]) as tf.Tensor2D;
  const dKernel = tf.matMul(x2, dZ, true, false);
  const dRecurrent = tf.matMul(tf.reshape(Hprev, [L * B, H]) as tf.Tensor2D, dZ, true, false);
  const dBias = tf.sum(dZ, 0);
  const dx = tf.reshape(tf.matMul(dZ, kernel, false, true), [L, B, inDim]);
  return [dx, dKernel, dRecurrent, dBias, dhn!, dcn!];
}
