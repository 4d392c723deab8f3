import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@rnn-nade/core';
import { rnade } from '@rnn-nade/estimator-rnade';
import { bruteFrom, bruteLogProb, randomParams, randomizeWeights, row, type BruteRnade } from './__fixtures__/brute-force-rnade';

beforeAll(async () => {
  await initBackend({ log: null });
});

/** Σ_rows −log p in float64 with the brute-force model. */
function bruteLoss(b: BruteRnade, p: Float64Array, x: Float32Array, n: number, P: number): number {
  let s = 0;
  for (let r = 0; r < n; r++) s -= bruteLogProb(b, p.subarray(r * P, (r + 1) * P), row(x, r, b.D));
  return s;
}

const COMBOS = [false, true].flatMap((cm) => (['js', 'tensor'] as const).map((kernel) => [cm, kernel] as const));

describe.each(COMBOS)('RNADE gradients (conditionMixture %s, %s kernel)', (conditionMixture, kernel) => {
  it('autodiff of Σ loss matches float64 central differences for every weight entry and every param', () => {
    const D = 4,
      H = 3,
      K = 2,
      N = 3;
    const est = rnade({ dim: D, hidden: H, components: K, seed: 1, conditionMixture }, { kernel });
    randomizeWeights(est, 2);
    const P = est.paramSize;
    const p32 = randomParams(N, P, 3);
    const x = randomParams(N, D, 4, 1.2);
    const params = tf.tensor2d(p32, [N, P]);
    const frames = tf.tensor2d(x, [N, D]);
    const before = tf.memory().numTensors;

    const names = Object.keys(est.weights) as (keyof typeof est.weights)[];
    const vars = names.map((n) => est.weights[n]);
    const { value, grads } = tf.variableGrads(() => tf.sum(est.loss(params, frames)) as tf.Scalar, vars);
    const gParams = tf.grad((p: tf.Tensor) => tf.sum(est.loss(p as tf.Tensor2D, frames)))(params);
    const analytic: Record<string, Float32Array> = {};
    names.forEach((n, i) => {
      analytic[n] = grads[vars[i]!.name]!.dataSync() as Float32Array;
    });
    const analyticParams = gParams.dataSync() as Float32Array;
    const lossValue = value.dataSync()[0]!;
    tf.dispose([value, gParams, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);

    const brute = bruteFrom(est);
    const p = Float64Array.from(p32);
    expect(Math.abs(lossValue - bruteLoss(brute, p, x, N, P))).toBeLessThan(1e-4 * Math.abs(lossValue) + 1e-4);
    const eps = 1e-5;
    const check = (got: number, arr: Float64Array, i: number, label: string) => {
      const keep = arr[i]!;
      arr[i] = keep + eps;
      const up = bruteLoss(brute, p, x, N, P);
      arr[i] = keep - eps;
      const down = bruteLoss(brute, p, x, N, P);
      arr[i] = keep;
      const fd = (up - down) / (2 * eps);
      expect(Math.abs(got - fd), `${label}: autodiff ${got} vs finite difference ${fd}`).toBeLessThan(2e-3 * Math.max(1, Math.abs(fd)));
    };
    let checked = 0;
    for (const n of names) {
      const arr = brute.w[n];
      expect(analytic[n]!.length).toBe(arr.length);
      for (let i = 0; i < arr.length; i++, checked++) check(analytic[n]![i]!, arr, i, `${n}[${i}]`);
    }
    for (let i = 0; i < p.length; i++, checked++) check(analyticParams[i]!, p, i, `params[${i}]`);
    expect(checked).toBe(names.reduce((s, n) => s + brute.w[n].length, 0) + N * P);
    // Gradients are not trivially zero: every weight tensor receives signal.
    for (const n of names) expect(Math.max(...Array.from(analytic[n]!, Math.abs)), n).toBeGreaterThan(1e-3);
    tf.dispose([params, frames]);
    est.dispose();
  });
});

describe('RNADE kernels agree', () => {
  it('js and tensor give the same loss and gradients on a larger random case (D 12, H 9, K 4, N 32)', () => {
    const cfg = { dim: 12, hidden: 9, components: 4, seed: 5, conditionMixture: true };
    const ests = (['js', 'tensor'] as const).map((kernel) => rnade(cfg, { kernel }));
    ests.forEach((e) => {
      randomizeWeights(e, 6, 0.4);
    });
    const N = 32;
    const params = tf.tensor2d(randomParams(N, ests[0]!.paramSize, 7), [N, ests[0]!.paramSize]);
    const frames = tf.tensor2d(randomParams(N, 12, 8), [N, 12]);
    const before = tf.memory().numTensors;
    const results = ests.map((est) => {
      const vars = Object.values(est.weights);
      const dy = tf.linspace(0.5, 1.5, N); // a non-uniform upstream gradient
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(est.loss(params, frames), dy)) as tf.Scalar, vars);
      const gp = tf.grad((p: tf.Tensor) => tf.sum(tf.mul(est.loss(p as tf.Tensor2D, frames), dy)))(params);
      const out = { value: value.dataSync()[0]!, grads: vars.map((v) => Array.from(grads[v.name]!.dataSync())), gp: Array.from(gp.dataSync()) };
      tf.dispose([value, gp, dy, ...Object.values(grads)]);
      return out;
    });
    expect(tf.memory().numTensors).toBe(before);
    const [js, tensor] = results as [(typeof results)[0], (typeof results)[0]];
    expect(Math.abs(js.value - tensor.value)).toBeLessThan(1e-4 * Math.abs(js.value));
    const close = (a: number[], b: number[], label: string) =>
      a.forEach((v, i) => {
        expect(Math.abs(v - b[i]!), `${label}[${i}]`).toBeLessThan(1e-3 * Math.max(1, Math.abs(b[i]!)));
      });
    js.grads.forEach((g, i) => {
      close(g, tensor.grads[i]!, Object.keys(ests[0]!.weights)[i]!);
    });
    close(js.gp, tensor.gp, 'params');
    tf.dispose([params, frames]);
    ests.forEach((e) => {
      e.dispose();
    });
  });
});
