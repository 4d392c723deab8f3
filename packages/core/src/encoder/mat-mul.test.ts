import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend, Rng } from '@rnn-nade/core';
import { expectArraysClose } from '@rnn-nade/core/testing';
import { matMulFastGrad } from './mat-mul';

await initBackend({ log: null });
const rng = new Rng(2);
const a = tf.tensor2d(rng.normals(6 * 4), [6, 4]);
const b = tf.tensor2d(rng.normals(4 * 5), [4, 5]);

describe('matMulFastGrad', () => {
  it('has the same value and gradients as tf.matMul', () => {
    const [ga, gb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D))))([a, b]);
    const [fa, fb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(matMulFastGrad(x as tf.Tensor2D, y as tf.Tensor2D))))([a, b]);
    expectArraysClose(fa!.dataSync(), ga!.dataSync(), 1e-5);
    expectArraysClose(fb!.dataSync(), gb!.dataSync(), 1e-5);
    tf.dispose([ga!, gb!, fa!, fb!]);
  });

  it('leaves the global BatchMatMul gradient to tfjs: a plain tf.matMul still differentiates with transposed BatchMatMuls, no Transpose', async () => {
    const info = await tf.profile(() => {
      const [ga, gb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D)))([a, b]);
      tf.dispose([ga!, gb!]);
    });
    const names = info.kernels.map((k) => k.name);
    expect(names).toContain('BatchMatMul');
    expect(names).not.toContain('Transpose');
  });
});
