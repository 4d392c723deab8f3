import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SequenceModel, getEstimatorFactory, initBackend } from '@rnn-nade/core';
import '@rnn-nade/estimator-nade';
import { DRUM_DECODING } from './drum-config';
import { DRUM_CONDITIONING } from './groove-data';
import { concatSteps, sampleGroove, samplingMetadata, withGrooveConditioning } from './groove-decode';

let model: SequenceModel;
beforeAll(async () => {
  await initBackend({ log: null });
  const estimator = getEstimatorFactory('nade').fromConfig({ dim: 9, hidden: 6, seed: 3 });
  model = SequenceModel.create({ encoder: { inputDim: 9, hidden: 8 }, estimator, seed: 2, conditioning: DRUM_CONDITIONING });
});
afterAll(() => model.dispose());

/** The groove decoding's definition, computed here: candidate k drawn with seed + k·7919, scored by the model's log-likelihood per step of (primer +) candidate with its groove rows. */
async function bestByDefinition(o: { steps: number; seed: number; bestOf: number; temperature: number; primer?: Parameters<typeof concatSteps>[0] }) {
  const labels = { type: 'beat' };
  let best: Float32Array | null = null;
  let bestScore = -Infinity;
  const scores: number[] = [];
  for (let k = 0; k < o.bestOf; k++) {
    const cand = await model.sample({ steps: o.steps, primer: o.primer, temperature: o.temperature, seed: o.seed + k * 7919, labels });
    const full = o.primer ? concatSteps(o.primer, cand) : cand;
    const score = (await model.evaluate([withGrooveConditioning(model, full, 'beat')])).logLikelihoodPerStep;
    scores.push(score);
    if (score > bestScore) [best, bestScore] = [cand.data, score];
  }
  return { data: Array.from(best!), scores };
}

describe('sampleGroove (core completeSequence with candidateSeeds)', () => {
  it('best of 1 is plain model.sample with the seed; best of N keeps the candidate of highest likelihood per step', async () => {
    const before = tf.memory().numTensors;
    const plain = await sampleGroove(model, { steps: 16, type: 'beat', seed: 9 });
    expect(Array.from(plain.data)).toEqual(Array.from((await model.sample({ steps: 16, seed: 9, labels: { type: 'beat' } })).data));
    const primer = await model.sample({ steps: 16, seed: 40, labels: { type: 'beat' } });
    for (const seed of [1, 2, 3]) {
      for (const p of [undefined, primer]) {
        const got = await sampleGroove(model, { steps: 16, type: 'beat', seed, primer: p, decoding: { temperature: 0.9, bestOf: 3 } });
        const want = await bestByDefinition({ steps: 16, seed, bestOf: 3, temperature: 0.9, primer: p });
        expect(new Set(want.scores).size).toBe(3);
        expect(Array.from(got.data)).toEqual(want.data);
      }
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('samplingMetadata is the block rnn-nade sample reads: { temperature, candidates } of the decoding', () => {
    expect(samplingMetadata(DRUM_DECODING)).toEqual({ temperature: DRUM_DECODING.temperature, candidates: DRUM_DECODING.bestOf });
    expect(samplingMetadata({ temperature: 0.4, bestOf: 8 })).toEqual({ temperature: 0.4, candidates: 8 });
  });

  it('rejects a bad best-of with a ConfigError', async () => {
    await expect(sampleGroove(model, { steps: 4, seed: 1, decoding: { temperature: 1, bestOf: 0 } })).rejects.toThrow(/bestOf must be an integer >= 1, got 0/);
  });
});
