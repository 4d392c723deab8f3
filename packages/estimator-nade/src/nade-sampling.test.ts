import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, Rng, initBackend } from '@rnn-nade/core';
import { allStates } from './__fixtures__/brute-force-nade';
import { randomNade, randomParams } from './__fixtures__/setup';

beforeAll(async () => {
  await initBackend({ log: null });
});

/** Chi-square statistic of observed state counts vs expected probabilities. */
function chiSquare(counts: number[], probs: number[], total: number): number {
  return counts.reduce((acc, c, s) => acc + (c - total * probs[s]!) ** 2 / (total * probs[s]!), 0);
}

function stateIndex(frame: ArrayLike<number>, d: number, offset = 0): number {
  let s = 0;
  for (let i = 0; i < d; i++) if (frame[offset + i]! > 0.5) s |= 1 << i;
  return s;
}

describe('NADE CPU sampler vs the tensor path', () => {
  it('gives the same conditionals (1e-5) as the tensor ops for the frames it drew, at several temperatures', () => {
    const D = 88;
    const H = 100;
    const { est } = randomNade({ dim: D, hidden: H, seed: 51, scale: 0.3 });
    const sampler = est.createCpuSampler();
    const p = randomParams(6, D + H, 52);
    const before = tf.memory().numTensors;
    for (const temperature of [1, 0.7, 1.6]) {
      const rng = new Rng(53);
      for (let r = 0; r < 6; r++) {
        const paramsRow = p.subarray(r * (D + H), (r + 1) * (D + H));
        const frame = sampler.sample(paramsRow, new Float32Array(D), { rng, temperature });
        const cond = sampler.lastConditionals();
        const want = tf.tidy(() => est.conditionals(tf.tensor2d(paramsRow, [1, D + H]), tf.tensor2d(frame, [1, D]), { temperature }).dataSync());
        let worst = 0;
        for (let i = 0; i < D; i++) worst = Math.max(worst, Math.abs(cond[i]! - want[i]!));
        expect(worst).toBeLessThan(1e-5);
      }
    }
    expect(tf.memory().numTensors).toBe(before);
    est.dispose();
  });

  it('draws the same frames as the per-dimension tensor loop for the same seed, consuming the Rng identically', () => {
    const D = 88;
    const H = 100;
    const N = 24;
    const { est } = randomNade({ dim: D, hidden: H, seed: 61, scale: 0.3 });
    const params = tf.tensor2d(randomParams(N, D + H, 62), [N, D + H]);
    const before = tf.memory().numTensors;
    const rngJs = new Rng(63);
    const rngTensor = new Rng(63);
    const viaJs = est.sample(params, { rng: rngJs, temperature: 0.9, kernel: 'js' });
    const viaTensor = est.sample(params, { rng: rngTensor, temperature: 0.9, kernel: 'tensor' });
    const a = viaJs.dataSync();
    const b = viaTensor.dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(rngJs.getState()).toEqual(rngTensor.getState());
    const ones = Array.from(a).reduce((acc, v) => acc + v, 0);
    expect(ones).toBeGreaterThan(0.05 * N * D); // not degenerate: both values occur
    expect(ones).toBeLessThan(0.95 * N * D);
    // the row-by-row CPU sampler consumes the same stream
    const sampler = est.createCpuSampler();
    const rngRows = new Rng(63);
    const pData = params.dataSync() as Float32Array;
    for (let r = 0; r < N; r++) {
      const frame = sampler.sample(pData.subarray(r * (D + H), (r + 1) * (D + H)), new Float32Array(D), {
        rng: rngRows,
        temperature: 0.9,
      });
      expect(Array.from(frame)).toEqual(Array.from(a.subarray(r * D, (r + 1) * D)));
    }
    tf.dispose([viaJs, viaTensor]);
    expect(tf.memory().numTensors).toBe(before);
    params.dispose();
    est.dispose();
  });
});

describe.each(['js', 'tensor'] as const)('NADE sampling (%s kernel)', (kernel) => {
  it('matches the exact tempered distribution (chi-square over all 2^4 states) at T = 1, 0.5, 2', () => {
    const D = 4;
    const H = 5;
    const N = 12000;
    const { est } = randomNade({ dim: D, hidden: H, seed: 71, kernel, scale: 1.5 });
    const p = randomParams(1, D + H, 72);
    const states = allStates(D);
    const entropies: number[] = [];
    for (const temperature of [1, 0.5, 2]) {
      // exact p_T(x) = Π_i p_T(x_i | x_<i), from the tensor conditionals of every state
      const cond = tf.tidy(() => {
        const tiled = tf.tile(tf.tensor2d(p, [1, D + H]), [states.length, 1]) as tf.Tensor2D;
        return est.conditionals(tiled, tf.tensor2d(states.flat(), [states.length, D]), { temperature }).arraySync();
      });
      const probs = states.map((s, k) => s.reduce((acc, xi, i) => acc * (xi ? cond[k]![i]! : 1 - cond[k]![i]!), 1));
      expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      entropies.push(-probs.reduce((a, q) => a + q * Math.log(q), 0));
      const samples = tf.tidy(() => est.sample(tf.tile(tf.tensor2d(p, [1, D + H]), [N, 1]) as tf.Tensor2D, { rng: new Rng(73), temperature }).dataSync());
      const counts = new Array<number>(states.length).fill(0);
      for (let r = 0; r < N; r++) counts[stateIndex(samples, D, r * D)]! += 1;
      // 15 degrees of freedom: P(chi2 > 37.7) = 0.001
      expect(chiSquare(counts, probs, N)).toBeLessThan(37.7);
    }
    // sharper at T = 0.5, flatter at T = 2
    expect(entropies[1]!).toBeLessThan(entropies[0]!);
    expect(entropies[2]!).toBeGreaterThan(entropies[0]!);
    est.dispose();
  });

  it('divides every conditional logit by the temperature', () => {
    const { est } = randomNade({ dim: 7, hidden: 4, seed: 81, kernel });
    const [c1, c3] = tf.tidy(() => {
      const params = tf.tensor2d(randomParams(3, 11, 82), [3, 11]);
      const x = tf.tensor2d(
        Float32Array.from({ length: 21 }, (_, i) => (i % 3 === 0 ? 1 : 0)),
        [3, 7],
      );
      return [est.conditionals(params, x).dataSync(), est.conditionals(params, x, { temperature: 3 }).dataSync()];
    });
    const logit = (q: number): number => Math.log(q / (1 - q));
    for (let i = 0; i < c1!.length; i++) expect(logit(c3![i]!)).toBeCloseTo(logit(c1![i]!) / 3, 4);
    est.dispose();
  });

  it('rejects a temperature that is not a finite number > 0', () => {
    const { est } = randomNade({ dim: 3, hidden: 2, seed: 91, kernel });
    const before = tf.memory().numTensors;
    const params = tf.zeros([2, 5]) as tf.Tensor2D;
    for (const temperature of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => est.sample(params, { rng: new Rng(1), temperature })).toThrow(ConfigError);
      expect(() => est.createCpuSampler().sample(new Float32Array(5), new Float32Array(3), { rng: new Rng(1), temperature })).toThrow(ConfigError);
    }
    params.dispose();
    expect(tf.memory().numTensors).toBe(before);
    est.dispose();
  });
});
