import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, initBackend } from '@rnn-nade/core';
import { AdamOptimizer, SgdOptimizer, createOptimizer } from '@rnn-nade/core/advanced';
import { expectArraysClose } from '@rnn-nade/core/testing';

beforeAll(async () => {
  await initBackend({ log: null });
});

/** Deterministic pseudo-gradients for step k (independent of the weights). */
const gradAt = (k: number, n: number) => Array.from({ length: n }, (_, i) => Math.sin(1.3 * k + 0.7 * i) * (i % 3 === 0 ? 10 : 0.1));

function runTf(opt: AdamOptimizer | SgdOptimizer, w0: number[], steps: number, lr: (k: number) => number, from = 0) {
  const vars = { w: tf.tidy(() => tf.variable(tf.tensor1d(w0))) };
  for (let k = from; k < from + steps; k++) {
    const g = tf.tensor1d(gradAt(k, w0.length));
    opt.apply(vars, { w: g }, lr(k));
    g.dispose();
  }
  const out = Float32Array.from(vars.w.dataSync() as Float32Array);
  vars.w.dispose();
  return out;
}

/** Float64 Adam / AdamW in PyTorch's form, written out independently of the tfjs code. */
function adamReference(w0: number[], steps: number, lr: (k: number) => number, o: { beta2: number; weightDecay: number }): number[] {
  const [b1, b2, eps] = [0.9, o.beta2, 1e-8];
  const w = [...w0];
  const m = w0.map(() => 0);
  const v = w0.map(() => 0);
  for (let k = 0; k < steps; k++) {
    const g = gradAt(k, w0.length);
    for (let i = 0; i < w.length; i++) {
      w[i] = w[i]! * (1 - lr(k) * o.weightDecay);
      m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
      v[i] = b2 * v[i]! + (1 - b2) * g[i]! * g[i]!;
      const mh = m[i]! / (1 - b1 ** (k + 1));
      const vh = v[i]! / (1 - b2 ** (k + 1));
      w[i] = w[i]! - (lr(k) * mh) / (Math.sqrt(vh) + eps);
    }
  }
  return w;
}

describe('AdamOptimizer', () => {
  it('matches an independent float64 Adam (PyTorch form) over 20 steps', () => {
    const w0 = [0.5, -1, 2, 0, 3, -0.25, 1e-3];
    const lr = (k: number) => 0.01 * 0.9 ** k;
    const w = adamReference(w0, 20, lr, { beta2: 0.99, weightDecay: 0 });
    const before = tf.memory().numTensors;
    const opt = new AdamOptimizer({ kind: 'adam', beta2: 0.99 });
    const got = runTf(opt, w0, 20, lr);
    expect(opt.step).toBe(20);
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expectArraysClose(got, w, 2e-5);
    // the weights really moved (so the comparison is not vacuous)
    expect(Math.abs(got[0]! - w0[0]!)).toBeGreaterThan(0.01);
  });

  it('with weightDecay is AdamW: matches an independent float64 AdamW (PyTorch form)', () => {
    const w0 = [0.5, -1, 2, 0, 3, -0.25, 1e-3];
    const lr = (k: number) => 0.05 * 0.9 ** k;
    const w = adamReference(w0, 20, lr, { beta2: 0.999, weightDecay: 0.5 });
    const plain = adamReference(w0, 20, lr, { beta2: 0.999, weightDecay: 0 });
    const before = tf.memory().numTensors;
    const opt = new AdamOptimizer({ kind: 'adam', weightDecay: 0.5 });
    expect(opt.config.weightDecay).toBe(0.5);
    const got = runTf(opt, w0, 20, lr);
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expectArraysClose(got, w, 2e-5);
    // the decay changed the result: weight 4 (3.0) ends measurably closer to zero than plain Adam's
    expect(plain[4]! - w[4]!).toBeGreaterThan(0.1);
    expect(Math.abs(got[4]!)).toBeLessThan(Math.abs(plain[4]!) - 0.1);
  });

  it('continues bit-identically after getState / setState into a fresh optimizer', () => {
    const w0 = [1, 2, 3, 4];
    const straight = runTf(new AdamOptimizer(), w0, 10, () => 0.05);
    const a = new AdamOptimizer();
    const vars = { w: tf.tidy(() => tf.variable(tf.tensor1d(w0))) };
    for (let k = 0; k < 6; k++) tf.tidy(() => a.apply(vars, { w: tf.tensor1d(gradAt(k, 4)) }, 0.05));
    const state = a.getState();
    const mid = Array.from(vars.w.dataSync());
    a.dispose();
    vars.w.dispose();
    expect(Object.keys(state.slots).sort()).toEqual(['m/w', 'v/w']);
    expect(state.step).toBe(6);
    const b = new AdamOptimizer();
    b.setState(JSON.parse(JSON.stringify({ ...state, slots: {} })) as typeof state); // plain JSON survives too
    b.setState(state);
    const resumed = runTf(b, mid, 4, () => 0.05, 6);
    b.dispose();
    expect(Array.from(resumed)).toEqual(Array.from(straight));
  });

  it('rejects a state of another kind and invalid hyper-parameters', () => {
    const sgd = new SgdOptimizer();
    expect(() => new AdamOptimizer().setState(sgd.getState())).toThrow(ConfigError);
    expect(() => createOptimizer({ kind: 'adam', beta1: 1 })).toThrow(/beta1/);
    expect(() => createOptimizer({ kind: 'adam', epsilon: 0 })).toThrow(ConfigError);
    expect(() => createOptimizer({ kind: 'adam', weightDecay: -0.1 })).toThrow(/weightDecay/);
    expect(() => createOptimizer({ kind: 'adam', weightDecay: Number.NaN })).toThrow(/weightDecay/);
    expect(new AdamOptimizer().config.weightDecay).toBe(0);
    expect(() => createOptimizer({ kind: 'rmsprop' } as never)).toThrow(/Valid: sgd, adam/);
  });
});

describe('SgdOptimizer', () => {
  for (const nesterov of [false, true]) {
    it(`matches a float64 reference with momentum 0.9${nesterov ? ' (Nesterov)' : ''}`, () => {
      const w0 = [0.3, -0.7, 1.1];
      const w = [...w0];
      const buf = w0.map(() => 0);
      for (let k = 0; k < 15; k++) {
        const g = gradAt(k, 3);
        for (let i = 0; i < 3; i++) {
          buf[i] = 0.9 * buf[i]! + g[i]!;
          w[i] = w[i]! - 0.01 * (nesterov ? g[i]! + 0.9 * buf[i]! : buf[i]!);
        }
      }
      const opt = createOptimizer({ kind: 'sgd', momentum: 0.9, nesterov });
      const got = runTf(opt as SgdOptimizer, w0, 15, () => 0.01);
      opt.dispose();
      expectArraysClose(got, w, 1e-5);
    });
  }

  it('is plain gradient descent with momentum 0 and keeps no slots', () => {
    const opt = new SgdOptimizer({ kind: 'sgd', momentum: 0 });
    const got = runTf(opt, [1, 1], 1, () => 0.5);
    expectArraysClose(got, [1 - 0.5 * gradAt(0, 2)[0]!, 1 - 0.5 * gradAt(0, 2)[1]!], 1e-6);
    expect(opt.getState().slots).toEqual({});
  });
});
