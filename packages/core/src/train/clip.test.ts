import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, initBackend } from '@rnn-nade/core';
import { clipByGlobalNorm } from '@rnn-nade/core/advanced';
import { expectArraysClose } from '@rnn-nade/core/testing';

beforeAll(async () => {
  await initBackend({ log: null });
});

describe('clipByGlobalNorm', () => {
  const a = [3, 0, -4];
  const b = [
    [1, 2],
    [2, 4],
  ];
  const norm = Math.sqrt(9 + 16 + 1 + 4 + 4 + 16); // sqrt(50)

  it('measures the global norm and scales every gradient by maxNorm / norm', () => {
    const before = tf.memory().numTensors;
    const grads = { a: tf.tensor1d(a), b: tf.tensor2d(b) };
    const out = clipByGlobalNorm(grads, 5);
    expect(out.norm).toBeCloseTo(norm, 4);
    expect(out.scale).toBeCloseTo(5 / norm, 6);
    expectArraysClose(
      out.grads.a!,
      a.map((x) => (x * 5) / norm),
      1e-6,
    );
    expectArraysClose(
      out.grads.b!,
      b.flat().map((x) => (x * 5) / norm),
      1e-6,
    );
    const after = tf.tidy(() => tf.sqrt(tf.add(tf.sum(tf.square(out.grads.a!)), tf.sum(tf.square(out.grads.b!)))).dataSync()[0]!);
    expect(after).toBeCloseTo(5, 4);
    tf.dispose([grads.a, grads.b, ...Object.values(out.grads)]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaves gradients below the threshold unchanged', () => {
    const grads = { a: tf.tensor1d(a) };
    const out = clipByGlobalNorm(grads, 100);
    expect(out.scale).toBe(1);
    expectArraysClose(out.grads.a!, a, 0);
    tf.dispose([grads.a, out.grads.a!]);
  });

  it('reports a non-finite norm without scaling, and rejects a bad threshold', () => {
    const grads = { a: tf.tensor1d([1, NaN]) };
    const out = clipByGlobalNorm(grads, 1);
    expect(Number.isNaN(out.norm)).toBe(true);
    expect(out.scale).toBe(1);
    tf.dispose([grads.a, out.grads.a!]);
    expect(() => clipByGlobalNorm({}, 0)).toThrow(ConfigError);
  });
});
