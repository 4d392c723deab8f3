import { describe, expect, it } from 'vitest';
import type { SequenceData } from '@rnn-nade/core';
import { diagonalGaussianNll, fitDiagonalGaussian } from './diagonal-gaussian';

const seq = (rows: number[][]): SequenceData => ({ steps: rows.length, dim: rows[0]!.length, data: Float32Array.from(rows.flat()) });

describe('diagonal Gaussian baseline', () => {
  it('fits the ML mean and standard deviation per dimension', () => {
    const g = fitDiagonalGaussian(
      [
        seq([
          [1, 10],
          [3, 10],
        ]),
        seq([[5, 10]]),
      ],
      { minSigma: 0.5 },
    );
    expect(Array.from(g.mean)).toEqual([3, 10]);
    expect(g.sigma[0]).toBeCloseTo(Math.sqrt(8 / 3), 12); // 1/N variance of 1, 3, 5
    expect(g.sigma[1]).toBe(0.5); // zero variance floored at minSigma
  });

  it('scores the pooled NLL per frame against a hand computation', () => {
    const g = { mean: Float64Array.from([0, 1]), sigma: Float64Array.from([1, 2]) };
    const x = [
      [0.5, -1],
      [2, 1],
    ];
    const logN = (v: number, m: number, s: number) => -0.5 * Math.log(2 * Math.PI) - Math.log(s) - 0.5 * ((v - m) / s) ** 2;
    const expected = -x.reduce((a, [u, v]) => a + logN(u!, 0, 1) + logN(v!, 1, 2), 0) / 2;
    expect(diagonalGaussianNll(g, [seq(x)])).toBeCloseTo(expected, 10);
  });

  it('rejects empty input and mismatched dims', () => {
    expect(() => fitDiagonalGaussian([])).toThrow(/at least one sequence/);
    expect(() => fitDiagonalGaussian([seq([[1, 2]]), seq([[1]])])).toThrow(/dim/);
  });
});
