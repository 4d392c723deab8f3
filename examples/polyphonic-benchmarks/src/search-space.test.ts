import { Rng } from '@rnn-nade/core';
import { describe, expect, it } from 'vitest';
import { resolveRunConfig } from './run-config';
import { DEFAULT_SEARCH_SPACE, sampleConfigs, sampleDimension } from './search-space';

describe('search space', () => {
  it('samples only allowed values, keeps the fixed fields, and is repeatable', () => {
    const base = resolveRunConfig({ epochs: 7, corpus: 'jsb', estimator: 'nade' });
    const a = sampleConfigs(DEFAULT_SEARCH_SPACE, base, 40, new Rng(3));
    const b = sampleConfigs(DEFAULT_SEARCH_SPACE, base, 40, new Rng(3));
    expect(a).toEqual(b);
    for (const c of a) {
      expect(c.epochs).toBe(7);
      expect([100, 150, 200, 300]).toContain(c.hidden);
      expect([0, 4, 8, 16]).toContain(c.attentionWindow);
      expect([0, 6]).toContain(c.transpose);
      expect(c.lr).toBeGreaterThanOrEqual(5e-4);
      expect(c.lr).toBeLessThanOrEqual(5e-3);
    }
    expect(new Set(a.map((c) => JSON.stringify(c))).size).toBe(40);
    // both transposition settings and several hidden sizes actually occur
    expect(new Set(a.map((c) => c.transpose)).size).toBe(2);
    expect(new Set(a.map((c) => c.hidden)).size).toBeGreaterThan(2);
  });

  it('draws learning rates log-uniformly (median near the geometric mean)', () => {
    const rng = new Rng(11);
    const xs = Array.from({ length: 2001 }, () => sampleDimension({ logUniform: [1e-4, 1e-2] }, rng) as number).sort((p, q) => p - q);
    expect(xs[1000]!).toBeGreaterThan(6e-4);
    expect(xs[1000]!).toBeLessThan(1.6e-3);
  });

  it('rejects empty choices and bad ranges', () => {
    expect(() => sampleDimension({ choices: [] }, new Rng(0))).toThrow(RangeError);
    expect(() => sampleDimension({ logUniform: [0, 1] }, new Rng(0))).toThrow(RangeError);
  });
});
