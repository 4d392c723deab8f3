import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng, initBackend } from '@rnn-nade/core';
import { expectArraysClose } from '@rnn-nade/core/testing';
import { RbmEstimator, aisLogPartition } from '@rnn-nade-examples/custom-estimator-rbm';
import { bits, bruteLogZ, negFreeEnergy } from './__fixtures__/brute-force';

beforeAll(async () => {
  await initBackend({ log: null });
});

/** An RBM with strong random weights and `rows` random bias rows (as nested arrays too). */
function setup(D: number, H: number, rows: number, scale: number, seed: number) {
  const est = new RbmEstimator({ dim: D, hidden: H, initScale: scale, seed });
  const p = new Rng(seed + 100).normals(rows * (D + H));
  const params = tf.tensor2d(p, [rows, D + H]);
  const W = est.weights.W.arraySync() as number[][];
  const rowsArr = Array.from({ length: rows }, (_, r) => Array.from(p.subarray(r * (D + H), (r + 1) * (D + H))));
  return { est, params, W, b: rowsArr.map((q) => q.slice(0, D)), c: rowsArr.map((q) => q.slice(D)) };
}

describe('log partition function', () => {
  it.each([
    ['hidden layer enumerated (H < D)', 9, 5],
    ['visible layer enumerated (D < H)', 6, 11],
  ])('exact log Z equals the float64 brute force over 2^D states: %s', (_, D, H) => {
    const before = tf.memory().numTensors;
    const { est, params, W, b, c } = setup(D, H, 4, 1, 7);
    const got = est.logPartition(params, { method: 'exact' });
    expectArraysClose(
      got.dataSync(),
      b.map((bb, r) => bruteLogZ(bb, c[r]!, W)),
      1e-4,
    );
    tf.dispose([got, params]);
    est.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('AIS matches exact log Z within 0.1 nats on a small RBM with strong weights', () => {
    const before = tf.memory().numTensors;
    const { est, params } = setup(16, 12, 4, 0.5, 11);
    const exactT = est.logPartition(params, { method: 'exact' });
    const exact = Array.from(exactT.dataSync());
    exactT.dispose();
    const [b, c] = tf.split(params, [16, 12], 1) as [tf.Tensor2D, tf.Tensor2D];
    const { logZ, logWeightStd } = aisLogPartition(b, c, est.weights.W, { chains: 64, betas: 1000 }, new Rng(3));
    const ais = Array.from(logZ.dataSync());
    for (let r = 0; r < 4; r++) expect(Math.abs(ais[r]! - exact[r]!), `row ${r}: AIS ${ais[r]} vs exact ${exact[r]}`).toBeLessThan(0.1);
    // The weights vary (the task is not trivial) but little (the estimate is trustworthy).
    const sd = Array.from(logWeightStd.dataSync());
    expect(Math.max(...sd)).toBeGreaterThan(1e-3);
    expect(Math.max(...sd)).toBeLessThan(1);
    tf.dispose([logZ, logWeightStd, params, b, c]);
    est.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('too few intermediate distributions give a visibly worse AIS estimate (the test can fail)', () => {
    const { est, params } = setup(16, 12, 4, 0.5, 11);
    const exact = Array.from(est.logPartition(params, { method: 'exact' }).dataSync());
    const crude = Array.from(est.logPartition(params, { method: 'ais', ais: { chains: 2, betas: 2 }, rng: new Rng(3) }).dataSync());
    expect(Math.max(...crude.map((v, r) => Math.abs(v - exact[r]!)))).toBeGreaterThan(0.1);
    params.dispose();
    est.dispose();
  });

  it("logProb is −F(x) − log Z, and 'auto' picks exact for small layers and AIS otherwise", () => {
    const { est, params, W, b, c } = setup(7, 5, 3, 1, 5);
    const x = [bits(0b1010011, 7), bits(0, 7), bits(0b1111111, 7)];
    const lp = est.logProb(params, tf.tensor2d(x), {});
    const want = x.map((v, r) => negFreeEnergy(b[r]!, c[r]!, W, v) - bruteLogZ(b[r]!, c[r]!, W));
    expectArraysClose(lp.dataSync(), want, 1e-4);
    const small = new RbmEstimator({ dim: 7, hidden: 5, exactMaxUnits: 0, ais: { chains: 64, betas: 400 } });
    small.weights.W.assign(est.weights.W);
    const viaAis = small.logProb(params, tf.tensor2d(x), { rng: new Rng(1) });
    const diff = Array.from(viaAis.dataSync()).map((v, r) => Math.abs(v - want[r]!));
    expect(Math.max(...diff)).toBeLessThan(0.1);
    expect(Math.max(...diff)).toBeGreaterThan(0); // really estimated, not enumerated
    tf.dispose([lp, viaAis, params]);
    est.dispose();
    small.dispose();
  });
});
