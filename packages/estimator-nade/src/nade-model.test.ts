import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SequenceModel, initBackend } from '@rnn-nade/core';
import { nade } from '@rnn-nade/estimator-nade';

beforeAll(async () => {
  await initBackend({ log: null });
});

describe('NADE inside a SequenceModel', () => {
  it('the fast path (CpuNetwork + NadeCpuSampler) generates the same frames as the all-tensor path for a seed', async () => {
    const before = tf.memory().numTensors;
    // initScale 0.3 so W and V shape the frames; kernel 'tensor' makes the model's tensor path
    // use the per-dimension tensor sampling loop (not the CPU sampler)
    const model = SequenceModel.create({
      encoder: { inputDim: 12, hidden: 10 },
      estimator: nade({ dim: 12, hidden: 8, seed: 2, initScale: 0.3 }, { kernel: 'tensor' }),
      seed: 3,
    });
    const fast = await model.sample({ steps: 25, seed: 9, temperature: 0.8, path: 'fast' });
    const slow = await model.sample({ steps: 25, seed: 9, temperature: 0.8, path: 'tensor' });
    expect(Array.from(fast.data)).toEqual(Array.from(slow.data));
    const ones = fast.data.reduce((a, v) => a + v, 0);
    expect(ones).toBeGreaterThan(0.1 * fast.data.length);
    expect(ones).toBeLessThan(0.9 * fast.data.length);
    const other = await model.sample({ steps: 25, seed: 10, temperature: 0.8, path: 'fast' });
    expect(Array.from(other.data)).not.toEqual(Array.from(fast.data));
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
