import { describe, expect, it } from 'vitest';
import { chiSquarePValue, chiSquareTest, expectArraysClose } from '@rnn-nade/core/testing';
import { gammaQ, jsonEqual, logGamma, logSumExp } from './stats';

// Reference values from SciPy 1.x (scipy.stats.chi2.sf, scipy.special.gammaincc) and math.lgamma.
describe('stats', () => {
  it('logGamma matches math.lgamma', () => {
    expect(logGamma(5)).toBeCloseTo(3.178053830347945, 12);
    expect(logGamma(0.3)).toBeCloseTo(1.0957979948180752, 12);
    expect(logGamma(100.5)).toBeCloseTo(361.4355404677776, 9);
  });

  it('chi-square upper tail matches scipy.stats.chi2.sf', () => {
    expect(chiSquarePValue(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquarePValue(18.307038053275146, 10)).toBeCloseTo(0.05, 12);
    expect(chiSquarePValue(10, 10)).toBeCloseTo(0.44049328506521257, 12);
    expect(chiSquarePValue(0.5, 3)).toBeCloseTo(0.9188914116546758, 12);
    expect(chiSquarePValue(250, 200) / 0.009379131668826098).toBeCloseTo(1, 9);
    expect(chiSquarePValue(100, 50) / 3.454931382984871e-5).toBeCloseTo(1, 9);
  });

  it('gammaQ matches gammaincc and erfc', () => {
    expect(gammaQ(2.5, 0.1)).toBeCloseTo(0.9991138612111875, 12);
    expect(gammaQ(0.5, 1)).toBeCloseTo(0.15729920705028513, 12); // erfc(1)
    expect(gammaQ(1, 0)).toBe(1);
    expect(Number.isNaN(gammaQ(-1, 1))).toBe(true);
  });

  it('chiSquareTest computes Pearson statistics and pools rare cells', () => {
    const exact = chiSquareTest([10, 20, 30, 40], [0.1, 0.2, 0.3, 0.4]);
    expect(exact).toMatchObject({ stat: 0, df: 3, bins: 4 });
    expect(exact.pValue).toBeCloseTo(1, 12);
    const off = chiSquareTest([30, 20, 25, 25], [1, 1, 1, 1]); // probabilities are normalised
    expect(off.stat).toBeCloseTo(2, 12);
    expect(off.pValue).toBeCloseTo(0.5724067044708798, 12);
    const pooled = chiSquareTest([50, 45, 3, 2], [0.5, 0.45, 0.03, 0.02]);
    expect(pooled).toMatchObject({ bins: 3, df: 2 });
    expect(pooled.stat).toBeCloseTo(0, 12);
    const tooSmallPool = chiSquareTest([60, 39, 1], [0.6, 0.38, 0.02]); // pool of 2 merged into the smallest bin
    expect(tooSmallPool.bins).toBe(2);
    expect(tooSmallPool.stat).toBeCloseTo(0, 12);
    expect(chiSquareTest([0, 10], [1, 0])).toMatchObject({ stat: Infinity, pValue: 0 });
  });

  it('logSumExp is stable and jsonEqual ignores key order', () => {
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.log(2), 9);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(jsonEqual({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual([1, 2], { 0: 1, 1: 2 })).toBe(false);
  });
});

describe('expectArraysClose', () => {
  it('accepts arrays within tolerance (absolute near 0, relative for large values)', () => {
    expectArraysClose([1, 2, 1000], [1.000001, 2, 1000.004], 1e-5);
    expectArraysClose(new Float32Array([NaN, Infinity]), [NaN, Infinity]);
  });

  it('throws naming the first mismatching index', () => {
    expect(() => expectArraysClose([1, 2, 3, 4], [1, 2, 3.1, 5], 1e-3)).toThrow(/index 2 of 4: actual 3, expected 3.1/);
    expect(() => expectArraysClose([1, 2], [1, 2, 3])).toThrow(/lengths differ/);
    expect(() => expectArraysClose([NaN], [0])).toThrow(/index 0/);
    expect(() => expectArraysClose([Infinity], [-Infinity])).toThrow(/index 0/);
    expect(() => expectArraysClose([1], [1], -1)).toThrow(/tolerance/);
  });
});
