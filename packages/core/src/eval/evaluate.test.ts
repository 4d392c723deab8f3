import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { accumulateFrameCounts, ConfigError, disposeState, frameAccuracy, initBackend, makeBatches, Rng, SequenceModel } from '@rnn-nade/core';
import { noLogProbEstimator } from '../model/__fixtures__/logistic-estimator';
import { randomSequences, smallModel } from '../model/__fixtures__/helpers';

beforeAll(async () => {
  await initBackend({ log: null });
});
const D = 6;

describe('frame accuracy (Bay et al. 2009), pooled', () => {
  it('counts TP, FP, FN by hand and pools them over frames', () => {
    // frame 1: truth {0,2}, prediction {0,1} -> TP 1, FP 1, FN 1
    // frame 2: truth {3},   prediction {3}   -> TP 1
    // frame 3 is masked out
    const truth = Float32Array.from([1, 0, 1, 0, /**/ 0, 0, 0, 1, /**/ 1, 1, 1, 1]);
    const pred = Float32Array.from([1, 1, 0, 0, /**/ 0, 0, 0, 1, /**/ 0, 0, 0, 0]);
    const counts = accumulateFrameCounts(truth, pred, { dim: 4, rows: 3, rowMask: Float32Array.from([1, 1, 0]) });
    expect(counts).toEqual({ tp: 2, fp: 1, fn: 1 });
    expect(frameAccuracy(counts)).toBeCloseTo(2 / 4, 12); // pooled; the mean of per-frame ratios would be (1/3 + 1)/2
    expect(frameAccuracy({ tp: 0, fp: 0, fn: 0 })).toBe(1);
  });
});

describe('evaluate', () => {
  it('pools log p over all frames (first frame included) and matches the batch losses', async () => {
    const before = tf.memory().numTensors;
    const model = smallModel({ inputDim: D, hidden: 4, attentionWindow: 2 });
    const seqs = randomSequences(3, [5, 9, 2], D);
    const res = await model.evaluate(seqs, { batchSize: 2, chunkSteps: 3 });
    let total = 0;
    for (const batch of makeBatches(seqs, { batchSize: 3 })) {
      const r = model.batchLoss(batch, { training: false, rng: new Rng(0) });
      total += r.loss.dataSync()[0]!;
      r.loss.dispose();
      disposeState(r.finalState);
    }
    expect(res.frames).toBe(16);
    expect(res.sequences).toBe(3);
    expect(res.accuracy).toBeNull();
    expect(res.logLikelihoodPerStep).toBeCloseTo(-total / 16, 4);
    expect(res.lossPerStep).toBeCloseTo(total / 16, 4);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives exactly D·ln(1/2) and the analytic accuracy for a model that predicts p = 1/2 everywhere', async () => {
    const model = smallModel({ inputDim: D, hidden: 3 }, 1, false);
    const w = model.getWeights();
    model.setWeights({
      'projection/output/kernel': { shape: w['projection/output/kernel']!.shape, data: new Float32Array(w['projection/output/kernel']!.data.length) },
    });
    // truth frames with exactly k = 2 of D = 6 notes on
    const seqs = Array.from({ length: 4 }, (_, i) => {
      const data = new Float32Array(10 * D);
      for (let t = 0; t < 10; t++) {
        data[t * D + ((t + i) % D)] = 1;
        data[t * D + ((t + i + 3) % D)] = 1;
      }
      return { steps: 10, dim: D, data };
    });
    const res = await model.evaluate(seqs, { samples: 50, seed: 2 });
    expect(res.logLikelihoodPerStep).toBeCloseTo(D * Math.log(0.5), 5);
    // E[TP] = k/2, E[FP] = (D-k)/2, E[FN] = k/2 -> pooled accuracy -> k / (D + k) = 0.25
    expect(res.accuracy!).toBeGreaterThan(0.23);
    expect(res.accuracy!).toBeLessThan(0.27);
    const again = await model.evaluate(seqs, { samples: 50, seed: 2 });
    expect(again.accuracy).toBe(res.accuracy);
    model.dispose();
  });

  it('throws a clear error when the estimator has no logProb', async () => {
    const model = SequenceModel.create({ encoder: { inputDim: D, hidden: 2 }, estimator: noLogProbEstimator({ dim: D, withBias: false }) });
    await expect(model.evaluate(randomSequences(1, [3], D))).rejects.toThrow(ConfigError);
    await expect(model.evaluate(randomSequences(1, [3], D))).rejects.toThrow(/logProb/);
    model.dispose();
  });
});
