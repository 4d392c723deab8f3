import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, initBackend, makeBatches, Rng, SequenceModel } from '@rnn-nade/core';
import { AccuracyTally, accumulateFrameCounts, disposeState, frameAccuracy } from '@rnn-nade/core/advanced';
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

describe('frame accuracy averaged per sequence (Bay et al. 2009) vs pooled', () => {
  it('follows sequences across padded time-major chunks and averages their ratios', () => {
    // seq 0 (3 frames): truth [1,0] [1,1] [0,1], drawn [1,0] [0,1] [0,1] -> TP 3, FN 1 -> 3/4
    // seq 1 (1 frame):  truth [1,1],             drawn [0,0]             -> TP 0, FN 2 -> 0
    // pooled: 3 / 6 = 0.5; per sequence: (3/4 + 0) / 2 = 0.375
    const tally = new AccuracyTally(1);
    tally.startGroup(2);
    // chunk 1, L = 2, rows t·B + b: (t0, seq0) (t0, seq1) (t1, seq0) (t1, seq1 = padding)
    const truth1 = Float32Array.from([1, 0, /**/ 1, 1, /**/ 1, 1, /**/ 1, 1]);
    const drawn1 = Float32Array.from([1, 0, /**/ 0, 0, /**/ 0, 1, /**/ 1, 1]);
    tally.add(0, truth1, drawn1, { dim: 2, batchSize: 2, steps: 2, mask: Float32Array.from([1, 1, 1, 0]) });
    // chunk 2, L = 1: (t2, seq0) (t2, seq1 = padding)
    tally.add(0, Float32Array.from([0, 1, 1, 0]), Float32Array.from([0, 1, 0, 1]), { dim: 2, batchSize: 2, steps: 1, mask: Float32Array.from([1, 0]) });
    const avg = tally.averages();
    expect(avg.pooled).toBeCloseTo(0.5, 12);
    expect(avg.perSequence).toBeCloseTo(0.375, 12);
    // per frame (ICML 2012): seq0 frames 1, 1/2, 1; seq1 frame 0 -> (1 + 0.5 + 1 + 0) / 4
    expect(avg.perFrame).toBeCloseTo(0.625, 12);
  });

  it('averages over samples too (the expectation) and over groups of sequences', () => {
    const tally = new AccuracyTally(2);
    tally.startGroup(1);
    tally.add(0, Float32Array.from([1, 1]), Float32Array.from([1, 1]), { dim: 2, batchSize: 1, steps: 1, mask: Float32Array.from([1]) }); // 1
    tally.add(1, Float32Array.from([1, 1]), Float32Array.from([1, 0]), { dim: 2, batchSize: 1, steps: 1, mask: Float32Array.from([1]) }); // 1/2
    tally.startGroup(1);
    tally.add(0, Float32Array.from([1, 0]), Float32Array.from([0, 1]), { dim: 2, batchSize: 1, steps: 1, mask: Float32Array.from([1]) }); // 0
    tally.add(1, Float32Array.from([1, 0]), Float32Array.from([1, 1]), { dim: 2, batchSize: 1, steps: 1, mask: Float32Array.from([1]) }); // 1/2
    expect(tally.averages().perSequence).toBeCloseTo((1 + 0.5 + 0 + 0.5) / 4, 12);
    expect(tally.averages().pooled).toBeCloseTo(4 / 8, 12); // TP 4, FP 2, FN 2
    expect(tally.averages().perFrame).toBeCloseTo((1 + 0.5 + 0 + 0.5) / 4, 12); // one frame per sequence
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
    expect(res.accuracyAveraging).toBe('pooled');
    expect(res.accuracies!.pooled).toBe(res.accuracy);
    // every sequence has the same k = 2 of 6 notes on, so each sequence's ratio is ~0.25 too
    const perSeq = await model.evaluate(seqs, { samples: 50, seed: 2, accuracyAveraging: 'per-sequence' });
    expect(perSeq.accuracy).toBe(res.accuracies!.perSequence);
    expect(perSeq.accuracy!).toBeGreaterThan(0.23);
    expect(perSeq.accuracy!).toBeLessThan(0.27);
    expect(perSeq.accuracy).not.toBe(res.accuracy);
    await expect(model.evaluate(seqs, { samples: 1, accuracyAveraging: 'mean' as never })).rejects.toThrow(/accuracyAveraging/);
    model.dispose();
  });

  it("matches a brute-force expectation of ICML 2012's per-frame accuracy over all 2^D draws", async () => {
    const model = smallModel({ inputDim: D, hidden: 3 }, 1, false);
    const w = model.getWeights();
    model.setWeights({
      'projection/output/kernel': { shape: w['projection/output/kernel']!.shape, data: new Float32Array(w['projection/output/kernel']!.data.length) },
    });
    // the model draws each key with p = 1/2, so each of the 2^D draws has probability 2^-D: a
    // frame's exact expected ratio is the mean over all draws (0/0 scores 1, as in evaluate)
    const exactRatio = (truth: readonly number[]) => {
      let sum = 0;
      for (let m = 0; m < 2 ** D; m++) {
        let tp = 0;
        let fp = 0;
        let fn = 0;
        for (let d = 0; d < D; d++) {
          const on = ((m >> d) & 1) === 1;
          if (truth[d] && on) tp++;
          else if (on) fp++;
          else if (truth[d]) fn++;
        }
        sum += tp + fp + fn === 0 ? 1 : tp / (tp + fp + fn);
      }
      return sum / 2 ** D;
    };
    // frames alternate all keys on / all keys off
    const frames = [Array(D).fill(1), Array(D).fill(0)];
    const seqs = [4, 6].map((steps) => ({ steps, dim: D, data: Float32Array.from({ length: steps * D }, (_, i) => frames[Math.floor(i / D) % 2]![i % D]!) }));
    const exact = (exactRatio(frames[0]!) + exactRatio(frames[1]!)) / 2; // 5 frames of each kind
    const res = await model.evaluate(seqs, { samples: 400, seed: 3, accuracyAveraging: 'per-frame' });
    expect(res.accuracyAveraging).toBe('per-frame');
    expect(res.accuracy).toBe(res.accuracies!.perFrame);
    expect(Math.abs(res.accuracy! - exact)).toBeLessThan(0.015); // 4,000 draws: standard error ~0.004
    // pooled: E[TP] / E[TP + FP + FN] = (D/2) / (D/2 + D/2 + D/2) = 1/3, far from the mean of the ratios
    expect(Math.abs(res.accuracies!.pooled - 1 / 3)).toBeLessThan(0.015);
    expect(1 / 3 - exact).toBeGreaterThan(0.07);
    model.dispose();
  });

  it('throws a clear error when the estimator has no logProb', async () => {
    const model = SequenceModel.create({ encoder: { inputDim: D, hidden: 2 }, estimator: noLogProbEstimator({ dim: D, withBias: false }) });
    await expect(model.evaluate(randomSequences(1, [3], D))).rejects.toThrow(ConfigError);
    await expect(model.evaluate(randomSequences(1, [3], D))).rejects.toThrow(/logProb/);
    model.dispose();
  });
});
