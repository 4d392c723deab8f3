import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@rnn-nade/core';
import type { NadeEstimator } from '@rnn-nade/estimator-nade';
import { bruteLogProb, type BruteNade } from './__fixtures__/brute-force-nade';
import { randomFrames, randomNade, randomParams, row } from './__fixtures__/setup';
import { nadeLogProbAutodiff } from './nade-tensor-ops';

beforeAll(async () => {
  await initBackend({ log: null });
});

/** Gradients of Σ_n dy_n · loss_n w.r.t. params, W and V, as flat arrays. */
function analyticGrads(
  est: NadeEstimator,
  p: Float32Array,
  x: Float32Array,
  dy: Float32Array,
  lossFn?: (params: tf.Tensor2D, frames: tf.Tensor2D) => tf.Tensor1D,
): { params: Float32Array; W: Float32Array; V: Float32Array } {
  const n = dy.length;
  const params = tf.tidy(() => tf.variable(tf.tensor2d(p, [n, est.paramSize])));
  const frames = tf.tensor2d(x, [n, est.dim]);
  const weight = tf.tensor1d(dy);
  const loss = lossFn ?? ((pp: tf.Tensor2D, xx: tf.Tensor2D) => est.loss(pp, xx));
  const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(weight, loss(params, frames))) as tf.Scalar, [params, est.weights.W, est.weights.V]);
  const out = {
    params: grads[params.name]!.dataSync() as Float32Array,
    W: grads[est.weights.W.name]!.dataSync() as Float32Array,
    V: grads[est.weights.V.name]!.dataSync() as Float32Array,
  };
  tf.dispose([params, frames, weight, value, ...Object.values(grads)]);
  return out;
}

/** Σ_n dy_n · (−log p(x_n)) with the float64 brute-force NADE. */
function bruteObjective(m: BruteNade, p: number[], x: Float32Array, dy: Float32Array): number {
  const P = m.D + m.H;
  let s = 0;
  for (let r = 0; r < dy.length; r++) {
    const pr = p.slice(r * P, (r + 1) * P);
    s -= dy[r]! * bruteLogProb(m, pr.slice(0, m.D), pr.slice(m.D), row(x, r, m.D));
  }
  return s;
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol: number): void {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < got.length; i++) {
    worst = Math.max(worst, Math.abs(got[i]! - want[i]!) / (tol + tol * Math.abs(want[i]!)));
  }
  expect(worst).toBeLessThan(1);
}

describe.each(['js', 'tensor'] as const)('NADE loss gradient (%s kernel)', (kernel) => {
  it('matches central finite differences of an independent float64 NADE w.r.t. params, W and V', () => {
    const D = 6;
    const H = 4;
    const N = 3;
    const { est, brute } = randomNade({ dim: D, hidden: H, seed: 21, kernel });
    const p = randomParams(N, D + H, 22);
    const x = randomFrames(N, D, 23, 0.5);
    const dy = Float32Array.from([0.7, -1.3, 2.1]);
    const before = tf.memory().numTensors;
    const g = analyticGrads(est, p, x, dy);
    expect(tf.memory().numTensors).toBe(before);
    const eps = 1e-5;
    const pArr = Array.from(p);
    const fdParams = pArr.map((_, i) => {
      const up = pArr.slice();
      const dn = pArr.slice();
      up[i]! += eps;
      dn[i]! -= eps;
      return (bruteObjective(brute, up, x, dy) - bruteObjective(brute, dn, x, dy)) / (2 * eps);
    });
    const fdWeights = (which: 'W' | 'V'): number[] => {
      const out: number[] = [];
      for (let k = 0; k < H; k++) {
        for (let i = 0; i < D; i++) {
          const perturbed = (delta: number): number => {
            const mat = brute[which].map((r) => r.slice());
            mat[k]![i]! += delta;
            return bruteObjective({ ...brute, [which]: mat }, pArr, x, dy);
          };
          out.push((perturbed(eps) - perturbed(-eps)) / (2 * eps));
        }
      }
      return out;
    };
    expectClose(g.params, fdParams, 2e-4);
    expectClose(g.W, fdWeights('W'), 2e-4);
    expectClose(g.V, fdWeights('V'), 2e-4);
    // the gradient is not trivially zero
    expect(Math.max(...Array.from(g.W, Math.abs))).toBeGreaterThan(1e-2);
    est.dispose();
  });

  it('equals tfjs autodiff of the plain (unfused) forward ops at a larger size', () => {
    const D = 20;
    const H = 16;
    const N = 24;
    const { est } = randomNade({ dim: D, hidden: H, seed: 31, kernel, scale: 0.4 });
    const p = randomParams(N, D + H, 32);
    const x = randomFrames(N, D, 33, 0.2);
    const dy = randomParams(N, 1, 34);
    const fused = analyticGrads(est, p, x, dy);
    const plain = analyticGrads(est, p, x, dy, (pp, xx) => tf.neg(nadeLogProbAutodiff(pp, xx, est.weights.W, est.weights.V)));
    expectClose(fused.params, plain.params, 1e-4);
    expectClose(fused.W, plain.W, 1e-4);
    expectClose(fused.V, plain.V, 1e-4);
    est.dispose();
  });

  it('propagates through an upstream projection (params = h·P) without leaking', () => {
    const { est } = randomNade({ dim: 5, hidden: 3, seed: 41, kernel });
    const proj = tf.tidy(() => tf.variable(tf.randomNormal([4, 8], 0, 0.5, 'float32', 1)));
    const h = tf.randomNormal([6, 4], 0, 1, 'float32', 2);
    const x = tf.tensor2d(randomFrames(6, 5, 43), [6, 5]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const { value, grads } = tf.variableGrads(() => tf.mean(est.loss(tf.matMul(h, proj) as tf.Tensor2D, x)) as tf.Scalar, [proj, est.weights.W]);
      expect(Number.isFinite(value.dataSync()[0])).toBe(true);
      expect(grads[proj.name]!.shape).toEqual([4, 8]);
      tf.dispose([value, ...Object.values(grads)]);
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([proj, h, x]);
    est.dispose();
  });
});
