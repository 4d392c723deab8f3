import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng, SequenceModel, initBackend, type SequenceData } from '@rnn-nade/core';
import { evaluateModel } from '@rnn-nade/core/advanced';
import { rnade } from '@rnn-nade/estimator-rnade';
import { createIndependentRnade, independentRnadeNll, trainIndependentRnade } from './independent-rnade';
import { initFromIndependentRnade } from './warm-start';

beforeAll(async () => {
  await initBackend({ log: null });
});

function seqs(n: number, seed: number): SequenceData[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const steps = 2 + rng.int(4);
    return { steps, dim: 3, data: Float32Array.from({ length: steps * 3 }, () => (rng.next() < 0.5 ? -1 : 1) + 0.3 * rng.normal()) };
  });
}

describe('initFromIndependentRnade', () => {
  it.each([false, true])('gives exactly the baseline density with kernel scale 0 (conditionMixture %s), without leaks', async (conditionMixture) => {
    const train = seqs(20, 1);
    const before = tf.memory().numTensors;
    const base = createIndependentRnade({ dim: 3, hidden: 5, components: 2, minSigma: 0.05, seed: 2 });
    await trainIndependentRnade(base, { train, valid: [] }, { epochs: 3, batchSize: 16, learningRate: 0.02, seed: 1 });
    const expected = await independentRnadeNll(base, train);
    const model = SequenceModel.create({
      encoder: { inputDim: 3, hidden: 4 },
      estimator: rnade({ dim: 3, hidden: 5, components: 2, minSigma: 0.05, seed: 9, conditionMixture }),
      seed: 4,
    });
    const fresh = -(await evaluateModel(model, train)).logLikelihoodPerStep;
    initFromIndependentRnade(model, base, { kernelScale: 0 });
    const warm = -(await evaluateModel(model, train)).logLikelihoodPerStep;
    expect(Math.abs(fresh - expected)).toBeGreaterThan(0.1); // the copy matters
    expect(warm).toBeCloseTo(expected, 4);
    base.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a baseline of another shape', () => {
    const base = createIndependentRnade({ dim: 3, hidden: 6, components: 2, minSigma: 0.05 });
    const model = SequenceModel.create({ encoder: { inputDim: 3, hidden: 4 }, estimator: rnade({ dim: 3, hidden: 5, components: 2, minSigma: 0.05 }) });
    expect(() => initFromIndependentRnade(model, base, { kernelScale: 0 })).toThrow(/hidden is 6, the model's 5/);
    base.dispose();
    model.dispose();
  });
});
