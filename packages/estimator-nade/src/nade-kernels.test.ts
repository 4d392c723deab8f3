import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from '@rnn-nade/core';
import { expectArraysClose } from '@rnn-nade/core/testing';
import { randomFrames, randomNade, randomParams } from './__fixtures__/setup';
import { NADE_LOSS, nadeLossKernel } from './nade-kernels';
import { nadeLossFusedTf } from './nade-tensor-ops';

await initBackend({ log: null });

const [N, D, H] = [9, 7, 5];

/** Masked loss sum (padding rows: all-zero frames with mask 0) and its gradients w.r.t. params, W and V. */
function masked(loss: typeof nadeLossKernel) {
  const { est } = randomNade({ dim: D, hidden: H, seed: 5 });
  const x = randomFrames(N, D, 6);
  x.fill(0, 6 * D); // rows 6..8 are padding
  const mask = tf.tensor1d([1, 1, 1, 1, 1, 1, 0, 0, 0]);
  const params = tf.tidy(() => tf.variable(tf.tensor2d(randomParams(N, D + H, 7), [N, D + H])));
  const frames = tf.tensor2d(x, [N, D]);
  const { W, V } = est.weights;
  const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(loss(params, frames, W, V), mask)) as tf.Scalar, [params, W, V]);
  const perRow = tf.tidy(() => loss(params, frames, W, V).dataSync());
  const out = { value: value.dataSync()[0]!, perRow, grads: [params, W, V].map((v) => grads[v.name]!.dataSync()) };
  tf.dispose([value, params, frames, mask, ...Object.values(grads)]);
  est.dispose();
  return out;
}

describe('fused NADE loss kernel', () => {
  it('is registered for the cpu-side backends only', () => {
    expect(tf.getKernel(NADE_LOSS, 'wasm')).toBeDefined();
    expect(tf.getKernel(NADE_LOSS, 'cpu')).toBeDefined();
    expect(tf.getKernel(NADE_LOSS, 'webgl')).toBeUndefined();
  });

  it('equals the plain tfjs-op path on random inputs with padding rows (loss and gradients), leaking nothing', () => {
    const before = tf.memory().numTensors;
    const fused = masked(nadeLossKernel);
    const plain = masked(nadeLossFusedTf);
    expect(tf.memory().numTensors).toBe(before);
    expectArraysClose(fused.perRow, plain.perRow, 1e-5);
    expect(fused.value).toBeCloseTo(plain.value, 4);
    fused.grads.forEach((g, i) => {
      expectArraysClose(g, plain.grads[i]!, 1e-5);
    });
    // padding rows contribute nothing to the params gradient
    expect(fused.grads[0]!.subarray(6 * (D + H)).every((v) => v === 0)).toBe(true);
  });
});
