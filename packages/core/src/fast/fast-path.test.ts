import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, initBackend, SequenceModel, ShapeError, type EncoderConfig } from '@rnn-nade/core';
import { cpuNetworkOf, disposeState } from '@rnn-nade/core/advanced';
import { expectArraysClose } from '@rnn-nade/core/testing';
import { LogisticEstimator, noLogProbEstimator } from '../model/__fixtures__/logistic-estimator';
import { randomSequences, smallModel } from '../model/__fixtures__/helpers';

beforeAll(async () => {
  await initBackend({ log: null });
});
const D = 7;
const CONFIGS: Array<Partial<EncoderConfig> & { inputDim: number }> = [
  { inputDim: D, hidden: 5 },
  { inputDim: D, hidden: 5, layers: 3, attentionWindow: 4, projectionHidden: 6 },
  { inputDim: D, cell: 'rnn', hidden: 5, layers: 2, attentionWindow: 3, projectionHidden: 4 },
  { inputDim: D, hidden: 5, attentionWindow: 2, inputSkip: true },
  { inputDim: D, hidden: 5, attentionWindow: 3, projectionHidden: 4, inputSkip: true, inputSkipGate: true },
];

describe('CpuNetwork (fast path) vs tensor path', () => {
  it.each(CONFIGS)('gives the same params to 1e-5 from the same (non-initial) state (%o)', (cfg) => {
    const model = smallModel(cfg);
    const [seq] = randomSequences(5, [12], D);
    const x = new Float32Array(12 * D);
    x.set(seq!.data.subarray(0, 11 * D), D);
    // tensor path: first 6 steps, keep the state, then 6 more steps
    const s0 = model.network.initialState(1);
    const a = model.network.forward(tf.tensor3d(x.subarray(0, 6 * D), [6, 1, D]), s0, { training: false });
    const b = model.network.forward(tf.tensor3d(x.subarray(6 * D), [6, 1, D]), a.state, { training: false });
    const expected = b.params.dataSync();
    // fast path from the tensor path's state after 6 steps
    const net = cpuNetworkOf(model);
    net.setState(a.state);
    const got = new Float32Array(6 * D);
    for (let t = 0; t < 6; t++) got.set(net.step(x.subarray((6 + t) * D, (7 + t) * D)), t * D);
    expectArraysClose(got, expected, 1e-5);
    // and from the initial state
    net.reset();
    const first = a.params.dataSync();
    for (let t = 0; t < 6; t++) expectArraysClose(net.step(x.subarray(t * D, (t + 1) * D)), first.subarray(t * D, (t + 1) * D), 1e-5);
    tf.dispose([a.params, b.params]);
    [s0, a.state, b.state].forEach(disposeState);
    model.dispose();
  });
});

describe('SequenceModel.sample', () => {
  it.each(CONFIGS)('fast and tensor paths draw the same frames for a seed, with and without primer (%o)', async (cfg) => {
    const before = tf.memory().numTensors;
    const model = smallModel(cfg);
    const [primer] = randomSequences(8, [5], D);
    for (const opts of [
      { steps: 20, seed: 3 },
      { steps: 12, seed: 4, primer: primer!, temperature: 0.8 },
    ]) {
      const fast = await model.sample({ ...opts, path: 'fast' });
      const slow = await model.sample({ ...opts, path: 'tensor' });
      expect(fast.steps).toBe(opts.steps);
      expect(fast.dim).toBe(D);
      expect(Array.from(fast.data)).toEqual(Array.from(slow.data));
      expect(fast.data.some((v) => v === 1)).toBe(true);
    }
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is reproducible per seed, differs across seeds, and the primer changes the continuation', async () => {
    const model = smallModel({ inputDim: D, hidden: 6 });
    const a = await model.sample({ steps: 30, seed: 1 });
    expect(Array.from((await model.sample({ steps: 30, seed: 1 })).data)).toEqual(Array.from(a.data));
    expect(Array.from((await model.sample({ steps: 30, seed: 2 })).data)).not.toEqual(Array.from(a.data));
    const full = { steps: 4, dim: D, data: new Float32Array(4 * D).fill(1) };
    expect(Array.from((await model.sample({ steps: 30, seed: 1, primer: full })).data)).not.toEqual(Array.from(a.data));
    expect((await model.sample({ steps: 0 })).data.length).toBe(0);
    model.dispose();
  });

  it('rejects bad options', async () => {
    const model = smallModel({ inputDim: D, hidden: 3 });
    await expect(model.sample({ steps: -1 })).rejects.toThrow(ConfigError);
    await expect(model.sample({ steps: 2, temperature: 0 })).rejects.toThrow(ConfigError);
    await expect(model.sample({ steps: 2, primer: { steps: 1, dim: D + 1, data: new Float32Array(D + 1) } })).rejects.toThrow(ShapeError);
    model.dispose();
    const noFast = SequenceModel.create({ encoder: { inputDim: D, hidden: 2 }, estimator: noLogProbEstimator({ dim: D, withBias: false }) });
    (noFast.estimator as { createCpuSampler?: unknown }).createCpuSampler = undefined;
    await expect(noFast.sample({ steps: 2, path: 'fast' })).rejects.toThrow(ConfigError);
    expect((await noFast.sample({ steps: 2 })).steps).toBe(2); // auto falls back to tensors
    noFast.dispose();
    expect(new LogisticEstimator({ dim: 2, withBias: false }).paramSize).toBe(2);
  });
});
