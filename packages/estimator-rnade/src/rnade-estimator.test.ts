import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, Rng, ShapeError, estimatorFromConfig, getEstimatorFactory, initBackend } from '@rnn-nade/core';
import { RNADE_CLASS_NAME, RnadeEstimator, rnade } from '@rnn-nade/estimator-rnade';
import { bruteFrom, bruteLogProb, bruteMixture, randomParams, randomizeWeights, row } from './__fixtures__/brute-force-rnade';

beforeAll(async () => {
  await initBackend({ log: null });
});

/** log p on many rows (one params row tiled), in chunks. */
function logProbRows(est: RnadeEstimator, p: Float32Array, x: Float32Array): Float64Array {
  const n = x.length / est.dim;
  const out = new Float64Array(n);
  const chunk = 20_000;
  for (let s = 0; s < n; s += chunk) {
    const m = Math.min(chunk, n - s);
    const lp = tf.tidy(() => {
      const params = tf.tile(tf.tensor2d(p, [1, est.paramSize]), [m, 1]) as tf.Tensor2D;
      return est.logProb(params, tf.tensor2d(x.subarray(s * est.dim, (s + m) * est.dim), [m, est.dim]));
    });
    out.set(lp.dataSync(), s);
    lp.dispose();
  }
  return out;
}

const COMBOS = [false, true].flatMap((cm) => (['js', 'tensor'] as const).map((kernel) => [cm, kernel] as const));

describe.each(COMBOS)('RNADE logProb (conditionMixture %s, %s kernel)', (conditionMixture, kernel) => {
  it('equals an independent float64 brute-force RNADE, and loss = -logProb, without leaking', () => {
    const D = 7,
      H = 5,
      K = 3,
      N = 10;
    const est = rnade({ dim: D, hidden: H, components: K, seed: 2, conditionMixture }, { kernel });
    randomizeWeights(est, 4);
    const brute = bruteFrom(est);
    const P = est.paramSize;
    expect(P).toBe(conditionMixture ? H + 3 * D * K : H);
    const p = randomParams(N, P, 5);
    const x = randomParams(N, D, 6, 1.5);
    const before = tf.memory().numTensors;
    const params = tf.tensor2d(p, [N, P]);
    const frames = tf.tensor2d(x, [N, D]);
    const logpT = est.logProb(params, frames);
    const lossT = est.loss(params, frames);
    expect(logpT.shape).toEqual([N]);
    const got = logpT.dataSync();
    const loss = lossT.dataSync();
    tf.dispose([params, frames, logpT, lossT]);
    expect(tf.memory().numTensors).toBe(before);
    for (let r = 0; r < N; r++) {
      const want = bruteLogProb(brute, row(p, r, P), row(x, r, D));
      expect(Math.abs(got[r]! - want)).toBeLessThan(1e-4 * Math.max(1, Math.abs(want)));
      expect(loss[r]!).toBeCloseTo(-got[r]!, 6);
    }
    est.dispose();
  });
});

describe('RNADE density', () => {
  it('integrates to 1 numerically for D = 1 (trapezoid, 15001 points)', () => {
    const est = rnade({ dim: 1, hidden: 4, components: 3, seed: 1, conditionMixture: true });
    randomizeWeights(est, 7, 0.5);
    // One component has σ ≈ 21 for seed 2, hence the wide grid.
    const grid = Float32Array.from({ length: 15001 }, (_, i) => -150 + i * 0.02);
    for (const seed of [1, 2, 3]) {
      const lp = logProbRows(est, randomParams(1, est.paramSize, seed), grid);
      let mass = 0;
      lp.forEach((v, i) => {
        mass += (i === 0 || i === lp.length - 1 ? 0.01 : 0.02) * Math.exp(v);
      });
      expect(Math.abs(mass - 1)).toBeLessThan(1e-4);
    }
    est.dispose();
  });

  it('integrates to 1 numerically for D = 2 (trapezoid, 501 × 501 points)', () => {
    const est = rnade({ dim: 2, hidden: 4, components: 2, seed: 3 });
    randomizeWeights(est, 8, 0.5);
    const k = 501,
      lo = -25,
      h = 50 / (k - 1);
    const x = new Float32Array(k * k * 2);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) x.set([lo + i * h, lo + j * h], (i * k + j) * 2);
    for (const seed of [1, 2]) {
      const lp = logProbRows(est, randomParams(1, est.paramSize, seed), x);
      let mass = 0;
      const wt = (i: number) => (i === 0 || i === k - 1 ? h / 2 : h);
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) mass += wt(i) * wt(j) * Math.exp(lp[i * k + j]!);
      expect(Math.abs(mass - 1)).toBeLessThan(1e-3);
    }
    est.dispose();
  });
});

describe('RNADE sampling', () => {
  it('sample moments match the density (D = 2, 20,000 draws, moments integrated from the brute-force density)', () => {
    const est = rnade({ dim: 2, hidden: 4, components: 3, seed: 5 });
    randomizeWeights(est, 9, 0.5);
    const brute = bruteFrom(est);
    const p = randomParams(1, est.paramSize, 11);
    const n = 20_000;
    const s = tf.tidy(() => est.sample(tf.tile(tf.tensor2d(p, [1, est.paramSize]), [n, 1]) as tf.Tensor2D, { rng: new Rng(3) }));
    const xs = s.dataSync();
    s.dispose();
    // Reference moments of the joint density on a grid (float64 brute force).
    const k = 401,
      lo = -20,
      h = 40 / (k - 1);
    const m1 = [0, 0],
      m2 = [0, 0],
      m4 = [0, 0];
    let mass = 0;
    const pts: [number, number, number][] = [];
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const x = [lo + i * h, lo + j * h];
        const w = h * h * Math.exp(bruteLogProb(brute, p, x));
        mass += w;
        pts.push([x[0]!, x[1]!, w]);
      }
    }
    for (const [a, b, w] of pts)
      [a, b].forEach((v, d) => {
        m1[d]! += (w * v) / mass;
      });
    for (const [a, b, w] of pts) {
      [a, b].forEach((v, d) => {
        m2[d]! += (w * (v - m1[d]!) ** 2) / mass;
        m4[d]! += (w * (v - m1[d]!) ** 4) / mass;
      });
    }
    expect(Math.abs(mass - 1)).toBeLessThan(1e-3);
    for (let d = 0; d < 2; d++) {
      let mean = 0,
        vr = 0;
      for (let r = 0; r < n; r++) mean += xs[r * 2 + d]! / n;
      for (let r = 0; r < n; r++) vr += (xs[r * 2 + d]! - mean) ** 2 / (n - 1);
      expect(Math.abs(mean - m1[d]!)).toBeLessThan(4 * Math.sqrt(m2[d]! / n));
      expect(Math.abs(vr - m2[d]!)).toBeLessThan(4 * Math.sqrt((m4[d]! - m2[d]! ** 2) / n));
    }
    est.dispose();
  });

  it('temperature sharpens the weights (π^(1/T)) and scales σ by √T: first-dimension moments match', () => {
    const est = rnade({ dim: 1, hidden: 3, components: 3, seed: 6 });
    randomizeWeights(est, 10, 0.5);
    const brute = bruteFrom(est);
    const p = randomParams(1, est.paramSize, 12);
    const { pi, mu, sigma } = bruteMixture(brute, p, [], 0);
    const n = 20_000;
    for (const T of [0.5, 2]) {
      const wts = pi.map((v) => v ** (1 / T));
      const z = wts.reduce((a, b) => a + b, 0);
      const q = wts.map((v) => v / z);
      const mean = q.reduce((a, qk, k) => a + qk * mu[k]!, 0);
      const m2 = q.reduce((a, qk, k) => a + qk * (T * sigma[k]! ** 2 + mu[k]! ** 2), 0) - mean ** 2;
      const s = tf.tidy(() => est.sample(tf.tile(tf.tensor2d(p, [1, est.paramSize]), [n, 1]) as tf.Tensor2D, { rng: new Rng(T * 10), temperature: T }));
      const xs = Array.from(s.dataSync());
      s.dispose();
      const sm = xs.reduce((a, v) => a + v, 0) / n;
      const sv = xs.reduce((a, v) => a + (v - sm) ** 2, 0) / (n - 1);
      expect(Math.abs(sm - mean)).toBeLessThan(4 * Math.sqrt(m2 / n));
      expect(Math.abs(sv - m2) / m2).toBeLessThan(0.05);
    }
    // T = 0 is greedy: the mean of the most probable component, whatever the seed.
    const greedy = tf.tidy(() => est.sample(tf.tensor2d(p, [1, est.paramSize]), { rng: new Rng(1), temperature: 0 }).dataSync()[0]!);
    expect(greedy).toBeCloseTo(mu[pi.indexOf(Math.max(...pi))]!, 4);
    est.dispose();
  });

  it.each([false, true])('the CPU sampler and the tensor loop give the same frames from the same seed (conditionMixture %s)', (cm) => {
    const est = rnade({ dim: 6, hidden: 5, components: 3, seed: 7, conditionMixture: cm });
    randomizeWeights(est, 11);
    const N = 8;
    const params = tf.tensor2d(randomParams(N, est.paramSize, 13), [N, est.paramSize]);
    const before = tf.memory().numTensors;
    for (const temperature of [1, 0.7, 0]) {
      const rngA = new Rng(21),
        rngB = new Rng(21);
      const a = est.sample(params, { rng: rngA, temperature, kernel: 'js' });
      const b = est.sample(params, { rng: rngB, temperature, kernel: 'tensor' });
      const av = a.dataSync(),
        bv = b.dataSync();
      for (let i = 0; i < av.length; i++) expect(Math.abs(av[i]! - bv[i]!)).toBeLessThan(1e-3 * Math.max(1, Math.abs(av[i]!)));
      // Exactly one next() and one normal() per dimension, rows in order.
      const ref = new Rng(21);
      for (let i = 0; i < N * 6; i++) {
        ref.next();
        ref.normal();
      }
      expect(rngA.getState()).toEqual(ref.getState());
      expect(rngB.getState()).toEqual(ref.getState());
      tf.dispose([a, b]);
    }
    expect(tf.memory().numTensors).toBe(before);
    params.dispose();
    est.dispose();
  });
});

describe('RNADE config, registry and errors', () => {
  it('is registered with alias, default config and a config round trip that reproduces log-probs', () => {
    const f = getEstimatorFactory('rnade');
    expect(f.className).toBe(RNADE_CLASS_NAME);
    expect(f.defaultConfig!(50)).toEqual({ dim: 50, hidden: 100, components: 2 });
    const est = rnade({ dim: 4, hidden: 3, components: 2, seed: 9, conditionMixture: true, minSigma: 0.01 });
    randomizeWeights(est, 12);
    const cfg = est.getConfig();
    expect(JSON.parse(JSON.stringify(cfg))).toEqual({ dim: 4, hidden: 3, components: 2, seed: 9, conditionMixture: true, minSigma: 0.01, initScale: 0.1 });
    const copy = estimatorFromConfig(RNADE_CLASS_NAME, cfg) as RnadeEstimator;
    expect(copy).toBeInstanceOf(RnadeEstimator);
    expect(copy.getConfig()).toEqual(cfg);
    expect(copy.paramLayout).toEqual(est.paramLayout);
    for (const [name, v] of Object.entries(est.weights)) (copy.weights as Record<string, tf.Variable>)[name]!.assign(v);
    const p = tf.tensor2d(randomParams(3, est.paramSize, 1), [3, est.paramSize]);
    const x = tf.tensor2d(randomParams(3, 4, 2), [3, 4]);
    const [a, b] = [est.logProb(p, x), copy.logProb(p, x)];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([p, x, a, b]);
    // Same seed, same initial weights.
    const again = rnade({ dim: 4, hidden: 3, components: 2, seed: 9 });
    const again2 = rnade({ dim: 4, hidden: 3, components: 2, seed: 9 });
    expect(Array.from(again.weights.W.dataSync())).toEqual(Array.from(again2.weights.W.dataSync()));
    [est, copy, again, again2].forEach((e) => {
      e.dispose();
    });
  });

  it('rejects bad configs, shapes and temperatures with typed errors, and dispose frees every weight', () => {
    const before = tf.memory().numTensors;
    expect(() => rnade({ dim: 0, hidden: 3, components: 2 })).toThrow(ConfigError);
    expect(() => rnade({ dim: 2, hidden: 3, components: 1.5 })).toThrow(/components/);
    expect(() => rnade({ dim: 2, hidden: 3, components: 2, minSigma: 0 })).toThrow(ConfigError);
    expect(() => rnade({ dim: 2, hidden: 3, components: 2, conditionMixture: 'yes' as unknown as boolean })).toThrow(ConfigError);
    expect(() => estimatorFromConfig(RNADE_CLASS_NAME, { dim: 2 })).toThrow(ConfigError);
    expect(tf.memory().numTensors).toBe(before);
    const est = rnade({ dim: 3, hidden: 2, components: 2 });
    expect(Object.keys(est.weights).sort()).toEqual(['Valpha', 'Vmu', 'Vsigma', 'W', 'balpha', 'bmu', 'bsigma', 'rho']);
    expect(est.weights.W.shape).toEqual([2, 3]);
    expect(est.weights.Vmu.shape).toEqual([3, 2, 2]);
    const p = tf.zeros([2, 2]) as tf.Tensor2D;
    const x4 = tf.zeros([2, 4]) as tf.Tensor2D;
    const p5 = tf.zeros([2, 5]) as tf.Tensor2D;
    const x3 = tf.zeros([2, 3]) as tf.Tensor2D;
    expect(() => est.logProb(p, x4)).toThrow(ShapeError);
    expect(() => est.loss(p5, x3)).toThrow(ShapeError);
    const x33 = tf.zeros([3, 3]) as tf.Tensor2D;
    expect(() => est.logProb(p, x33)).toThrow(/\[2, 3\]/);
    expect(() => est.sample(p, { rng: new Rng(1), temperature: -1 })).toThrow(ConfigError);
    expect(() => est.sample(p, { rng: new Rng(1), temperature: NaN })).toThrow(ConfigError);
    expect(() => est.createCpuSampler().sample(new Float32Array(3), new Float32Array(3), { rng: new Rng(1) })).toThrow(ShapeError);
    est.dispose();
    tf.dispose([p, x4, p5, x3, x33]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps log p finite for far-away points and tiny scales (σ floor, log-sum-exp)', () => {
    const est = rnade({ dim: 2, hidden: 2, components: 2, minSigma: 1e-3 });
    tf.tidy(() => est.weights.bsigma.assign(tf.fill([2, 2], -50) as tf.Tensor2D)); // σ → σ_min
    const mu = est.weights.bmu.dataSync(); // [D,K]; V is tiny at init, so the means are ≈ these
    const lp = tf.tidy(() => est.logProb(tf.zeros([3, 2]) as tf.Tensor2D, tf.tensor2d([mu[0]!, mu[2]!, 1e3, -1e3, 1e-3, 2], [3, 2])));
    const v = lp.dataSync();
    lp.dispose();
    for (const x of v) expect(Number.isFinite(x)).toBe(true);
    // Near a component mean with σ = 1e-3 the density is high (log p > 0) but finite; far away very low.
    expect(v[0]!).toBeGreaterThan(0);
    expect(v[1]!).toBeLessThan(-1e10);
    est.dispose();
  });
});
