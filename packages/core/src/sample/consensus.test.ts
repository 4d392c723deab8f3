import { beforeAll, describe, expect, it } from 'vitest';
import {
  completeSequence,
  consensusChoice,
  consensusFrame,
  ConfigError,
  frameAgreement,
  initBackend,
  registerEstimator,
  type SequenceData,
} from '@rnn-nade/core';
import { LogisticEstimator } from '../model/__fixtures__/logistic-estimator';
import { randomSequences, smallModel } from '../model/__fixtures__/helpers';

const seq = (steps: number, dim: number, bits: number[]): SequenceData => ({ steps, dim, data: Float32Array.from(bits) });

beforeAll(async () => {
  await initBackend({ log: null });
  registerEstimator({ className: '@rnn-nade/core-test>Logistic', fromConfig: (c) => new LogisticEstimator(c as { dim: number; withBias: boolean }) });
});

describe('frameAgreement', () => {
  it('is TP / (TP + FP + FN) pooled over the steps, symmetric, 1 for two silent sequences', () => {
    const a = seq(2, 3, [1, 0, 1, 0, 1, 0]);
    const b = seq(2, 3, [1, 1, 0, 0, 1, 0]);
    // step 0: TP 1 (key 0), FP/FN 2 (keys 1, 2); step 1: TP 1 → 2 / (2 + 2)
    expect(frameAgreement(a, b)).toBe(0.5);
    expect(frameAgreement(b, a)).toBe(0.5);
    expect(frameAgreement(a, a)).toBe(1);
    expect(frameAgreement(seq(1, 2, [0, 0]), seq(1, 2, [0, 0]))).toBe(1);
    expect(frameAgreement(seq(1, 2, [0, 0]), seq(1, 2, [0, 1]))).toBe(0);
    expect(() => frameAgreement(a, seq(3, 2, [0, 0, 0, 0, 0, 0]))).toThrow(/same shape, got \[2, 3\] and \[3, 2\]/);
  });
});

describe('consensusChoice', () => {
  it('keeps the candidate with the highest mean agreement with the others (hand-computed)', () => {
    const x = seq(1, 4, [1, 1, 0, 0]);
    const y = seq(1, 4, [1, 1, 1, 0]); // the middle one: 2/3 with x, 2/3 with z
    const z = seq(1, 4, [1, 0, 1, 0]); // x-z: 1/3
    const r = consensusChoice([x, y, z]);
    expect(r.index).toBe(1);
    expect(r.agreement[0]).toBeCloseTo((2 / 3 + 1 / 3) / 2, 12);
    expect(r.agreement[1]).toBeCloseTo(2 / 3, 12);
    expect(r.agreement[2]).toBeCloseTo((1 / 3 + 2 / 3) / 2, 12);
    expect(consensusChoice([x])).toEqual({ index: 0, agreement: [1] });
    expect(() => consensusChoice([])).toThrow(ConfigError);
  });
});

describe("completeSequence with select: 'consensus'", () => {
  it('returns the drawn candidate with the highest mean frame accuracy against the others', async () => {
    const D = 6;
    const model = smallModel({ inputDim: D, hidden: 7 });
    const [primer] = randomSequences(1, [8], D);
    const r = await completeSequence(model, { steps: 6, primer: primer!, seed: 5, candidates: 6, select: 'consensus' });
    const draws = await Promise.all(r.candidates.map((c) => model.sample({ steps: 6, primer: primer!, seed: c.seed })));
    const means = draws.map((d, i) => draws.reduce((t, e, j) => (j === i ? t : t + frameAgreement(d, e)), 0) / (draws.length - 1));
    for (const [i, c] of r.candidates.entries()) expect(c.agreement).toBeCloseTo(means[i]!, 12);
    const best = means.indexOf(Math.max(...means));
    expect(Array.from(r.sequence.data)).toEqual(Array.from(draws[best]!.data));
    expect(new Set(means).size).toBeGreaterThan(1);
    await expect(completeSequence(model, { steps: 2, select: 'nearest' as never })).rejects.toThrow(/select must be 'likelihood' or 'consensus'/);
    Object.defineProperty(model.estimator, 'domain', { value: 'real' }); // as an RNADE would say
    await expect(completeSequence(model, { steps: 2, candidates: 2, select: 'consensus' })).rejects.toThrow(/compares binary frames; .* models real frames/);
    model.dispose();
  });
});

describe('consensusFrame', () => {
  it('picks the row with the highest summed agreement with the other rows (hand-computed), first on ties', () => {
    // rows x = [1,1,0,0], y = [1,1,1,0], z = [1,0,1,0]: sums x 1, y 4/3, z 1
    expect(consensusFrame(Float32Array.from([1, 1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 0]), 3, 4)).toBe(1);
    // [1,0,0] agrees 0.5 with [1,1,0] and with [1,0,1], which agree 1/3 with each other
    expect(consensusFrame(Float32Array.from([1, 1, 0, 1, 0, 0, 1, 0, 1]), 3, 3)).toBe(1);
    // two silent rows agree 1; the silent row wins against a lone note
    expect(consensusFrame(Float32Array.from([0, 1, 0, 0, 0, 0]), 3, 2)).toBe(1);
    expect(consensusFrame(Float32Array.from([1, 0, 0, 1]), 2, 2)).toBe(0); // tie: the first
    expect(consensusFrame(Float32Array.from([1, 0]), 1, 2)).toBe(0);
    expect(() => consensusFrame(new Float32Array(5), 2, 3)).toThrow(/count x dim values/);
    expect(() => consensusFrame(new Float32Array(0), 0, 3)).toThrow(ConfigError);
  });
});

describe('model.sample with stepDraws (step-wise consensus)', () => {
  it('is near the mode: its frames agree with fresh draws better than plain draws do, on both paths alike', async () => {
    const D = 8;
    const model = smallModel({ inputDim: D, hidden: 6 });
    const [primer] = randomSequences(2, [6], D);
    const steps = 60;
    const plain = await model.sample({ steps, primer: primer!, seed: 1 });
    const consensus = await model.sample({ steps, primer: primer!, seed: 1, stepDraws: 9 });
    expect(Array.from((await model.sample({ steps, primer: primer!, seed: 1, stepDraws: 9, path: 'tensor' })).data)).toEqual(Array.from(consensus.data));
    expect(Array.from(consensus.data)).not.toEqual(Array.from(plain.data));
    // the expected frame accuracy of a decoding = its mean agreement with the model's own continuations of it
    const score = async (s: SequenceData) => {
      let total = 0;
      for (let t = 0; t < 12; t++) {
        for (let k = 0; k < 8; k++) {
          const history = { steps: primer!.steps + t, dim: D, data: Float32Array.from([...primer!.data, ...s.data.subarray(0, t * D)]) };
          const next = await model.sample({ steps: 1, primer: history, seed: 100 + 8 * t + k });
          total += frameAgreement(next, { steps: 1, dim: D, data: s.data.slice(t * D, (t + 1) * D) });
        }
      }
      return total / 96;
    };
    expect(await score(consensus)).toBeGreaterThan((await score(plain)) + 0.05);
    model.dispose();
  });

  it('rejects a bad count and real-valued frames', async () => {
    const model = smallModel({ inputDim: 4, hidden: 3 });
    await expect(model.sample({ steps: 2, stepDraws: 0 })).rejects.toThrow(/stepDraws must be an integer >= 1, got 0/);
    await expect(model.sample({ steps: 2, stepDraws: 1.5 })).rejects.toThrow(ConfigError);
    expect(Array.from((await model.sample({ steps: 5, seed: 2, stepDraws: 1 })).data)).toEqual(Array.from((await model.sample({ steps: 5, seed: 2 })).data));
    Object.defineProperty(model.estimator, 'domain', { value: 'real' });
    await expect(model.sample({ steps: 2, stepDraws: 3 })).rejects.toThrow(/stepDraws > 1 compares binary frames/);
    model.dispose();
  });
});
