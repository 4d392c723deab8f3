import { describe, expect, it } from 'vitest';
import {
  buildConditioning,
  conditioningChannels,
  conditioningLayout,
  ConditioningError,
  Rng,
  suppliedSpec,
  validateConditioningSpec,
  withDerivedConditioning,
  type ConditioningSpec,
  type SequenceData,
} from '@rnn-nade/core';
import { expandConditioning, writeLookbackChannels } from '@rnn-nade/core/advanced';

const D = 3;
const spec: ConditioningSpec = {
  features: [
    { kind: 'metric', stepsPerBeat: 2, beatsPerBar: 2 },
    { kind: 'lookback', lags: [2, 5], repeats: true, dim: D },
    { kind: 'label', name: 'style', classes: ['a', 'b'] },
  ],
};
const C = 4 + 2 * D + 2 + 2;

function randomFrames(seed: number, steps: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: steps * D }, () => (rng.next() < 0.4 ? 1 : 0));
}

/** Row t of a conditioning array. */
const row = (data: Float32Array, t: number, channels: number) => [...data.subarray(t * channels, (t + 1) * channels)];

describe('lookback feature: spec and channel layout', () => {
  it('has lags.length * dim (+ lags.length with repeats) channels, placed among the other features in order', () => {
    expect(conditioningChannels(spec)).toBe(C);
    expect(conditioningLayout(spec).map((s) => [s.offset, s.channels])).toEqual([
      [0, 4],
      [4, 2 * D + 2],
      [4 + 2 * D + 2, 2],
    ]);
    expect(conditioningChannels({ features: [{ kind: 'lookback', lags: [16, 32], dim: 88 }] })).toBe(176);
  });

  it('validation sets dim from the frame size and rejects bad lags, dims and a second lookback', () => {
    const v = validateConditioningSpec({ features: [{ kind: 'lookback', lags: [4] }] }, { frameDim: 7 });
    expect(v.features[0]).toEqual({ kind: 'lookback', lags: [4], repeats: false, dim: 7 });
    const bad =
      (f: object, frameDim = 7) =>
      () =>
        validateConditioningSpec({ features: [f] }, { frameDim });
    expect(bad({ kind: 'lookback', lags: [] })).toThrow(/"lags" must be a non-empty array of integers >= 1/);
    expect(bad({ kind: 'lookback', lags: [0] })).toThrow(/integers >= 1, got \[0\]/);
    expect(bad({ kind: 'lookback', lags: [2, 2] })).toThrow(/lists a lag twice/);
    expect(bad({ kind: 'lookback', lags: [2], repeats: 1 })).toThrow(/"repeats" must be a boolean/);
    expect(bad({ kind: 'lookback', lags: [2], dim: 5 })).toThrow(/"dim" is 5 but the frames have 7 values/);
    expect(() =>
      validateConditioningSpec({
        features: [
          { kind: 'lookback', lags: [1] },
          { kind: 'lookback', lags: [2] },
        ],
      }),
    ).toThrow(/more than one lookback feature/);
    expect(() => conditioningChannels({ features: [{ kind: 'lookback', lags: [1] }] })).toThrow(ConditioningError);
    expect(suppliedSpec(spec)!.features.map((f) => f.kind)).toEqual(['metric', 'label']);
    expect(suppliedSpec({ features: [{ kind: 'lookback', lags: [1], dim: 1 }] })).toBeNull();
  });
});

describe('lookback rows', () => {
  it('row t is frame t-2, frame t-5 (zeros before the start), then the repeat bits of frame t-1', () => {
    const T = 9;
    const frames = randomFrames(1, T);
    frames.set(frames.subarray(1 * D, 2 * D), 3 * D); // frame 3 = frame 1: row 4 has repeat bit (lag 2) = 1
    const rows = buildConditioning(spec, { steps: T, labels: { style: 'b' }, frames });
    const frame = (t: number) => (t < 0 ? [0, 0, 0] : [...frames.subarray(t * D, (t + 1) * D)]);
    for (let t = 0; t < T; t++) {
      const same = (lag: number) => (t - 1 - lag >= 0 && frame(t - 1).every((v, d) => v === frame(t - 1 - lag)[d]) ? 1 : 0);
      expect(row(rows.data, t, C).slice(4, 4 + 2 * D + 2), `row ${t}`).toEqual([...frame(t - 2), ...frame(t - 5), same(2), same(5)]);
    }
    expect(row(rows.data, 4, C)[4 + 2 * D]).toBe(1);
    expect(row(rows.data, 0, C)).toEqual([1, 0, 1, 0, ...Array<number>(2 * D + 2).fill(0), 0, 1]);
    expect(() => buildConditioning(spec, { steps: T, labels: { style: 'b' } })).toThrow(/lookback feature needs the frames/);
  });

  it('is causal: changing frame t changes rows after t only', () => {
    const T = 12;
    const frames = randomFrames(2, T);
    const base = buildConditioning(spec, { steps: T, labels: { style: 'a' }, frames }).data;
    for (const t of [0, 4, 11]) {
      const changed = Float32Array.from(frames);
      for (let d = 0; d < D; d++) changed[t * D + d] = 1 - changed[t * D + d]!;
      const rows = buildConditioning(spec, { steps: T, labels: { style: 'a' }, frames: changed }).data;
      for (let u = 0; u <= t; u++) expect(row(rows, u, C), `row ${u} after changing frame ${t}`).toEqual(row(base, u, C));
      if (t + 2 < T) expect(row(rows, t + 2, C)).not.toEqual(row(base, t + 2, C));
    }
    // writeLookbackChannels never reads frame t itself: a NaN there does not reach row t
    const poisoned = Float32Array.from(frames);
    poisoned.fill(Number.NaN, 6 * D);
    const out = new Float32Array(2 * D + 2);
    writeLookbackChannels(spec.features[1] as never, poisoned, 6, out, 0);
    expect(out.every(Number.isFinite)).toBe(true);
  });

  it('withDerivedConditioning inserts the lookback channels among the supplied ones, and keeps full rows as they are', () => {
    const T = 10;
    const frames = randomFrames(3, T);
    const supplied = buildConditioning(suppliedSpec(spec)!, { steps: T, startStep: 1, labels: { style: 'b' } });
    const seq: SequenceData = { steps: T, dim: D, data: frames, conditioning: supplied };
    const full = withDerivedConditioning(spec, seq);
    expect(full.conditioning!.channels).toBe(C);
    expect([...full.conditioning!.data]).toEqual([...buildConditioning(spec, { steps: T, startStep: 1, labels: { style: 'b' }, frames }).data]);
    expect(withDerivedConditioning(spec, full)).toBe(full);
    const plain: SequenceData = { steps: T, dim: D, data: frames };
    expect(withDerivedConditioning(suppliedSpec(spec), plain)).toBe(plain);
    const only: ConditioningSpec = { features: [{ kind: 'lookback', lags: [1], dim: D }] };
    expect([...withDerivedConditioning(only, plain).conditioning!.data]).toEqual([0, 0, 0, ...frames.subarray(0, (T - 1) * D)]);
    expect(() => withDerivedConditioning(spec, { ...seq, conditioning: { channels: 5, data: new Float32Array(T * 5) } }, 'sequence 7')).toThrow(
      /sequence 7 must carry 6 channels \(the other features\) or all 14, but it has 5/,
    );
    expect(() => expandConditioning(spec, undefined, T, frames, 'the primer')).toThrow(/the primer must carry 6 channels/);
  });
});
