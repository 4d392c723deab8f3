import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, Rng, ShapeError, estimatorFromConfig, getEstimatorFactory, initBackend } from '@rnn-nade/core';
import { NADE_CLASS_NAME, NadeEstimator, nade } from '@rnn-nade/estimator-nade';
import { allStates, bruteLogProb } from './__fixtures__/brute-force-nade';
import { randomFrames, randomNade, randomParams, row } from './__fixtures__/setup';

beforeAll(async () => {
  await initBackend({ log: null });
});

const KERNELS = ['js', 'tensor'] as const;

describe.each(KERNELS)('NADE logProb (%s kernel)', (kernel) => {
  it('equals an independent brute-force float64 NADE on random weights (1e-4)', () => {
    const D = 13;
    const H = 9;
    const N = 12;
    const { est, brute } = randomNade({ dim: D, hidden: H, seed: 3, kernel });
    const p = randomParams(N, D + H, 5);
    const x = randomFrames(N, D, 6, 0.4);
    const before = tf.memory().numTensors;
    const params = tf.tensor2d(p, [N, D + H]);
    const frames = tf.tensor2d(x, [N, D]);
    const logpT = est.logProb(params, frames);
    const lossT = est.loss(params, frames);
    const got = logpT.arraySync() as number[];
    const loss = lossT.arraySync() as number[];
    tf.dispose([params, frames, logpT, lossT]);
    expect(tf.memory().numTensors).toBe(before);
    for (let r = 0; r < N; r++) {
      const want = bruteLogProb(brute, row(p, r, D + H).slice(0, D), row(p, r, D + H).slice(D), row(x, r, D));
      expect(Math.abs(got[r]! - want)).toBeLessThan(1e-4 * Math.max(1, Math.abs(want)));
      expect(Math.abs(loss[r]! + want)).toBeLessThan(1e-4 * Math.max(1, Math.abs(want)));
    }
    est.dispose();
  });

  it('is exactly normalised: Σ over all 2^10 states of p(x) = 1 for several param rows', () => {
    const D = 10;
    const H = 6;
    const { est } = randomNade({ dim: D, hidden: H, seed: 11, kernel, scale: 1.2 });
    const states = allStates(D);
    for (const seed of [1, 2, 3]) {
      const p = randomParams(1, D + H, seed, 1.5);
      const tiled = new Float32Array(states.length * (D + H));
      for (let s = 0; s < states.length; s++) tiled.set(p, s * (D + H));
      const logp = tf.tidy(() => est.logProb(tf.tensor2d(tiled, [states.length, D + H]), tf.tensor2d(states.flat(), [states.length, D])));
      const total = (logp.dataSync() as Float32Array).reduce((acc, v) => acc + Math.exp(v), 0);
      logp.dispose();
      expect(Math.abs(total - 1)).toBeLessThan(1e-4);
    }
    est.dispose();
  });

  it('handles zero rows and non-finite params without throwing or hanging', () => {
    const est = nade({ dim: 5, hidden: 3 }, { kernel });
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => {
      const p0 = tf.zeros([0, 8]) as tf.Tensor2D;
      const x0 = tf.zeros([0, 5]) as tf.Tensor2D;
      const s0 = est.sample(p0, { rng: new Rng(1) });
      const pNaN = tf.fill([2, 8], Number.NaN) as tf.Tensor2D;
      const x = tf.ones([2, 5]) as tf.Tensor2D;
      return {
        logp0: est.logProb(p0, x0).shape,
        loss0: est.loss(p0, x0).shape,
        s0: s0.shape,
        nanLogp: Array.from(est.logProb(pNaN, x).dataSync()),
        nanSample: Array.from(est.sample(pNaN, { rng: new Rng(2) }).dataSync()),
      };
    });
    expect(out.logp0).toEqual([0]);
    expect(out.loss0).toEqual([0]);
    expect(out.s0).toEqual([0, 5]);
    expect(out.nanLogp.every(Number.isNaN)).toBe(true);
    expect(out.nanSample.every((v) => v === 0 || v === 1)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    est.dispose();
  });

  it('rejects params and frames of the wrong shape with a ShapeError', () => {
    const est = nade({ dim: 4, hidden: 3 }, { kernel });
    const before = tf.memory().numTensors;
    const good = tf.zeros([2, 7]) as tf.Tensor2D;
    const badP = tf.zeros([2, 6]) as tf.Tensor2D;
    const badX = tf.zeros([3, 4]) as tf.Tensor2D;
    const x = tf.zeros([2, 4]) as tf.Tensor2D;
    expect(() => est.logProb(badP, x)).toThrow(ShapeError);
    expect(() => est.loss(good, badX)).toThrow(ShapeError);
    expect(() => est.sample(badP, { rng: new Rng(1) })).toThrow(ShapeError);
    tf.dispose([good, badP, badX, x]);
    expect(tf.memory().numTensors).toBe(before);
    est.dispose();
  });
});

describe('NADE config, registry and weights', () => {
  it('has the documented layout and weight shapes', () => {
    const est = nade({ dim: 88, hidden: 100 });
    expect(est.paramSize).toBe(188);
    expect(est.paramLayout.map((s) => [s.name, s.size])).toEqual([
      ['b', 88],
      ['c', 100],
    ]);
    expect(Object.keys(est.weights)).toEqual(['W', 'V']);
    expect(est.weights.W.shape).toEqual([100, 88]);
    expect(est.weights.V.shape).toEqual([100, 88]);
    expect(est.className).toBe('@rnn-nade/estimator-nade>NADE');
    expect(est.domain).toBe('binary');
    // N(0, 0.01²) init: sample std close to 0.01
    const w = est.weights.W.dataSync();
    const std = Math.sqrt(Array.from(w).reduce((acc, v) => acc + v * v, 0) / w.length);
    expect(std).toBeGreaterThan(0.009);
    expect(std).toBeLessThan(0.011);
    est.dispose();
  });

  it('registers itself under its className and the alias "nade"', () => {
    const factory = getEstimatorFactory('nade');
    expect(factory.className).toBe(NADE_CLASS_NAME);
    expect(factory.defaultConfig?.(88)).toEqual({ dim: 88, hidden: 100 });
    const est = estimatorFromConfig(NADE_CLASS_NAME, { dim: 5, hidden: 4, seed: 9 });
    expect(est).toBeInstanceOf(NadeEstimator);
    expect(est.getConfig()).toEqual({ dim: 5, hidden: 4, seed: 9, initScale: 0.01 });
    est.dispose();
  });

  it('rebuilds identical initial weights from its config (same seed)', () => {
    const a = nade({ dim: 6, hidden: 5, seed: 4 });
    const b = getEstimatorFactory(NADE_CLASS_NAME).fromConfig(a.getConfig());
    expect(Array.from(b.weights.W!.dataSync())).toEqual(Array.from(a.weights.W.dataSync()));
    expect(Array.from(b.weights.V!.dataSync())).toEqual(Array.from(a.weights.V.dataSync()));
    const c = nade({ dim: 6, hidden: 5, seed: 5 });
    expect(Array.from(c.weights.W.dataSync())).not.toEqual(Array.from(a.weights.W.dataSync()));
    for (const e of [a, b, c]) e.dispose();
  });

  it('rejects bad configs and options with a ConfigError naming the field', () => {
    expect(() => nade({ dim: 0, hidden: 3 })).toThrow(/"dim"/);
    expect(() => nade({ dim: 3.5, hidden: 3 })).toThrow(ConfigError);
    expect(() => nade({ dim: 3, hidden: -1 })).toThrow(/"hidden"/);
    expect(() => nade({ dim: 3, hidden: 2, seed: 0.5 })).toThrow(/"seed"/);
    expect(() => nade({ dim: 3, hidden: 2, initScale: Number.NaN })).toThrow(/"initScale"/);
    expect(() => estimatorFromConfig(NADE_CLASS_NAME, { hidden: 2 })).toThrow(ConfigError);
    expect(() => nade({ dim: 3, hidden: 2 }, { kernel: 'gpu' as never })).toThrow(/kernel/);
  });

  it('dispose releases W and V', () => {
    const before = tf.memory().numTensors;
    const est = nade({ dim: 7, hidden: 3 });
    expect(tf.memory().numTensors).toBe(before + 2);
    est.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
