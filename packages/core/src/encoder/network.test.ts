import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, makeBatches, Rng, type EncoderConfig } from '@rnn-nade/core';
import { disposeState, setEncoderImplementation, type EncoderImplementation } from '@rnn-nade/core/advanced';
import { expectArraysClose } from '@rnn-nade/core/testing';
import { randomSequences, smallModel, weights64 } from '../model/__fixtures__/helpers';
import { referenceForward } from '../model/__fixtures__/reference-network';

beforeAll(async () => {
  await initBackend({ log: null });
});

const D = 5;
const CONFIGS: Array<Partial<EncoderConfig> & { inputDim: number }> = [
  { inputDim: D, hidden: 4, layers: 1 },
  { inputDim: D, hidden: 4, layers: 2, attentionWindow: 3, projectionHidden: 3 },
  { inputDim: D, hidden: 3, layers: 1, attentionWindow: 1 },
  { inputDim: D, cell: 'rnn', hidden: 4, layers: 1 },
  { inputDim: D, cell: 'rnn', hidden: 4, layers: 2, attentionWindow: 3, projectionHidden: 3 },
  { inputDim: D, hidden: 4, layers: 1, attentionWindow: 2, inputSkip: true },
  { inputDim: D, cell: 'rnn', hidden: 3, layers: 2, projectionHidden: 3, inputSkip: true },
  { inputDim: D, hidden: 4, layers: 2, attentionWindow: 3, projectionHidden: 3, inputSkip: true, inputSkipGate: true },
];

function paramsOf(model: ReturnType<typeof smallModel>, frames: Float32Array, steps: number, batch = 1): Float32Array {
  // inputs [L, B, D] time-major, every row the same sequence
  const x = new Float32Array(steps * batch * D);
  for (let t = 1; t < steps; t++) for (let b = 0; b < batch; b++) x.set(frames.subarray((t - 1) * D, t * D), (t * batch + b) * D);
  const state = model.network.initialState(batch);
  const out = model.network.forward(tf.tensor3d(x, [steps, batch, D]), state, { training: false });
  const data = out.params.dataSync() as Float32Array;
  tf.dispose(out.params);
  disposeState(out.state);
  disposeState(state);
  return data;
}

const IMPLS: EncoderImplementation[] = ['tensor', 'cpu'];
const withImpl = <T>(impl: EncoderImplementation, f: () => T): T => {
  const previous = setEncoderImplementation(impl);
  try {
    return f();
  } finally {
    setEncoderImplementation(previous);
  }
};

describe('EncoderNetwork forward', () => {
  const cases = IMPLS.flatMap((impl) => CONFIGS.map((cfg) => ({ impl, cfg })));
  it.each(cases)('matches an independent float64 reference ($impl, $cfg)', ({ impl, cfg }) => {
    const model = smallModel(cfg);
    const [seq] = randomSequences(1, [6], D);
    const ref = referenceForward(model.encoderConfig, D, weights64(model), seq!.data, 6);
    const got = withImpl(impl, () => tf.tidy(() => paramsOf(model, seq!.data, 6)));
    expectArraysClose(got, ref.params.flat(), 1e-5);
    model.dispose();
  });

  it('has the documented output and state shapes and leaks no tensor', () => {
    const before = tf.memory().numTensors;
    const model = smallModel({ inputDim: D, hidden: 4, layers: 2, attentionWindow: 3 });
    const state = model.network.initialState(2);
    expect(state.map((t) => t.shape)).toEqual([
      [2, 4],
      [2, 4],
      [2, 4],
      [2, 4],
      [2, 2, 4],
      [2, 2],
    ]);
    const out = tf.tidy(() => {
      const r = model.network.forward(tf.zeros([7, 2, D]) as tf.Tensor3D, state, { training: false });
      return { params: tf.keep(r.params), state: r.state };
    });
    expect(out.params.shape).toEqual([14, D]);
    expect(out.state.map((t) => t.shape)).toEqual(state.map((t) => t.shape));
    tf.dispose(out.params);
    disposeState(out.state);
    disposeState(state);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each(IMPLS)('plain RNN (%s): one state tensor per layer, carried chunks equal one pass, no leak (training with dropout too)', (impl) => {
    withImpl(impl, () => {
      const before = tf.memory().numTensors;
      const model = smallModel({ inputDim: D, cell: 'rnn', hidden: 4, layers: 2, attentionWindow: 2, dropout: 0.3 });
      const state = model.network.initialState(2);
      expect(state.map((t) => t.shape)).toEqual([
        [2, 4],
        [2, 4],
        [1, 2, 4],
        [1, 2],
      ]);
      const [seq] = randomSequences(9, [8], D);
      const { whole, chunked } = tf.tidy(() => {
        const x = tf.tensor3d(
          Float32Array.from({ length: 8 * 2 * D }, (_, i) => seq!.data[i % seq!.data.length]!),
          [8, 2, D],
        );
        const all = model.network.forward(x, state, { training: false });
        const a = model.network.forward(tf.slice(x, [0, 0, 0], [5, 2, D]) as tf.Tensor3D, state, { training: false });
        const b = model.network.forward(tf.slice(x, [5, 0, 0], [3, 2, D]) as tf.Tensor3D, a.state, { training: false });
        [all.state, a.state, b.state].forEach(disposeState);
        return { whole: all.params.dataSync().slice(5 * 2 * D), chunked: b.params.dataSync().slice() };
      });
      expectArraysClose(chunked, whole, 1e-5);
      const [batch] = makeBatches(randomSequences(2, [6, 4], D), { batchSize: 2 });
      const r = model.batchLoss(batch!, { training: true, rng: new Rng(1) });
      expect(Number.isFinite(r.loss.dataSync()[0]!)).toBe(true);
      r.loss.dispose();
      [state, r.finalState].forEach(disposeState);
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});

describe('EncoderNetwork gradient', () => {
  const gradCases = IMPLS.flatMap((impl) =>
    (['lstm', 'rnn'] as const).flatMap((cell) => (['none', 'linear', 'gated'] as const).map((skip) => ({ impl, cell, skip }))),
  );
  it.each(gradCases)(
    'matches central finite differences of the float64 reference ($impl $cell, input skip $skip; 2 layers, attention, ReLU projection, padding)',
    ({ impl, cell, skip }) => {
      const previous = setEncoderImplementation(impl);
      const before = tf.memory().numTensors;
      const model = smallModel({
        inputDim: D,
        cell,
        hidden: 3,
        layers: 2,
        attentionWindow: 3,
        projectionHidden: 3,
        inputSkip: skip !== 'none',
        inputSkipGate: skip === 'gated',
      });
      const seqs = randomSequences(2, [5, 3], D, 0.4);
      const [batch] = makeBatches(seqs, { batchSize: 2 });
      const names = Object.keys(model.variables);
      const { value, grads } = tf.variableGrads(
        () => {
          const r = model.batchLoss(batch!, { training: false, rng: new Rng(0) });
          disposeState(r.finalState);
          return r.loss;
        },
        names.map((n) => model.variables[n]!),
      );
      const w = weights64(model);
      const refLoss = (ws: Record<string, Float64Array>) =>
        seqs.reduce((acc, s) => acc + referenceForward(model.encoderConfig, D, ws, s.data, s.steps, ws['estimator/b']).loss, 0);
      expect(value.dataSync()[0]).toBeCloseTo(refLoss(w), 3);
      const rng = new Rng(5);
      let checked = 0;
      names.forEach((name, k) => {
        const g = grads[model.variables[name]!.name]!.dataSync();
        const arr = w[name]!;
        for (let trial = 0; trial < Math.min(6, arr.length); trial++) {
          const i = rng.int(arr.length);
          const eps = 1e-5;
          const orig = arr[i]!;
          arr[i] = orig + eps;
          const up = refLoss(w);
          arr[i] = orig - eps;
          const down = refLoss(w);
          arr[i] = orig;
          const fd = (up - down) / (2 * eps);
          expect(Math.abs(g[i]! - fd), `${name}[${i}] analytic ${g[i]} vs fd ${fd} (#${k})`).toBeLessThan(2e-4 * Math.max(1, Math.abs(fd)));
          checked++;
        }
      });
      expect(checked).toBeGreaterThan(40);
      value.dispose();
      tf.dispose(Object.values(grads));
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
      setEncoderImplementation(previous);
    },
  );
});

describe('causality', () => {
  it.each([
    { inputDim: D, hidden: 4, layers: 2 },
    { inputDim: D, hidden: 4, layers: 2, attentionWindow: 4 },
  ])('changing frames >= t0 never changes params at steps <= t0 (%o)', (cfg) => {
    const model = smallModel(cfg);
    const [a] = randomSequences(4, [8], D);
    const b = Float32Array.from(a!.data);
    const t0 = 4;
    for (let i = t0 * D; i < b.length; i++) b[i] = 1 - b[i]!; // flip every frame from t0 on
    const pa = paramsOf(model, a!.data, 8);
    const pb = paramsOf(model, b, 8);
    expectArraysClose(pb.subarray(0, (t0 + 1) * D), pa.subarray(0, (t0 + 1) * D), 1e-6);
    // ...while later params do change (the check could fail)
    let diff = 0;
    for (let i = (t0 + 1) * D; i < pa.length; i++) diff = Math.max(diff, Math.abs(pa[i]! - pb[i]!));
    expect(diff).toBeGreaterThan(1e-3);
    model.dispose();
  });
});

describe('dropout', () => {
  it('is off at evaluation (deterministic) and on in training (seeded masks)', () => {
    const model = smallModel({ inputDim: D, hidden: 6, layers: 2, attentionWindow: 2, dropout: 0.5 });
    const [batch] = makeBatches(randomSequences(6, [6, 6], D), { batchSize: 2 });
    const loss = (training: boolean, seed: number) => {
      const r = model.batchLoss(batch!, { training, rng: new Rng(seed) });
      disposeState(r.finalState);
      const v = r.loss.dataSync()[0]!;
      r.loss.dispose();
      return v;
    };
    expect(loss(false, 1)).toBe(loss(false, 2));
    expect(loss(true, 1)).toBe(loss(true, 1));
    expect(loss(true, 1)).not.toBe(loss(true, 2));
    expect(loss(true, 1)).not.toBe(loss(false, 1));
    model.dispose();
  });
});
