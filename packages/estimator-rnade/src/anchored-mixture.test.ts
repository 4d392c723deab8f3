import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng, SequenceModel, initBackend } from '@rnn-nade/core/node';
import { checkEstimator, formatConformanceReport } from '@rnn-nade/core/testing';
import { ANCHORED_MIXTURE_CLASS_NAME, anchoredMixture } from '@rnn-nade/estimator-rnade';

beforeAll(async () => {
  await initBackend({ log: null });
});

// three anchors in 2-d
const ANCHORS = Float32Array.from([0, 0, 1, 0, 0, 2]);

/** log p(x | q) in float64: logsumexp_v (log softmax(b + E q)_v + log N(x; a_v, σ² I)), E = A unless given. */
function bruteLogProb(q: number[], x: number[], bias: number[], sigma: number, output?: number[][]): number {
  const V = 3;
  const E = output ?? Array.from({ length: V }, (_, v) => [ANCHORS[2 * v]!, ANCHORS[2 * v + 1]!]);
  const logits = Array.from({ length: V }, (_, v) => bias[v]! + E[v]!.reduce((a, e, i) => a + e * q[i]!, 0));
  const lse = (a: number[]) => {
    const m = Math.max(...a);
    return m + Math.log(a.reduce((s, v) => s + Math.exp(v - m), 0));
  };
  const z = lse(logits);
  const terms = logits.map((l, v) => {
    const d2 = (x[0]! - ANCHORS[2 * v]!) ** 2 + (x[1]! - ANCHORS[2 * v + 1]!) ** 2;
    return l - z - d2 / (2 * sigma * sigma) - 2 * Math.log(sigma) - Math.log(2 * Math.PI);
  });
  return lse(terms);
}

describe('AnchoredMixtureEstimator', () => {
  it('logProb matches an independent float64 computation, and its gradients match finite differences', () => {
    const est = anchoredMixture({ dim: 2, anchors: 3, sigma: 0.7 }, { anchors: ANCHORS });
    const bias = [0.3, -0.2, 0.5];
    tf.tidy(() => est.weights.bias.assign(tf.tensor1d(bias)));
    const q = [
      [0.5, -1],
      [2, 0.1],
    ];
    const x = [
      [0.1, 0.2],
      [0.9, -0.3],
    ];
    const before = tf.memory().numTensors;
    const params = tf.tensor2d(q);
    const frames = tf.tensor2d(x);
    const lpT = est.logProb(params, frames);
    const lp = lpT.arraySync();
    expect(lp[0]).toBeCloseTo(bruteLogProb(q[0]!, x[0]!, bias, 0.7), 4);
    expect(lp[1]).toBeCloseTo(bruteLogProb(q[1]!, x[1]!, bias, 0.7), 4);
    const gqT = tf.grad((p: tf.Tensor) => tf.sum(est.loss(p as tf.Tensor2D, frames)))(params);
    const gq = gqT.arraySync() as number[][];
    const eps = 1e-5;
    for (let r = 0; r < 2; r++) {
      for (let d = 0; d < 2; d++) {
        const up = q[r]!.map((v, i) => (i === d ? v + eps : v));
        const down = q[r]!.map((v, i) => (i === d ? v - eps : v));
        const fd = -(bruteLogProb(up, x[r]!, bias, 0.7) - bruteLogProb(down, x[r]!, bias, 0.7)) / (2 * eps);
        expect(gq[r]![d]).toBeCloseTo(fd, 3);
      }
    }
    const { value, grads } = tf.variableGrads(() => tf.sum(est.loss(params, frames)) as tf.Scalar, [est.weights.bias]);
    const gb = grads[est.weights.bias.name]!.arraySync() as number[];
    for (let v = 0; v < 3; v++) {
      const b2 = (s: number) => bias.map((b, i) => (i === v ? b + s : b));
      const fd = -[0, 1].reduce((a, r) => a + bruteLogProb(q[r]!, x[r]!, b2(eps), 0.7) - bruteLogProb(q[r]!, x[r]!, b2(-eps), 0.7), 0) / (2 * eps);
      expect(gb[v]).toBeCloseTo(fd, 3);
    }
    tf.dispose([params, frames, lpT, gqT, value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    expect(est.weights.anchors.trainable).toBe(false);
    est.dispose();
  });

  it('ranks anchors by their mixture weight when σ is small: the density at an anchor is π_v N(0; 0, σ²I)', () => {
    const est = anchoredMixture({ dim: 2, anchors: 3, sigma: 0.05 }, { anchors: ANCHORS });
    tf.tidy(() => est.weights.bias.assign(tf.tensor1d([0, 1, -1])));
    const lp = tf.tidy(() => est.logProb(tf.zeros([3, 2]) as tf.Tensor2D, tf.tensor2d(ANCHORS, [3, 2])).arraySync());
    const z = Math.log(1 + Math.E + Math.exp(-1));
    const peak = -2 * Math.log(0.05) - Math.log(2 * Math.PI);
    expect(lp[0]).toBeCloseTo(0 - z + peak, 4);
    expect(lp[1]).toBeCloseTo(1 - z + peak, 4);
    expect(lp[2]).toBeCloseTo(-1 - z + peak, 4);
    est.dispose();
  });

  it('logProbAtAnchors equals logProb at every anchor, near anchors included', () => {
    const est = anchoredMixture({ dim: 2, anchors: 3, sigma: 0.7 }, { anchors: ANCHORS });
    tf.tidy(() => est.weights.bias.assign(tf.tensor1d([0.3, -0.2, 0.5])));
    const q = [
      [0.5, -1],
      [2, 0.1],
    ];
    const params = tf.tensor2d(q);
    const fast = est.logProbAtAnchors(params);
    params.dispose();
    for (let r = 0; r < 2; r++) {
      for (let w = 0; w < 3; w++) expect(fast[r * 3 + w]).toBeCloseTo(bruteLogProb(q[r]!, [ANCHORS[2 * w]!, ANCHORS[2 * w + 1]!], [0.3, -0.2, 0.5], 0.7), 4);
    }
    est.dispose();
  });

  it('passes the conformance kit (density integrates to one, samples follow it)', async () => {
    const before = tf.memory().numTensors;
    const report = await checkEstimator(
      () => {
        const est = anchoredMixture({ dim: 2, anchors: 3, sigma: 0.6 }, { anchors: ANCHORS });
        tf.tidy(() => est.weights.bias.assign(tf.tensor1d([0.2, -0.4, 0.1])));
        return est;
      },
      { realIntegration: { low: -6, high: 8, points: 281 }, paramScale: 0.5, samples: 3000 },
    );
    expect(report.failures, formatConformanceReport(report)).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('samples at T = 0 return the anchor of the most probable component, and T = 1 follows π', () => {
    const est = anchoredMixture({ dim: 2, anchors: 3, sigma: 0.01 }, { anchors: ANCHORS });
    tf.tidy(() => est.weights.bias.assign(tf.tensor1d([0, Math.log(3), -10])));
    const params = tf.zeros([2000, 2]) as tf.Tensor2D;
    const greedy = est.sample(tf.zeros([1, 2]) as tf.Tensor2D, { rng: new Rng(1), temperature: 0 });
    expect(Array.from(greedy.dataSync())).toEqual([1, 0]);
    const s = est.sample(params, { rng: new Rng(2) }).arraySync();
    const atSecond = s.filter((r) => Math.abs(r[0]! - 1) < 0.1).length / s.length;
    expect(atSecond).toBeGreaterThan(0.72); // π = (1, 3, e^-10) / (4 + e^-10): 0.75
    expect(atSecond).toBeLessThan(0.78);
    tf.dispose([params, greedy]);
    est.dispose();
  });

  it('saves and loads with a sequence model (the anchors are stored, not re-drawn)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'anchored-'));
    try {
      const est = anchoredMixture({ dim: 2, anchors: 3, sigma: 0.2 }, { anchors: ANCHORS });
      tf.tidy(() => est.weights.bias.assign(tf.tensor1d([0.5, 0, -0.5])));
      const model = SequenceModel.create({ encoder: { inputDim: 2, hidden: 4 }, estimator: est, seed: 3 });
      await model.save(dir);
      const { model: back } = await SequenceModel.load(dir);
      expect(back.estimator.className).toBe(ANCHORED_MIXTURE_CLASS_NAME);
      expect(back.estimator.getConfig()).toEqual({ dim: 2, anchors: 3, sigma: 0.2 });
      expect(Array.from(back.getWeights()['estimator/anchors']!.data)).toEqual(Array.from(ANCHORS));
      expect(Array.from(back.getWeights()['estimator/bias']!.data)).toEqual([0.5, 0, -0.5]);
      model.dispose();
      back.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('with queryDim: logits from a learned output embedding, exact against float64, finite-difference gradients, saved and loaded', async () => {
    const E = [
      [0.4, -0.3, 1.1],
      [-0.8, 0.2, 0.5],
      [0.1, 0.9, -0.6],
    ];
    const est = anchoredMixture({ dim: 2, anchors: 3, sigma: 0.7, queryDim: 3 }, { anchors: ANCHORS });
    expect(est.paramSize).toBe(3);
    expect(est.weights.output!.trainable).toBe(true);
    tf.tidy(() => {
      est.weights.bias.assign(tf.tensor1d([0.3, -0.2, 0.5]));
      est.weights.output!.assign(tf.tensor2d(E));
    });
    const q = [0.5, -1, 0.7];
    const x = [0.9, -0.3];
    const before = tf.memory().numTensors;
    const params = tf.tensor2d([q]);
    const frames = tf.tensor2d([x]);
    expect(tf.tidy(() => est.logProb(params, frames).arraySync()[0])).toBeCloseTo(bruteLogProb(q, x, [0.3, -0.2, 0.5], 0.7, E), 4);
    const { value, grads } = tf.variableGrads(() => tf.sum(est.loss(params, frames)) as tf.Scalar, [est.weights.output!]);
    const g = grads[est.weights.output!.name]!.arraySync() as number[][];
    const eps = 1e-5;
    for (const [v, i] of [
      [0, 0],
      [1, 2],
      [2, 1],
    ] as const) {
      const shifted = (s: number) => E.map((row, r) => row.map((e, c) => (r === v && c === i ? e + s : e)));
      const fd = -(bruteLogProb(q, x, [0.3, -0.2, 0.5], 0.7, shifted(eps)) - bruteLogProb(q, x, [0.3, -0.2, 0.5], 0.7, shifted(-eps))) / (2 * eps);
      expect(g[v]![i]).toBeCloseTo(fd, 3);
    }
    tf.dispose([params, frames, value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    const dir = await mkdtemp(join(tmpdir(), 'anchored-q-'));
    try {
      const model = SequenceModel.create({ encoder: { inputDim: 2, hidden: 4 }, estimator: est, seed: 3 });
      await model.save(dir);
      const { model: back } = await SequenceModel.load(dir);
      expect(back.estimator.getConfig()).toEqual({ dim: 2, anchors: 3, sigma: 0.7, queryDim: 3 });
      expect(Array.from(back.getWeights()['estimator/output']!.data)).toEqual(Array.from(Float32Array.from(E.flat())));
      model.dispose();
      back.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('with queryDim passes the conformance kit', async () => {
    const report = await checkEstimator(
      () => {
        const est = anchoredMixture({ dim: 2, anchors: 3, sigma: 0.6, queryDim: 4 }, { anchors: ANCHORS, seed: 5 });
        tf.tidy(() => est.weights.bias.assign(tf.tensor1d([0.2, -0.4, 0.1])));
        return est;
      },
      { realIntegration: { low: -6, high: 8, points: 281 }, paramScale: 0.5, samples: 3000 },
    );
    expect(report.failures, formatConformanceReport(report)).toEqual([]);
  });

  it('refuses bad configs and shapes with clear messages', () => {
    expect(() => anchoredMixture({ dim: 2, anchors: 3, queryDim: 0 })).toThrow(/"queryDim" must be a positive integer/);
    expect(() => anchoredMixture({ dim: 2, anchors: 0 })).toThrow(/"anchors" must be a positive integer/);
    expect(() => anchoredMixture({ dim: 2, anchors: 3, sigma: 0 })).toThrow(/"sigma" must be a finite number > 0/);
    expect(() => anchoredMixture({ dim: 2, anchors: 3 }, { anchors: new Float32Array(5) })).toThrow(/3 × 2 values, got 5/);
    const est = anchoredMixture({ dim: 2, anchors: 3 }, { anchors: ANCHORS });
    expect(() => est.logProb(tf.zeros([1, 3]) as tf.Tensor2D, tf.zeros([1, 2]) as tf.Tensor2D)).toThrow(/params must be \[N, 2\]/);
    est.dispose();
  });
});
