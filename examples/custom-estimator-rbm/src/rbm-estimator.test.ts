import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, Rng, ShapeError, initBackend } from '@rnn-nade/core';
import { chiSquareTest, expectArraysClose } from '@rnn-nade/core/testing';
import { RbmEstimator, freeEnergy, gibbsChain, resolveRbmConfig } from '@rnn-nade-examples/custom-estimator-rbm';
import { bits, bruteLogZ, negFreeEnergy } from './__fixtures__/brute-force';

beforeAll(async () => {
  await initBackend({ log: null });
});

/** Exact p(v) over all 2^D states for one bias row, from the float64 brute force; W and biases scaled by 1/T. */
function exactProbs(b: number[], c: number[], W: number[][], T = 1): number[] {
  const s = (xs: number[]) => xs.map((x) => x / T);
  const Ws = W.map(s);
  const logZ = bruteLogZ(s(b), s(c), Ws);
  return Array.from({ length: 2 ** b.length }, (_, k) => Math.exp(negFreeEnergy(s(b), s(c), Ws, bits(k, b.length)) - logZ));
}

function stateCounts(samples: Float32Array, D: number): number[] {
  const counts = new Array<number>(2 ** D).fill(0);
  for (let i = 0; i < samples.length / D; i++) {
    let k = 0;
    for (let d = 0; d < D; d++) if (samples[i * D + d]! > 0.5) k |= 1 << d;
    counts[k]! += 1;
  }
  return counts;
}

describe('RbmEstimator', () => {
  const D = 4;
  const H = 3;
  const b = [0.5, -1, 0.2, 1];
  const c = [-0.5, 0.3, 1];

  it.each([1, 0.7])('block Gibbs samples of a strongly coupled RBM match exact probabilities (chi-square), temperature %s', (T) => {
    const before = tf.memory().numTensors;
    const est = new RbmEstimator({ dim: D, hidden: H, initScale: 1.5, seed: 4, gibbsSteps: 30 });
    const W = est.weights.W.arraySync() as number[][];
    const n = 4000;
    const params = tf.tidy(() => tf.tile(tf.tensor2d([[...b, ...c]]), [n, 1]) as tf.Tensor2D);
    const s = est.sample(params, { rng: new Rng(9), temperature: T });
    const counts = stateCounts(s.dataSync() as Float32Array, D);
    const probs = exactProbs(b, c, W, T);
    const res = chiSquareTest(counts, probs);
    expect(res.pValue, `chi2 ${res.stat} on ${res.df} df`).toBeGreaterThan(1e-3);
    // and it is a real test: independent Bernoulli(sigmoid(b/T)) draws, ignoring W, are rejected
    const noMix = tf.tidy(() =>
      tf.cast(tf.less(tf.randomUniform([n, D], 0, 1, 'float32', 3), tf.sigmoid(tf.div(tf.tile(tf.tensor2d([b]), [n, 1]), T))), 'float32'),
    );
    expect(chiSquareTest(stateCounts(noMix.dataSync() as Float32Array, D), probs).pValue).toBeLessThan(1e-6);
    tf.dispose([params, s, noMix]);
    est.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('loss is F(x) − F(x̃) with x̃ the k-step chain from x, and its gradient w.r.t. b is x̃ − x (CD-k)', () => {
    const est = new RbmEstimator({ dim: D, hidden: H, initScale: 1, seed: 2, cdSteps: 3 });
    const params = tf.tensor2d([[...b, ...c], [...c.map((v) => -v), ...b.map((v) => v / 2)].slice(0, D + H)]);
    const x = tf.tensor2d([bits(0b1011, D), bits(0b0100, D)]);
    const loss = est.loss(params, x, { rng: new Rng(5), training: true });
    const [bT, cT] = tf.split(params, [D, H], 1) as [tf.Tensor2D, tf.Tensor2D];
    const xt = gibbsChain(bT, cT, est.weights.W, x, { steps: 3, rng: new Rng(5) });
    const want = tf.sub(freeEnergy(bT, cT, est.weights.W, x), freeEnergy(bT, cT, est.weights.W, xt));
    expectArraysClose(loss.dataSync(), want.dataSync(), 1e-5);
    const g = tf.grad((p: tf.Tensor) => tf.sum(est.loss(p as tf.Tensor2D, x, { rng: new Rng(5), training: true })))(params);
    const gb = tf.slice(g, [0, 0], [2, D]);
    expectArraysClose(gb.dataSync(), tf.sub(xt, x).dataSync(), 1e-6);
    tf.dispose([params, x, loss, bT, cT, xt, want, g, gb]);
    est.dispose();
  });

  it('the validation loss (training: false) is the exact negative log pseudo-likelihood', () => {
    const est = new RbmEstimator({ dim: D, hidden: H, initScale: 1, seed: 6 });
    const W = est.weights.W.arraySync() as number[][];
    const params = tf.tensor2d([[...b, ...c]]);
    const v = bits(0b0110, D);
    const got = est.loss(params, tf.tensor2d([v]), { training: false }).dataSync()[0]!;
    let want = 0;
    for (let d = 0; d < D; d++) {
      const flipped = v.map((x, i) => (i === d ? 1 - x : x));
      const lv = negFreeEnergy(b, c, W, v);
      const lf = negFreeEnergy(b, c, W, flipped);
      want -= lv - Math.log(Math.exp(lv) + Math.exp(lf));
    }
    expect(got).toBeCloseTo(want, 4);
    const cd = new RbmEstimator({ dim: D, hidden: H, validationLoss: 'cd' });
    expect(cd.loss(params, tf.tensor2d([v]), { training: false, rng: new Rng(1) }).dataSync()[0]).not.toBeCloseTo(want, 1);
    est.dispose();
    cd.dispose();
  });

  it('rejects bad configs, shapes and options with typed errors', () => {
    expect(() => new RbmEstimator({ dim: 0, hidden: 3 })).toThrow(ConfigError);
    expect(() => new RbmEstimator({ dim: 3, hidden: 3, cdSteps: 0 })).toThrow(/cdSteps/);
    expect(() => new RbmEstimator({ dim: 3, hidden: 3, ais: { chains: 0, betas: 10 } })).toThrow(/chains/);
    expect(() => new RbmEstimator({ dim: 3, hidden: 3, validationLoss: 'x' as 'cd' })).toThrow(/validationLoss/);
    expect(resolveRbmConfig({ dim: 3, hidden: 2 })).toEqual({
      dim: 3,
      hidden: 2,
      cdSteps: 10,
      gibbsSteps: 100,
      ais: { chains: 32, betas: 1000 },
      exactMaxUnits: 14,
      validationLoss: 'pseudo-likelihood',
      initScale: 0.01,
      seed: 0,
    });
    const est = new RbmEstimator({ dim: 3, hidden: 2 });
    const rng = new Rng(1);
    tf.tidy(() => {
      expect(() => est.loss(tf.zeros([2, 5]) as tf.Tensor2D, tf.zeros([2, 4]) as tf.Tensor2D)).toThrow(ShapeError);
      expect(() => est.logProb(tf.zeros([2, 4]) as tf.Tensor2D, tf.zeros([2, 3]) as tf.Tensor2D)).toThrow(ShapeError);
      expect(() => est.sample(tf.zeros([2, 5]) as tf.Tensor2D, { rng, temperature: 0 })).toThrow(ConfigError);
      expect(() => est.sample(tf.zeros([2, 5]) as tf.Tensor2D, { rng, gibbsSteps: 0.5 })).toThrow(ConfigError);
      expect(() => est.logPartition(tf.zeros([2, 5]) as tf.Tensor2D, { method: 'nope' as 'ais' })).toThrow(ConfigError);
      const big = new RbmEstimator({ dim: 30, hidden: 25 });
      expect(() => big.logPartition(tf.zeros([1, 55]) as tf.Tensor2D, { method: 'exact' })).toThrow(/2\^25/);
      big.dispose();
    });
    est.dispose();
  });
});
