import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DistributionEstimator, type LossOptions, type SampleOptions, Rng, ShapeError, initBackend } from '@rnn-nade/core';
import { checkEstimator, formatConformanceReport } from '@rnn-nade/core/testing';

const NAME = 'kit-fixtures>JumpySurrogate';

/**
 * A piecewise-smooth surrogate loss like CD-k: `Σ_d (x_d − s_d) · (params_d + 1)` where
 * `s = 1[u < sigmoid(params)]` is a sample (u from `options.rng`) held constant by the gradient.
 * It jumps whenever a perturbation moves sigmoid(params_d) across u_d. `gradientScale` ≠ 1 makes
 * its analytic gradient wrong.
 */
class JumpySurrogate implements DistributionEstimator<{ dim: number; gradientScale: number }> {
  readonly specificationVersion = 'v1';
  readonly className = NAME;
  readonly domain = 'binary';
  readonly weights = {};
  readonly paramLayout;
  constructor(readonly config: { dim: number; gradientScale: number }) {
    this.paramLayout = [{ name: 'logits', size: config.dim }];
  }
  get dim() {
    return this.config.dim;
  }
  get paramSize() {
    return this.config.dim;
  }
  loss(params: tf.Tensor2D, x: tf.Tensor2D, options: LossOptions = {}): tf.Tensor1D {
    if (params.shape[1] !== this.dim || x.shape[1] !== this.dim || x.shape[0] !== params.shape[0]) throw new ShapeError('bad shapes');
    const rng = options.rng ?? new Rng(0);
    const u = Float32Array.from(rng.uniform(params.size), (v) => Math.min(0.999, Math.max(0.001, v)));
    const p = params.dataSync();
    const s = tf.tensor2d(
      Float32Array.from(p, (v, i) => (u[i]! < 1 / (1 + Math.exp(-v)) ? 1 : 0)),
      params.shape,
    );
    const scale = this.config.gradientScale;
    const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const pp = args[0] as tf.Tensor2D;
      const save = args[1] as tf.GradSaveFunc;
      const coef = tf.sub(x, s);
      save([coef]);
      return {
        value: tf.sum(tf.mul(coef, tf.add(pp, 1)), 1),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.mul(tf.mul(tf.expandDims(dy, 1), saved[0]!), scale)],
      };
    });
    const out = f(params) as tf.Tensor1D;
    s.dispose();
    return out;
  }
  sample(params: tf.Tensor2D, { rng }: SampleOptions): tf.Tensor2D {
    return tf.tidy(() => tf.cast(tf.less(tf.tensor(rng.uniform(params.size), params.shape), tf.sigmoid(params)), 'float32') as tf.Tensor2D);
  }
  getConfig() {
    return { ...this.config };
  }
  dispose() {}
}

beforeAll(async () => {
  await initBackend({ log: null });
});

describe('gradient check of piecewise-smooth surrogate losses (surrogateLoss: true)', () => {
  const run = (gradientScale: number, seed: number, surrogateLoss: boolean) =>
    checkEstimator(() => new JumpySurrogate({ dim: 6, gradientScale }), {
      seed,
      surrogateLoss,
      gradientEpsilon: 0.03, // wide enough that some differences straddle jumps
      only: ['gradient'],
    });

  it('without the option, jumps make the finite differences disagree (the reason for the option)', async () => {
    const statuses = [];
    for (let seed = 1; seed <= 8; seed++) statuses.push((await run(1, seed, false)).checks.find((c) => c.name === 'gradient')!.status);
    expect(statuses).toContain('fail');
  });

  it('with it, a correct surrogate gradient passes for every seed and the excluded jumps are reported', async () => {
    let excluded = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const report = await run(1, seed, true);
      expect(report.failures, formatConformanceReport(report)).toEqual([]);
      excluded += Number(/(\d+) difference\(s\) straddling jumps excluded/.exec(report.checks.find((c) => c.name === 'gradient')!.detail)![1]);
    }
    expect(excluded).toBeGreaterThan(0);
  });

  it('with it, a wrong surrogate gradient still fails', async () => {
    for (let seed = 1; seed <= 3; seed++) {
      const report = await run(1.5, seed, true);
      expect(report.checks.find((c) => c.name === 'gradient')!.status).toBe('fail');
      expect(report.checks.find((c) => c.name === 'gradient')!.detail).toMatch(/disagree/);
    }
  });
});
