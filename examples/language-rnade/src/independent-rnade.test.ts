import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng, initBackend, type SequenceData } from '@rnn-nade/core';
import { diagonalGaussianNll, fitDiagonalGaussian } from './diagonal-gaussian';
import {
  createIndependentRnade,
  independentRnadeNll,
  loadIndependentRnade,
  saveIndependentRnade,
  stackFrames,
  trainIndependentRnade,
} from './independent-rnade';

const dir = mkdtempSync(join(tmpdir(), 'language-indep-'));
beforeAll(async () => {
  await initBackend({ log: null });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Frames drawn from two well-separated clusters in 3-d (a bimodal density a Gaussian fits badly). */
function clusters(n: number, seed: number): SequenceData[] {
  const rng = new Rng(seed);
  const out: SequenceData[] = [];
  for (let i = 0; i < n; i++) {
    const c = rng.next() < 0.5 ? -1.5 : 1.5;
    const data = Float32Array.from({ length: 3 * 4 }, () => c + 0.2 * rng.normal());
    out.push({ steps: 4, dim: 3, data });
  }
  return out;
}

describe('frame-independent RNADE', () => {
  it('stacks frames of all sequences in order', () => {
    const s = stackFrames([
      { steps: 1, dim: 2, data: Float32Array.from([1, 2]) },
      { steps: 2, dim: 2, data: Float32Array.from([3, 4, 5, 6]) },
    ]);
    expect(s).toEqual({ rows: 3, dim: 2, data: Float32Array.from([1, 2, 3, 4, 5, 6]) });
  });

  it('learns a bimodal density better than a diagonal Gaussian, restores the best epoch, and does not leak', async () => {
    const train = clusters(60, 1);
    const valid = clusters(20, 2);
    const before = tf.memory().numTensors;
    const m = createIndependentRnade({ dim: 3, hidden: 8, components: 2, minSigma: 0.05, seed: 1 });
    const start = await independentRnadeNll(m, valid);
    const r = await trainIndependentRnade(m, { train, valid }, { epochs: 12, batchSize: 32, learningRate: 0.02, seed: 1 });
    const end = await independentRnadeNll(m, valid);
    expect(end).toBeLessThan(start - 1);
    expect(end).toBeCloseTo(r.bestValidNll, 4);
    expect(end).toBeLessThan(diagonalGaussianNll(fitDiagonalGaussian(train, { minSigma: 0.05 }), valid));
    expect(r.epochs[r.bestEpoch]!.validNll).toBe(r.bestValidNll);
    // NLL equals minus the mean of the estimator's own logProb with the constant params
    const { data, rows } = stackFrames(valid);
    const lp = tf.tidy(() => m.estimator.logProb(tf.matMul(tf.ones([rows, 1]), m.params), tf.tensor2d(data, [rows, 3])));
    const mean = Array.from(await lp.data()).reduce((a, b) => a + b, 0) / rows;
    lp.dispose();
    expect(end).toBeCloseTo(-mean, 4);

    await saveIndependentRnade(m, join(dir, 'indep'), { note: 'test' });
    const { model: back, metadata } = await loadIndependentRnade(join(dir, 'indep'));
    expect(metadata).toEqual({ note: 'test' });
    expect(await independentRnadeNll(back, valid)).toBe(end);
    back.dispose();
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a directory that is not an independent-RNADE model', async () => {
    const { writeModelDir } = await import('@rnn-nade/core/node');
    await writeModelDir(join(dir, 'other'), { kind: 'something-else' }, {});
    await expect(loadIndependentRnade(join(dir, 'other'))).rejects.toThrow(/not an independent-RNADE model/);
  });
});
