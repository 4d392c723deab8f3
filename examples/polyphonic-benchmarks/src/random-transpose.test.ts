import { Rng, pitchesToSequence } from '@rnn-nade/core';
import { describe, expect, it } from 'vitest';
import { activeRange, keyShifts, randomKeyTransposition, randomTransposition } from './random-transpose';

describe('random transposition', () => {
  const seq = pitchesToSequence([[60, 64, 67], [], [62]]);
  const low = pitchesToSequence([[21, 25], [23]]);

  it('moves every note by one shift within ±max, keeping notes in range, repeatably', () => {
    const aug = randomTransposition(6);
    const shifts = new Set<number>();
    const rng = new Rng(5);
    for (let i = 0; i < 200; i++) {
      const [out] = aug([seq], rng);
      const [lo, hi] = activeRange(out!);
      const shift = lo - activeRange(seq)[0];
      expect(hi - lo).toBe(7);
      expect(Math.abs(shift)).toBeLessThanOrEqual(6);
      expect(out!.steps).toBe(3);
      shifts.add(shift);
    }
    expect(shifts.size).toBe(13);
    expect(aug([seq, low], new Rng(9))).toEqual(aug([seq, low], new Rng(9)));
  });

  it('never pushes notes out of the roll (lowest key can only go up)', () => {
    const aug = randomTransposition(6);
    const rng = new Rng(1);
    for (let i = 0; i < 100; i++) {
      const [out] = aug([low], rng);
      expect(activeRange(out!)[0]).toBeGreaterThanOrEqual(0);
    }
  });

  it('leaves silent sequences and maxShift 0 alone; rejects bad maxShift', () => {
    const silent = pitchesToSequence([[], []]);
    expect(randomTransposition(6)([silent], new Rng(0))[0]).toBe(silent);
    expect(randomTransposition(0)([seq], new Rng(0))[0]).toBe(seq);
    expect(() => randomTransposition(-1)).toThrow(RangeError);
  });

  it('moves each sequence to one of the 12 keys with equal frequency (all keys reachable)', () => {
    const aug = randomKeyTransposition();
    const counts = new Map<number, number>();
    const rng = new Rng(3);
    const n = 2400;
    for (let i = 0; i < n; i++) {
      const [out] = aug([seq], rng);
      const shift = activeRange(out!)[0] - activeRange(seq)[0];
      expect(shift).toBeGreaterThanOrEqual(-6);
      expect(shift).toBeLessThanOrEqual(5);
      counts.set(shift, (counts.get(shift) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
    // chi-square with 11 degrees of freedom: 31.3 is its 0.999 quantile
    const chi2 = [...counts.values()].reduce((a, c) => a + (c - n / 12) ** 2 / (n / 12), 0);
    expect(chi2).toBeLessThan(31.3);
  });

  it('reaches a key by the other octave when the near shift would leave the roll', () => {
    // notes at columns 2..5 of 88: shifts -6..-3 would go below 0, so +6..+9 are used instead
    expect(keyShifts(2, 5, 88)).toEqual([6, 7, 8, 9, -2, -1, 0, 1, 2, 3, 4, 5]);
    // a piece spanning columns 0..80 fits shifts 0..7 only: 8 of the 12 keys (-6 and -5 as +6 and +7)
    expect(keyShifts(0, 80, 88)).toEqual([6, 7, 0, 1, 2, 3, 4, 5]);
    const aug = randomKeyTransposition();
    const rng = new Rng(2);
    for (let i = 0; i < 50; i++) {
      const [out] = aug([low], rng);
      expect(activeRange(out!)[0]).toBeGreaterThanOrEqual(0);
    }
    const silent = pitchesToSequence([[], []]);
    expect(aug([silent], rng)[0]).toBe(silent);
  });
});
