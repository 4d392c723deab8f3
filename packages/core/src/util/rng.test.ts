import { describe, expect, it } from 'vitest';
import { Rng } from '@rnn-nade/core';

const take = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.nextUint32());

describe('Rng', () => {
  it('is xoshiro128** (reference outputs for state [1, 2, 3, 4], computed independently in Python)', () => {
    const rng = Rng.fromState([1, 2, 3, 4]);
    expect(take(rng, 6)).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
    expect(rng.getState()).toEqual([1110993931, 286554632, 2431677446, 2165318166]);
  });

  it('is repeatable: equal seeds give equal streams, different seeds differ', () => {
    expect(take(new Rng(42), 100)).toEqual(take(new Rng(42), 100));
    expect(take(new Rng(42), 100)).not.toEqual(take(new Rng(43), 100));
    expect(Array.from(new Rng(7).normals(50))).toEqual(Array.from(new Rng(7).normals(50)));
    expect(new Rng(0).getState().some((w) => w !== 0)).toBe(true);
  });

  it('round-trips its state through plain JSON', () => {
    const rng = new Rng(9);
    take(rng, 17);
    const saved = JSON.parse(JSON.stringify(rng.getState())) as number[];
    const resumed = Rng.fromState(saved);
    expect(take(resumed, 50)).toEqual(take(rng, 50));
    expect(() => Rng.fromState([1, 2, 3])).toThrow(RangeError);
  });

  it('uniforms lie in [0, 1) with mean 1/2 and variance 1/12', () => {
    const n = 200_000;
    const u = new Rng(1).uniform(n);
    let s = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of u) {
      s += v;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const mean = s / n;
    let ss = 0;
    for (const v of u) ss += (v - mean) ** 2;
    const variance = ss / (n - 1);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    // 5 standard errors: sd(mean) = sqrt(1/12/n) = 6.5e-4; sd(var) = sqrt((1/80 - 1/144)/n) = 1.7e-4
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * 6.5e-4);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * 1.7e-4);
  });

  it('normals have mean 0, variance 1 and the right tails', () => {
    const n = 200_000;
    const z = new Rng(2).normals(n);
    let s = 0;
    let ss = 0;
    let beyond2 = 0;
    for (const v of z) {
      s += v;
      ss += v * v;
      if (Math.abs(v) > 2) beyond2++;
    }
    expect(Math.abs(s / n)).toBeLessThan(5 * Math.sqrt(1 / n));
    expect(Math.abs(ss / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    // P(|Z| > 2) = 0.04550026; sd of the frequency = sqrt(p(1-p)/n) = 4.7e-4
    expect(Math.abs(beyond2 / n - 0.04550026)).toBeLessThan(5 * 4.7e-4);
  });

  it('int(n) is uniform on 0..n-1', () => {
    const rng = new Rng(3);
    const counts = new Array<number>(7).fill(0);
    const n = 70_000;
    for (let i = 0; i < n; i++) counts[rng.int(7)]!++;
    // chi-square with 6 df; P(chi2 > 22.46) = 0.001
    const chi2 = counts.reduce((a, c) => a + (c - n / 7) ** 2 / (n / 7), 0);
    expect(chi2).toBeLessThan(22.46);
  });

  it('shuffle is a reproducible permutation; fork gives an independent reproducible stream', () => {
    const a = new Rng(5).shuffle(Array.from({ length: 20 }, (_, i) => i));
    const b = new Rng(5).shuffle(Array.from({ length: 20 }, (_, i) => i));
    expect(a).toEqual(b);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(a).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
    const parent1 = new Rng(6);
    const parent2 = new Rng(6);
    const child1 = parent1.fork();
    const child2 = parent2.fork();
    expect(take(child1, 10)).toEqual(take(child2, 10));
    expect(take(parent1, 10)).toEqual(take(parent2, 10));
    expect(take(new Rng(6).fork(), 10)).not.toEqual(take(new Rng(6), 10));
  });
});
