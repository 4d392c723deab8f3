import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, getEstimatorFactory, initBackend, Rng, SequenceModel, ShapeError } from '@rnn-nade/core';
import { checkEstimator, expectArraysClose, formatConformanceReport } from '@rnn-nade/core/testing';
import { bernoulli, BERNOULLI_CLASS_NAME, BERNOULLI_CONFIG_KEYS, BernoulliEstimator, type BernoulliConfig } from '@rnn-nade/estimator-bernoulli';

beforeAll(async () => {
  await initBackend({ log: null });
});

describe('BernoulliEstimator', () => {
  it('computes log p and the loss by hand', () => {
    const est = bernoulli({ dim: 2 });
    // logits 0 and ln 3: p = 1/2 and 3/4
    const params = tf.tensor2d([
      [0, Math.log(3)],
      [0, Math.log(3)],
    ]);
    const x = tf.tensor2d([
      [1, 0],
      [0, 1],
    ]);
    const lp = est.logProb(params, x);
    const loss = est.loss(params, x);
    expectArraysClose(lp, [Math.log(0.5) + Math.log(0.25), Math.log(0.5) + Math.log(0.75)], 1e-6);
    expectArraysClose(loss, [-(Math.log(0.5) + Math.log(0.25)), -(Math.log(0.5) + Math.log(0.75))], 1e-6);
    tf.dispose([params, x, lp, loss]);
  });

  it('samples with temperature dividing the logits; the CPU sampler draws the same frames for the same rng', () => {
    const est = bernoulli({ dim: 4 });
    const logits = [2, -1, 0.5, 0];
    const params = tf.tensor2d([logits]);
    const cpu = est.createCpuSampler();
    const out = new Float32Array(4);
    const rngA = new Rng(7);
    const rngB = new Rng(7);
    for (let i = 0; i < 200; i++) {
      const t = tf.tidy(() => est.sample(params, { rng: rngA, temperature: 2 }));
      expect(Array.from(cpu.sample(Float32Array.from(logits), out, { rng: rngB, temperature: 2 }))).toEqual(Array.from(t.dataSync()));
      t.dispose();
    }
    expectArraysClose(
      cpu.lastConditionals!(),
      logits.map((l) => 1 / (1 + Math.exp(-l / 2))),
      1e-6,
    );
    // empirical frequency at T = 2 for logit 2 -> sigmoid(1) = 0.731
    const many = est.sample(tf.tensor2d(Array.from({ length: 4000 }, () => logits)), { rng: new Rng(1), temperature: 2 });
    const freq = tf.tidy(() => tf.mean(many, 0).dataSync());
    expect(Math.abs(freq[0]! - 1 / (1 + Math.exp(-1)))).toBeLessThan(0.03);
    tf.dispose([params, many]);
  });

  it('validates shapes, config and temperature', () => {
    expect(() => bernoulli({ dim: 0 })).toThrow(ConfigError);
    const est = bernoulli({ dim: 3 });
    const p = tf.zeros([2, 4]) as tf.Tensor2D;
    expect(() => est.logProb(p, tf.zeros([2, 4]) as tf.Tensor2D)).toThrow(ShapeError);
    expect(() => est.sample(tf.zeros([1, 3]) as tf.Tensor2D, { rng: new Rng(1), temperature: -1 })).toThrow(ConfigError);
    expect(() => est.createCpuSampler().sample(new Float32Array(2), new Float32Array(3), { rng: new Rng(1) })).toThrow(ShapeError);
    p.dispose();
  });

  it('is registered with alias and default config', () => {
    const f = getEstimatorFactory('bernoulli');
    expect(f.className).toBe(BERNOULLI_CLASS_NAME);
    expect(f.defaultConfig!(88)).toEqual({ dim: 88 });
    expect(f.fromConfig({ dim: 5 })).toBeInstanceOf(BernoulliEstimator);
  });

  it('passes the conformance kit', async () => {
    const report = await checkEstimator(() => bernoulli({ dim: 5 }));
    expect(report.failures, formatConformanceReport(report)).toEqual([]);
    expect(report.checks.filter((c) => c.status === 'pass').map((c) => c.name)).toEqual(
      expect.arrayContaining(['contract', 'normalisation', 'sampling', 'gradient', 'config-round-trip', 'leak']),
    );
  });

  it('trains inside a SequenceModel: a few Adam-free SGD steps lower the loss', () => {
    const model = SequenceModel.create({ encoder: { inputDim: 4, hidden: 6 }, estimator: bernoulli({ dim: 4 }), seed: 2 });
    const seq = { steps: 8, dim: 4, data: Float32Array.from({ length: 32 }, (_, i) => (i % 5 === 0 ? 1 : 0)) };
    const batch = { batchSize: 1, steps: 8, dim: 4, inputs: new Float32Array(32), targets: seq.data, mask: new Float32Array(8).fill(1), reset: true };
    batch.inputs.set(seq.data.subarray(0, 28), 4);
    const vars = Object.values(model.variables);
    const lossOf = () => {
      const r = model.batchLoss(batch, { training: false, rng: new Rng(0) });
      tf.dispose(r.finalState);
      const v = r.loss.dataSync()[0]!;
      r.loss.dispose();
      return v;
    };
    const start = lossOf();
    for (let i = 0; i < 30; i++) {
      const { value, grads } = tf.variableGrads(() => {
        const r = model.batchLoss(batch, { training: true, rng: new Rng(i) });
        tf.dispose(r.finalState);
        return r.loss;
      }, vars);
      tf.tidy(() => {
        for (const v of vars) v.assign(tf.sub(v, tf.mul(grads[v.name]!, 0.05)));
      });
      tf.dispose([value, ...Object.values(grads)]);
    }
    expect(lossOf()).toBeLessThan(start * 0.7);
    model.dispose();
  });
});

describe('BernoulliConfig keys', () => {
  it('rejects keys other than dim (e.g. a hidden size it does not have) with a typed error', () => {
    expect(() => new BernoulliEstimator({ dim: 4, hidden: 10 } as unknown as BernoulliConfig)).toThrow(
      'Bernoulli config has unknown key "hidden"; it accepts "dim".',
    );
    expect(BERNOULLI_CONFIG_KEYS).toEqual(['dim']);
  });
});
