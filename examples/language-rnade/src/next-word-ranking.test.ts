import { describe, expect, it } from 'vitest';
import { RankTally, rankOfTarget } from './next-word-ranking';

describe('rankOfTarget', () => {
  it('counts the words scored higher, plus half the ties (mid-rank)', () => {
    expect(rankOfTarget([0.1, 0.5, 0.3], 1)).toBe(1);
    expect(rankOfTarget([0.1, 0.5, 0.3], 2)).toBe(2);
    expect(rankOfTarget([0.1, 0.5, 0.3], 0)).toBe(3);
    // three words tied at the top: each has mid-rank 2
    expect(rankOfTarget([1, 1, 1, 0], 1)).toBe(2);
    expect(rankOfTarget([1, 1, 1, 0], 3)).toBe(4);
  });

  it('refuses a target outside the scored words', () => {
    expect(() => rankOfTarget([1, 2], 2)).toThrow(/outside the 2 scored words/);
  });
});

describe('RankTally', () => {
  it('gives top-1, top-10 and MRR of hand-checkable ranks', () => {
    // 12 words with log-densities 11, 10, ..., 0 (word i has rank i + 1)
    const scores = Float64Array.from({ length: 12 }, (_, i) => 11 - i);
    const t = new RankTally();
    for (const target of [0, 1, 3, 11]) t.addRow(scores, target); // ranks 1, 2, 4, 12
    const r = t.result();
    expect(r.positions).toBe(4);
    expect(r.top1).toBe(0.25);
    expect(r.top10).toBe(0.75);
    expect(r.mrr).toBeCloseTo((1 + 1 / 2 + 1 / 4 + 1 / 12) / 4, 12);
  });

  it('ranks every row of a [rows, V] matrix against its own target', () => {
    const t = new RankTally();
    // row 0: word 2 best (target 2, rank 1); row 1: word 0 best, target 1 second (rank 2)
    t.addRows(Float32Array.from([0, 1, 2, 3, 2, 1]), [2, 1], 3);
    expect(t.result()).toEqual({ positions: 2, top1: 0.5, top10: 1, mrr: 0.75 });
    expect(() => t.addRows(new Float32Array(5), [0, 1], 3)).toThrow(/2 targets × 3 words need 6/);
  });

  it('is all zeros when empty', () => {
    expect(new RankTally().result()).toEqual({ positions: 0, top1: 0, top10: 0, mrr: 0 });
  });
});
